internal import EquivalenceSupport
import Foundation
import KeyComparison

/// What can be wrong with a traceability graph or a file that describes one, or with a request
/// made of a graph (a chain budget, a covariance).
///
/// Errors are for data the module cannot represent or a request it cannot answer; what is wrong
/// with the *traceability* a valid file describes (a dangling certificate reference, a cycle, an
/// expired reference) is a ``Finding`` of the checker, not an error. The split is documented in
/// the Traceability article "The graph file".
public enum TraceabilityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file (or the data of one) is not in the format: the file when known, as the user named
    /// it, the location in it (a JSON path, or `line n` of an XML file) and why.
    case malformedFile(file: String? = nil, location: String, reason: String)
    /// A file could not be read at all (missing, a directory, not readable): its path and why.
    case unreadableFile(path: String, reason: String)
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
    case invalidNumber(file: String? = nil, location: String, field: String, text: String)
    /// A D-SI list (`si:unitXMLList`, `si:uncertaintyXMLList`, …) whose length is neither 1 nor
    /// the number of values, e.g. when `3 000` was written with a thousands separator.
    case listLengthMismatch(file: String? = nil, location: String, field: String, values: Int, found: Int)
    /// A required element is absent or empty.
    case missingElement(file: String? = nil, location: String, element: String)
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
        case .malformedFile(let file, let location, let reason):
            Self.prefix(file) + "\(location): \(reason)"
        case .unreadableFile(let path, let reason):
            "\(path): cannot be read (\(reason))"
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
        case .invalidNumber(let file, let location, let field, let text):
            Self.prefix(file) + "\(location): \(field) '\(text)' is not a decimal number"
        case .listLengthMismatch(let file, let location, let field, let values, let found):
            Self.prefix(file)
                + "\(location): \(field) has \(found) entries for \(values) values (give one, or one per value)"
        case .missingElement(let file, let location, let element):
            Self.prefix(file) + "\(location): missing \(element)"
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

    /// "file: " when the file is known.
    private static func prefix(_ file: String?) -> String { file.map { "\($0): " } ?? "" }

    /// The same error naming `file` (as the user gave it), for the errors of a reader that do
    /// not name one yet.
    func inFile(_ file: String) -> TraceabilityError {
        switch self {
        case .malformedFile(nil, let location, let reason):
            .malformedFile(file: file, location: location, reason: reason)
        case .invalidNumber(nil, let location, let field, let text):
            .invalidNumber(file: file, location: location, field: field, text: text)
        case .listLengthMismatch(nil, let location, let field, let values, let found):
            .listLengthMismatch(file: file, location: location, field: field, values: values, found: found)
        case .missingElement(nil, let location, let element):
            .missingElement(file: file, location: location, element: element)
        default: self
        }
    }

    /// Reads a file and parses its content, naming the file (as the user gave it) in the errors
    /// that come from its content: the one path from a URL to a value for this module's readers.
    static func reading<Value>(_ url: URL, _ parse: (Data, String) throws(TraceabilityError) -> Value)
        throws(TraceabilityError) -> Value
    {
        let data: Data
        do {
            data = try InputFile.contents(of: url)
        } catch {
            throw .unreadableFile(path: error.path, reason: error.reason)
        }
        let file = InputFile.displayPath(url)
        do {
            return try parse(data, file)
        } catch {
            throw error.inFile(file)
        }
    }
}

extension TraceabilityError: FileNamingError {
    /// The file the error names, as the user gave it (read errors only).
    package var file: String? {
        switch self {
        case .malformedFile(let file, _, _), .invalidNumber(let file, _, _, _),
            .listLengthMismatch(let file, _, _, _, _), .missingElement(let file, _, _):
            file
        case .unreadableFile(let path, _): path
        default: nil
        }
    }
}
