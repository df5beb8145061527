import LinearAlgebra
import Uncertainty

/// Cox 2007: the weighted mean of the largest subset of the included results that passes the
/// Procedure A χ² test, the subset of smallest χ² among those of that size.
///
/// A subset S of k results is consistent when χ²(S) = Σ_S (x_i − y_S)²/u_i² ≤ χ²₀.₉₅(k − 1), y_S
/// its weighted mean (rᵀV⁻¹r and the GLS mean with correlations). The largest consistent subset
/// (LCS) is a consistent subset of the largest possible size; among several, the one of smallest
/// χ² (M. G. Cox, "The evaluation of key comparison data: determining the largest consistent
/// subset", Metrologia 44 (2007) 187). The reference value is y_S with u(y_S), the consistency
/// check is that of S, and every laboratory receives a degree of equivalence: the members as
/// included (u²(d_i) = u_i² − u²(y)), the others as excluded (u_i² + u²(y)), as Procedure A.
///
/// The search is exact — not the sequential removal of the largest |E_n|, which can return a
/// smaller subset — and needs no enumeration of 2ⁿ subsets:
/// - independent results: the smallest χ² of every size comes from a sweep over the reference
///   value (``ChiSquaredSweep``, O(n³)); the LCS size is the largest k whose smallest χ² passes;
/// - the consistent subsets of that size are then counted by branch and bound (a subset's χ² is
///   at least that of any of its subsets, and adding j raises χ² by at least its own increment),
///   giving the number of ties, the runner-up χ² and metRology's smallest-u(y) alternative; a
///   budget of ``countingBudget`` nodes bounds this count, which is then omitted, never guessed;
/// - correlated results: the same branch and bound on the GLS χ², from the full size down.
///
/// With no consistent pair, every single result is "consistent"; the one of smallest u is taken
/// and the notes say so. metRology's `LCS` and the NIST tools warn that such selection is
/// unsupervised outlier rejection (Toman & Possolo, Accred. Qual. Assur. 14 (2009) 553).
///
///     let evaluation = try LargestConsistentSubset().evaluate(pcb28)   // drops NARL and NRC, y = 32.398
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included
///   result; ``KeyComparisonError/didNotConverge(method:detail:)`` if the search of correlated
///   results exceeds its budget.
/// - Complexity: O(n³) for independent results (plus the bounded count); exponential in the
///   worst case for correlated ones.
public struct LargestConsistentSubset: ReferenceValueEstimator {
    /// α of the χ² test (0.05: the subset passes at the 95 % level).
    public var significanceLevel: Double
    /// The most branch-and-bound nodes spent counting the consistent subsets of the LCS size
    /// (and, for correlated results, searching them).
    public var countingBudget: Int

    public init(significanceLevel: Double = 0.05, countingBudget: Int = 2_000_000) {
        self.significanceLevel = significanceLevel
        self.countingBudget = countingBudget
    }

    public var method: EvaluationMethod { .largestConsistentSubset }

