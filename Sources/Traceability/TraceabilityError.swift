import KeyComparison

/// What can be wrong with a traceability graph or a file that describes one, or with a request
/// made of a graph (a chain budget, a covariance).
///
/// Errors are for data the module cannot represent or a request it cannot answer; what is wrong
/// with the *traceability* a valid file describes (a dangling certificate reference, a cycle, an
/// expired reference) is a ``Finding`` of the checker, not an error. The split is documented in
/// the Traceability article "The graph file".
public enum TraceabilityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file could not be read: where, and why.
    case malformedFile(location: String, reason: String)
    /// A field of a node is missing or has a value the model cannot accept (a bad date, a
    /// negative uncertainty, k < 1, a validity end before the calibration date, …).
    case invalidField(node: String, field: String, reason: String)
    /// Two nodes (of any kind) share an id.
    case duplicateIdentifier(String)
    /// A node names an organization, CMC or comparison participant that the file does not define.
    case unknownIdentifier(node: String, field: String, identifier: String)
    /// A requested result (`calibration` or `calibration#point`) is not in the graph.
    case unknownResult(String)
    /// A result names a calibration with several points but no point.
    case ambiguousResult(calibration: String, points: [String])
    /// A chain budget or covariance cannot be computed through a cycle of references.
    case circularTraceability(nodes: [String])
    /// A chain budget was asked for an ancestry larger than the limit given.
    case ancestryTooLarge(limit: Int)
    /// A chain budget or covariance meets a link whose uncertainty is smaller than what it
    /// inherits (negative added variance): `trace check` reports it as `UNCERTAINTY_DECREASES`.
    case inconsistentUncertainty(node: String, addedVariance: Double)
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
    /// A comparison is not listed in the graph's `comparisons`.
    case unknownComparison(String, known: [String])
    /// A laboratory of a comparison has no participant entry in the graph's comparison record.
    case unmappedLaboratory(comparison: String, laboratory: String)
    /// A laboratory's uncertainty in the comparison file disagrees with its result in the graph.
    case uncertaintyMismatch(laboratory: String, comparison: Double, graph: Double)
    /// The comparison built with the graph's covariance is not valid.
    case comparison(KeyComparisonError)

    /// What went wrong, with the file location, node, field or unit that lets a person fix it.
    public var description: String {
        switch self {
        case .malformedFile(let location, let reason):
            "\(location): \(reason)"
        case .invalidField(let node, let field, let reason):
            "node '\(node)', field \(field): \(reason)"
        case .duplicateIdentifier(let id):
            "the id '\(id)' is used by more than one node (ids are unique across anchors, organizations, cmcs, items, calibrations and comparisons)"
        case .unknownIdentifier(let node, let field, let identifier):
            "node '\(node)', field \(field): '\(identifier)' is not defined in the graph"
        case .unknownResult(let id):
            "no calibration result '\(id)' in the graph (give a calibration id, or id#point)"
        case .ambiguousResult(let calibration, let points):
            "calibration '\(calibration)' has several points; name one as \(calibration)#POINT with POINT in \(points.joined(separator: ", "))"
        case .circularTraceability(let nodes):
            "circular traceability through \(nodes.joined(separator: " → ")): no budget or covariance is defined"
        case .ancestryTooLarge(let limit):
            "the result's traceability ancestry has more than \(limit) links: no budget is computed"
        case .inconsistentUncertainty(let node, let addedVariance):
            "'\(node)': its uncertainty is smaller than what it inherits from its references (added variance \(addedVariance)); run 'equivalence trace check'"
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
        case .unknownComparison(let id, let known):
            known.isEmpty
                ? "the graph lists no comparison (add a 'comparisons' entry with id '\(id)')"
                : "the graph has no comparison '\(id)'; it lists \(known.joined(separator: ", "))"
        case .unmappedLaboratory(let comparison, let laboratory):
            "comparison '\(comparison)': laboratory \(laboratory) has no participant entry (laboratory → result) in the graph"
        case .uncertaintyMismatch(let laboratory, let comparison, let graph):
            "\(laboratory): standard uncertainty \(comparison) in the comparison file but \(graph) in the graph (they must agree to 0.1 %)"
        case .comparison(let error):
            error.description
        }
    }

    /// The same error with the file name in front of its location (for read errors).
    func inFile(_ name: String) -> TraceabilityError {
        switch self {
        case .malformedFile(let location, let reason): .malformedFile(location: "\(name): \(location)", reason: reason)
        default: self
        }
    }
}
