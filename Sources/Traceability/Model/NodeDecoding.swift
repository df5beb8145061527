internal import EquivalenceSupport

/// Decoding helpers shared by the graph's node types: every failure inside a node becomes a
/// ``TraceabilityError`` that names the node's `id` and the field (a path relative to the node,
/// e.g. `points[1].expandedUncertainty`), so that a message can be acted on in a file of a
/// million calibrations.
enum NodeDecoding {
    /// Runs `body` (the decoding of node `id`), rethrowing a `DecodingError` as
    /// ``TraceabilityError/invalidField(node:field:reason:)`` with the path relative to the node.
    static func node<T>(_ id: String, decoder: any Decoder, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DecodingError {
            let problem = DecodingProblem(error)
            let relative = Array(problem.keys.dropFirst(Swift.min(decoder.codingPath.count, problem.keys.count)))
            throw TraceabilityError.invalidField(
                node: id, field: CodingPathKey.path(relative, empty: "(node)"), reason: problem.reason)
        }
    }
}

extension KeyedDecodingContainer {
    /// A required ISO 8601 date. Dates are decoded through ``CalendarDate/init(from:)``, whose
    /// failure ``NodeDecoding/node(_:decoder:_:)`` turns into an error naming the node and field.
    func decodeDate(_ key: Key) throws -> CalendarDate { try decode(CalendarDate.self, forKey: key) }

    /// An optional ISO 8601 date (absent or null gives nil).
    func decodeDateIfPresent(_ key: Key) throws -> CalendarDate? {
        try decodeIfPresent(CalendarDate.self, forKey: key)
    }

    /// One of the raw values of `T`; anything else is an error listing the accepted values.
    func decodeChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: Key, node: String) throws -> T
    where T.RawValue == String {
        let text = try decode(String.self, forKey: key)
        guard let value = T(rawValue: text) else {
            let accepted = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw TraceabilityError.invalidField(
                node: node, field: key.stringValue, reason: "expected one of \(accepted), found '\(text)'")
        }
        return value
    }

    /// A required finite number.
    func decodeFinite(_ key: Key, node: String) throws -> Double {
        let value = try decode(Double.self, forKey: key)
        guard value.isFinite else {
            throw TraceabilityError.invalidField(node: node, field: key.stringValue, reason: "must be a finite number")
        }
        return value
    }

    /// An optional finite number.
    func decodeFiniteIfPresent(_ key: Key, node: String) throws -> Double? {
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard value.isFinite else {
            throw TraceabilityError.invalidField(node: node, field: key.stringValue, reason: "must be a finite number")
        }
        return value
    }
}
