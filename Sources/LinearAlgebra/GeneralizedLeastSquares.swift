/// Generalized least squares: the best linear unbiased estimate of β in y = X·β + e, cov(e) = V.
///
///     β̂ = (XᵀV⁻¹X)⁻¹ XᵀV⁻¹ y,   cov(β̂) = (XᵀV⁻¹X)⁻¹,   χ² = rᵀV⁻¹r with r = y − X·β̂, ν = n − p
///
/// computed without ever forming V⁻¹: with V = L·Lᵀ (Cholesky, `dpotrf`) the problem is whitened
/// to Z = L⁻¹X, w = L⁻¹y (`dtrtrs`) and solved by QR (`dgels`); cov(β̂) = (RᵀR)⁻¹ from the R
/// factor (`dpotri`). This is the model of Sutton (Metrologia 41 (2004) 272), White (Metrologia
/// 41 (2004) 122) and, with X = 1, Cox 2002 Procedure A with correlated results: the weighted
/// mean y = 1ᵀV⁻¹x / 1ᵀV⁻¹1 with u²(y) = 1/1ᵀV⁻¹1.
///
///     let fit = try GeneralizedLeastSquares.fit(design: Matrix(column: [1, 1, 1]),
///                                               observations: [10.1, 9.9, 10.0],
///                                               covariance: .diagonal([0.01, 0.04, 0.04]))
///     fit.coefficients[0]        // 10.05
///
/// - Complexity: O(n³/3) for the factorization of V, then O(n²·p) — the factorization dominates.
public struct GeneralizedLeastSquares: Sendable, Hashable {
    /// The estimates β̂ (p).
    public var coefficients: [Double]
    /// cov(β̂) = (XᵀV⁻¹X)⁻¹ (p × p).
    public var covariance: Matrix
    /// The residuals r = y − X·β̂ in the original (unwhitened) scale.
    public var residuals: [Double]
    /// The generalized residual sum of squares χ² = rᵀV⁻¹r.
    public var chiSquared: Double
    /// ν = n − p, the degrees of freedom of χ².
    public var degreesOfFreedom: Int

    /// Fits y = X·β + e with cov(e) = V.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` when V is not positive
    ///   definite, ``LinearAlgebraError/rankDeficient(rank:columns:)`` when XᵀV⁻¹X is singular,
    ///   ``LinearAlgebraError/nonFiniteEntry(row:column:)`` for NaN or infinite input,
    ///   ``LinearAlgebraError/dimensionMismatch(expected:found:)`` when the shapes differ.
    public static func fit(
        design x: Matrix, observations y: [Double], covariance v: Matrix
    ) throws(LinearAlgebraError) -> GeneralizedLeastSquares {
        guard v.rows == y.count else { throw .dimensionMismatch(expected: y.count, found: v.rows) }
        let cholesky = try CholeskyFactorization(v)
        return try fit(design: x, observations: y, cholesky: cholesky)
    }

    /// Fits with the covariance already factored, e.g. when several models share one V.
    public static func fit(
        design x: Matrix, observations y: [Double], cholesky: CholeskyFactorization
    ) throws(LinearAlgebraError) -> GeneralizedLeastSquares {
        guard x.rows == y.count else { throw .dimensionMismatch(expected: x.rows, found: y.count) }
        guard cholesky.order == y.count else { throw .dimensionMismatch(expected: y.count, found: cholesky.order) }
        if let (i, j) = x.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: i, column: 0) }
        let z = try cholesky.whiten(x)
        let w = try cholesky.whiten(y)
        let solution = try LeastSquares.solve(design: z, observations: w)
        let covariance = try solution.triangularFactor.inverseOfGramFromUpperFactor()
        let fitted = x * solution.coefficients
        return GeneralizedLeastSquares(
            coefficients: solution.coefficients,
            covariance: covariance,
            residuals: zip(y, fitted).map(-),
            chiSquared: solution.residualSumOfSquares,
            degreesOfFreedom: y.count - x.columns)
    }
}
