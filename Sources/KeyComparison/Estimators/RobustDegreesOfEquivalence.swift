/// Degrees of equivalence for a reference value that is not a linear combination of the results
/// (the robust estimates). Internal: shared by ``AlgorithmA`` and ``HuberEstimator``.
enum RobustDegreesOfEquivalence {
    /// d_i = x_i − y, u²(d_i) = u_i² + u²(y): y treated as uncorrelated with every result, the
    /// ζ-score denominator of ISO 13528:2015 §9.6.
    static func uncorrelated(
        _ comparison: Comparison, referenceValue y: Double, standardUncertainty uy: Double, coverageFactor k: Double
    ) -> [DegreeOfEquivalence] {
        comparison.results.map { result in
            let u = (result.variance + uy * uy).squareRoot()
            return DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                difference: result.value - y, standardUncertainty: u, expandedUncertainty: k * u)
        }
    }
}
