import Foundation
import Testing

@testable import Traceability

/// The findings validation/traceability/README.md (and §4.7 of the reference) predicts for the
/// sample files once imported and checked by ``TraceabilityChecker``.
@Suite("Sample files through the checker")
struct SampleFindingsTests {
    func codes(_ document: TraceabilityDocument) throws -> Set<FindingCode> {
        Set(TraceabilityChecker().check(try TraceabilityGraph(document)).findings.map(\.code))
    }

    func findings(_ document: TraceabilityDocument) throws -> [Finding] {
        TraceabilityChecker().check(try TraceabilityGraph(document)).findings
    }

    /// A calibration using `reference` (by id) on `date`, in kelvin, directly compared.
    func user(of reference: String, on date: String, value: Double = 373.121, unit: String = #"\kelvin"#) -> Calibration
    {
        Calibration(
            id: "user-\(date)", issuer: "User Lab", item: "probe-2",
            date: CalendarDate(iso8601: date) ?? CalendarDate(daysSinceEpoch: 0),
            validUntil: CalendarDate(iso8601: "2100-01-01"), quantity: "temperature", unit: unit,
            points: [
                Calibration.Point(
                    value: value, uncertainty: .expanded(0.2, coverageFactor: 2),
                    references: [CalibrationReference(.calibration(reference), point: "2")])
            ])
    }

    @Test("Temperature DCC: the reference without certificate is MISSING_REFERENCE_CERTIFICATE, the chain is broken")
    func temperatureMissingCertificate() throws {
        var importer = TraceabilityImporter()
        try importer.add(contentsOf: SampleFiles.temperatureDCC)
        let found = try findings(importer.document)
        let missing = try #require(found.first { $0.code == .missingReferenceCertificate })
        #expect(missing.severity == .error && missing.nodes.contains("GP_DCC_temperature_typical_1.2"))
        #expect(TraceabilityChecker().check(try TraceabilityGraph(importer.document)).verdict == .invalid)
    }

    @Test("Temperature DCC used after 1959-10-22 is REFERENCE_EXPIRED; used before, it is not")
    func temperatureExpiry() throws {
        var late = TraceabilityImporter()
        try late.add(contentsOf: SampleFiles.temperatureDCC)
        late.document.organizations.append(Organization(id: "User Lab", kind: .laboratory))
        late.document.calibrations.append(user(of: "GP_DCC_temperature_typical_1.2", on: "1960-01-15"))
        #expect(try codes(late.document).contains(.referenceExpired))
        var early = TraceabilityImporter()
        try early.add(contentsOf: SampleFiles.temperatureDCC)
        early.document.organizations.append(Organization(id: "User Lab", kind: .laboratory))
        early.document.calibrations.append(user(of: "GP_DCC_temperature_typical_1.2", on: "1959-10-22"))
        #expect(try !codes(early.document).contains(.referenceExpired))
        // Used at 600 K, outside the validity range 306–593 K.
        var outside = TraceabilityImporter()
        try outside.add(contentsOf: SampleFiles.temperatureDCC)
        outside.document.organizations.append(Organization(id: "User Lab", kind: .laboratory))
        var use = user(of: "GP_DCC_temperature_typical_1.2", on: "1958-01-15")
        use.points[0].references[0].usedAt = 600
        outside.document.calibrations.append(use)
        #expect(try codes(outside.document).contains(.outOfCalibratedRange))
    }

    @Test("Humidity DCC: both references unresolved alone; with stand-ins, analogue and placeholder are unverifiable")
    func humidityReferences() throws {
        var alone = TraceabilityImporter()
        try alone.add(contentsOf: SampleFiles.humidityDCC)
        let unresolved = try findings(alone.document).filter { $0.code == .unresolvedReference }
        #expect(unresolved.count >= 2)
        #expect(
            unresolved.contains {
                $0.nodes.contains("GP-mE-Certificate-x") || $0.message.contains("GP-mE-Certificate-x")
            })
        #expect(
            unresolved.contains {
                $0.nodes.contains("GP-mE-Certificate-y") || $0.message.contains("GP-mE-Certificate-y")
            })

