import Foundation

extension DigitalCalibrationCertificate {
    /// Reads a DCC XML file.
    ///
    /// - Throws: ``TraceabilityError/malformedFile(location:reason:)`` when the file cannot be
    ///   read or is not a DCC, and the errors of ``init(data:location:)``.
    public init(contentsOf url: URL) throws(TraceabilityError) {
        self = try TraceabilityError.reading(url) { data, file throws(TraceabilityError) in
            try Self(data: data, location: file)
        }
    }

    /// Reads a DCC from XML data, schema versions 2.x and 3.x, namespace-aware (elements are
    /// matched on `https://ptb.de/dcc` and `https://ptb.de/si` whatever their prefixes).
    ///
    /// Mapping (project traceability reference §4.6): `coreData/uniqueIdentifier` → identity;
    /// performance dates; `calibrationLaboratory/(calibrationLaboratoryCode, contact/name)` →
    /// issuer; `items/item` with identifications; `statements/statement` (refType, convention,
    /// traceable, valid, date, period, conformity, data); per measurement result the
    /// `measuringEquipments/measuringEquipment` with `certificate`, and `results//quantity` in
    /// `si:real`, `si:realListXMLList`, `si:hybrid`, `si:list`. DCC 2.1 has no measuring
    /// equipment (added in 2.2.0): such a certificate simply declares no references.
    ///
    /// - Parameter location: the name used in error messages (usually the file name).
    /// - Throws: ``TraceabilityError/malformedFile(location:reason:)`` (not XML, not a DCC),
    ///   ``TraceabilityError/missingElement(location:element:)`` (no `uniqueIdentifier`),
    ///   ``TraceabilityError/invalidNumber(location:field:text:)`` (`22 ± 2`),
    ///   ``TraceabilityError/listLengthMismatch(location:field:values:found:)``.
    public init(data: Data, location: String) throws(TraceabilityError) {
        do {
            self = try DCCReader(dsi: DSIReader()).certificate(MarkupElement.parse(data))
        } catch {
            throw error.inFile(location)
        }
    }
}

/// The element-to-model mapping behind ``DigitalCalibrationCertificate/init(data:location:)``.
struct DCCReader {
    let dsi: DSIReader
    private let dcc = Namespace.dcc

    func certificate(_ root: MarkupElement) throws(TraceabilityError) -> DigitalCalibrationCertificate {
        guard root.namespace == dcc, root.name == "digitalCalibrationCertificate" else {
            throw .malformedFile(
                location: dsi.location(root),
                reason: "the root element is {\(root.namespace)}\(root.name), not dcc:digitalCalibrationCertificate")
        }
        guard let administrative = root.child(dcc, "administrativeData") else {
            throw .missingElement(location: dsi.location(root), element: "dcc:administrativeData")
        }
        guard let core = administrative.child(dcc, "coreData") else {
            throw .missingElement(location: dsi.location(administrative), element: "dcc:coreData")
        }
        guard let identifier = core.childText(dcc, "uniqueIdentifier") else {
            throw .missingElement(location: dsi.location(core), element: "dcc:uniqueIdentifier")
        }
        let laboratoryElement = administrative.child(dcc, "calibrationLaboratory")
        let contact = laboratoryElement?.child(dcc, "contact")
        let laboratory = DigitalCalibrationCertificate.Laboratory(
            code: laboratoryElement?.childText(dcc, "calibrationLaboratoryCode"),
            name: contact?.child(dcc, "name")?.localizedText(),
            city: contact?.path(dcc, "location", "city")?.trimmedText.nonEmpty,
            countryCode: contact?.path(dcc, "location", "countryCode")?.trimmedText.nonEmpty)

        var results: [DigitalCalibrationCertificate.MeasurementResult] = []
        for element in root.child(dcc, "measurementResults")?.children(dcc, "measurementResult") ?? [] {
            results.append(try measurementResult(element))
        }
        var statements: [DigitalCalibrationCertificate.Statement] = []
        for element in administrative.child(dcc, "statements")?.children(dcc, "statement") ?? [] {
            statements.append(try statement(element))
        }
        return DigitalCalibrationCertificate(
            schemaVersion: root.attributes["schemaVersion"] ?? "",
            uniqueIdentifier: identifier,
            identifications: identifications(core),
            countryCode: core.childText(dcc, "countryCodeISO3166_1"),
            receiptDate: core.childText(dcc, "receiptDate"),
            beginPerformanceDate: core.childText(dcc, "beginPerformanceDate"),
            endPerformanceDate: core.childText(dcc, "endPerformanceDate"),
            issueDate: core.childText(dcc, "issueDate"),
            performanceLocation: core.childText(dcc, "performanceLocation"),
            previousReport: core.child(dcc, "previousReport").map(certificateReference),
            laboratory: laboratory,
            items: (administrative.child(dcc, "items")?.children(dcc, "item") ?? []).map(item),
            statements: statements,
            measurementResults: results)
    }

