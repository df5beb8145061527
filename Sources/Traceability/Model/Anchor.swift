/// The reference at the top of a calibration hierarchy: a realization of an SI unit, or one of the
/// non-SI references ILAC P10 accepts where SI traceability is not technically possible.
///
/// VIM 2.41 Note 1: the reference "can be a definition of a measurement unit through its practical
/// realization, or a measurement procedure including the measurement unit for a non-ordinal
/// quantity, or a measurement standard". The checker requires every chain to end at an anchor
/// (rule T02, `CHAIN_BROKEN`); an anchor whose ``Kind/isSI`` is false gives the warning
/// `NON_SI_ANCHOR` (ILAC P10: certified reference materials, reference procedures and consensus
/// standards are accepted routes but must be identified as such).
///
///     Anchor(id: "PTB-kg", kind: .siRealization, quantity: "mass", unit: "kg", holder: "PTB",
///            uncertainty: .standard(1e-8))
public struct Anchor: Sendable, Hashable, Codable {
    /// What kind of reference an anchor is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A realization of the definition of an SI unit (a mise en pratique), e.g. a Kibble balance.
        case siRealization = "si-realization"
        /// An international measurement standard (VIM 5.2), e.g. a BIPM reference.
        case internationalStandard = "international-standard"
        /// A defined scale adopted by the CIPM as the realization of an SI unit, e.g. ITS-90.
        case definedScale = "defined-scale"
        /// A certified value of a reference material (ISO 17034); non-SI route of ILAC P10.
        case certifiedReferenceMaterial = "certified-reference-material"
        /// A reference measurement procedure; non-SI route of ILAC P10.
        case referenceProcedure = "reference-procedure"
        /// A consensus standard; non-SI route of ILAC P10.
        case consensusStandard = "consensus-standard"

        /// True for references that realise the SI (the first three kinds).
        public var isSI: Bool {
            switch self {
            case .siRealization, .internationalStandard, .definedScale: true
            case .certifiedReferenceMaterial, .referenceProcedure, .consensusStandard: false
            }
        }
    }

    /// Unique among all nodes of the graph.
    public var id: String
    /// What kind of reference it is: a realization of the SI or one of the non-SI routes.
    public var kind: Kind
    /// The quantity realised, e.g. "mass" (matched case-insensitively with calibrations and CMCs).
    public var quantity: String
    /// The unit of the realised value and its uncertainty, D-SI or SI Reference Point syntax.
    public var unit: String
    /// The organization that holds the realization (an ``Organization`` id).
    public var holder: String?
    /// The realised value, when it matters (e.g. a 1 kg realization); nil for a unit definition.
    public var value: Double?
    /// The uncertainty of the realization (u ≥ 0).
    public var uncertainty: StatedUncertainty
    /// The date after which the realization may no longer be used, if any.
    public var validUntil: CalendarDate?
    /// Free text: the mise en pratique, the instrument, the supporting comparisons.
    public var description: String?

    /// Creates an anchor from its fields.
    public init(
        id: String, kind: Kind, quantity: String, unit: String, holder: String? = nil, value: Double? = nil,
        uncertainty: StatedUncertainty, validUntil: CalendarDate? = nil, description: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.quantity = quantity
        self.unit = unit
        self.holder = holder
        self.value = value
        self.uncertainty = uncertainty
        self.validUntil = validUntil
        self.description = description
    }

    /// u of the realization.
    public var standardUncertainty: Double { uncertainty.standardUncertainty }

    private enum CodingKeys: String, CodingKey {
        case id, kind, quantity, unit, holder, value, validUntil, description
    }

    /// Reads an anchor node of the graph file: `id`, `kind`, `quantity`, `unit`, optional
    /// `holder`, `value`, `validUntil`, `description`, and `standardUncertainty` (u ≥ 0, u = 0 for
    /// a defined value) or `expandedUncertainty` with `coverageFactor` (k ≥ 1).
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the anchor and the field.
    public init(from decoder: any Decoder) throws {
        self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
            guard
                let uncertainty = try StatedUncertainty.decodeIfPresent(from: decoder, node: id, allowsZero: true)
            else {
                throw TraceabilityError.invalidField(
                    node: id, field: "standardUncertainty",
                    reason: "give standardUncertainty, or expandedUncertainty with coverageFactor")
            }
            return Anchor(
                id: id, kind: try container.decodeChoice(Kind.self, .kind, node: id),
                quantity: try container.decode(String.self, forKey: .quantity),
                unit: try container.decode(String.self, forKey: .unit),
                holder: try container.decodeIfPresent(String.self, forKey: .holder),
                value: try container.decodeFiniteIfPresent(.value, node: id), uncertainty: uncertainty,
                validUntil: try container.decodeDateIfPresent(.validUntil),
                description: try container.decodeIfPresent(String.self, forKey: .description))
        }
    }

    /// Writes the anchor as ``init(from:)`` reads it, the uncertainty as stated (u, or U with k).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(holder, forKey: .holder)
        try container.encodeIfPresent(value, forKey: .value)
        try uncertainty.encode(to: encoder)
        try container.encodeIfPresent(validUntil, forKey: .validUntil)
        try container.encodeIfPresent(description, forKey: .description)
    }
}
