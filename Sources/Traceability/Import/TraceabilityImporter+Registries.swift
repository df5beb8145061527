internal import EquivalenceSupport
import Foundation

extension TraceabilityImporter {
    // MARK: KCDB

    /// Adds KCDB CMC records as CMCs of their institutes.
    ///
    /// A relative uncertainty in `%` becomes the fraction b of U = b·|x|; an absolute one the
    /// constant a. When the KCDB gives a span (lower ≠ upper) the smaller value is used — the
    /// best uncertainty the CMC claims anywhere in its range, so that a calibration is never
    /// flagged below a CMC it may meet — and a note says so.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` for a record without k,
    ///   institute or uncertainty, or a duplicate id with different content.
    public mutating func add(_ records: [KCDBCalibrationCapability]) throws(TraceabilityError) {
        for record in records {
            let id = record.kcdbCode
            if baseIdentifiers.contains(id) { continue }
            guard !identifiers.contains(id) else { throw .duplicateIdentifier(id) }
            guard let organization = record.nmiCode, !organization.isEmpty else {
                throw .invalidField(node: id, field: "nmiCode", reason: "the record names no institute")
            }
            guard let k = record.coverageFactor else {
                throw .invalidField(node: id, field: "coverageFactor", reason: "required (the record states none)")
            }
            if let problem = CoverageBounds.coverageFactorProblem(k) {
                throw .invalidField(node: id, field: "coverageFactor", reason: problem)
            }
            guard let uncertaintyRange = record.cmcUncertainty,
                let low = [uncertaintyRange.lowerLimit, uncertaintyRange.upperLimit].compactMap({ $0 }).min(), low > 0
            else {
                throw .invalidField(node: id, field: "cmcUncertainty", reason: "no positive uncertainty limit")
            }
            if let high = uncertaintyRange.upperLimit, let lower = uncertaintyRange.lowerLimit, high != lower {
                notes.append(
                    "\(id): the CMC uncertainty spans \(lower) to \(high) \(uncertaintyRange.unit ?? ""); the smaller is used"
                )
            }
            let uncertainty: CMCUncertainty
            if record.isRelative {
                let fraction = (try? uncertaintyRange.measurementUnit().conversion(to: .one))?.value(low) ?? low / 100
                uncertainty = CMCUncertainty(relative: fraction)
            } else {
                uncertainty = CMCUncertainty(absolute: low)
            }
            var status: [CalibrationMeasurementCapability.StatusChange] = []
            let published = try record.publicationDate.map { (text) throws(TraceabilityError) in
                try Self.date(text, node: id, field: "publicationDate")
            }
            let changed = try record.statusDate.map { (text) throws(TraceabilityError) in
                try Self.date(text, node: id, field: "statusDate")
            }
            let current = Self.status(record.statusValue)
            if let published, current != .published, let changed, published < changed {
                status = [.init(.published, from: published), .init(current, from: changed)]
            } else if let from = changed ?? published {
                status = [.init(current, from: from)]
            } else {
                notes.append("\(id): no status or publication date; the CMC counts as never published")
            }
            if record.range == nil { notes.append("\(id): the range has no limits (CMC_RANGE_UNSPECIFIED)") }
            if let lower = record.cmc?.lowerLimit, let upper = record.cmc?.upperLimit, lower > upper {
                throw .invalidField(
                    node: id, field: "cmc", reason: "the lower limit \(lower) exceeds the upper limit \(upper)")
            }
            let segments = id.split(separator: "-")
            addOrganization(
                Organization(
                    id: organization, name: record.nmiName, kind: .nationalMetrologyInstitute,
                    country: segments.count >= 3 ? String(segments[2]) : nil, rmo: record.rmo))
            identifiers.insert(id)
            document.cmcs.append(
                CalibrationMeasurementCapability(
                    id: id, organization: organization, quantity: (record.quantityValue ?? "unknown").lowercased(),
                    unit: record.cmc?.unit ?? "",
                    range: MeasurementRange(lower: record.cmc?.lowerLimit, upper: record.cmc?.upperLimit),
                    uncertainty: uncertainty, coverageFactor: k, status: status,
                    traceabilitySource: record.traceabilitySource?.isEmpty == false ? record.traceabilitySource : nil))
        }
    }

    static func status(_ status: KCDBCalibrationCapability.Status?)
        -> CalibrationMeasurementCapability.StatusChange.Status
    {
        switch status {
        case .published: .published
        case .archived: .archived
        case .deleted: .deleted
        case .greyedOut: .greyedOut
        case nil: .archived
        }
    }

    // MARK: BIPM key comparison

