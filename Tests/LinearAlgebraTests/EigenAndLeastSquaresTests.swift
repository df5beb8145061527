import LinearAlgebra
import Numerics
import Testing

@Suite("Symmetric eigendecomposition and least squares")
struct EigenAndLeastSquaresTests {
    @Test func eigenvaluesOfASmallMatrix() throws {
        let e = try SymmetricEigendecomposition(Matrix(rows: 2, columns: 2, rowMajor: [2, 1, 1, 2]))
        #expect(e.eigenvalues[0].isApproximatelyEqual(to: 1, relativeTolerance: 1e-14))
        #expect(e.eigenvalues[1].isApproximatelyEqual(to: 3, relativeTolerance: 1e-14))
        #expect(e.isPositiveSemidefinite())
        let indefinite = try SymmetricEigendecomposition(Matrix(rows: 2, columns: 2, rowMajor: [1, 2, 2, 1]))
        #expect(!indefinite.isPositiveSemidefinite())
    }

    @Test func straightLineByQRMatchesISO28037Example1() throws {
        // ISO/TS 28037:2010 example 1 (equal weights, u = 0.5): a = 1.866667, b = 1.757143,
        // u(a) = 0.465475, u(b) = 0.119523, cov(a, b) = −0.05, χ² = 1.664762.
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        let y = [3.3, 5.6, 7.1, 9.3, 10.7, 12.1]
        let design = Matrix(rows: 6, columns: 2, columnMajor: [Double](repeating: 1, count: 6) + x)
        let fit = try GeneralizedLeastSquares.fit(
            design: design, observations: y, covariance: .diagonal([Double](repeating: 0.25, count: 6)))
        // Deterministic closed form: agreement to 1e-12 relative.
        #expect(fit.coefficients[0].isApproximatelyEqual(to: 1.8666666666666667, relativeTolerance: 1e-12))
        #expect(fit.coefficients[1].isApproximatelyEqual(to: 1.7571428571428571, relativeTolerance: 1e-12))
        #expect(fit.covariance[0, 0].squareRoot().isApproximatelyEqual(to: 0.46547466, relativeTolerance: 1e-7))
        #expect(fit.covariance[1, 1].squareRoot().isApproximatelyEqual(to: 0.11952286, relativeTolerance: 1e-7))
        #expect(fit.covariance[0, 1].isApproximatelyEqual(to: -0.05, relativeTolerance: 1e-12))
        #expect(fit.chiSquared.isApproximatelyEqual(to: 1.6647619047619, relativeTolerance: 1e-10))
        #expect(fit.degreesOfFreedom == 4)
    }

    @Test func rankDeficientDesignIsATypedError() {
        let design = Matrix(rows: 3, columns: 2, rowMajor: [1, 2, 1, 2, 1, 2])
        #expect(throws: LinearAlgebraError.self) {
            try LeastSquares.solve(design: design, observations: [1, 2, 3])
        }
        // The SVD path reports the rank instead.
        let minimumNorm = try? LeastSquares.minimumNorm(design: design, observations: [1, 2, 3])
        #expect(minimumNorm?.rank == 1)
    }

    @Test func constrainedLeastSquaresHonoursTheConstraint() throws {
        // Two artefact values measured twice each, with the constraint β₁ + β₂ = 0.
        let design = Matrix(rows: 4, columns: 2, rowMajor: [1, 0, 1, 0, 0, 1, 0, 1])
        let beta = try LeastSquares.solve(
            design: design, observations: [1.1, 0.9, -0.8, -1.2],
            constraints: Matrix(rows: 1, columns: 2, rowMajor: [1, 1]), constraintValues: [0])
        #expect((beta[0] + beta[1]).isApproximatelyEqual(to: 0, absoluteTolerance: 1e-14))
        #expect(beta[0].isApproximatelyEqual(to: 1.0, relativeTolerance: 1e-12))
    }
}
