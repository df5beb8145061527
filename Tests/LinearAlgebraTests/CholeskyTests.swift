import Foundation
import LinearAlgebra
import Numerics
import Testing

@Suite("Cholesky factorization")
struct CholeskyTests {
    // A 3 × 3 SPD matrix whose factor and solution were computed with numpy.linalg
    // (cholesky, solve) on the same entries: an independent check of the LAPACK path.
    let v = Matrix(rows: 3, columns: 3, rowMajor: [4, 12, -16, 12, 37, -43, -16, -43, 98])

    @Test func factorMatchesTheClassicalExample() throws {
        // L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]] exactly (the textbook example).
        let l = try CholeskyFactorization(v).lowerFactor
        let expected: [Double] = [2, 6, -8, 0, 1, 5, 0, 0, 3]
        for (got, want) in zip(l.elements, expected) {
            #expect(got.isApproximatelyEqual(to: want, absoluteTolerance: 1e-14))
        }
    }

    @Test func solveAndDeterminant() throws {
        let cholesky = try CholeskyFactorization(v)
        // numpy.linalg.solve(v, [1, 2, 3]) = [28.58333333, -7.66666667, 1.33333333]
        let x = try cholesky.solve([1, 2, 3])
        let expected = [28.583333333333332, -7.666666666666666, 1.3333333333333333]
        // The matrix has condition number ≈ 2e3, so 1e-12 relative leaves room for rounding.
        for (got, want) in zip(x, expected) { #expect(got.isApproximatelyEqual(to: want, relativeTolerance: 1e-12)) }
        // det V = (2·1·3)² = 36.
        #expect(cholesky.logDeterminant.isApproximatelyEqual(to: log(36), relativeTolerance: 1e-14))
        let inverse = try cholesky.inverse()
        let identity = v * inverse
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(identity[i, j].isApproximatelyEqual(to: i == j ? 1 : 0, absoluteTolerance: 1e-11))
            }
        }
    }

    @Test func notPositiveDefiniteIsATypedErrorWithTheMinor() {
        // The leading 2 × 2 minor 1·1 − 2·2 < 0.
        let m = Matrix(rows: 3, columns: 3, rowMajor: [1, 2, 0, 2, 1, 0, 0, 0, 1])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) { try CholeskyFactorization(m) }
    }

    @Test func nonFiniteEntryIsReportedWhereItIs() {
        var m = Matrix.identity(order: 3)
        m[2, 1] = .nan
        m[1, 2] = .nan
        #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 2, column: 1)) { try CholeskyFactorization(m) }
    }

    @Test func asymmetricMatrixIsRejected() {
        let m = Matrix(rows: 2, columns: 2, rowMajor: [2, 1, 0.5, 2])
        #expect(throws: LinearAlgebraError.notSymmetric(row: 0, column: 1)) { try CholeskyFactorization(m) }
    }

    @Test func nonSquareAndEmptyAreRejected() {
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) {
            try CholeskyFactorization(Matrix(rows: 2, columns: 3))
        }
        #expect(throws: LinearAlgebraError.empty) { try CholeskyFactorization(Matrix(rows: 0, columns: 0)) }
    }

    @Test func correlateReproducesTheCovariance() throws {
        // L·Lᵀ = V, so L·e_j is column j of L and Σ_j (L e_j)(L e_j)ᵀ = V.
        let cholesky = try CholeskyFactorization(v)
        var rebuilt = Matrix(rows: 3, columns: 3)
        for j in 0..<3 {
            var e = [0.0, 0, 0]
            e[j] = 1
            let c = cholesky.correlate(e)
            for p in 0..<3 { for q in 0..<3 { rebuilt[p, q] += c[p] * c[q] } }
        }
        for (got, want) in zip(rebuilt.elements, v.elements) {
            #expect(got.isApproximatelyEqual(to: want, absoluteTolerance: 1e-12))
        }
    }
}
