import LinearAlgebra
import Uncertainty

/// Cox 2002 Procedure A: the weighted-mean reference value with the χ² consistency check.
///
/// Weights are 1/u_i²; y = Σ x_i/u_i² / Σ 1/u_i², u(y) = (Σ 1/u_i²)^(-1/2),
/// χ²_obs = Σ (x_i − y)²/u_i² with ν = n − 1 (M. G. Cox, Metrologia 39 (2002) 589, Procedure A).
/// With a covariance matrix V the estimate is the generalized least-squares mean
/// y = 1ᵀV⁻¹x / 1ᵀV⁻¹1, u²(y) = 1/1ᵀV⁻¹1, χ² = rᵀV⁻¹r, computed from the Cholesky factor of V
/// (never an explicit inverse). Degrees of equivalence follow from cov(d) = (I − 1aᵀ)V(I − 1aᵀ)ᵀ
/// (``DegreeOfEquivalence/forLinearReferenceValue(_:weights:referenceValue:additionalVariance:coverageFactor:)``): u²(d_i) = u_i² − u²(y) for included and u_i² + u²(y) for excluded
/// results when they are independent.
///
///     let evaluation = try WeightedMean().evaluate(pcb28)   // y = 33.2996, u = 0.1839, χ² = 68.2
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included result.
/// - Complexity: O(n) for independent results; O(m³/3) for m correlated included results.
public struct WeightedMean: ReferenceValueEstimator {
    public init() {}

    public var method: EvaluationMethod { .weightedMean }

    /// The weighted mean of the included results, without degrees of equivalence.
    public struct Estimate: Sendable, Hashable {
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

    /// The weighted (or generalized least-squares) mean of the included results.
    ///
    /// - Throws: as ``WeightedMean``.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Estimate {
        try Self.weightedMean(comparison)
    }

    /// The weighted mean of the included results (shared with the estimators that use Procedure A
    /// on a subset).
    static func weightedMean(_ comparison: Comparison) throws(KeyComparisonError) -> Estimate {
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
            return Estimate(
                value: y, standardUncertainty: (1 / sumW).squareRoot(), weights: a, chiSquared: chi2,
                degreesOfFreedom: included.count - 1)
        }
        // Generalized least squares on the included block of V. The comparison validated V
        // (finite, symmetric, positive definite) when it was built, so the factorization skips
        // the symmetry check; with every result included the block is V itself, not a copy.
        let m = included.count
        let full = comparison.covarianceMatrix
        var v = full
        if m < n {
            v = Matrix(rows: m, columns: m)
            for (q, j) in included.enumerated() {
                for (p, i) in included.enumerated() { v[p, q] = full[i, j] }
            }
        }
        let x = included.map { comparison.results[$0].value }
        let ones = [Double](repeating: 1, count: m)
        do {
            let cholesky = try CholeskyFactorization(v, symmetryTolerance: nil)
            let gls = try GeneralizedLeastSquares.fit(design: Matrix(column: ones), observations: x, cholesky: cholesky)
            let s = try cholesky.solve(ones)  // V⁻¹1
            let total = s.reduce(0, +)
            for (p, i) in included.enumerated() { a[i] = s[p] / total }
            return Estimate(
                value: gls.coefficients[0], standardUncertainty: gls.covariance[0, 0].squareRoot(), weights: a,
                chiSquared: gls.chiSquared, degreesOfFreedom: m - 1)
        } catch {
            throw .notPositiveDefinite(error, laboratories: included.map { comparison.results[$0].laboratory })
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
        let fit = try Self.weightedMean(comparison)
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: fit.value, standardUncertainty: fit.standardUncertainty, coverageFactor: k),
            consistency: Self.consistency(chiSquared: fit.chiSquared, degreesOfFreedom: fit.degreesOfFreedom),
            includedLaboratories: comparison.includedResults.map(\.laboratory),
            degreesOfEquivalence: DegreeOfEquivalence.forLinearReferenceValue(
                comparison, weights: fit.weights, referenceValue: fit.value, coverageFactor: k),
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil)
    }
}
