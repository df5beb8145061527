internal import Crypto
import Foundation

extension DocumentHash {
    /// The SHA-256 digest (FIPS 180-4) of a document's bytes, as 64 lower-case hexadecimal digits:
    /// what the importer records as a certificate's own `documentHash`, so that the digests other
    /// certificates state for it can be checked (rule T10, `HASH_MISMATCH`).
    ///
    /// The digest is swift-crypto's `SHA256` (BoringSSL on Linux), not a hand-written one.
    ///
    ///     DocumentHash.sha256(of: Data("abc".utf8)).value
    ///     // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    ///
    /// - Complexity: O(n) in the number of bytes.
    static func sha256(of document: Data) -> DocumentHash {
        let hexadecimal = SHA256.hash(data: document).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        return DocumentHash(algorithm: "SHA256", value: hexadecimal)
    }
}
