import Foundation

/// A reference to another certificate: DCC `hashType` (`referral`, `referralID`, `procedure`,
/// `value`, `linkedReport`), used by `measuringEquipment/certificate` and `coreData/previousReport`.
///
/// `referralID` is the referenced certificate's `uniqueIdentifier`; `procedure` names how
/// `value` was obtained: a hash algorithm (`SHA256`, …) whose digest of the referenced document
/// must equal `value` (check T10, `HASH_MISMATCH`), or `analogue` for a paper certificate, which
/// cannot be verified (`UNVERIFIABLE_REFERENCE`) (PTB DCC XSD 3.1.2, hashType).
///
///     let reference = CertificateReference(referralID: "GP-mE-Certificate-y", procedure: "SHA256", value: "SHA256-value")
///     reference.hashAlgorithm      // .sha256
///     reference.hasWellFormedDigest // false: a placeholder, not 64 hex digits
public struct CertificateReference: Sendable, Hashable, Codable {
    /// `referral`: the name of the referenced document (English or first content).
    public var referral: String?
    /// `referralID`: the referenced certificate's unique identifier.
    public var referralID: String?
    /// `procedure`: a hash algorithm name or `analogue`.
    public var procedure: String?
    /// `value`: the digest (or a placeholder).
    public var value: String?
    /// `linkedReport`, when the reference is itself a reference to a report.
    public var linkedReport: String?

    /// Creates a reference from its `hashType` fields, all optional as in the XSD.
    public init(
        referral: String? = nil, referralID: String? = nil, procedure: String? = nil, value: String? = nil,
        linkedReport: String? = nil
    ) {
        self.referral = referral
        self.referralID = referralID
        self.procedure = procedure
        self.value = value
        self.linkedReport = linkedReport
    }

    /// Hash algorithms whose digests can be checked, with their hexadecimal digest length.
    public enum HashAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
        /// SHA-1 (FIPS 180-4), 160 bits; broken for collisions, accepted here only to be recognised.
        case sha1 = "SHA1"
        /// SHA-224 (FIPS 180-4), 224 bits.
        case sha224 = "SHA224"
        /// SHA-256 (FIPS 180-4), 256 bits: what the importer records for a certificate's own document.
        case sha256 = "SHA256"
        /// SHA-384 (FIPS 180-4), 384 bits.
        case sha384 = "SHA384"
        /// SHA-512 (FIPS 180-4), 512 bits.
        case sha512 = "SHA512"

        /// Hex digits in a digest.
        public var hexLength: Int {
            switch self {
            case .sha1: 40
            case .sha224: 56
            case .sha256: 64
            case .sha384: 96
            case .sha512: 128
            }
        }
    }

    /// Whether the reference is to a paper (analogue) certificate.
    public var isAnalogue: Bool { procedure?.lowercased() == "analogue" || procedure?.lowercased() == "analog" }

    /// The hash algorithm `procedure` names (`SHA256`, `SHA-256`, `sha256`), nil otherwise.
    public var hashAlgorithm: HashAlgorithm? {
        guard let procedure else { return nil }
        let normalized = procedure.uppercased().replacingOccurrences(of: "-", with: "")
        return HashAlgorithm(rawValue: normalized)
    }

    /// Whether `value` is a digest of the algorithm's length in hexadecimal (or base64 of the
    /// right length); false for placeholders such as `SHA256-value`.
    public var hasWellFormedDigest: Bool {
        guard let algorithm = hashAlgorithm, let value = value?.trimmingCharacters(in: .whitespaces) else {
            return false
        }
        if value.count == algorithm.hexLength, value.allSatisfy(\.isHexDigit) { return true }
        let bytes = algorithm.hexLength / 2
        let base64Length = (bytes + 2) / 3 * 4
        return value.count == base64Length
            && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }
    }
}