    func identifications(_ parent: MarkupElement) -> [DigitalCalibrationCertificate.Identification] {
        (parent.child(dcc, "identifications")?.children(dcc, "identification") ?? []).compactMap { element in
            guard let value = element.childText(dcc, "value") else { return nil }
            return DigitalCalibrationCertificate.Identification(
                issuer: element.childText(dcc, "issuer") ?? "other", value: value,
                name: element.child(dcc, "name")?.localizedText())
        }
    }

    func item(_ element: MarkupElement) -> DigitalCalibrationCertificate.Item {
        DigitalCalibrationCertificate.Item(
            name: element.child(dcc, "name")?.localizedText(),
            manufacturer: element.path(dcc, "manufacturer", "name")?.localizedText(),
            model: element.childText(dcc, "model"),
            identifications: identifications(element))
    }

    func statement(_ element: MarkupElement) throws(TraceabilityError) -> DigitalCalibrationCertificate.Statement {
        var data: [DigitalCalibrationCertificate.Quantity] = []
        for quantityElement in element.child(dcc, "data")?.children(dcc, "quantity") ?? [] {
            data.append(try quantity(quantityElement))
        }
        return DigitalCalibrationCertificate.Statement(
            refTypes: element.refTypes,
            convention: element.childText(dcc, "convention"),
            traceable: try element.booleanChild(dcc, "traceable", prefix: "dcc"),
            valid: try element.booleanChild(dcc, "valid", prefix: "dcc"),
            date: element.childText(dcc, "date"),
            period: element.childText(dcc, "period"),
            conformity: element.childText(dcc, "conformity"),
            norms: element.children(dcc, "norm").map(\.trimmedText),
            references: element.children(dcc, "reference").map(\.trimmedText),
            declaration: element.child(dcc, "declaration")?.localizedText(),
            data: data)
    }

    func quantity(
        _ element: MarkupElement, extraRefTypes: [String] = []
    ) throws(TraceabilityError) -> DigitalCalibrationCertificate.Quantity {
        DigitalCalibrationCertificate.Quantity(
            refTypes: extraRefTypes + element.refTypes, name: element.child(dcc, "name")?.localizedText(),
            quantity: try dsi.quantity(in: element))
    }

    /// The quantities of a `dcc:data`, descending into `dcc:list` (nested lists included).
    func quantities(_ data: MarkupElement?) throws(TraceabilityError) -> [DigitalCalibrationCertificate.Quantity] {
        guard let data else { return [] }
        var found: [DigitalCalibrationCertificate.Quantity] = []
        for child in data.children where child.namespace == dcc {
            if child.name == "quantity" {
                found.append(try quantity(child))
            } else if child.name == "list" {
                found.append(contentsOf: try quantities(child))
            }
        }
        return found
    }

    func measurementResult(
        _ element: MarkupElement
    ) throws(TraceabilityError) -> DigitalCalibrationCertificate.MeasurementResult {
        var conditions: [DigitalCalibrationCertificate.Quantity] = []
        for condition in element.child(dcc, "influenceConditions")?.children(dcc, "influenceCondition") ?? [] {
            for quantityElement in condition.child(dcc, "data")?.children(dcc, "quantity") ?? [] {
                conditions.append(try quantity(quantityElement, extraRefTypes: condition.refTypes))
            }
        }
        var results: [DigitalCalibrationCertificate.Result] = []
        for result in element.child(dcc, "results")?.children(dcc, "result") ?? [] {
            results.append(
                DigitalCalibrationCertificate.Result(
                    refTypes: result.refTypes, name: result.child(dcc, "name")?.localizedText(),
                    quantities: try quantities(result.child(dcc, "data"))))
        }
        return DigitalCalibrationCertificate.MeasurementResult(
            name: element.child(dcc, "name")?.localizedText(),
            methods: (element.child(dcc, "usedMethods")?.children(dcc, "usedMethod") ?? []).flatMap(\.refTypes),
            measuringEquipment: (element.child(dcc, "measuringEquipments")?.children(dcc, "measuringEquipment") ?? [])
                .map(measuringEquipment),
            influenceConditions: conditions,
            results: results)
    }

    func measuringEquipment(_ element: MarkupElement) -> DigitalCalibrationCertificate.MeasuringEquipment {
        DigitalCalibrationCertificate.MeasuringEquipment(
            id: element.attributes["id"],
            refTypes: element.refTypes,
            name: element.child(dcc, "name")?.localizedText(),
            manufacturer: element.path(dcc, "manufacturer", "name")?.localizedText(),
            model: element.childText(dcc, "model"),
            certificate: element.child(dcc, "certificate").map(certificateReference),
            identifications: identifications(element))
    }

    func certificateReference(_ element: MarkupElement) -> CertificateReference {
        CertificateReference(
            referral: element.child(dcc, "referral")?.localizedText() ?? element.childText(dcc, "referral"),
            referralID: element.childText(dcc, "referralID"),
            procedure: element.childText(dcc, "procedure"),
            value: element.childText(dcc, "value"),
            linkedReport: element.child(dcc, "linkedReport").flatMap { $0.trimmedText.nonEmpty })
    }
}

extension String {
    /// nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
