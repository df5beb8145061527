import LinearAlgebra
import Numerics
import Testing

@Suite("Generalized least squares")
struct GeneralizedLeastSquaresTests {
    /// A reproducible stream of uniforms in (0, 1) for building test matrices (an LCG is enough
    /// here: the test needs arbitrary, not random, numbers).
    struct Numbers {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) * 0x1.0p-53
        }
    }

    @Test func diagonalCovarianceEqualsProcedureA() throws {
        // CCQM-K25 PCB 28 (Schantz & Wise 2004): Procedure A by its closed form.
        let x = [34.3, 32.9, 34.53, 32.42, 31.9, 35.8]
        let u = [1.03, 0.69, 0.83, 0.29, 0.4, 0.38]
        let w = u.map { 1 / ($0 * $0) }
        let y = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
        let uy = (1 / w.reduce(0, +)).squareRoot()
        let chi2 = zip(zip(x, u), w).reduce(0) { $0 + ($1.0.0 - y) * ($1.0.0 - y) * $1.1 }
        let fit = try GeneralizedLeastSquares.fit(
            design: Matrix(column: [Double](repeating: 1, count: 6)), observations: x,
            covariance: .diagonal(u.map { $0 * $0 }))
        // Same arithmetic, different route (QR of the whitened design): 1e-12 as the issue asks.
        #expect(fit.coefficients[0].isApproximatelyEqual(to: y, relativeTolerance: 1e-12))
        #expect(fit.covariance[0, 0].squareRoot().isApproximatelyEqual(to: uy, relativeTolerance: 1e-12))
        #expect(fit.chiSquared.isApproximatelyEqual(to: chi2, relativeTolerance: 1e-12))
        #expect(fit.coefficients[0].isApproximatelyEqual(to: 33.29956621330193, relativeTolerance: 1e-12))
    }

    @Test func denseCovarianceOfOrder500AgreesWithAnEigendecompositionSolution() throws {
        let n = 500
        var numbers = Numbers(state: 42)
        // V = Q·diag(λ)·Qᵀ + small off-diagonal structure: a dense SPD matrix with eigenvalues in
        // [1, 50] built as A·Aᵀ/n + I.
        var a = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n { a[i, j] = 2 * numbers.next() - 1 } }
        var v = a * a.transposed()
        for j in 0..<n { for i in 0..<n { v[i, j] /= Double(n) / 10 } }
        for i in 0..<n { v[i, i] += 1 }
        // Symmetrize exactly (dgemm rounding can differ in the last bit between (i, j) and (j, i)).
        for j in 0..<n { for i in 0..<j { v[i, j] = v[j, i] } }
        let t = (0..<n).map { Double($0) / Double(n) }
        let design = Matrix(rows: n, columns: 2, columnMajor: [Double](repeating: 1, count: n) + t)
        let y = t.map { 3 + 2 * $0 + (numbers.next() - 0.5) }

        let fit = try GeneralizedLeastSquares.fit(design: design, observations: y, covariance: v)

        // Independent route: V⁻¹ = Q·Λ⁻¹·Qᵀ from dsyevd, then the normal equations by Cramer's rule.
        let eigen = try SymmetricEigendecomposition(v)
        let q = eigen.eigenvectors
        var scaled = q
        for j in 0..<n { for i in 0..<n { scaled[i, j] /= eigen.eigenvalues[j] } }
        let vInverse = scaled * q.transposed()
        let vix = vInverse * design
        let xtvix = design.transposedTimes(vix)
        let xtviy = vix.transposedTimes(y)
        let det = xtvix[0, 0] * xtvix[1, 1] - xtvix[0, 1] * xtvix[1, 0]
        let beta0 = (xtvix[1, 1] * xtviy[0] - xtvix[0, 1] * xtviy[1]) / det
        let beta1 = (xtvix[0, 0] * xtviy[1] - xtvix[1, 0] * xtviy[0]) / det
        // Both routes are backward stable and V has condition number ≈ 50, so agreement to
        // 1e-10 relative (the figure) leaves a wide margin over rounding (≈ 1e-13).
        #expect(fit.coefficients[0].isApproximatelyEqual(to: beta0, relativeTolerance: 1e-10))
        #expect(fit.coefficients[1].isApproximatelyEqual(to: beta1, relativeTolerance: 1e-10))
        #expect(fit.covariance[0, 0].isApproximatelyEqual(to: xtvix[1, 1] / det, relativeTolerance: 1e-10))
        #expect(fit.covariance[0, 1].isApproximatelyEqual(to: -xtvix[0, 1] / det, relativeTolerance: 1e-10))
        let residuals = zip(y, design * fit.coefficients).map(-)
        let chi2 = zip(residuals, vInverse * residuals).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(fit.chiSquared.isApproximatelyEqual(to: chi2, relativeTolerance: 1e-10))
        #expect(fit.degreesOfFreedom == n - 2)
    }

    @Test func notPositiveDefiniteCovarianceIsATypedError() {
        // Correlation 1.2 between the first two observations: not a covariance matrix.
        let v = Matrix(rows: 3, columns: 3, rowMajor: [1, 1.2, 0, 1.2, 1, 0, 0, 0, 1])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
            try GeneralizedLeastSquares.fit(design: Matrix(column: [1, 1, 1]), observations: [1, 2, 3], covariance: v)
        }
    }

    @Test func nonFiniteObservationIsATypedError() {
        #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 1, column: 0)) {
            try GeneralizedLeastSquares.fit(
                design: Matrix(column: [1, 1, 1]), observations: [1, .nan, 3], covariance: .identity(order: 3))
        }
    }
}
