/// An organization in a traceability graph: the BIPM, a national metrology institute, a
/// designated institute, an accredited or an unaccredited laboratory, a reference-material producer.
///
/// The organization decides which recognised route its calibrations can use (ISO/IEC 17025:2017
/// A.3.1; ILAC P10): route (a) needs an NMI or DI whose quality management system is accepted by
/// its RMO (CIPM MRA §7.3; CIPM MRA-G-12), route (b) a laboratory accredited by a body that is a
/// signatory of the ILAC Arrangement or a recognised regional arrangement. Rule T06 reads
/// ``qualitySystem`` and ``accreditations`` at the date of each calibration.
///
///     Organization(id: "PTB", kind: .nationalMetrologyInstitute, country: "DE", rmo: "EURAMET")
public struct Organization: Sendable, Hashable, Codable {
    /// The role of an organization in the calibration hierarchy.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The Bureau International des Poids et Mesures, which holds international standards.
        case bipm = "bipm"
        /// A national metrology institute, signatory of the CIPM MRA.
        case nationalMetrologyInstitute = "nmi"
        /// A designated institute (CIPM MRA-D-06), listed in KCDB Appendix A.
        case designatedInstitute = "designated-institute"
        /// A calibration laboratory accredited to ISO/IEC 17025.
        case accreditedLaboratory = "accredited-laboratory"
        /// A laboratory with no recognised status (ILAC P10 route 3: needs supporting evidence).
        case laboratory = "laboratory"
        /// A reference-material producer (ISO 17034).
        case referenceMaterialProducer = "reference-material-producer"

        /// True for the organizations whose services are CMCs in the KCDB (CIPM MRA Appendix C).
        public var publishesCMCsInKCDB: Bool {
            self == .bipm || self == .nationalMetrologyInstitute || self == .designatedInstitute
        }
    }

    /// A change of the status of the quality management system, effective from a date until the next change.
    public struct QualitySystemStatus: Sendable, Hashable, Codable {
        /// The states of a quality management system under the CIPM MRA.
        public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
            /// Reviewed and accepted by the RMO's quality committee (CIPM MRA-G-12).
            case accepted
            /// Acceptance suspended; the institute's CMCs are greyed out in the KCDB.
            case suspended
            /// No longer accepted.
            case withdrawn
        }

        /// The quality system's status from ``from`` on.
        public var status: Status
        /// The first day the quality-system status applies (the date of the RMO's decision).
        public var from: CalendarDate

        /// The quality system's status changing to `status` on `from`.
        public init(_ status: Status, from: CalendarDate) {
            self.status = status
            self.from = from
        }
    }

    /// Unique among all nodes of the graph.
    public var id: String
    /// The organization's full name, e.g. "Physikalisch-Technische Bundesanstalt".
    public var name: String?
    /// The organization's role in the hierarchy, which decides its recognised route (rule T06).
    public var kind: Kind
    /// ISO 3166-1 alpha-2 code.
    public var country: String?
    /// The regional metrology organization: AFRIMETS, APMP, COOMET, EURAMET, GULFMET, SIM.
    public var rmo: String?
    /// Status changes in date order. Empty means "not recorded": the checker then assumes an
    /// accepted quality system for NMIs, DIs and the BIPM (documented in the Traceability article).
    public var qualitySystem: [QualitySystemStatus]
    /// Accreditations held (for accredited laboratories and reference-material producers).
    public var accreditations: [Accreditation]

    /// Creates an organization from its fields.
    public init(
        id: String, name: String? = nil, kind: Kind, country: String? = nil, rmo: String? = nil,
        qualitySystem: [QualitySystemStatus] = [], accreditations: [Accreditation] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.rmo = rmo
        self.qualitySystem = qualitySystem
        self.accreditations = accreditations
    }

    /// The quality-system status in force at a date: the last change on or before it; nil when
    /// the history is empty or starts later.
    public func qualitySystemStatus(at date: CalendarDate) -> QualitySystemStatus.Status? {
        qualitySystem.changeInForce(at: date, effectiveFrom: \.from)?.status
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, kind, country, rmo, qualitySystem, accreditations
    }

    /// Reads an organization node of the graph file: `id`, `kind`, optional `name`, `country`,
    /// `rmo`, `qualitySystem` and `accreditations`.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the organization and the field.
    public init(from decoder: any Decoder) throws {
        self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
            Organization(
                id: id, name: try container.decodeIfPresent(String.self, forKey: .name),
                kind: try container.decodeChoice(Kind.self, .kind, node: id),
                country: try container.decodeIfPresent(String.self, forKey: .country),
                rmo: try container.decodeIfPresent(String.self, forKey: .rmo),
                qualitySystem: try container.decodeIfPresent([QualitySystemStatus].self, forKey: .qualitySystem) ?? [],
                accreditations: try container.decodeIfPresent([Accreditation].self, forKey: .accreditations) ?? [])
        }
    }

    /// Writes the organization as ``init(from:)`` reads it; empty histories are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(country, forKey: .country)
        try container.encodeIfPresent(rmo, forKey: .rmo)
        if !qualitySystem.isEmpty { try container.encode(qualitySystem, forKey: .qualitySystem) }
        if !accreditations.isEmpty { try container.encode(accreditations, forKey: .accreditations) }
    }
}