        // Stand-ins for the two referenced certificates, each with a document digest.
        let standIns = ["x", "y"].map { suffix in
            Calibration(
                id: "GP-mE-Certificate-\(suffix)", issuer: "Kalibrierfirma GmbH", item: "ref-\(suffix)",
                date: CalendarDate(iso8601: "1957-01-10")!, validUntil: CalendarDate(iso8601: "1959-01-10"),
                quantity: "ratio", unit: #"\one"#,
                points: [
                    Calibration.Point(
                        value: 0.5, uncertainty: .standard(0.001),
                        references: [CalibrationReference(.anchor("humidity-standard"))])
                ],
                documentHash: DocumentHash(algorithm: "SHA256", value: String(repeating: "ab", count: 32)))
        }
        let base = TraceabilityDocument(
            anchors: [
                try JSONDecoder().decode(
                    Anchor.self,
                    from: Data(
                        #"{"id": "humidity-standard", "kind": "si-realization", "quantity": "ratio", "unit": "1", "holder": "Kalibrierfirma GmbH", "standardUncertainty": 0.0005}"#
                            .utf8))
            ],
            organizations: [Organization(id: "Kalibrierfirma GmbH", kind: .accreditedLaboratory)],
            calibrations: standIns)
        var joined = TraceabilityImporter(base: base)
        try joined.add(contentsOf: SampleFiles.humidityDCC)
        let found = try findings(joined.document)
        let unverifiable = found.filter { $0.code == .unverifiableReference }
        #expect(unverifiable.count >= 2, "analogue (x) and the SHA256 placeholder (y)")
        #expect(!found.contains { $0.code == .unresolvedReference })
        #expect(
            !found.contains { $0.code == .hashMismatch }, "a placeholder cannot be compared, so it is not a mismatch")
    }

    @Test("A DCC stating the SHA-256 of another imported DCC: equal → no finding, altered → HASH_MISMATCH")
    func hashes() throws {
        let template = try String(contentsOf: SampleFiles.massDCC2, encoding: .utf8)
        func referencing(_ digest: String) -> Data {
            Data(
                template.replacingOccurrences(of: "BIPM-KG-2020-11", with: "GP_DCC_temperature_typical_1.2")
                    .replacingOccurrences(of: "<dsi:value>1000.00012</dsi:value>", with: "<dsi:value>373.2</dsi:value>")
                    .replacingOccurrences(of: "<dsi:unit>\\gram</dsi:unit>", with: "<dsi:unit>\\kelvin</dsi:unit>")
                    .replacingOccurrences(
                        of: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", with: digest
                    )
                    .utf8)
        }
        let real = "ba7d4d39242ecb2b4368ad51965812b04ae21dc31f450346bd7dcd59e4176c52"  // DocumentDigestTests
        for (digest, mismatch) in [(real, false), (String(real.reversed()), true)] {
            var importer = TraceabilityImporter()
            try importer.add(contentsOf: SampleFiles.temperatureDCC)
            try importer.add(
                DigitalCalibrationCertificate(data: referencing(digest), location: "m.xml"),
                documentData: referencing(digest))
            let document = importer.resolvedDocument()
            let reference = try #require(document.calibrations.last?.points.first?.references.first)
            #expect(reference.point == "2" && reference.usedAt == 373.2, "the nearest point, 373.121 K")
            let codes = try codes(document)
            #expect(codes.contains(.hashMismatch) == mismatch, "digest \(digest)")
            // The 2021 certificate uses a reference that expired on 1959-10-22.
            #expect(codes.contains(.referenceExpired))
            #expect(!codes.contains(.unresolvedReference))
        }
    }

    @Test("KCDB Co-60 CMC: 3 % at 10 kBq is UNCERTAINTY_BELOW_CMC, 1 kBq is OUTSIDE_CMC_RANGE; MSL range unspecified")
    func kcdbCoverage() throws {
        var importer = TraceabilityImporter()
        try importer.add(contentsOf: SampleFiles.kcdb)
        let anchor = try JSONDecoder().decode(
            Anchor.self,
            from: Data(
                #"{"id": "NMIJ-activity", "kind": "si-realization", "quantity": "activity", "unit": "Bq", "holder": "NMIJ AIST", "standardUncertainty": 10}"#
                    .utf8))
        importer.document.anchors.append(anchor)
        func calibration(_ id: String, value: Double, relative: Double, cmc: String = "APMP-RI-JP-00000HSE-1")
            -> Calibration
        {
            Calibration(
                id: id, issuer: "NMIJ AIST", item: "source-\(id)", date: CalendarDate(iso8601: "2010-06-01")!,
                validUntil: CalendarDate(iso8601: "2015-06-01"), quantity: "activity", unit: "Bq",
                points: [
                    Calibration.Point(
                        value: value, uncertainty: .expanded(relative * value, coverageFactor: 2),
                        references: [CalibrationReference(.anchor("NMIJ-activity"))])
                ],
                cmc: cmc)
        }
        importer.document.calibrations += [
            calibration("below", value: 10_000, relative: 0.03), calibration("outside", value: 1000, relative: 0.05),
            calibration("fine", value: 10_000, relative: 0.05),
        ]
        let found = try findings(importer.document)
        #expect(found.contains { $0.code == .uncertaintyBelowCMC && $0.nodes.contains("below") })
        #expect(found.contains { $0.code == .outsideCMCRange && $0.nodes.contains("outside") })
        #expect(
            !found.contains { $0.nodes.contains("fine") && [.uncertaintyBelowCMC, .outsideCMCRange].contains($0.code) })

        // The MSL record's unit is free text ("A/lx, V/lx, reading/lx"), which the checker cannot
        // compare; with its first alternative written as a unit, the unspecified range is reported.
        let msl = try #require(importer.document.cmcs.firstIndex { $0.id == "APMP-PR-NZ-00000624-1" })
        importer.document.cmcs[msl].unit = "A.lx-1"
        importer.document.anchors.append(
            try JSONDecoder().decode(
                Anchor.self,
                from: Data(
                    #"{"id": "MSL-photometry", "kind": "si-realization", "quantity": "illuminance responsivity, tungsten source", "unit": "A.lx-1", "holder": "MSL", "standardUncertainty": 0.001}"#
                        .utf8)))
        importer.document.calibrations.append(
            Calibration(
                id: "photometer", issuer: "MSL", item: "meter", date: CalendarDate(iso8601: "2013-01-01")!,
                validUntil: CalendarDate(iso8601: "2015-01-01"), quantity: "illuminance responsivity, tungsten source",
                unit: "A.lx-1",
                points: [
                    Calibration.Point(
                        value: 1, uncertainty: .expanded(0.05, coverageFactor: 2.3),
                        references: [CalibrationReference(.anchor("MSL-photometry"))])
                ],
                cmc: "APMP-PR-NZ-00000624-1"))
        let photometer = try findings(importer.document).filter {
            $0.nodes.contains("photometer") || $0.nodes.contains("APMP-PR-NZ-00000624-1")
        }
        #expect(photometer.map(\.code) == [.cmcRangeUnspecified], "\(photometer.map(\.message))")
    }
}
