extension Matrix {
    /// The matrix product A·B through BLAS `dgemm`.
    ///
    /// - Complexity: O(m·n·k).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            lhs.columns == rhs.rows, "Matrix product: \(lhs.columns) columns against \(rhs.rows) rows")
        let c = LAPACK.multiply(
            lhs.elements, rows: lhs.rows, columns: lhs.columns, transposeA: .none,
            rhs.elements, rows: rhs.rows, columns: rhs.columns, transposeB: .none)
        return Matrix(rows: lhs.rows, columns: rhs.columns, columnMajor: c)
    }

    /// The matrix–vector product A·x through BLAS `dgemv`.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            lhs.columns == rhs.count, "Matrix × vector: \(lhs.columns) columns against \(rhs.count) entries")
        return LAPACK.multiply(lhs.elements, rows: lhs.rows, columns: lhs.columns, transpose: .none, vector: rhs)
    }

    /// Aᵀ·x without forming Aᵀ.
    public func transposedTimes(_ x: [Double]) -> [Double] {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            rows == x.count, "Matrixᵀ × vector: \(rows) rows against \(x.count) entries")
        return LAPACK.multiply(elements, rows: rows, columns: columns, transpose: .transpose, vector: x)
    }

    /// Aᵀ·B without forming Aᵀ.
    public func transposedTimes(_ b: Matrix) -> Matrix {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            rows == b.rows, "Matrixᵀ × matrix: \(rows) rows against \(b.rows) rows")
        let c = LAPACK.multiply(
            elements, rows: rows, columns: columns, transposeA: .transpose,
            b.elements, rows: b.rows, columns: b.columns, transposeB: .none)
        return Matrix(rows: columns, columns: b.columns, columnMajor: c)
    }

    /// The symmetric Gram matrix Aᵀ·A through BLAS `dsyrk`.
    public func gramian() -> Matrix {
        Matrix(
            rows: columns, columns: columns,
            columnMajor: LAPACK.gram(elements, rows: rows, columns: columns, transpose: .transpose))
    }

    /// The sandwich A·M·Aᵀ, the covariance of A·x when cov(x) = M (GUM 5.2, JCGM 102 6.2.1.3).
    public func sandwich(_ m: Matrix) -> Matrix {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            columns == m.rows && m.isSquare, "sandwich: shapes do not fit")
        let am = self * m
        let c = LAPACK.multiply(
            am.elements, rows: am.rows, columns: am.columns, transposeA: .none,
            elements, rows: rows, columns: columns, transposeB: .transpose)
        return Matrix(rows: rows, columns: rows, columnMajor: c)
    }

    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix sum: shapes differ")
        return Matrix(rows: lhs.rows, columns: lhs.columns, columnMajor: zip(lhs.elements, rhs.elements).map(+))
    }

    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(  // allowed: shapes are the library's own (or a programmer's); data never sets them
            lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix difference: shapes differ")
        return Matrix(rows: lhs.rows, columns: lhs.columns, columnMajor: zip(lhs.elements, rhs.elements).map(-))
    }

    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        Matrix(rows: matrix.rows, columns: matrix.columns, columnMajor: matrix.elements.map { scalar * $0 })
    }

    /// The largest absolute entry, max |a_ij| (0 for an empty matrix).
    public var maximumAbsoluteEntry: Double { elements.reduce(0) { Swift.max($0, abs($1)) } }
}
