/// A value that graph files write as its ISO 8601 text: a calendar date (`2025-03-01`,
/// ``CalendarDate``) or a duration (`P2Y`, ``RecalibrationInterval``).
///
/// The one place that reads such a value from a JSON string, telling the reader which form was
/// expected when the text does not parse, and writes it back as its ``description``. The types'
/// own `init(from:)` and `encode(to:)` (public, as `Codable` requires) call these.
protocol ISO8601Representable: CustomStringConvertible {
    /// Parses the ISO 8601 text; nil when it is not of the form.
    init?(iso8601 text: String)

    /// The form a file must give, for the error message, e.g. "an ISO 8601 date (YYYY-MM-DD)".
    static var expectedISO8601Form: String { get }
}

extension ISO8601Representable {
    /// Reads the value from a single JSON string.
    ///
    /// - Throws: `DecodingError.dataCorrupted` "expected ⟨form⟩, found '⟨text⟩'", which
    ///   ``NodeDecoding/node(_:decoder:_:)`` turns into an error naming the node and field.
    init(iso8601From decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(iso8601: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected \(Self.expectedISO8601Form), found '\(text)'")
        }
        self = value
    }

    /// Writes the value as a single JSON string, its ISO 8601 ``description``.
    func encodeISO8601(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
