// The only file that imports CLAPACKE: every LAPACKE and CBLAS call is wrapped here, once.
// It converts Int ↔ Int32, uplo/trans characters and layouts, and turns LAPACK's `info` into
// LinearAlgebraError. All storage is column-major, so no call pays for a transposed copy.

internal import CLAPACKE

enum LAPACK {
    enum Triangle {
        case lower, upper
        var code: CChar { CChar(UInt8(ascii: self == .lower ? "L" : "U")) }
        var cblas: CBLAS_UPLO { self == .lower ? CblasLower : CblasUpper }
    }

    enum Transpose {
        case none, transpose
        var code: CChar { CChar(UInt8(ascii: self == .none ? "N" : "T")) }
        var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    }

    private static let layout = Int32(LAPACK_COL_MAJOR)

    /// Maps a negative `info` to an error. LAPACKE's optional NaN check reports a NaN in an
    /// array argument as that argument being illegal; the callers check finiteness first, so a
    /// negative `info` here on a matrix argument still means non-finite input.
    private static func argumentError(
        _ routine: String, _ info: Int32, matrixArguments: Set<Int32>
    ) -> LinearAlgebraError {
        if matrixArguments.contains(-info) { return .nonFiniteEntry(row: 0, column: 0) }
        return .lapackArgument(routine: routine, position: Int(-info))
    }

