/// A PTB Digital Calibration Certificate (DCC) as read from its XML, before it becomes a node
/// of the traceability graph.
///
/// Covers the parts a traceability check needs, for schema versions 2.x and 3.x (PTB DCC XSD
/// 3.1.2; Hackel et al., PTB-Mitteilungen 127 (2017) no. 4, doi:10.7795/310.20170403):
/// `administrativeData/coreData` (identifier, performance dates, previous report), the
/// calibration laboratory, the items, the statements (validity range, recalibration date or
/// period, conformity, CIPM MRA claim, `traceable`), and per measurement result the measuring
/// equipment with its `certificate` (referral, referralID, procedure, value): the only link
/// from one certificate to the certificates of its reference standards (§2.1, §4.6 of the
/// project's traceability reference).
///
///     let dcc = try DigitalCalibrationCertificate(contentsOf: url)
///     dcc.validityRange?.minimum.values.first?.value   // 306 (K), PTB GP temperature DCC
///     dcc.recalibrationDate                            // "1959-10-22"
///
/// Dates are kept as written (xs:date, no time zone); values keep their decimal spelling.
public struct DigitalCalibrationCertificate: Sendable, Hashable {
    /// The root's `schemaVersion`, e.g. `3.1.2`.
    public var schemaVersion: String
    /// `coreData/uniqueIdentifier`: the certificate's identity, referred to by `referralID`.
    public var uniqueIdentifier: String
    /// `coreData/identifications` (order numbers, …).
    public var identifications: [Identification]
    /// `coreData/countryCodeISO3166_1`.
    public var countryCode: String?
    /// `coreData/receiptDate`.
    public var receiptDate: String?
    /// `coreData/beginPerformanceDate`.
    public var beginPerformanceDate: String?
    /// `coreData/endPerformanceDate`: the date the calibration is dated by (t(C) of the checks).
    public var endPerformanceDate: String?
    /// `coreData/issueDate` where a 2.x certificate gives one.
    public var issueDate: String?
    /// `coreData/performanceLocation` (laboratory, customer, …).
    public var performanceLocation: String?
    /// `coreData/previousReport`: the certificate this one supersedes.
    public var previousReport: CertificateReference?
    /// `administrativeData/calibrationLaboratory`.
    public var laboratory: Laboratory
    /// `administrativeData/items/item`.
    public var items: [Item]
    /// `administrativeData/statements/statement`.
    public var statements: [Statement]
    /// `measurementResults/measurementResult`.
    public var measurementResults: [MeasurementResult]

    /// Creates a certificate from its parts (as ``init(data:location:)`` reads them).
    public init(
        schemaVersion: String, uniqueIdentifier: String, identifications: [Identification] = [],
        countryCode: String? = nil, receiptDate: String? = nil, beginPerformanceDate: String? = nil,
        endPerformanceDate: String? = nil, issueDate: String? = nil, performanceLocation: String? = nil,
        previousReport: CertificateReference? = nil, laboratory: Laboratory, items: [Item] = [],
        statements: [Statement] = [], measurementResults: [MeasurementResult] = []
    ) {
        self.schemaVersion = schemaVersion
        self.uniqueIdentifier = uniqueIdentifier
        self.identifications = identifications
        self.countryCode = countryCode
        self.receiptDate = receiptDate
        self.beginPerformanceDate = beginPerformanceDate
        self.endPerformanceDate = endPerformanceDate
        self.issueDate = issueDate
        self.performanceLocation = performanceLocation
        self.previousReport = previousReport
        self.laboratory = laboratory
        self.items = items
        self.statements = statements
        self.measurementResults = measurementResults
    }

    /// The major schema version (2 or 3), nil if unreadable.
    public var majorVersion: Int? { schemaVersion.split(separator: ".").first.flatMap { Int($0) } }

    // MARK: Derived views used by the graph conversion and the checks

    /// The range of the statement with refType `basic_validityRange`: its quantities with refType
    /// `basic_validityRangeMin` and `basic_validityRangeMax`.
    public var validityRange: ValidityRange? {
        for statement in statements where statement.refTypes.contains("basic_validityRange") {
            let minimum = statement.data.first { $0.refTypes.contains("basic_validityRangeMin") }?.quantity
            let maximum = statement.data.first { $0.refTypes.contains("basic_validityRangeMax") }?.quantity
            if let minimum, let maximum { return ValidityRange(minimum: minimum, maximum: maximum) }
        }
        return nil
    }

    /// `statement[@refType='basic_recalibration']/date`: the date by which the item is to be
    /// recalibrated (a customer's specification, ISO/IEC 17025 7.8.4.3).
    public var recalibrationDate: String? {
        statements.first { $0.refTypes.contains("basic_recalibration") && $0.date != nil }?.date
    }

    /// `statement[@refType='basic_recalibration']/period` (xs:duration, e.g. `P2Y`).
    public var recalibrationPeriod: String? {
        statements.first { $0.refTypes.contains("basic_recalibration") && $0.period != nil }?.period
    }

    /// Whether a statement with convention `CIPM-MRA` is marked valid (PTB silicon-sphere DCC).
    public var claimsCIPMMRA: Bool {
        statements.contains { $0.convention?.uppercased() == "CIPM-MRA" && $0.valid == true }
    }

    /// The `traceable` flag of the statements: false if any says false, true if one says true,
    /// nil when none states it.
    public var declaresTraceability: Bool? {
        let flags = statements.compactMap(\.traceable)
        if flags.isEmpty { return nil }
        return flags.allSatisfy { $0 }
    }

    /// Every measuring equipment used as a reference standard (refType `basic_standardUsed` or
    /// `basic_normalUsed`; the Good Practice samples use both for the same role), in order.
    public var referenceStandards: [MeasuringEquipment] {
        measurementResults.flatMap(\.measuringEquipment).filter(\.isReferenceStandard)
    }

    /// The date the calibration is dated by: end of performance, else begin, else issue.
    public var calibrationDate: String? { endPerformanceDate ?? beginPerformanceDate ?? issueDate }
}
