internal import EquivalenceSupport
import Foundation

/// Builds a traceability graph document from calibration certificates (PTB DCC XML), KCDB CMC
/// records (JSON) and BIPM key comparisons (XML): what `equivalence trace import` prints.
///
/// Mapping (project traceability reference §4.6):
/// - a DCC becomes one ``Calibration``: id = `uniqueIdentifier`; issuer = the laboratory's code,
///   else its name (an ``Organization`` of kind NMI when the DCC claims the CIPM MRA, else an
///   unclassified laboratory: the DCC does not say more); date = `endPerformanceDate`;
///   `validUntil` = the `basic_recalibration` date, else the interval from its `period`; the
///   points are the values of the first result that states an uncertainty (the reference values
///   of the same list when that result is an error or deviation), in the unit of those values;
///   the validity range is converted to that unit; every reference standard
///   (`basic_standardUsed`/`basic_normalUsed`) becomes a reference of every point: to the
///   calibration named by `certificate/referralID`, with the stated digest, or, without a
///   certificate, to an uncertified standard (rule T01); the document's SHA-256 is recorded so that
///   other certificates' digests of it can be verified (rule T10);
/// - a KCDB record becomes a ``CalibrationMeasurementCapability`` of its institute (`nmiCode`), with
///   its range, relative (per cent → fraction) or absolute uncertainty, k and status history;
/// - a BIPM key comparison becomes a ``ComparisonRecord`` whose participants are calibrations
///   holding each laboratory's SIR equivalent activity (no references: the file does not say
///   what the laboratories' standards trace to).
///
/// Nodes already in the base document win over imported ones with the same id, so a hand-written
/// graph of anchors and organizations can be completed with certificates. What cannot be mapped
/// is reported in ``notes`` rather than dropped silently.
///
///     var importer = TraceabilityImporter()
///     try importer.add(try DigitalCalibrationCertificate(contentsOf: url), documentData: data)
///     let json = try importer.document.jsonData()
public struct TraceabilityImporter: Sendable {
    /// The graph built so far.
    public internal(set) var document: TraceabilityDocument
    /// Remarks about what could not be mapped (one line each), in input order.
    public internal(set) var notes: [String] = []
    /// The quantity name given to imported calibrations; nil derives it from the unit's dimension.
    public var quantity: String?

    var identifiers: Set<String>
    /// The ids of the base document: an imported node with one of them is skipped, not an error.
    let baseIdentifiers: Set<String>

    /// Starts from `base` (empty by default); its nodes take precedence over imported ones.
    public init(base: TraceabilityDocument = TraceabilityDocument(), quantity: String? = nil) {
        self.document = base
        self.quantity = quantity
        var identifiers = Set<String>()
        for id in base.anchors.map(\.id) + base.organizations.map(\.id) + base.cmcs.map(\.id) + base.items.map(\.id)
            + base.calibrations.map(\.id) + base.comparisons.map(\.id)
        {
            identifiers.insert(id)
        }
        self.identifiers = identifiers
        self.baseIdentifiers = identifiers
    }

    mutating func note(_ text: String) { notes.append(text) }

    mutating func addOrganization(_ organization: Organization) {
        guard identifiers.insert(organization.id).inserted else { return }
        document.organizations.append(organization)
    }

    // MARK: DCC

