#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Cholesky factorization V = L·Lᵀ of a symmetric positive definite matrix (LAPACK `dpotrf`).
///
/// The workhorse of every covariance computation in Equivalence: solves with V, whitening
/// (L⁻¹·x, which turns generalized into ordinary least squares), log-determinants for
/// likelihoods, and the factor that draws multivariate Gaussian samples (JCGM 101 6.4.8.4:
/// x = μ + L·z with z standard normal).
///
///     let v = Matrix(rows: 2, columns: 2, rowMajor: [4, 2, 2, 3])
///     let cholesky = try CholeskyFactorization(v)
///     try cholesky.solve([2, 1])            // [0.5, 0.0]
///     cholesky.logDeterminant               // log 8
///
/// Only the lower triangle of the input is read; the matrix is checked for finite entries and
/// symmetry first, so that a NaN or a transposition mistake is reported for what it is.
///
/// - Complexity: O(n³/3) to factor, O(n²) per right-hand side to solve.
public struct CholeskyFactorization: Sendable, Hashable {
    /// The order n of the factored matrix.
    public let order: Int
    /// The lower-triangular factor L, column-major, upper triangle zeroed.
    public let lowerFactor: Matrix

    /// Factors a symmetric positive definite matrix.
    ///
    /// - Parameter symmetryTolerance: the relative tolerance on |v_ij − v_ji| (relative to
    ///   sqrt(v_ii·v_jj)); pass `nil` to skip the symmetry check and read the lower triangle only.
    /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)``,
    ///   ``LinearAlgebraError/nonFiniteEntry(row:column:)``, ``LinearAlgebraError/notSymmetric(row:column:)``,
    ///   ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)``.
    public init(_ matrix: Matrix, symmetryTolerance: Double? = 1e-10) throws(LinearAlgebraError) {
        guard matrix.isSquare else { throw .notSquare(rows: matrix.rows, columns: matrix.columns) }
        guard matrix.rows > 0 else { throw .empty }
        if let (i, j) = matrix.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        if let tolerance = symmetryTolerance, let (i, j) = matrix.firstAsymmetricEntry(relativeTolerance: tolerance) {
            throw .notSymmetric(row: i, column: j)
        }
        let n = matrix.rows
        var a = matrix.elements
        try LAPACK.choleskyFactor(&a, order: n, triangle: .lower)
        for j in 1..<Swift.max(n, 1) {
            for i in 0..<j { a[i + j * n] = 0 }
        }
        self.order = n
        self.lowerFactor = Matrix(rows: n, columns: n, columnMajor: a)
    }

    /// Solves V·x = b (LAPACK `dpotrs`).
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == order else { throw .dimensionMismatch(expected: order, found: b.count) }
        var x = b
        try LAPACK.choleskySolve(factor: lowerFactor.elements, order: order, triangle: .lower, &x, rightHandSides: 1)
        return x
    }

    /// Solves V·X = B for several right-hand sides at once (LAPACK `dpotrs`).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else { throw .dimensionMismatch(expected: order, found: b.rows) }
        var x = b.elements
        try LAPACK.choleskySolve(
            factor: lowerFactor.elements, order: order, triangle: .lower, &x, rightHandSides: b.columns)
        return Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    /// Whitens a vector: returns L⁻¹·b (LAPACK `dtrtrs`), so that ‖L⁻¹·b‖² = bᵀ·V⁻¹·b.
    public func whiten(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == order else { throw .dimensionMismatch(expected: order, found: b.count) }
        var x = b
        try LAPACK.triangularSolve(
            lowerFactor.elements, order: order, triangle: .lower, transpose: .none, &x, rightHandSides: 1)
        return x
    }

    /// Whitens the columns of a matrix: returns L⁻¹·B (LAPACK `dtrtrs`).
    public func whiten(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else { throw .dimensionMismatch(expected: order, found: b.rows) }
        var x = b.elements
        try LAPACK.triangularSolve(
            lowerFactor.elements, order: order, triangle: .lower, transpose: .none, &x, rightHandSides: b.columns)
        return Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    /// The quadratic form bᵀ·V⁻¹·b = ‖L⁻¹·b‖².
    public func inverseQuadraticForm(_ b: [Double]) throws(LinearAlgebraError) -> Double {
        try whiten(b).reduce(0) { $0 + $1 * $1 }
    }

    /// L·z: maps independent standard variates z to variates with covariance V (JCGM 101 6.4.8.4).
    public func correlate(_ z: [Double]) -> [Double] {
        precondition(  // allowed: the library passes one variate per dimension
            z.count == order, "correlate: \(z.count) variates for order \(order)")
        var y = [Double](repeating: 0, count: order)
        for j in 0..<order {
            let zj = z[j]
            if zj == 0 { continue }
            let base = j * order
            for i in j..<order { y[i] += lowerFactor.elements[base + i] * zj }
        }
        return y
    }

    /// log det V = 2 Σ log l_ii.
    public var logDeterminant: Double {
        (0..<order).reduce(0) { $0 + 2 * log(lowerFactor[$1, $1]) }
    }

    /// The inverse V⁻¹ (LAPACK `dpotri`). Prefer ``solve(_:)-(Array<Double>)`` when only products
    /// with V⁻¹ are needed; the explicit inverse is for reporting (e.g. a weight matrix).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var a = lowerFactor.elements
        try LAPACK.choleskyInverse(&a, order: order, triangle: .lower)
        for j in 0..<order {
            for i in 0..<j { a[i + j * order] = a[j + i * order] }
        }
        return Matrix(rows: order, columns: order, columnMajor: a)
    }
}
