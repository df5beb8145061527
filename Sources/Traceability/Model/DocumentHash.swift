/// A digest of a certificate document, as a DCC states it for a referenced certificate
/// (`dcc:certificate` of type `hashType`: `procedure` = algorithm, `value` = digest).
///
/// Rule T10: when a reference names a hash and the referenced certificate's own document hash is
/// known, the two must agree (`HASH_MISMATCH`). A digest that cannot be checked — procedure
/// `analogue`, an unknown algorithm, a value that is not hexadecimal of the algorithm's length
/// (PTB's Good Practice DCCs hold placeholders) — makes the reference `UNVERIFIABLE_REFERENCE`.
///
///     DocumentHash(algorithm: "SHA256", value: "9f86d081…").isVerifiable   // true for 64 hex digits
public struct DocumentHash: Sendable, Hashable, Codable {
    /// The procedure, e.g. "SHA256", "SHA-512", "analogue".
    public var algorithm: String
    /// The digest, hexadecimal.
    public var value: String

    /// Creates a digest from the procedure's name and the digest as written.
    public init(algorithm: String, value: String) {
        self.algorithm = algorithm
        self.value = value
    }

    /// The algorithm's name normalised (upper case, no dash): "SHA256", "SHA512", …
    public var normalizedAlgorithm: String {
        String(algorithm.uppercased().filter { $0 != "-" && $0 != "_" })
    }

    /// Hex digits of a digest of this algorithm, nil for an algorithm the checker does not know.
    var digestLength: Int? {
        switch normalizedAlgorithm {
        case "SHA1": 40
        case "SHA224", "SHA3224": 56
        case "SHA256", "SHA3256": 64
        case "SHA384", "SHA3384": 96
        case "SHA512", "SHA3512": 128
        default: nil
        }
    }

    /// True when the algorithm is a known digest and the value is hexadecimal of its length.
    public var isVerifiable: Bool {
        guard let length = digestLength, value.utf8.count == length else { return false }
        return value.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }
    }

    /// True when both name the same algorithm and the digests agree (case-insensitively).
    public func matches(_ other: DocumentHash) -> Bool {
        normalizedAlgorithm == other.normalizedAlgorithm && value.lowercased() == other.value.lowercased()
    }
}
