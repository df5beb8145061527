/// An accreditation of a laboratory to ISO/IEC 17025 (or of a producer to ISO 17034) by an
/// accreditation body, over a period, with a scope.
///
/// ISO/IEC 17025:2017 A.3.1 (b) and ILAC P10 route 2: traceability through an accredited
/// laboratory is recognised when the body is a signatory of the ILAC Arrangement (or of an
/// ILAC-recognised regional arrangement) and the calibration lies within the scope, which the
/// CMC definition (CIPM/ILAC 2007) makes the laboratory's CMCs. Rule T06 checks the period and the
/// signatory status at the calibration date, and — when ``scope`` is given — that the CMC used is in it.
///
///     Accreditation(body: "DAkkS", identifier: "D-K-15195-01-00", isSignatory: true,
///                   from: CalendarDate(iso8601: "2020-01-01")!)
public struct Accreditation: Sendable, Hashable, Codable {
    /// The accreditation body, e.g. "DAkkS", "UKAS", "NATA".
    public var body: String
    /// The accreditation number.
    public var identifier: String?
    /// Whether the body is a signatory of the ILAC Arrangement or a recognised regional
    /// arrangement over the period of the accreditation.
    public var isSignatory: Bool
    /// First day of validity.
    public var from: CalendarDate
    /// Last day of validity; nil while in force.
    public var until: CalendarDate?
    /// Ids of the ``CalibrationMeasurementCapability`` records in the scope; nil when the scope is
    /// not recorded (the checker then cannot test scope coverage and does not).
    public var scope: [String]?

    /// Creates an accreditation from its fields; `until` nil means still in force, `scope` nil means
    /// not recorded.
    public init(
        body: String, identifier: String? = nil, isSignatory: Bool, from: CalendarDate, until: CalendarDate? = nil,
        scope: [String]? = nil
    ) {
        self.body = body
        self.identifier = identifier
        self.isSignatory = isSignatory
        self.from = from
        self.until = until
        self.scope = scope
    }

    /// True when the accreditation is in force on `date` (from ≤ date ≤ until).
    public func isValid(at date: CalendarDate) -> Bool {
        from <= date && (until.map { date <= $0 } ?? true)
    }

    private enum CodingKeys: String, CodingKey {
        case body, identifier, isSignatory = "signatory", from, until, scope
    }
}
