/// What a calibration point was traced to: a point of another calibration certificate, an anchor,
/// or a standard for which no certificate is given.
///
/// VIM 2.40: in a calibration hierarchy "the outcome of each calibration depends on the outcome of
/// the previous calibration"; the reference names that previous outcome. References are per
/// point, because the standard used can change from one calibration point to the next (users ask
/// to "trace which reference standard supported which measurement point"). In a DCC this is
/// `measuringEquipment[@refType='basic_standardUsed' | 'basic_normalUsed']/certificate`.
///
/// JSON: exactly one of `calibration`, `anchor` or (for a standard with no certificate) `standard`:
///
///     { "calibration": "cal-17", "point": "2", "usedAt": 100.0, "sensitivity": 1,
///       "certificateHash": { "algorithm": "SHA256", "value": "…" } }
///     { "anchor": "PTB-kg" }
///     { "standard": "Pt-100 S/N 4711, no certificate" }
///
/// The reference enters the point's model as y = Σ_j c_j·y_j + (added contribution), with
/// sensitivity c_j (default 1, a direct comparison) in `sensitivityUnit` (default "1").
public struct CalibrationReference: Sendable, Hashable, Codable {
    /// The node referred to.
    public enum Target: Sendable, Hashable {
        /// A calibration (certificate) id.
        case calibration(String)
        /// An anchor id.
        case anchor(String)
        /// A standard described in words, with no certificate (rule T01,
        /// `MISSING_REFERENCE_CERTIFICATE`).
        case uncertifiedStandard(String)
    }

    /// What the point was traced to: a calibration, an anchor, or a standard without certificate.
    public var target: Target
    /// The id of the point of the referenced calibration that was used; may be omitted when that
    /// calibration has exactly one point.
    public var point: String?
    /// The value at which the reference standard was used, in the referenced calibration's unit;
    /// defaults to the referenced point's value. Rule T09 checks it against the validity range.
    public var usedAt: Double?
    /// c_j, the sensitivity of this point's value to the reference's value.
    public var sensitivity: Double
    /// The unit of c_j (D-SI or SI Reference Point); nil means "1".
    public var sensitivityUnit: String?
    /// The digest of the referenced certificate as this certificate states it (rule T10).
    public var certificateHash: DocumentHash?

    /// Creates a reference from its fields; the sensitivity defaults to 1 (a direct comparison).
    public init(
        _ target: Target, point: String? = nil, usedAt: Double? = nil, sensitivity: Double = 1,
        sensitivityUnit: String? = nil, certificateHash: DocumentHash? = nil
    ) {
        self.target = target
        self.point = point
        self.usedAt = usedAt
        self.sensitivity = sensitivity
        self.sensitivityUnit = sensitivityUnit
        self.certificateHash = certificateHash
    }

    /// The id of the referenced calibration or anchor, nil for an uncertified standard.
    public var targetIdentifier: String? {
        switch target {
        case .calibration(let id), .anchor(let id): id
        case .uncertifiedStandard: nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case calibration, anchor, standard, point, usedAt, sensitivity, sensitivityUnit, certificateHash
    }

    /// Reads a reference: exactly one of `calibration`, `anchor` or `standard`, with optional
    /// `point`, `usedAt`, `sensitivity` (default 1), `sensitivityUnit` and `certificateHash`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` for no target or two of them, or a `usedAt` or
    ///   `sensitivity` that is not finite.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let calibration = try container.decodeIfPresent(String.self, forKey: .calibration)
        let anchor = try container.decodeIfPresent(String.self, forKey: .anchor)
        let standard = try container.decodeIfPresent(String.self, forKey: .standard)
        switch (calibration, anchor) {
        case (let id?, nil): target = .calibration(id)
        case (nil, let id?): target = .anchor(id)
        case (nil, nil):
            guard let standard else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription:
                            "a reference needs 'calibration', 'anchor' or (without a certificate) 'standard'"
                    ))
            }
            target = .uncertifiedStandard(standard)
        default:
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "give either 'calibration' or 'anchor', not both")
            )
        }
        point = try container.decodeIfPresent(String.self, forKey: .point)
        usedAt = try container.decodeIfPresent(Double.self, forKey: .usedAt)
        sensitivity = try container.decodeIfPresent(Double.self, forKey: .sensitivity) ?? 1
        sensitivityUnit = try container.decodeIfPresent(String.self, forKey: .sensitivityUnit)
        certificateHash = try container.decodeIfPresent(DocumentHash.self, forKey: .certificateHash)
        for (key, value) in [(CodingKeys.usedAt, usedAt), (.sensitivity, sensitivity)] {
            if let value, !value.isFinite {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath + [key], debugDescription: "must be a finite number"))
            }
        }
    }

    /// Writes the reference as ``init(from:)`` reads it; a sensitivity of 1 is left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch target {
        case .calibration(let id): try container.encode(id, forKey: .calibration)
        case .anchor(let id): try container.encode(id, forKey: .anchor)
        case .uncertifiedStandard(let text): try container.encode(text, forKey: .standard)
        }
        try container.encodeIfPresent(point, forKey: .point)
        try container.encodeIfPresent(usedAt, forKey: .usedAt)
        if sensitivity != 1 { try container.encode(sensitivity, forKey: .sensitivity) }
        try container.encodeIfPresent(sensitivityUnit, forKey: .sensitivityUnit)
        try container.encodeIfPresent(certificateHash, forKey: .certificateHash)
    }
}
