/// A dense real matrix stored in column-major order, the layout LAPACK and BLAS use natively.
///
/// `Matrix` is a value type: copies are cheap until one of them is mutated (copy on write
/// through the underlying array). Element `(i, j)` lives at `elements[i + j * rows]`.
///
///     var v = Matrix(rows: 2, columns: 2, rowMajor: [4, 2,
///                                                     2, 3])
///     v[0, 1]           // 2.0
///     v.transposed()    // the same matrix: v is symmetric
///
/// Shapes that do not fit together are programmer errors inside the library and are checked
/// with `precondition`; data a user supplies (non-finite entries, matrices that are not positive
/// definite) is checked by the factorizations, which throw ``LinearAlgebraError``.
public struct Matrix: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The number of rows, m.
    public let rows: Int
    /// The number of columns, n.
    public let columns: Int
    /// The entries in column-major order: `elements[i + j * rows]` is entry (i, j).
    public var elements: [Double] { storage }
    @usableFromInline var storage: [Double]

    /// Creates a matrix from its entries in column-major order.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        // Files reach matrices through init(rowArrays:) and init(from:), which throw.
        precondition(  // allowed: shapes come from the library or a programmer, never from a file
            rows >= 0 && columns >= 0 && elements.count == rows * columns, "Matrix: shape does not fit data")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// Creates a matrix from its entries in row-major (reading) order.
    public init(rows: Int, columns: Int, rowMajor values: [Double]) {
        precondition(  // allowed: as init(rows:columns:columnMajor:)
            rows >= 0 && columns >= 0 && values.count == rows * columns, "Matrix: shape does not fit data")
        var elements = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { elements[i + j * rows] = values[i * columns + j] }
        }
        self.init(rows: rows, columns: columns, columnMajor: elements)
    }

    /// Creates a matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, columnMajor: [Double](repeating: value, count: rows * columns))
    }

    /// Creates a matrix from a list of rows.
    ///
    /// - Throws: ``LinearAlgebraError/raggedRows(row:expected:found:)`` when the rows differ in length.
    public init(rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let columns = rowArrays.first?.count ?? 0
        for (index, row) in rowArrays.enumerated() where row.count != columns {
            throw .raggedRows(row: index, expected: columns, found: row.count)
        }
        self.init(rows: rowArrays.count, columns: columns, rowMajor: rowArrays.flatMap { $0 })
    }

    /// A column vector (n × 1) holding `values`.
    public init(column values: [Double]) {
        self.init(rows: values.count, columns: 1, columnMajor: values)
    }

    /// The identity matrix of order n.
    public static func identity(order n: Int) -> Matrix {
        diagonal([Double](repeating: 1, count: n))
    }

    /// The square matrix with `values` on its diagonal and zeros elsewhere.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, columns: values.count)
        for (i, value) in values.enumerated() { m[i, i] = value }
        return m
    }

    /// Entry (i, j), zero-based.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// True when the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// The diagonal entries (i, i) for i < min(m, n).
    public var diagonalEntries: [Double] {
        (0..<min(rows, columns)).map { self[$0, $0] }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The rows as arrays (reading order), e.g. for JSON output.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The transpose Aᵀ.
    public func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t[j, i] = self[i, j] }
        }
        return t
    }

    /// The first entry that is NaN or infinite, as (row, column), or nil when all are finite.
    public var firstNonFiniteEntry: (row: Int, column: Int)? {
        guard let index = elements.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (index % Swift.max(rows, 1), index / Swift.max(rows, 1))
    }

    /// The first pair (i, j), i < j, where |a_ij − a_ji| exceeds `relativeTolerance` times the
    /// larger diagonal scale, or nil when the matrix is symmetric to that tolerance.
    public func firstAsymmetricEntry(relativeTolerance: Double = 1e-12) -> (row: Int, column: Int)? {
        guard isSquare else { return (0, 0) }
        for j in 0..<columns {
            for i in 0..<j {
                let scale = Swift.max((abs(self[i, i]) * abs(self[j, j])).squareRoot(), Double.leastNormalMagnitude)
                if abs(self[i, j] - self[j, i]) > relativeTolerance * scale { return (i, j) }
            }
        }
        return nil
    }

    public var description: String {
        rowArrays.map { $0.map { "\($0)" }.joined(separator: "  ") }.joined(separator: "\n")
    }

    private enum CodingKeys: String, CodingKey { case rows, columns, rowMajor }

    /// Encodes as `{"rows": m, "columns": n, "rowMajor": [...]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(rowArrays.flatMap { $0 }, forKey: .rowMajor)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let values = try container.decode([Double].self, forKey: .rowMajor)
        // rows·columns may overflow for a hostile file: compare without forming the product.
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, values.count == count else {
            throw DecodingError.dataCorruptedError(
                forKey: .rowMajor, in: container,
                debugDescription: "expected \(rows) × \(columns) entries, found \(values.count)")
        }
        self.init(rows: rows, columns: columns, rowMajor: values)
    }
}
