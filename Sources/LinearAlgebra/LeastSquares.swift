/// Ordinary least squares: minimises ‖X·β − y‖² for an m × p design matrix X.
///
/// Full column rank is solved by Householder QR (LAPACK `dgels`); when the rank is in doubt,
/// ``minimumNorm(design:observations:reciprocalCondition:)`` uses the SVD (`dgelsd`) and reports
/// the effective rank, which constrained comparison models (White 2004) need.
public enum LeastSquares {
    /// The solution of a full-rank least-squares problem.
    public struct Solution: Sendable, Hashable {
        /// The estimates β̂.
        public var coefficients: [Double]
        /// The residual sum of squares ‖y − X·β̂‖².
        public var residualSumOfSquares: Double
        /// The upper-triangular R of X = Q·R (p × p), from which (XᵀX)⁻¹ = R⁻¹R⁻ᵀ.
        public var triangularFactor: Matrix
    }

    /// Solves min ‖X·β − y‖² by QR (LAPACK `dgels`).
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rank:columns:)`` when X has a zero pivot,
    ///   ``LinearAlgebraError/nonFiniteEntry(row:column:)`` for NaN or infinite data,
    ///   ``LinearAlgebraError/dimensionMismatch(expected:found:)`` when the shapes differ or m < p.
    /// - Complexity: O(m·p²).
    public static func solve(design x: Matrix, observations y: [Double]) throws(LinearAlgebraError) -> Solution {
        guard x.rows == y.count else { throw .dimensionMismatch(expected: x.rows, found: y.count) }
        guard x.columns > 0 else { throw .empty }
        guard x.rows >= x.columns else { throw .rankDeficient(rank: x.rows, columns: x.columns) }
        if let (i, j) = x.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: i, column: 0) }
        let (m, p) = (x.rows, x.columns)
        var a = x.elements
        var b = y
        try LAPACK.leastSquaresQR(&a, rows: m, columns: p, &b, rightHandSides: 1)
        var r = Matrix(rows: p, columns: p)
        for j in 0..<p {
            for i in 0...j { r[i, j] = a[i + j * m] }
        }
        // A pivot that is tiny relative to the largest one means X is numerically rank deficient.
        let pivots = r.diagonalEntries.map(abs)
        let largest = pivots.max() ?? 0
        if let k = pivots.firstIndex(where: { $0 <= largest * Double(m) * Double.ulpOfOne }) {
            throw .rankDeficient(rank: k, columns: p)
        }
        let rss = b[p...].reduce(0) { $0 + $1 * $1 }
        return Solution(coefficients: Array(b[0..<p]), residualSumOfSquares: rss, triangularFactor: r)
    }

    /// The minimum-norm solution of a possibly rank-deficient problem, by the SVD (LAPACK `dgelsd`).
    ///
    /// - Parameter reciprocalCondition: singular values below this fraction of the largest count
    ///   as zero; the default is m·ε.
    /// - Returns: the coefficients, the effective rank and the singular values.
    public static func minimumNorm(
        design x: Matrix, observations y: [Double], reciprocalCondition: Double? = nil
    ) throws(LinearAlgebraError) -> (coefficients: [Double], rank: Int, singularValues: [Double]) {
        guard x.rows == y.count else { throw .dimensionMismatch(expected: x.rows, found: y.count) }
        guard x.columns > 0, x.rows > 0 else { throw .empty }
        if let (i, j) = x.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: i, column: 0) }
        let (m, p) = (x.rows, x.columns)
        var a = x.elements
        var b = y + [Double](repeating: 0, count: Swift.max(0, p - m))
        let rcond = reciprocalCondition ?? Double(Swift.max(m, p)) * Double.ulpOfOne
        let (rank, s) = try LAPACK.leastSquaresSVD(
            &a, rows: m, columns: p, &b, rightHandSides: 1, reciprocalCondition: rcond)
        return (Array(b[0..<p]), rank, s)
    }

    /// Minimises ‖X·β − y‖² subject to the linear constraints C·β = d (LAPACK `dgglse`),
    /// the form White (Metrologia 41 (2004) 122) uses to fix the reference value of a comparison.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rank:columns:)`` when C lacks full row rank or
    ///   the stacked [X; C] lacks full column rank.
    public static func solve(
        design x: Matrix, observations y: [Double], constraints c: Matrix, constraintValues d: [Double]
    ) throws(LinearAlgebraError) -> [Double] {
        guard x.rows == y.count else { throw .dimensionMismatch(expected: x.rows, found: y.count) }
        guard c.columns == x.columns else { throw .dimensionMismatch(expected: x.columns, found: c.columns) }
        guard c.rows == d.count else { throw .dimensionMismatch(expected: c.rows, found: d.count) }
        guard c.rows <= x.columns, x.columns <= x.rows + c.rows else {
            throw .rankDeficient(rank: x.rows + c.rows, columns: x.columns)
        }
        if let (i, j) = x.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        if let (i, j) = c.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        var a = x.elements
        var b = c.elements
        var yy = y
        var dd = d
        return try LAPACK.equalityConstrainedLeastSquares(
            &a, rows: x.rows, &b, constraints: c.rows, columns: x.columns, &yy, &dd)
    }
}

extension Matrix {
    /// The inverse of RᵀR given the upper-triangular R (LAPACK `dpotri` on R as a Cholesky factor):
    /// with X = Q·R this is (XᵀX)⁻¹, the covariance of least-squares estimates up to scale.
    func inverseOfGramFromUpperFactor() throws(LinearAlgebraError) -> Matrix {
        precondition(  // allowed: R comes from the library's own QR factorization
            isSquare, "inverseOfGramFromUpperFactor: R must be square")
        var a = elements
        try LAPACK.choleskyInverse(&a, order: rows, triangle: .upper)
        for j in 0..<rows {
            for i in (j + 1)..<Swift.max(rows, j + 1) { a[i + j * rows] = a[j + i * rows] }
        }
        return Matrix(rows: rows, columns: rows, columnMajor: a)
    }
}