    public func validateSettings() throws(KeyComparisonError) {
        guard significanceLevel > 0, significanceLevel < 1 else {
            throw .invalidSetting(
                .significanceLevel, value: "\(significanceLevel)", reason: "must lie strictly between 0 and 1")
        }
        guard countingBudget >= 1 else {
            throw .invalidSetting(.countingBudget, value: "\(countingBudget)", reason: "must be positive")
        }
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        let search = try estimate(comparison, options: options)
        let subset = try comparison.including(only: Set(search.members))
        let fit = try WeightedMean.weightedMean(subset)
        let k = options.coverageFactor
        var notes = [
            "largest consistent subset (Cox 2007): \(search.size) of \(comparison.includedIndices.count) included results"
                + (search.excluded.isEmpty
                    ? "" : "; left out: \(search.excluded.map(\.name).joined(separator: ", "))")
        ]
        if search.size == 1 && comparison.includedIndices.count > 1 {
            notes.append("no two results are mutually consistent: the single result of smallest uncertainty is used")
        }
        if let count = search.consistentSubsetsOfThisSize, count > 1 {
            notes.append("\(count) consistent subsets of this size; the one of smallest χ² is used")
        } else if search.consistentSubsetsOfThisSize == nil {
            notes.append("consistent subsets of this size not counted (more than \(countingBudget) search nodes)")
        }
        if let alternative = search.smallestUncertaintyAlternative {
            notes.append(
                "the smallest-u(y) rule (metRology LCS) would keep \(alternative.members.map(\.name).joined(separator: ", "))"
            )
        }
        var details = EvaluationDetails(notes: notes)
        details.largestConsistentSubset = search
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: fit.value, standardUncertainty: fit.standardUncertainty, coverageFactor: k),
            consistency: WeightedMean.consistency(chiSquared: fit.chiSquared, degreesOfFreedom: fit.degreesOfFreedom),
            includedLaboratories: search.members,
            degreesOfEquivalence: DegreeOfEquivalence.forLinearReferenceValue(
                subset, weights: fit.weights, referenceValue: fit.value, coverageFactor: k),
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: details)
    }

    /// Finds the largest consistent subset of the included results.
    ///
    /// - Throws: as ``evaluate(_:options:)``, and ``KeyComparisonError/invalidSetting(_:value:reason:)``
    ///   for a significance level outside (0, 1) or a budget below 1.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError)
        -> ConsistentSubsetSearch
    {
        try validateSettings()
        let included = comparison.includedIndices
        guard !included.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        let values = included.map { comparison.results[$0].value }
        let weights = included.map { 1 / comparison.results[$0].variance }

        var chosen: ChiSquaredSweep.Candidate?
        var examined = 0
        var counted: (count: Int?, runnerUp: Double?, alternative: ChiSquaredSweep.Candidate?) = (nil, nil, nil)
        if comparison.isCorrelated {
            let found = try searchCorrelated(comparison, included: included, values: values)
            chosen = found.chosen
            examined = found.nodes
            counted = (found.count, found.runnerUp, found.alternative)
        } else if included.count > 1 {
            let sweep = ChiSquaredSweep.smallestChiSquared(values: values, weights: weights)
            examined = sweep.rankings * included.count
            for candidate in sweep.best.reversed() where candidate.members.count >= 2 {
                if candidate.chiSquared <= critical(size: candidate.members.count) {
                    chosen = candidate
                    break
                }
            }
            if let winner = chosen {
                // Count the consistent subsets of the winning size, nearest results first.
                let mean = winner.members.reduce(0) { $0 + weights[$1] * values[$1] } / winner.weightSum
                let order = values.indices.sorted {
                    let a = weights[$0] * (values[$0] - mean) * (values[$0] - mean)
                    let b = weights[$1] * (values[$1] - mean) * (values[$1] - mean)
                    return a != b ? a < b : $0 < $1
                }
                var enumeration = ConsistentSubsetEnumeration(
                    statistic: IndependentSubsetStatistic(values: values, weights: weights), order: order,
                    size: winner.members.count, bound: critical(size: winner.members.count),
                    nodeBudget: countingBudget)
                let result = enumeration.run()
                examined += result.nodes
                if result.isComplete, let best = result.smallestChiSquared {
                    if ConsistentSubsetEnumeration<IndependentSubsetStatistic>.precedes(best, winner) { chosen = best }
                    counted = (result.count, result.runnerUpChiSquared, result.smallestUncertainty)
                }
            }
        }

        guard let winner = chosen else {
            // No consistent pair (or a single included result): every single result passes
            // trivially; take the smallest uncertainty, the first in result order on a tie.
            var position = 0
            for p in weights.indices where weights[p] > weights[position] { position = p }
            let lab = comparison.results[included[position]].laboratory
            return ConsistentSubsetSearch(
                size: 1, members: [lab],
                excluded: included.map { comparison.results[$0].laboratory }.filter { $0 != lab },
                chiSquared: 0, criticalValue: nil, consistentSubsetsOfThisSize: included.count,
                runnerUpChiSquared: included.count > 1 ? 0 : nil, smallestUncertaintyAlternative: nil,
                subsetsExamined: examined)
        }
        let members = winner.members.map { included[$0] }
        let fit = try WeightedMean.weightedMean(
            try comparison.including(only: Set(members.map { comparison.results[$0].laboratory })))
        var alternative: ConsistentSubsetSearch.Alternative?
        if let other = counted.alternative, other.members != winner.members {
            let labs = other.members.map { comparison.results[included[$0]].laboratory }
            let otherFit = try WeightedMean.weightedMean(try comparison.including(only: Set(labs)))
            alternative = ConsistentSubsetSearch.Alternative(
                members: labs, value: otherFit.value, standardUncertainty: otherFit.standardUncertainty,
                chiSquared: otherFit.chiSquared)
        }
        let memberSet = Set(members)
        return ConsistentSubsetSearch(
            size: members.count, members: members.map { comparison.results[$0].laboratory },
            excluded: included.filter { !memberSet.contains($0) }.map { comparison.results[$0].laboratory },
            chiSquared: fit.chiSquared, criticalValue: critical(size: members.count),
            consistentSubsetsOfThisSize: counted.count, runnerUpChiSquared: counted.runnerUp,
            smallestUncertaintyAlternative: alternative, subsetsExamined: examined)
    }

    /// χ²_{1−α}(k − 1).
    private func critical(size k: Int) -> Double {
        ChiSquaredDistribution(degreesOfFreedom: Double(k - 1)).quantile(1 - significanceLevel)
    }

    /// Branch and bound on the GLS χ², from the largest size down; the first size with a
    /// consistent subset wins.
    private func searchCorrelated(_ comparison: Comparison, included: [Int], values: [Double])
        throws(KeyComparisonError) -> (
            chosen: ChiSquaredSweep.Candidate?, nodes: Int, count: Int?, runnerUp: Double?,
            alternative: ChiSquaredSweep.Candidate?
        )
    {
        let m = included.count
        var v = Matrix(rows: m, columns: m)
        for (a, i) in included.enumerated() {
            for (b, j) in included.enumerated() { v[a, b] = comparison.covariance(i, j) }
        }
        // Nearest the median first (in units of u), so consistent subsets are met early.
        let sorted = values.sorted()
        let median = (sorted[(m - 1) / 2] + sorted[m / 2]) / 2
        let order = values.indices.sorted {
            let a = abs(values[$0] - median) / comparison.results[included[$0]].standardUncertainty
            let b = abs(values[$1] - median) / comparison.results[included[$1]].standardUncertainty
            return a != b ? a < b : $0 < $1
        }
        var nodes = 0
        for size in stride(from: m, through: 2, by: -1) {
            var enumeration = ConsistentSubsetEnumeration(
                statistic: CorrelatedSubsetStatistic(values: values, covariance: v), order: order, size: size,
                bound: critical(size: size), nodeBudget: countingBudget - nodes)
            let result = enumeration.run()
            nodes += result.nodes
            guard result.isComplete else {
                throw .didNotConverge(
                    method: method.rawValue,
                    detail: "the exact search of \(m) correlated results needed more than \(countingBudget) nodes")
            }
            if let best = result.smallestChiSquared {
                return (best, nodes, result.count, result.runnerUpChiSquared, result.smallestUncertainty)
            }
        }
        return (nil, nodes, nil, nil, nil)
    }
}
