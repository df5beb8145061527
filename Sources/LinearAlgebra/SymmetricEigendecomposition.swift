/// The eigendecomposition A = Q·Λ·Qᵀ of a real symmetric matrix (LAPACK `dsyevd`).
///
/// Used to test whether a correlation or covariance matrix is positive semi-definite (its
/// smallest eigenvalue), to form matrix square roots of semi-definite covariances, and for the
/// principal axes of a JCGM 102 coverage ellipsoid.
///
///     let e = try SymmetricEigendecomposition(Matrix(rows: 2, columns: 2, rowMajor: [2, 1, 1, 2]))
///     e.eigenvalues      // [1.0, 3.0]
///
/// - Complexity: O(n³).
public struct SymmetricEigendecomposition: Sendable, Hashable {
    /// The eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λₙ.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors as columns, in the order of ``eigenvalues``.
    public let eigenvectors: Matrix

    /// Decomposes a symmetric matrix; only its lower triangle is read.
    ///
    /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)``, ``LinearAlgebraError/nonFiniteEntry(row:column:)``,
    ///   ``LinearAlgebraError/eigenvaluesDidNotConverge(info:)``.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        guard matrix.isSquare else { throw .notSquare(rows: matrix.rows, columns: matrix.columns) }
        if let (i, j) = matrix.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        var a = matrix.elements
        let n = matrix.rows
        eigenvalues = n == 0 ? [] : try LAPACK.symmetricEigen(&a, order: n, vectors: true)
        eigenvectors = Matrix(rows: n, columns: n, columnMajor: a)
    }

    /// True when every eigenvalue is ≥ −tolerance·max|λ|: the matrix is positive semi-definite
    /// up to rounding.
    public func isPositiveSemidefinite(relativeTolerance: Double = 1e-12) -> Bool {
        let scale = eigenvalues.reduce(0) { Swift.max($0, abs($1)) }
        return eigenvalues.allSatisfy { $0 >= -relativeTolerance * scale }
    }
}
