/// A coding key for any string, used to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// Refuses an object with a key outside `known`, so that a misspelt field (`"degreesOfFredom"`)
    /// is an error rather than silently ignored.
    func rejectUnknownKeys(_ known: [String], in type: String) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription:
                    "unknown field '\(key.stringValue)' in \(type) (allowed: \(known.joined(separator: ", ")))")
        }
    }
}

extension DecodingError {
    /// The JSON path of the failure ("quantities[2].distribution.lower") and a reason a person
    /// can act on.
    var pathAndReason: (path: String, reason: String) {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "model" : text
        }
        switch self {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "is missing")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(Self.describe(type)) (\(context.debugDescription))")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(Self.describe(type)), found null")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return (path(context.codingPath), context.debugDescription + underlying)
        @unknown default:
            return ("model", "\(self)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is [String].Type: "a list of strings"
        default: "\(type)"
        }
    }
}