    /// Adds one certificate as a calibration (with its issuer and item).
    ///
    /// - Parameter documentData: the certificate's file bytes; their SHA-256 becomes the
    ///   calibration's `documentHash`.
    /// - Throws: ``TraceabilityError/duplicateIdentifier(_:)`` for a second certificate with the same
    ///   id; ``TraceabilityError/invalidField(node:field:reason:)`` for a missing or invalid date,
    ///   no result with an uncertainty, a non-positive uncertainty or k < 1;
    ///   ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` for the unit of the points.
    public mutating func add(
        _ dcc: DigitalCalibrationCertificate, documentData: Data? = nil
    ) throws(TraceabilityError) {
        let id = dcc.uniqueIdentifier
        if baseIdentifiers.contains(id) {
            note("\(id): already in the base graph, the certificate was not imported again")
            return
        }
        guard !identifiers.contains(id) else { throw .duplicateIdentifier(id) }
        guard let issuer = dcc.laboratory.identifier else {
            throw .invalidField(
                node: id, field: "calibrationLaboratory", reason: "neither a laboratory code nor a name")
        }
        guard let dateText = dcc.calibrationDate else {
            throw .invalidField(node: id, field: "endPerformanceDate", reason: "the certificate states no date")
        }
        let date = try Self.date(dateText, node: id, field: "endPerformanceDate")

        var validUntil: CalendarDate?
        var interval: RecalibrationInterval?
        if let text = dcc.recalibrationDate {
            validUntil = try Self.date(text, node: id, field: "statement[basic_recalibration]/date")
            if let end = validUntil, end < date {
                throw .invalidField(
                    node: id, field: "statement[basic_recalibration]/date",
                    reason: "\(end) precedes the calibration date \(date)")
            }
            if dcc.recalibrationPeriod != nil {
                note("\(id): both a recalibration date and a period; the date is used")
            }
        } else if let period = dcc.recalibrationPeriod {
            guard let parsed = RecalibrationInterval(iso8601: period) else {
                throw .invalidField(
                    node: id, field: "statement[basic_recalibration]/period",
                    reason: "'\(period)' is not an ISO 8601 duration")
            }
            interval = parsed
        }

        let extracted = try Self.points(of: dcc)
        let unit = try MeasurementUnit(parsing: extracted.unit)
        if dcc.measurementResults.flatMap(\.results).count > 1 {
            note("\(id): several results; the calibration points are those of '\(extracted.source)'")
        }

        let references = dcc.referenceStandards.map { standard -> CalibrationReference in
            guard let certificate = standard.certificate else {
                let described = ([standard.name] + standard.identifications.map { "\($0.issuer) \($0.value)" })
                    .compactMap { $0 }.joined(separator: ", ")
                return CalibrationReference(.uncertifiedStandard(described.isEmpty ? "reference standard" : described))
            }
            let target = certificate.referralID ?? certificate.referral ?? "unnamed certificate"
            let hash: DocumentHash? =
                certificate.procedure.map { DocumentHash(algorithm: $0, value: certificate.value ?? "") }
            return CalibrationReference(.calibration(target), certificateHash: hash)
        }
        if dcc.referenceStandards.isEmpty { note("\(id): the certificate names no reference standard") }
        let points = extracted.points.map { point in
            Calibration.Point(value: point.value, uncertainty: point.uncertainty, references: references)
        }

        var validityRange: MeasurementRange?
        if let range = dcc.validityRange {
            if let lower = Self.value(range.minimum, in: unit), let upper = Self.value(range.maximum, in: unit) {
                validityRange = MeasurementRange(lower: lower, upper: upper)
            } else {
                note("\(id): the validity range is not in a unit convertible to \(extracted.unit); it was left out")
            }
        }

        let itemID = Self.itemIdentifier(dcc) ?? "\(id) item"
        if identifiers.insert(itemID).inserted, let item = dcc.items.first {
            document.items.append(
                Item(
                    id: itemID, name: item.name ?? item.model,
                    identifications: item.identifications.map { "\($0.issuer): \($0.value)" }))
        }
        addOrganization(
            Organization(
                id: issuer, name: dcc.laboratory.name,
                kind: dcc.claimsCIPMMRA ? .nationalMetrologyInstitute : .laboratory,
                country: dcc.laboratory.countryCode ?? dcc.countryCode))

        identifiers.insert(id)
        document.calibrations.append(
            Calibration(
                id: id, issuer: issuer, item: itemID, date: date,
                issued: try dcc.issueDate.map { (text) throws(TraceabilityError) in
                    try Self.date(text, node: id, field: "issueDate")
                },
                validUntil: validUntil, recalibrationInterval: interval,
                quantity: quantity ?? Self.quantityName(of: unit), unit: extracted.unit, points: points,
                validityRange: validityRange,
                documentHash: documentData.map(DocumentHash.sha256(of:)),
                description: dcc.items.first?.name))
    }

    /// A point as extracted: value and stated uncertainty in the calibration unit.
    struct ExtractedPoints {
        var unit: String
        var points: [(value: Double, uncertainty: StatedUncertainty)]
        var source: String
    }

    /// refTypes of quantities that are differences (their values are not calibration points).
    static let differenceRoles: Set<String> = [
        "basic_measurementError", "basic_measurementErrorRelative", "basic_correction", "basic_deviation",
    ]
    /// refTypes of the values a difference refers to, in order of preference.
    static let pointRoles = [
        "basic_referenceValue", "basic_calibrationValue", "basic_nominalValue", "basic_measuredValue",
    ]

