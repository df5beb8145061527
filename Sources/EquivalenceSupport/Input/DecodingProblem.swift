import Foundation

/// What a `DecodingError` means for a person editing the file: the coding path of the offending
/// field and a sentence saying what was expected there.
///
/// Every JSON reader of the package turns Foundation's decoding errors into its own module's error
/// through this type, so that a missing field, a string where a number belongs or `null` read the
/// same in comparison, model and graph files.
///
///     DecodingProblem(error).reason   // "expected a number, found null"
package struct DecodingProblem: Sendable {
    /// The keys from the document's root to the offending field (including a missing key).
    package var keys: [CodingPathKey]
    /// What was wrong, e.g. "required field 'value' is missing", "expected a number".
    package var reason: String

    /// Where a syntax error is, `line L, column C`, when the document is not JSON at all (see
    /// ``init(_:in:)``).
    package var position: String?

    /// The coding path as `results[2].value` (see ``CodingPathKey/path(_:)``), or the position of
    /// a syntax error.
    package var path: String { location(empty: "(document)") }

    /// The coding path, else the position of a syntax error, else `empty`.
    package func location(empty: String) -> String {
        keys.isEmpty ? position ?? empty : CodingPathKey.path(keys, empty: empty)
    }

    /// The problem of `error` met while decoding `data`: when the decoder found no JSON at all
    /// ("The given data was not valid JSON."), the position and reason of the first syntax error
    /// from ``JSONSyntaxCheck`` (a truncated file, a stray comma, `NaN`, `1e400`).
    package init(_ error: DecodingError, in data: Data) {
        self.init(error)
        guard case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
            let syntax = JSONSyntaxCheck.firstError(in: data)
        else { return }
        position = syntax.location
        reason = "not valid JSON: \(syntax.reason)"
    }

    package init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            keys = CodingPathKey.keys(context.codingPath + [key])
            reason = "required field '\(key.stringValue)' is missing"
        case .typeMismatch(let type, let context):
            keys = CodingPathKey.keys(context.codingPath)
            reason = "expected \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            keys = CodingPathKey.keys(context.codingPath)
            reason = "expected \(Self.describe(type)), found null"
        case .dataCorrupted(let context):
            keys = CodingPathKey.keys(context.codingPath)
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            reason = context.debugDescription + underlying
        @unknown default:
            keys = []
            reason = "\(error)"
        }
    }

    /// "a number", "a string", "true or false", "an array" or "an object".
    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is UInt64.Type, is Int32.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") || "\(type)".hasPrefix("[") ? "an array" : "an object"
        }
    }
}

/// One key of a coding path, kept by value: a member name or an array position.
package struct CodingPathKey: Sendable, Hashable {
    /// The member name, or the position as text.
    package var name: String
    /// The array position, when the key is one.
    package var index: Int?

    package init(name: String, index: Int? = nil) {
        self.name = name
        self.index = index
    }

    /// The keys of a `Codable` coding path.
    package static func keys(_ codingPath: [any CodingKey]) -> [CodingPathKey] {
        codingPath.map { CodingPathKey(name: $0.stringValue, index: $0.intValue) }
    }

    /// The path in the dotted form of JSONPath without its `$`: `results[2].value`. Array
    /// positions are written by `label(list, position)` when it gives a name (a laboratory for an
    /// entry of `degreesOfEquivalence`), else as numbers; an empty path is `empty`.
    package static func path(
        _ keys: [CodingPathKey], empty: String = "(document)", label: (String, Int) -> String? = { _, _ in nil }
    ) -> String {
        var text = ""
        var parent = ""
        for key in keys {
            if let index = key.index {
                text += "[\(label(parent, index) ?? "\(index)")]"
            } else {
                text += text.isEmpty ? key.name : ".\(key.name)"
                parent = key.name
            }
        }
        return text.isEmpty ? empty : text
    }
}
