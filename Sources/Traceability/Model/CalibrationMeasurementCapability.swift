internal import EquivalenceSupport

/// A calibration and measurement capability (CMC): a service an organization offers, with its
/// range and the smallest uncertainty it claims, published in KCDB Appendix C or in a scope of
/// accreditation.
///
/// CIPM/ILAC definition (CIPM 96th meeting, 2007): "a CMC is a calibration and measurement
/// capability available to customers under normal conditions: (a) as published in the BIPM key
/// comparison database (KCDB) of the CIPM MRA; or (b) as described in the laboratory's scope of
/// accreditation granted by a signatory to the ILAC Arrangement". Rule T05b requires a calibration
/// under either route to fall within a CMC published at its date, inside the CMC's range, with a
/// standard uncertainty not below U_CMC(x)/k_CMC (ILAC P14 §6.4: reported uncertainties "tend to be
/// larger than the uncertainty covered by the CMC").
///
///     CalibrationMeasurementCapability(
///         id: "APMP-RI-JP-00000HSE-1", organization: "NMIJ", quantity: "activity", unit: "Bq",
///         range: MeasurementRange(lower: 2000, upper: 200_000),
///         uncertainty: CMCUncertainty(relative: 0.04), coverageFactor: 2,
///         status: [.init(.published, from: CalendarDate(iso8601: "2012-05-01")!)])
public struct CalibrationMeasurementCapability: Sendable, Hashable, Codable {
    /// A change of the KCDB status of a CMC, effective from a date until the next change.
    public struct StatusChange: Sendable, Hashable, Codable {
        /// The KCDB status values (msl-kcdb `Status`): only `published` allows a calibration.
        public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
            /// Published in the KCDB: calibrations may be claimed under it.
            case published
            /// The institute's quality system is no longer accepted, or supporting evidence failed.
            case greyedOut = "greyed-out"
            /// Superseded or withdrawn by the institute and kept for the record.
            case archived
            /// Removed from the KCDB.
            case deleted
        }

        /// The CMC's KCDB status from ``from`` on.
        public var status: Status
        /// The first day the KCDB status applies (KCDB `statusDate`, or `publicationDate`).
        public var from: CalendarDate

        /// The CMC's KCDB status changing to `status` on `from`.
        public init(_ status: Status, from: CalendarDate) {
            self.status = status
            self.from = from
        }
    }

    /// Unique among all nodes of the graph, e.g. the KCDB code `EURAMET-M-DE-00000ABC-1`.
    public var id: String
    /// The ``Organization`` that offers the service.
    public var organization: String
    /// The quantity, e.g. "mass" (matched case-insensitively with calibrations).
    public var quantity: String
    /// The unit of the range and of the absolute uncertainty term.
    public var unit: String
    /// The range of values covered; nil or both limits absent = unspecified.
    public var range: MeasurementRange?
    /// U_CMC(x).
    public var uncertainty: CMCUncertainty
    /// k of U_CMC (KCDB `coverageFactor`, e.g. 2 or 2.3).
    public var coverageFactor: Double
    /// Status changes; a CMC with no change on or before a date is not published at that date.
    public var status: [StatusChange]
    /// KCDB `traceabilitySource`, e.g. "NMIJ/AIST" (the organization's own source of traceability).
    public var traceabilitySource: String?
    /// Supporting key or supplementary comparisons (identifiers; they need not be in the graph).
    public var comparisons: [String]

    /// Creates a CMC from its fields.
    public init(
        id: String, organization: String, quantity: String, unit: String, range: MeasurementRange?,
        uncertainty: CMCUncertainty, coverageFactor: Double, status: [StatusChange], traceabilitySource: String? = nil,
        comparisons: [String] = []
    ) {
        self.id = id
        self.organization = organization
        self.quantity = quantity
        self.unit = unit
        self.range = range
        self.uncertainty = uncertainty
        self.coverageFactor = coverageFactor
        self.status = status
        self.traceabilitySource = traceabilitySource
        self.comparisons = comparisons
    }

    /// The status in force at a date (the last change on or before it), nil before the first.
    public func status(at date: CalendarDate) -> StatusChange.Status? {
        status.changeInForce(at: date, effectiveFrom: \.from)?.status
    }

    /// u_CMC(x) = U_CMC(x)/k_CMC, in the CMC's unit.
    public func standardUncertainty(at x: Double) -> Double {
        uncertainty.expandedUncertainty(at: x) / coverageFactor
    }

    private enum CodingKeys: String, CodingKey {
        case id, organization, quantity, unit, range, uncertainty, coverageFactor, status, traceabilitySource,
            comparisons
    }

    /// Reads a CMC node of the graph file: `id`, `organization`, `quantity`, `unit`, optional
    /// `range`, `uncertainty` (``CMCUncertainty``), `coverageFactor`, `status` (a list of
    /// `{ "status", "from" }`), optional `traceabilitySource` and `comparisons`.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the CMC and the field
    ///   (k < 1, an unordered range, a bad date, …).
    public init(from decoder: any Decoder) throws {
        self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
            let range = try container.decodeIfPresent(MeasurementRange.self, forKey: .range)
            try range?.validate(node: id, field: "range")
            let k = try container.decodeFinite(.coverageFactor, node: id)
            if let problem = CoverageBounds.coverageFactorProblem(k) {
                throw TraceabilityError.invalidField(node: id, field: "coverageFactor", reason: problem)
            }
            return CalibrationMeasurementCapability(
                id: id, organization: try container.decode(String.self, forKey: .organization),
                quantity: try container.decode(String.self, forKey: .quantity),
                unit: try container.decode(String.self, forKey: .unit), range: range,
                uncertainty: try container.decode(CMCUncertainty.self, forKey: .uncertainty), coverageFactor: k,
                status: try container.decode([StatusChange].self, forKey: .status),
                traceabilitySource: try container.decodeIfPresent(String.self, forKey: .traceabilitySource),
                comparisons: try container.decodeIfPresent([String].self, forKey: .comparisons) ?? [])
        }
    }

    /// Writes the CMC as ``init(from:)`` reads it; `comparisons` is left out when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(organization, forKey: .organization)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(range, forKey: .range)
        try container.encode(uncertainty, forKey: .uncertainty)
        try container.encode(coverageFactor, forKey: .coverageFactor)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(traceabilitySource, forKey: .traceabilitySource)
        if !comparisons.isEmpty { try container.encode(comparisons, forKey: .comparisons) }
    }
}
