/// What can be wrong with a traceability graph or a file that describes one.
public enum TraceabilityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file could not be read: where, and why.
    case malformedFile(location: String, reason: String)
    /// A unit expression that is not valid D-SI or SI Reference Point: the whole expression, the
    /// offending token (`\°C`, `\kgf`, `\degreeCelsius`), its 1-based column and why.
    case invalidUnit(expression: String, token: String, column: Int, issue: UnitSyntaxIssue)
    /// Two units whose dimensions differ (or logarithmic units of different families), so no
    /// factor converts one into the other.
    case incommensurableUnits(from: String, to: String, fromDimension: Dimension, toDimension: Dimension)
    /// A number in a file that is not a decimal (D-SI decimalType), e.g. `22 ± 2`, `NaN`, `3,5`.
    case invalidNumber(location: String, field: String, text: String)
    /// A D-SI list (`si:unitXMLList`, `si:uncertaintyXMLList`, …) whose length is neither 1 nor
    /// the number of values, e.g. when `3 000` was written with a thousands separator.
    case listLengthMismatch(location: String, field: String, values: Int, found: Int)
    /// A required element is absent or empty.
    case missingElement(location: String, element: String)

    public var description: String {
        switch self {
        case .malformedFile(let location, let reason): "\(location): \(reason)"
        case .invalidUnit(let expression, let token, let column, let issue):
            "invalid unit '\(expression)': \(issue) ('\(token)' at column \(column))"
        case .incommensurableUnits(let from, let to, let fromDimension, let toDimension):
            fromDimension == toDimension
                ? "cannot convert '\(from)' to '\(to)': logarithmic units of different kinds"
                : "cannot convert '\(from)' (dimension \(fromDimension)) to '\(to)' (dimension \(toDimension))"
        case .invalidNumber(let location, let field, let text):
            "\(location): \(field) '\(text)' is not a decimal number"
        case .listLengthMismatch(let location, let field, let values, let found):
            "\(location): \(field) has \(found) entries for \(values) values (give one, or one per value)"
        case .missingElement(let location, let element):
            "\(location): missing \(element)"
        }
    }
}
