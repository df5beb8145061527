import LinearAlgebra
import Numerics
import Testing

@Suite("Constrained generalized least squares")
struct ConstrainedLeastSquaresTests {
    @Test func twoLaboratoriesWithBiasesSummingToZero() throws {
        // y_i = μ + b_i, b_1 + b_2 = 0, V = diag(1, 4): μ̂ = (10 + 12)/2 = 11 (the constraint, not the
        // weights, fixes μ), b̂ = (−1, 1). cov: b_1 = (y_1 − y_2)/2 has variance (1 + 4)/4 = 1.25,
        // μ̂ = (y_1 + y_2)/2 the same; cov(μ̂, b̂_1) = (1 − 4)/4 = −0.75. Exact in binary: 1e-14.
        let fit = try GeneralizedLeastSquares.fit(
            design: Matrix(rows: 2, columns: 3, rowMajor: [1, 1, 0, 1, 0, 1]), observations: [10, 12],
            cholesky: CholeskyFactorization(.diagonal([1, 4])),
            constraints: Matrix(rows: 1, columns: 3, rowMajor: [0, 1, 1]), constraintValues: [0])
        for (ours, expected) in zip(fit.coefficients, [11.0, -1, 1]) {
            #expect(abs(ours - expected) <= 1e-14)
        }
        #expect(abs(fit.covariance[0, 0] - 1.25) <= 1e-14)
        #expect(abs(fit.covariance[1, 1] - 1.25) <= 1e-14)
        #expect(abs(fit.covariance[0, 1] + 0.75) <= 1e-14)
        #expect(abs(fit.covariance[1, 2] + 1.25) <= 1e-14)
        #expect(fit.degreesOfFreedom == 0)
        #expect(abs(fit.chiSquared) <= 1e-20)
    }

    @Test func aParameterNothingFixesIsRankDeficient() {
        // The third column is never used and the constraint does not touch it.
        #expect(throws: LinearAlgebraError.self) {
            try GeneralizedLeastSquares.fit(
                design: Matrix(rows: 2, columns: 3, rowMajor: [1, 1, 0, 1, 1, 0]), observations: [1, 2],
                cholesky: CholeskyFactorization(.identity(order: 2)),
                constraints: Matrix(rows: 1, columns: 3, rowMajor: [0, 1, 0]), constraintValues: [0])
        }
    }

    @Test func nullSpaceAndSharedComponents() throws {
        let basis = try Matrix(rows: 1, columns: 2, rowMajor: [1, 1]).nullSpaceBasis()
        #expect(basis.columns == 1)
        #expect(abs(basis[0, 0] + basis[1, 0]) <= 1e-15)
        #expect(abs(abs(basis[0, 0]) - 0.5.squareRoot()) <= 1e-15)
        var v = Matrix.identity(order: 3)
        v.addToOffDiagonalEntries(among: [0, 2], value: 0.5)
        #expect(v == Matrix(rows: 3, columns: 3, rowMajor: [1, 0, 0.5, 0, 1, 0, 0.5, 0, 1]))
    }
}