    /// The calibration points of the first result with a stated uncertainty.
    static func points(of dcc: DigitalCalibrationCertificate) throws(TraceabilityError) -> ExtractedPoints {
        let id = dcc.uniqueIdentifier
        for measurementResult in dcc.measurementResults {
            for result in measurementResult.results {
                for quantity in result.quantities {
                    guard let values = quantity.quantity?.values, !values.isEmpty,
                        values.allSatisfy({ $0.uncertainty != nil })
                    else { continue }
                    let uncertaintyUnit = try values[0].measurementUnit()
                    var pointValues = values
                    if !differenceRoles.isDisjoint(with: quantity.refTypes) {
                        // The points are the reference (or measured) values of the same list.
                        let candidates = pointRoles.compactMap { role in result.quantity(role)?.quantity }
                        let match = candidates.lazy.compactMap { candidate in
                            candidate.representations.first { list in
                                list.count == values.count
                                    && ((try? list[0].measurementUnit())?.isCommensurable(with: uncertaintyUnit)
                                        ?? false)
                            }
                        }.first
                        guard let match else { continue }
                        pointValues = match
                    }
                    let unitText = pointValues[0].unit
                    let unit = try pointValues[0].measurementUnit()
                    let toPointUnit = try uncertaintyUnit.conversion(to: unit)
                    var points: [(value: Double, uncertainty: StatedUncertainty)] = []
                    for (pointValue, uncertain) in zip(pointValues, values) {
                        guard try pointValue.measurementUnit() == unit, let stated = uncertain.uncertainty else {
                            throw .invalidField(
                                node: id, field: "unit", reason: "the points of one list use several units")
                        }
                        points.append(
                            (pointValue.value, try statedUncertainty(stated, conversion: toPointUnit, node: id)))
                    }
                    let name = ([quantity.name] + quantity.refTypes.map { $0 }).compactMap { $0 }.first ?? "result"
                    return ExtractedPoints(unit: unitText, points: points, source: name)
                }
            }
        }
        throw .invalidField(
            node: id, field: "measurementResults", reason: "no result states a value with an uncertainty")
    }

    /// The D-SI uncertainty as the graph states it, converted to the points' unit.
    static func statedUncertainty(
        _ uncertainty: SIUncertainty, conversion: UnitConversion, node: String
    ) throws(TraceabilityError) -> StatedUncertainty {
        if case .expanded(_, let k, _, _) = uncertainty, let problem = CoverageBounds.coverageFactorProblem(k) {
            throw .invalidField(node: node, field: "coverageFactor", reason: problem)
        }
        // Checked as stated: the conversion takes |u|, which would hide a negative uncertainty.
        let stated = uncertainty.expandedUncertainty ?? uncertainty.standardUncertainty
        guard stated > 0 else {
            throw .invalidField(node: node, field: "uncertainty", reason: "must be positive, found \(stated)")
        }
        let converted: StatedUncertainty
        switch uncertainty {
        case .expanded(let expanded, let k, _, _):
            converted = .expanded(conversion.uncertainty(expanded), coverageFactor: k)
        case .standard(let u, _), .coverageInterval(let u, _, _, _):
            converted = .standard(conversion.uncertainty(u))
        }
        guard converted.standardUncertainty > 0, converted.standardUncertainty.isFinite else {
            throw .invalidField(
                node: node, field: "uncertainty",
                reason: "must be positive and finite in the unit of the points, found \(converted.standardUncertainty)")
        }
        return converted
    }

    /// The first value of a quantity, in `unit` (values convert with the °C offset).
    static func value(_ quantity: SIQuantity, in unit: MeasurementUnit) -> Double? {
        for representation in quantity.representations {
            if let first = representation.first, let converted = try? first.converted(to: unit),
                converted.value.isFinite
            {
                return converted.value
            }
        }
        return nil
    }

    /// The item's id: the calibration laboratory's, else the manufacturer's serial, else the first identification.
    static func itemIdentifier(_ dcc: DigitalCalibrationCertificate) -> String? {
        guard let item = dcc.items.first else { return nil }
        let preferred =
            item.identifications.first { $0.issuer == "calibrationLaboratory" }
            ?? item.identifications.first { $0.issuer == "manufacturer" } ?? item.identifications.first
        return preferred?.value
    }

