import Foundation

/// JSON output of Equivalence's documents (evaluations, propagation results, traceability
/// reports): pretty-printed, keys sorted (stable output for diffs), slashes unescaped, doubles written with
/// the shortest representation that reads back to the same value.
public enum JSONOutput {
    /// Encodes a document as UTF-8 JSON text ending with a newline.
    ///
    /// - Throws: `EncodingError` if a value cannot be represented (a NaN or infinity).
    public static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