    /// Adds a key comparison: one calibration per submission holding the laboratory's SIR
    /// equivalent activity (value and standard uncertainty as stated), and a comparison record
    /// mapping each laboratory to it.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` for a submission without a
    ///   result, a date or a positive uncertainty.
    public mutating func add(_ comparison: BIPMKeyComparison) throws(TraceabilityError) {
        let code = comparison.comparisonCode
        if identifiers.contains(code) && !baseIdentifiers.contains(code) { throw .duplicateIdentifier(code) }
        guard !baseIdentifiers.contains(code) else {
            notes.append("\(code): already in the base graph, the comparison was not imported again")
            return
        }
        var participants: [ComparisonRecord.Participant] = []
        for submission in comparison.submissions {
            let laboratory = submission.laboratory.acronym
            let id = "\(code)/\(laboratory)"
            guard let result = submission.equivalentActivities.first else {
                notes.append("\(id): no SIR result, the laboratory is not a participant of the record")
                continue
            }
            guard let stated = result.uncertainty else {
                throw .invalidField(node: id, field: "sirResult", reason: "the result states no uncertainty")
            }
            let dateText =
                submission.laboratoryMeasurements.compactMap(\.referenceDate).first
                ?? submission.year.map { "\($0)-01-01" }
            guard let dateText else { throw .invalidField(node: id, field: "referenceDate", reason: "no date") }
            let date = try Self.date(dateText, node: id, field: "referenceDate")
            let unit = try result.measurementUnit()
            addOrganization(Organization(id: laboratory, kind: .nationalMetrologyInstitute))
            guard !identifiers.contains(id) else { throw .duplicateIdentifier(id) }
            identifiers.insert(id)
            document.calibrations.append(
                Calibration(
                    id: id, issuer: laboratory,
                    item: submission.laboratoryMeasurements.compactMap(\.solutionID).first ?? "\(id) solution",
                    date: date,
                    quantity: quantity ?? Self.quantityName(of: unit), unit: result.unit,
                    points: [
                        Calibration.Point(
                            value: result.value,
                            uncertainty: try Self.statedUncertainty(stated, conversion: .identity, node: id),
                            references: [])
                    ],
                    description:
                        "SIR equivalent activity in \(code)\(submission.includedInReferenceValue == false ? " (not in the KCRV)" : "")"
                ))
            participants.append(
                ComparisonRecord.Participant(laboratory: laboratory, result: id, organization: laboratory))
        }
        identifiers.insert(code)
        document.comparisons.append(
            ComparisonRecord(id: code, measurand: comparison.serviceCategoryID, participants: participants))
        if let pilot = comparison.pilot {
            addOrganization(
                Organization(id: pilot.acronym, kind: pilot.acronym == "BIPM" ? .bipm : .nationalMetrologyInstitute))
        }
    }

    // MARK: Files

    /// The kinds of file `trace import` reads.
    public enum SourceKind: String, Sendable, Hashable {
        /// A PTB Digital Calibration Certificate (XML root `dcc:digitalCalibrationCertificate`).
        case digitalCalibrationCertificate = "dcc"
        /// KCDB CMC records (JSON).
        case kcdb
        /// A BIPM key comparison (XML root `kc:comparison`, namespace `KC_Schema`).
        case keyComparison = "kc"
    }

    /// Reads one file and adds it, recognising its kind by content: a DCC root element, a
    /// `KC_Schema` comparison, or JSON with KCDB records.
    ///
    /// - Returns: the kind of file that was read.
    /// - Throws: ``TraceabilityError/malformedFile(location:reason:)`` for an unrecognised file,
    ///   and the errors of the readers and of the `add` methods.
    @discardableResult
    public mutating func add(contentsOf url: URL) throws(TraceabilityError) -> SourceKind {
        try TraceabilityError.reading(url) { data, name throws(TraceabilityError) in
            try add(data, named: name, pathExtension: url.pathExtension)
        }
    }

    /// Adds the content of a file named `name`, recognised by content (see ``add(contentsOf:)``).
    private mutating func add(_ data: Data, named name: String, pathExtension: String) throws(TraceabilityError)
        -> SourceKind
    {
        // Past a UTF-8 byte-order mark and white space: `<` starts XML, anything else is read as
        // JSON when it looks like JSON (or the file says it is), so that `null` or `"text"`
        // get a JSON error rather than an XML one.
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        let firstSignificant = body.first { !(UInt8(ascii: " ") == $0 || (9...13).contains($0)) }
        let looksLikeJSON =
            firstSignificant.map { Array("{[\"".utf8).contains($0) } == true
            || (pathExtension.lowercased() == "json" && firstSignificant != UInt8(ascii: "<"))
        if looksLikeJSON {
            try add(try KCDBCalibrationCapability.records(from: data, location: name))
            return .kcdb
        }
        let root = try MarkupElement.parse(data)
        switch (root.namespace, root.name) {
        case (Namespace.dcc, "digitalCalibrationCertificate"):
            try add(try DigitalCalibrationCertificate(data: data, location: name), documentData: data)
            return .digitalCalibrationCertificate
        case (Namespace.keyComparison, "comparison"):
            try add(try BIPMKeyComparison(data: data, location: name))
            return .keyComparison
        default:
            throw .malformedFile(
                location: root.location,
                reason:
                    "not a DCC (dcc:digitalCalibrationCertificate), a BIPM key comparison (kc:comparison) or KCDB JSON; the root is {\(root.namespace)}\(root.name)"
            )
        }
    }
}
