internal import EquivalenceSupport

/// JSON output of Equivalence's documents (evaluations, propagation results, traceability
/// reports).
///
/// Keys appear in the order the types declare them — the order of the documentation's
/// examples — rather than hashed or sorted, so the output reads like the documentation and diffs
/// stay stable. Doubles are written in the shortest form that reads back to the same value; nil
/// optionals are omitted; NaN and infinities are refused (an output never contains them).
/// The text is written in one pass, linear in its length.
///
///     try JSONOutput.string(evaluation)   // {"comparison": "CCQM-K25", "method": "weighted-mean", …}
public enum JSONOutput {
    /// Encodes a document as pretty-printed UTF-8 JSON text (two-space indentation) ending with
    /// a newline.
    ///
    /// - Throws: `EncodingError.invalidValue` for a NaN or an infinity, naming its coding path.
    /// - Complexity: O(length of the text).
    public static func string(_ value: some Encodable) throws -> String {
        try encodingErrors { try JSONWriter.string(value, pretty: true) }
    }

    /// Encodes a document on one line, without insignificant white space.
    ///
    /// - Throws: `EncodingError.invalidValue` for a NaN or an infinity, naming its coding path.
    public static func compactString(_ value: some Encodable) throws -> String {
        try encodingErrors { try JSONWriter.string(value, pretty: false) }
    }

    /// Runs the writer, reporting a non-finite number as Foundation's encoders do.
    private static func encodingErrors(_ body: () throws -> String) throws -> String {
        do {
            return try body()
        } catch let error as JSONWriter.NonFiniteNumber {
            throw EncodingError.invalidValue(
                error.value,
                .init(
                    codingPath: error.keys.map(\.codingKey),
                    debugDescription:
                        "\(error.value) at \(CodingPathKey.path(error.keys)) cannot be written in JSON"))
        }
    }
}
