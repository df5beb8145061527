/// The arithmetic mean of the included results as reference value, with u(y) = √(Σ u_i²)/n.
///
/// The uncertainty is that of the mean of independent results propagated by the GUM (law of
/// propagation with sensitivities 1/n); the scatter-based s/√n is reported in the notes. Used,
/// for example, by CCEM.RF-K25.W (Judaschke, Metrologia 52 (2015) Tech. Suppl. 01001), whose
/// KCRV 0.8184 with u = 0.0028 this reproduces. Degrees of equivalence use a_i = 1/n in
/// cov(d) = (I − 1aᵀ)V(I − 1aᵀ)ᵀ: u²(d_i) = u_i²(1 − 2/n) + u²(y) for an included result.
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included result.
public struct ArithmeticMean: ReferenceValueEstimator {
    public init() {}

    public var method: EvaluationMethod { .arithmeticMean }

    /// The arithmetic mean of the included results, without degrees of equivalence.
    public struct Estimate: Sendable, Hashable {
        /// y = Σ x_i / n.
        public var value: Double
        /// u(y) = √(1ᵀV1)/n (√(Σ u_i²)/n for independent results).
        public var standardUncertainty: Double
        /// a with y = aᵀx over all results: 1/n for included results, 0 for the others.
        public var weights: [Double]
        /// The sample variance s² of the included values (divisor n − 1; nil for one result).
        public var sampleVariance: Double?
    }

    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Estimate {
        let included = comparison.includedIndices
        guard !included.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        let m = Double(included.count)
        var a = [Double](repeating: 0, count: comparison.results.count)
        for i in included { a[i] = 1 / m }
        let y = included.reduce(0) { $0 + comparison.results[$1].value } / m
        var variance = 0.0
        for i in included {
            for j in included { variance += comparison.covariance(i, j) }
        }
        var s2: Double?
        if included.count > 1 {
            s2 =
                included.reduce(0) { $0 + (comparison.results[$1].value - y) * (comparison.results[$1].value - y) }
                / (m - 1)
        }
        return Estimate(value: y, standardUncertainty: variance.squareRoot() / m, weights: a, sampleVariance: s2)
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        let mean = try estimate(comparison, options: options)
        let m = Double(comparison.includedIndices.count)
        var notes: [String] = []
        if let s2 = mean.sampleVariance {
            notes.append("sample standard deviation s = \(s2.squareRoot()), s/√n = \((s2 / m).squareRoot())")
        }
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: mean.value, standardUncertainty: mean.standardUncertainty, coverageFactor: k),
            includedLaboratories: comparison.includedResults.map(\.laboratory),
            degreesOfEquivalence: DegreeOfEquivalence.forLinearReferenceValue(
                comparison, weights: mean.weights, referenceValue: mean.value, coverageFactor: k),
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: notes.isEmpty ? nil : EvaluationDetails(notes: notes))
    }
}
