/// What can go wrong in a factorization or a solve, in terms of the data rather than of LAPACK.
///
/// LAPACK reports failures through an integer `info`; the wrappers translate it once, in
/// `LAPACK.swift`, into one of these cases. A NaN in the input, which LAPACKE reports as an
/// "illegal argument" (`info = -k`), becomes ``nonFiniteEntry(row:column:)``; `info > 0` from
/// `dpotrf` becomes ``notPositiveDefinite(leadingMinor:)`` with the order of the failing minor.
public enum LinearAlgebraError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Entry (row, column) is NaN or infinite (zero-based indices).
    case nonFiniteEntry(row: Int, column: Int)
    /// The symmetric matrix is not positive definite: its leading minor of this order (1-based,
    /// as LAPACK counts) is not positive.
    case notPositiveDefinite(leadingMinor: Int)
    /// The matrix is not symmetric: entries (row, column) and (column, row) differ.
    case notSymmetric(row: Int, column: Int)
    /// A square matrix was required.
    case notSquare(rows: Int, columns: Int)
    /// Two operands have shapes that do not fit together.
    case dimensionMismatch(expected: Int, found: Int)
    /// A list of rows in which one row has a different length.
    case raggedRows(row: Int, expected: Int, found: Int)
    /// The design matrix does not have full column rank (rank found, number of columns).
    case rankDeficient(rank: Int, columns: Int)
    /// The eigenvalue algorithm did not converge (LAPACK `info` > 0 from `dsyevd`).
    case eigenvaluesDidNotConverge(info: Int)
    /// A matrix with no rows or columns where at least one was needed.
    case empty
    /// LAPACK rejected argument `position` of `routine`: a defect in this library, not in the data.
    case lapackArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .nonFiniteEntry(let row, let column):
            "entry (\(row + 1), \(column + 1)) is not a finite number"
        case .notPositiveDefinite(let minor):
            "the matrix is not positive definite (leading minor of order \(minor) is not positive)"
        case .notSymmetric(let row, let column):
            "the matrix is not symmetric: entries (\(row + 1), \(column + 1)) and (\(column + 1), \(row + 1)) differ"
        case .notSquare(let rows, let columns):
            "a square matrix is required, found \(rows) × \(columns)"
        case .dimensionMismatch(let expected, let found):
            "dimension mismatch: expected \(expected), found \(found)"
        case .raggedRows(let row, let expected, let found):
            "row \(row + 1) has \(found) entries, expected \(expected)"
        case .rankDeficient(let rank, let columns):
            "the design matrix has rank \(rank), less than its \(columns) columns: the parameters are not identifiable"
        case .eigenvaluesDidNotConverge(let info):
            "the symmetric eigenvalue algorithm did not converge (\(info) off-diagonal elements)"
        case .empty:
            "the matrix is empty"
        case .lapackArgument(let routine, let position):
            "internal error: LAPACK \(routine) rejected argument \(position)"
        }
    }
}
