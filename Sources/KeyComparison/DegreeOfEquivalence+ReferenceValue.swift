import LinearAlgebra

/// Degrees of equivalence of every result for a reference value that is a linear combination of
/// the results, and for one that is not.
///
/// When y = aᵀx (a_i = 0 for results excluded from the KCRV), the differences d = x − y·1 =
/// (I − 1aᵀ)x have covariance (Cox 2002 §4; Sutton 2004)
///
///     cov(d) = (I − 1aᵀ) V (I − 1aᵀ)ᵀ,   so   u²(d_i) = V_ii − 2 (Va)_i + aᵀVa.
///
/// With independent results and weights a_i = u²(y)/u_i² this is u_i² − u²(y) for an included
/// laboratory and u_i² + u²(y) for an excluded one, the two formulas of Procedure A. A
/// random-effects model passes V + τ²I (the "with dark uncertainty" DoE). Bilateral DoE do not
/// depend on y: u²(d_i − d_j) = V_ii + V_jj − 2V_ij.
extension DegreeOfEquivalence {
    /// Unilateral DoE of every result for y = aᵀx.
    ///
    /// - Parameters:
    ///   - weights: a, one entry per result (zero for excluded results), summing to 1.
    ///   - referenceValue: y.
    ///   - additionalVariance: τ², added to every diagonal entry of V (0 for a common-mean model).
    ///   - coverageFactor: k in U(d_i) = k·u(d_i).
    /// - Complexity: O(n) for independent results, O(n²) with a covariance matrix.
    public static func forLinearReferenceValue(
        _ comparison: Comparison, weights a: [Double], referenceValue y: Double, additionalVariance tau2: Double = 0,
        coverageFactor k: Double
    ) -> [DegreeOfEquivalence] {
        let n = comparison.results.count
        precondition(  // allowed: the estimators pass one weight per result
            a.count == n, "DegreeOfEquivalence.forLinearReferenceValue: one weight per result")
        // va = (V + τ²I)·a
        var va = [Double](repeating: 0, count: n)
        if let v = comparison.covariance {
            va = v * a
        } else {
            for i in 0..<n { va[i] = comparison.results[i].variance * a[i] }
        }
        for i in 0..<n { va[i] += tau2 * a[i] }
        let ava = zip(a, va).reduce(0) { $0 + $1.0 * $1.1 }
        return comparison.results.enumerated().map { i, result in
            let variance = Swift.max(0, result.variance + tau2 - 2 * va[i] + ava)
            let u = variance.squareRoot()
            return DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                difference: result.value - y, standardUncertainty: u, expandedUncertainty: k * u)
        }
    }

    /// Unilateral DoE of every result for a reference value that is not a linear combination of the
    /// results (the robust estimates, Algorithm A and Huber): d_i = x_i − y, u²(d_i) = u_i² + u²(y),
    /// y taken as uncorrelated with every result, the ζ-score denominator of ISO 13528:2015 §9.6.
    ///
    /// - Complexity: O(n).
    public static func forIndependentReferenceValue(
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

extension PairwiseDegreeOfEquivalence {
    /// Bilateral DoE for every unordered pair (i < j): d_ij = x_i − x_j,
    /// u²(d_ij) = V_ii + V_jj − 2V_ij + 2τ².
    ///
    /// - Complexity: O(n²).
    public static func allPairs(
        of comparison: Comparison, additionalVariance tau2: Double = 0, coverageFactor k: Double
    ) -> [PairwiseDegreeOfEquivalence] {
        let results = comparison.results
        let v = comparison.covariance  // fetched once: the loop below is O(n²)
        func covariance(_ i: Int, _ j: Int) -> Double {
            if let v { return v[i, j] }
            return i == j ? results[i].variance : 0
        }
        var pairs: [PairwiseDegreeOfEquivalence] = []
        pairs.reserveCapacity(results.count * (results.count - 1) / 2)
        for i in results.indices {
            for j in results.indices where j > i {
                let variance = Swift.max(0, covariance(i, i) + covariance(j, j) - 2 * covariance(i, j) + 2 * tau2)
                let u = variance.squareRoot()
                pairs.append(
                    PairwiseDegreeOfEquivalence(
                        laboratories: [results[i].laboratory, results[j].laboratory],
                        difference: results[i].value - results[j].value, standardUncertainty: u,
                        expandedUncertainty: k * u))
            }
        }
        return pairs
    }
}
