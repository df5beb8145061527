import LinearAlgebra
import Uncertainty

/// Cox 2002 Procedure A: the weighted-mean reference value with the χ² consistency check.
///
/// Weights are 1/u_i²; y = Σ x_i/u_i² / Σ 1/u_i², u(y) = (Σ 1/u_i²)^(-1/2),
/// χ²_obs = Σ (x_i − y)²/u_i² with ν = n − 1 (M. G. Cox, Metrologia 39 (2002) 589, Procedure A).
/// With a covariance matrix V the estimate is the generalized least-squares mean
/// y = 1ᵀV⁻¹x / 1ᵀV⁻¹1, u²(y) = 1/1ᵀV⁻¹1, χ² = rᵀV⁻¹r, computed from the Cholesky factor of V
/// (never an explicit inverse). Degrees of equivalence follow from cov(d) = (I − 1aᵀ)V(I − 1aᵀ)ᵀ
/// (``DegreesOfEquivalence``): u²(d_i) = u_i² − u²(y) for included and u_i² + u²(y) for excluded
/// results when they are independent.
///
///     let evaluation = try WeightedMean().evaluate(pcb28)   // y = 33.2996, u = 0.1839, χ² = 68.2
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included result.
/// - Complexity: O(n) for independent results; O(m³/3) for m correlated included results.
public struct WeightedMean: ReferenceValueEstimator {
    public init() {}

    public var method: String { EvaluationMethod.weightedMean.rawValue }

    /// The weighted mean of the included results, without degrees of equivalence.
    public struct Fit: Sendable, Hashable {
        /// y.
        public var value: Double
        /// u(y).
        public var standardUncertainty: Double
        /// a with y = aᵀx, over all results (0 for excluded ones).
        public var weights: [Double]
        /// χ²_obs = rᵀV⁻¹r over the included results.
        public var chiSquared: Double
        /// ν = m − 1 for m included results.
        public var degreesOfFreedom: Int
    }

    /// Fits the weighted (or generalized least-squares) mean of the included results.
    public static func fit(_ comparison: Comparison) throws(KeyComparisonError) -> Fit {
        let included = comparison.includedIndices
        guard !included.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        let n = comparison.results.count
        var a = [Double](repeating: 0, count: n)
        guard comparison.isCorrelated else {
            var sumW = 0.0
            var sumWX = 0.0
            for i in included {
                let w = 1 / comparison.results[i].variance
                sumW += w
                sumWX += w * comparison.results[i].value
            }
            let y = sumWX / sumW
            var chi2 = 0.0
            for i in included {
                let r = comparison.results[i].value - y
                chi2 += r * r / comparison.results[i].variance
                a[i] = 1 / (comparison.results[i].variance * sumW)
            }
            return Fit(
                value: y, standardUncertainty: (1 / sumW).squareRoot(), weights: a, chiSquared: chi2,
                degreesOfFreedom: included.count - 1)
        }
        // Generalized least squares on the included block of V.
        let m = included.count
        var v = Matrix(rows: m, columns: m)
        for (p, i) in included.enumerated() {
            for (q, j) in included.enumerated() { v[p, q] = comparison.covariance(i, j) }
        }
        let x = included.map { comparison.results[$0].value }
        let ones = [Double](repeating: 1, count: m)
        do {
            let cholesky = try CholeskyFactorization(v)
            let gls = try GeneralizedLeastSquares.fit(design: Matrix(column: ones), observations: x, cholesky: cholesky)
            let s = try cholesky.solve(ones)  // V⁻¹1
            let total = s.reduce(0, +)
            for (p, i) in included.enumerated() { a[i] = s[p] / total }
            return Fit(
                value: gls.coefficients[0], standardUncertainty: gls.covariance[0, 0].squareRoot(), weights: a,
                chiSquared: gls.chiSquared, degreesOfFreedom: m - 1)
        } catch {
            let minor: Int
            if case .notPositiveDefinite(let k) = error { minor = k } else { minor = 1 }
            let lab = comparison.results[included[Swift.min(Swift.max(minor, 1), m) - 1]].laboratory
            throw .covarianceNotPositiveDefinite(laboratory: lab, leadingMinor: minor)
        }
    }

    /// The χ² check for a fit: p-value, critical value at 5 %, Birge ratio. Nil for one result
    /// (ν = 0: nothing to check).
    public static func consistency(chiSquared: Double, degreesOfFreedom nu: Int) -> ConsistencyCheck? {
        guard nu > 0 else { return nil }
        let distribution = ChiSquaredDistribution(degreesOfFreedom: Double(nu))
        let critical = distribution.quantile(0.95)
        return ConsistencyCheck(
            chiSquared: chiSquared, degreesOfFreedom: nu, pValue: distribution.survivalProbability(chiSquared),
            criticalValue: critical, birgeRatio: (chiSquared / Double(nu)).squareRoot(),
            consistent: chiSquared <= critical)
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        try options.validate()
        let fit = try Self.fit(comparison)
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: fit.value, standardUncertainty: fit.standardUncertainty, coverageFactor: k),
            consistency: Self.consistency(chiSquared: fit.chiSquared, degreesOfFreedom: fit.degreesOfFreedom),
            includedLaboratories: comparison.includedResults.map(\.laboratory),
            degreesOfEquivalence: DegreesOfEquivalence.unilateral(
                comparison, weights: fit.weights, referenceValue: fit.value, coverageFactor: k),
            pairwise: options.includesPairwise ? DegreesOfEquivalence.pairwise(comparison, coverageFactor: k) : nil)
    }
}