    static func date(_ text: String, node: String, field: String) throws(TraceabilityError) -> CalendarDate {
        guard let date = CalendarDate(iso8601: text) else {
            throw .invalidField(node: node, field: field, reason: "'\(text)' is not an ISO 8601 date")
        }
        return date
    }

    /// A quantity name from the kinds and dimension of a unit (ISO 80000 names).
    public static func quantityName(of unit: MeasurementUnit) -> String {
        let kinds = unit.kinds
        for (kind, name) in [
            (QuantityKind.activity, "activity"), (.frequency, "frequency"), (.absorbedDose, "absorbed dose"),
            (.doseEquivalent, "dose equivalent"),
        ] where kinds[kind] == .one {
            return name
        }
        let names: [(Dimension, String)] = [
            (Dimension(length: 1), "length"), (Dimension(mass: 1), "mass"), (Dimension(time: 1), "time"),
            (Dimension(electricCurrent: 1), "electric current"),
            (Dimension(thermodynamicTemperature: 1), "temperature"),
            (Dimension(amountOfSubstance: 1), "amount of substance"),
            (Dimension(luminousIntensity: 1), "luminous intensity"),
            (Dimension(length: 1, mass: 1, time: -2), "force"), (Dimension(length: -1, mass: 1, time: -2), "pressure"),
            (Dimension(length: 2, mass: 1, time: -2), "energy"), (Dimension(length: 2, mass: 1, time: -3), "power"),
            (Dimension(length: 2, mass: 1, time: -3, electricCurrent: -1), "voltage"),
            (Dimension(length: 2, mass: 1, time: -3, electricCurrent: -2), "resistance"),
            (Dimension(length: -3, mass: 1), "density"), (Dimension(length: 1, time: -1), "speed"),
            (Dimension(length: 1, time: -2), "acceleration"), (Dimension(length: 3), "volume"),
            (Dimension(length: 2), "area"), (Dimension(time: -1), "frequency"),
        ]
        if let name = names.first(where: { $0.0 == unit.dimension })?.1 { return name }
        if unit.dimension.isDimensionless { return kinds[.planeAngle] != nil ? "plane angle" : "ratio" }
        return "quantity in \(unit.siReferencePoint)"
    }
}

extension TraceabilityImporter {
    /// The document with the point of every ambiguous reference chosen.
    ///
    /// A DCC names the certificate of the standard it used but not which of its calibrated points:
    /// when the referenced calibration has several points and the units are commensurable, the
    /// point nearest to the referencing point's value (after unit conversion) is taken and
    /// `usedAt` set to that value, i.e. the standard is taken as used where the item was
    /// calibrated (a direct comparison). Otherwise the reference is left as it is, and the checker
    /// reports it as unresolved. Each choice is added to ``notes``.
    public mutating func resolvedDocument() -> TraceabilityDocument {
        var resolved = document
        let byID = Dictionary(document.calibrations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for c in resolved.calibrations.indices {
            let calibration = resolved.calibrations[c]
            guard let unit = try? MeasurementUnit(parsing: calibration.unit) else { continue }
            for p in calibration.points.indices {
                for r in calibration.points[p].references.indices {
                    let reference = calibration.points[p].references[r]
                    guard reference.point == nil, case .calibration(let target) = reference.target,
                        let referenced = byID[target], referenced.points.count > 1,
                        let referencedUnit = try? MeasurementUnit(parsing: referenced.unit),
                        let conversion = try? unit.conversion(to: referencedUnit)
                    else { continue }
                    let x = conversion.value(calibration.points[p].value)
                    guard x.isFinite,
                        let nearest = referenced.points.indices.min(by: {
                            abs(referenced.points[$0].value - x) < abs(referenced.points[$1].value - x)
                        })
                    else { continue }
                    resolved.calibrations[c].points[p].references[r].point = referenced.pointID(nearest)
                    resolved.calibrations[c].points[p].references[r].usedAt = x
                    note(
                        "\(calibration.id) point \(calibration.pointID(p)): certificate \(target) taken at its point "
                            + "\(referenced.pointID(nearest)) (\(referenced.points[nearest].value) \(referenced.unit)), the nearest to \(x)"
                    )
                }
            }
        }
        return resolved
    }
}