    /// `dpotrf`: Cholesky factorization A = L·Lᵀ (or UᵀU) of an n × n symmetric matrix, in place.
    /// Only the chosen triangle is read and written.
    static func choleskyFactor(_ a: inout [Double], order n: Int, triangle: Triangle) throws(LinearAlgebraError) {
        let info = a.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotrf(layout, triangle.code, Int32(n), buffer.baseAddress, Int32(Swift.max(1, n)))
        }
        if info > 0 { throw .notPositiveDefinite(leadingMinor: Int(info)) }
        if info < 0 { throw argumentError("dpotrf", info, matrixArguments: [4]) }
    }

    /// `dpotrs`: solves A·X = B given the Cholesky factor of A; B (n × nrhs) is overwritten by X.
    static func choleskySolve(
        factor: [Double], order n: Int, triangle: Triangle, _ b: inout [Double], rightHandSides nrhs: Int
    ) throws(LinearAlgebraError) {
        let info = factor.withUnsafeBufferPointer { f in
            b.withUnsafeMutableBufferPointer { x in
                LAPACKE_dpotrs(
                    layout, triangle.code, Int32(n), Int32(nrhs), f.baseAddress, Int32(Swift.max(1, n)),
                    x.baseAddress, Int32(Swift.max(1, n)))
            }
        }
        if info < 0 { throw argumentError("dpotrs", info, matrixArguments: [5, 7]) }
    }

    /// `dpotri`: overwrites a Cholesky factor with (the chosen triangle of) the inverse of A.
    static func choleskyInverse(_ factor: inout [Double], order n: Int, triangle: Triangle) throws(LinearAlgebraError) {
        let info = factor.withUnsafeMutableBufferPointer { f in
            LAPACKE_dpotri(layout, triangle.code, Int32(n), f.baseAddress, Int32(Swift.max(1, n)))
        }
        if info > 0 { throw .notPositiveDefinite(leadingMinor: Int(info)) }
        if info < 0 { throw argumentError("dpotri", info, matrixArguments: [4]) }
    }

    /// `dtrtrs`: solves T·X = B or Tᵀ·X = B for a triangular T (n × n); B (n × nrhs) becomes X.
    static func triangularSolve(
        _ t: [Double], order n: Int, triangle: Triangle, transpose: Transpose,
        _ b: inout [Double], rightHandSides nrhs: Int
    ) throws(LinearAlgebraError) {
        let info = t.withUnsafeBufferPointer { tp in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dtrtrs(
                    layout, triangle.code, transpose.code, CChar(UInt8(ascii: "N")), Int32(n), Int32(nrhs),
                    tp.baseAddress, Int32(Swift.max(1, n)), bp.baseAddress, Int32(Swift.max(1, n)))
            }
        }
        if info > 0 { throw .rankDeficient(rank: Int(info) - 1, columns: n) }
        if info < 0 { throw argumentError("dtrtrs", info, matrixArguments: [7, 9]) }
    }

    /// `dsyevd`: eigenvalues (ascending) and, if wanted, orthonormal eigenvectors of a symmetric
    /// matrix; `a` is overwritten by the eigenvectors (columns).
    static func symmetricEigen(
        _ a: inout [Double], order n: Int, vectors: Bool
    ) throws(LinearAlgebraError) -> [Double] {
        var w = [Double](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in
                LAPACKE_dsyevd(
                    layout, CChar(UInt8(ascii: vectors ? "V" : "N")), Triangle.lower.code, Int32(n),
                    ap.baseAddress, Int32(Swift.max(1, n)), wp.baseAddress)
            }
        }
        if info > 0 { throw .eigenvaluesDidNotConverge(info: Int(info)) }
        if info < 0 { throw argumentError("dsyevd", info, matrixArguments: [5]) }
        return w
    }

    /// `dgels`: least squares min ‖A·x − b‖ for a full-rank m × n matrix A (m ≥ n) by QR.
    /// On return `a` holds the QR factors (R in the upper n × n triangle) and the first n rows
    /// of each column of `b` hold the solution; rows n..<m hold the rotated residuals.
    static func leastSquaresQR(
        _ a: inout [Double], rows m: Int, columns n: Int, _ b: inout [Double], rightHandSides nrhs: Int
    ) throws(LinearAlgebraError) {
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dgels(
                    layout, Transpose.none.code, Int32(m), Int32(n), Int32(nrhs), ap.baseAddress,
                    Int32(Swift.max(1, m)), bp.baseAddress, Int32(Swift.max(1, m, n)))
            }
        }
        if info > 0 { throw .rankDeficient(rank: Int(info) - 1, columns: n) }
        if info < 0 { throw argumentError("dgels", info, matrixArguments: [6, 8]) }
    }

    /// `dgelsd`: minimum-norm least squares by the SVD for a possibly rank-deficient A.
    /// `b` must have max(m, n) rows. Returns the effective rank and the singular values.
    static func leastSquaresSVD(
        _ a: inout [Double], rows m: Int, columns n: Int, _ b: inout [Double], rightHandSides nrhs: Int,
        reciprocalCondition rcond: Double
    ) throws(LinearAlgebraError) -> (rank: Int, singularValues: [Double]) {
        var s = [Double](repeating: 0, count: Swift.min(m, n))
        var rank: Int32 = 0
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                s.withUnsafeMutableBufferPointer { sp in
                    LAPACKE_dgelsd(
                        layout, Int32(m), Int32(n), Int32(nrhs), ap.baseAddress, Int32(Swift.max(1, m)),
                        bp.baseAddress, Int32(Swift.max(1, m, n)), sp.baseAddress, rcond, &rank)
                }
            }
        }
        if info > 0 { throw .eigenvaluesDidNotConverge(info: Int(info)) }
        if info < 0 { throw argumentError("dgelsd", info, matrixArguments: [5, 7]) }
        return (Int(rank), s)
    }

    /// `dgglse`: minimises ‖A·x − c‖ subject to B·x = d, with A m × n and B p × n
    /// (p ≤ n ≤ m + p). Both matrices are overwritten.
    static func equalityConstrainedLeastSquares(
        _ a: inout [Double], rows m: Int, _ b: inout [Double], constraints p: Int, columns n: Int,
        _ c: inout [Double], _ d: inout [Double]
    ) throws(LinearAlgebraError) -> [Double] {
        var x = [Double](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    d.withUnsafeMutableBufferPointer { dp in
                        x.withUnsafeMutableBufferPointer { xp in
                            LAPACKE_dgglse(
                                layout, Int32(m), Int32(n), Int32(p), ap.baseAddress, Int32(Swift.max(1, m)),
                                bp.baseAddress, Int32(Swift.max(1, p)), cp.baseAddress, dp.baseAddress,
                                xp.baseAddress)
                        }
                    }
                }
            }
        }
        if info == 1 { throw .rankDeficient(rank: p - 1, columns: p) }
        if info == 2 { throw .rankDeficient(rank: n - 1, columns: n) }
        if info < 0 { throw argumentError("dgglse", info, matrixArguments: [5, 7, 9, 10]) }
        return x
    }

    /// `dgemm`: C = op(A)·op(B), with op(A) m × k and op(B) k × n.
    static func multiply(
        _ a: [Double], rows aRows: Int, columns aColumns: Int, transposeA: Transpose,
        _ b: [Double], rows bRows: Int, columns bColumns: Int, transposeB: Transpose
    ) -> [Double] {
        let m = transposeA == .none ? aRows : aColumns
        let k = transposeA == .none ? aColumns : aRows
        let n = transposeB == .none ? bColumns : bRows
        var c = [Double](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(
                        CblasColMajor, transposeA.cblas, transposeB.cblas, Int32(m), Int32(n), Int32(k), 1.0,
                        ap.baseAddress, Int32(Swift.max(1, aRows)), bp.baseAddress, Int32(Swift.max(1, bRows)), 0.0,
                        cp.baseAddress, Int32(Swift.max(1, m)))
                }
            }
        }
        return c
    }

    /// `dgemv`: y = op(A)·x.
    static func multiply(
        _ a: [Double], rows: Int, columns: Int, transpose: Transpose, vector x: [Double]
    ) -> [Double] {
        let outputCount = transpose == .none ? rows : columns
        var y = [Double](repeating: 0, count: outputCount)
        guard rows > 0, columns > 0 else { return y }
        a.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(
                        CblasColMajor, transpose.cblas, Int32(rows), Int32(columns), 1.0, ap.baseAddress,
                        Int32(Swift.max(1, rows)), xp.baseAddress, 1, 0.0, yp.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// `dsyrk`: C = Aᵀ·A (transpose: .transpose, A is k × n) or A·Aᵀ (A is n × k); both
    /// triangles of the n × n result are filled.
    static func gram(_ a: [Double], rows: Int, columns: Int, transpose: Transpose) -> [Double] {
        let n = transpose == .none ? rows : columns
        let k = transpose == .none ? columns : rows
        var c = [Double](repeating: 0, count: n * n)
        guard n > 0, k > 0 else { return c }
        a.withUnsafeBufferPointer { ap in
            c.withUnsafeMutableBufferPointer { cp in
                cblas_dsyrk(
                    CblasColMajor, CblasLower, transpose.cblas, Int32(n), Int32(k), 1.0, ap.baseAddress,
                    Int32(Swift.max(1, rows)), 0.0, cp.baseAddress, Int32(Swift.max(1, n)))
            }
        }
        for j in 0..<n {
            for i in 0..<j { c[i + j * n] = c[j + i * n] }
        }
        return c
    }
}
