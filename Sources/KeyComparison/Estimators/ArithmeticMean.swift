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

    public var method: String { EvaluationMethod.arithmeticMean.rawValue }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        try options.validate()
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
        let u = variance.squareRoot() / m
        var notes: [String] = []
        if included.count > 1 {
            let s2 =
                included.reduce(0) { $0 + (comparison.results[$1].value - y) * (comparison.results[$1].value - y) }
                / (m - 1)
            notes.append("sample standard deviation s = \(s2.squareRoot()), s/√n = \((s2 / m).squareRoot())")
        }
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(value: y, standardUncertainty: u, coverageFactor: k),
            includedLaboratories: included.map { comparison.results[$0].laboratory },
            degreesOfEquivalence: DegreesOfEquivalence.unilateral(
                comparison, weights: a, referenceValue: y, coverageFactor: k),
            pairwise: options.includesPairwise ? DegreesOfEquivalence.pairwise(comparison, coverageFactor: k) : nil,
            details: notes.isEmpty ? nil : EvaluationDetails(notes: notes))
    }
}
