/// The outcome of the largest-consistent-subset search (Cox 2007): the subset, its χ², and how
/// it was chosen among the other consistent subsets of the same size.
///
/// A subset is consistent when the χ² of its weighted mean passes the Procedure A test,
/// χ² ≤ χ²₀.₉₅(k − 1) for k results. The largest consistent subset (LCS) is the consistent
/// subset of the largest size; among several, Cox picks the one of smallest χ², metRology's
/// `LCS(simplify = TRUE)` the one of smallest u(y) (``smallestUncertaintyAlternative``, reported
/// when it differs). M. G. Cox, Metrologia 44 (2007) 187.
///
/// It encodes under `details.largestConsistentSubset` in the evaluation JSON, with the field
/// names of the validation set's expected figures.
public struct ConsistentSubsetSearch: Sendable, Hashable, Codable {
    /// A consistent subset of the same size chosen by another rule.
    public struct Alternative: Sendable, Hashable, Codable {
        /// Its laboratories, in result order.
        public var members: [LaboratoryID]
        /// Its weighted mean y.
        public var value: Double
        /// u(y).
        public var standardUncertainty: Double
        /// χ² of its weighted mean.
        public var chiSquared: Double

        public init(members: [LaboratoryID], value: Double, standardUncertainty: Double, chiSquared: Double) {
            self.members = members
            self.value = value
            self.standardUncertainty = standardUncertainty
            self.chiSquared = chiSquared
        }
    }

    /// k, the number of laboratories in the subset.
    public var size: Int
    /// The laboratories of the subset, in result order.
    public var members: [LaboratoryID]
    /// The laboratories that were included in the reference value but are not in the subset.
    public var excluded: [LaboratoryID]
    /// χ² of the subset's weighted mean (0 for a single result).
    public var chiSquared: Double
    /// χ²_{1−α}(k − 1), the bound the subset passes (nil for a single result: nothing to test).
    public var criticalValue: Double?
    /// The number of consistent subsets of size k; nil when counting them would have taken
    /// more than the search's node budget (the subset itself is exact either way).
    public var consistentSubsetsOfThisSize: Int?
    /// The smallest χ² among the other consistent subsets of size k, when there are any.
    public var runnerUpChiSquared: Double?
    /// The consistent subset of size k with the smallest u(y), when it differs from ``members``.
    public var smallestUncertaintyAlternative: Alternative?
    /// The work done, to compare with the 2ⁿ subsets of an enumeration: the candidate subsets of
    /// the sweep (rankings × n) plus the nodes of the branch-and-bound count.
    public var subsetsExamined: Int

    public init(
        size: Int, members: [LaboratoryID], excluded: [LaboratoryID], chiSquared: Double, criticalValue: Double?,
        consistentSubsetsOfThisSize: Int?, runnerUpChiSquared: Double?, smallestUncertaintyAlternative: Alternative?,
        subsetsExamined: Int
    ) {
        self.size = size
        self.members = members
        self.excluded = excluded
        self.chiSquared = chiSquared
        self.criticalValue = criticalValue
        self.consistentSubsetsOfThisSize = consistentSubsetsOfThisSize
        self.runnerUpChiSquared = runnerUpChiSquared
        self.smallestUncertaintyAlternative = smallestUncertaintyAlternative
        self.subsetsExamined = subsetsExamined
    }
}
