import Foundation
import Testing

@testable import Traceability

/// What `trace import` makes of the sample files: the graph nodes, checked field by field, and a
/// JSON round trip through the graph reader (which validates every identifier and field).
@Suite("Import into the graph")
struct ImporterTests {
    func imported(_ urls: URL...) throws -> TraceabilityImporter {
        var importer = TraceabilityImporter()
        for url in urls { try importer.add(contentsOf: url) }
        return importer
    }

    @Test(
        "Temperature DCC → one calibration: 5 points, U = 0.061 K (k = 2), valid until 1959-10-22, uncertified reference"
    )
    func temperature() throws {
        let importer = try imported(SampleFiles.temperatureDCC)
        let calibration = try #require(importer.document.calibrations.first)
        #expect(calibration.id == "GP_DCC_temperature_typical_1.2")
        #expect(calibration.issuer == "Kalibrierfirma GmbH")
        #expect(calibration.date == CalendarDate(iso8601: "1957-08-13"))
        #expect(calibration.validUntil == CalendarDate(iso8601: "1959-10-22"))
        #expect(calibration.expiry == CalendarDate(iso8601: "1959-10-22"))
        #expect(calibration.unit == #"\kelvin"#)
        #expect(calibration.quantity == "temperature")
        #expect(calibration.points.map(\.value) == [306.248, 373.121, 448.253, 523.319, 593.154])
        for point in calibration.points {
            #expect(point.uncertainty == .expanded(0.061, coverageFactor: 2))
            #expect(point.standardUncertainty == 0.0305)
            #expect(point.references.count == 1)
            guard case .uncertifiedStandard(let text) = point.references[0].target else {
                Issue.record("expected a reference without certificate, got \(point.references[0].target)")
                continue
            }
            #expect(text == "Pt 100 thermometer, manufacturer string-manufacturer-measuringEquipment-1")
        }
        #expect(calibration.validityRange == MeasurementRange(lower: 306, upper: 593))
        #expect(calibration.documentHash?.value == "ba7d4d39242ecb2b4368ad51965812b04ae21dc31f450346bd7dcd59e4176c52")
        #expect(calibration.item == "string-calibrationLaboratory-item")
        #expect(importer.document.organizations.map(\.id) == ["Kalibrierfirma GmbH"])
        #expect(importer.document.organizations.first?.kind == .laboratory)
    }

    @Test("Humidity DCC → two calibration references with their (unverifiable) digests")
    func humidity() throws {
        let importer = try imported(SampleFiles.humidityDCC)
        let calibration = try #require(importer.document.calibrations.first)
        #expect(calibration.unit == #"\one"#)
        #expect(calibration.quantity == "ratio")
        #expect(calibration.points.count == 7)
        #expect(calibration.points.map(\.value) == [0.201, 0.500, 0.800, 0.901, 0.801, 0.500, 0.200])
        #expect(
            calibration.points.map { $0.uncertainty.expandedUncertainty } == [
                0.006, 0.008, 0.010, 0.011, 0.010, 0.008, 0.006,
            ])
        #expect(calibration.validityRange == MeasurementRange(lower: 0.1, upper: 0.8))
        let references = try #require(calibration.points.first?.references)
        #expect(references.map(\.target) == [.calibration("GP-mE-Certificate-x"), .calibration("GP-mE-Certificate-y")])
        #expect(references[0].certificateHash == DocumentHash(algorithm: "analogue", value: "analogue"))
        #expect(references[1].certificateHash == DocumentHash(algorithm: "SHA256", value: "SHA256-value"))
        #expect(references.allSatisfy { $0.certificateHash?.isVerifiable == false })
    }

    @Test("DCC 2.x: NMI issuer from the CIPM-MRA claim, interval P2Y, grams, verifiable digest")
    func version2() throws {
        let importer = try imported(SampleFiles.massDCC2)
        let calibration = try #require(importer.document.calibrations.first)
        #expect(calibration.issuer == "NMI-X")
        #expect(importer.document.organizations.first?.kind == .nationalMetrologyInstitute)
        #expect(calibration.recalibrationInterval == RecalibrationInterval(iso8601: "P2Y"))
        #expect(calibration.expiry == CalendarDate(iso8601: "2023-03-04"))
        #expect(calibration.quantity == "mass" && calibration.unit == #"\gram"#)
        #expect(calibration.points.map(\.value) == [1000.00012])
        let reference = try #require(calibration.points.first?.references.first)
        #expect(reference.target == .calibration("BIPM-KG-2020-11"))
        #expect(reference.certificateHash?.isVerifiable == true)
        #expect(importer.notes.contains { $0.contains("several results") } == false)
    }

    @Test("KCDB → CMCs: Co-60 4 % relative (b = 0.04), k = 2; MSL with unspecified range and k = 2.3")
    func kcdb() throws {
        let importer = try imported(SampleFiles.kcdb)
        let cmcs = importer.document.cmcs
        #expect(cmcs.map(\.id) == ["APMP-PR-NZ-00000624-1", "APMP-RI-JP-00000HSE-1"])
        let cobalt = cmcs[1]
        #expect(cobalt.organization == "NMIJ AIST" && cobalt.quantity == "activity" && cobalt.unit == "Bq")
        #expect(cobalt.range == MeasurementRange(lower: 2000, upper: 200_000))
        #expect(cobalt.uncertainty == CMCUncertainty(relative: 0.04))
        #expect(cobalt.coverageFactor == 2)
        #expect(cobalt.status == [.init(.published, from: try #require(CalendarDate(iso8601: "2005-02-14")))])
        #expect(cobalt.traceabilitySource == "NMIJ/AIST")
        let msl = cmcs[0]
        #expect(msl.range?.isUnspecified == true)
        #expect(msl.coverageFactor == 2.3)
        #expect(msl.uncertainty == CMCUncertainty(relative: 0.03))
        #expect(msl.traceabilitySource == nil)
        #expect(importer.notes.contains("APMP-PR-NZ-00000624-1: the range has no limits (CMC_RANGE_UNSPECIFIED)"))
        let nmij = try #require(importer.document.organizations.first { $0.id == "NMIJ AIST" })
        #expect(nmij.country == "JP" && nmij.rmo == "APMP")
    }

    @Test("Ra-223 key comparison → a comparison record and one result per laboratory")
    func keyComparison() throws {
        let importer = try imported(SampleFiles.radium223)
        let record = try #require(importer.document.comparisons.first)
        #expect(record.id == "BIPM.RI(II)-K1.Ra-223")
        #expect(record.participants.map(\.laboratory) == ["LNE-LNHB", "NPL", "POLATOM", "PTB"])
        let npl = try #require(importer.document.calibrations.first { $0.id == "BIPM.RI(II)-K1.Ra-223/NPL" })
        #expect(npl.unit == #"\kilo\becquerel"# && npl.quantity == "activity")
        #expect(npl.points.first?.value == 54740)
        #expect(npl.points.first?.standardUncertainty == 300)  // k = 1 in the file
        #expect(npl.date == CalendarDate(iso8601: "2014-05-08"))
        #expect(importer.document.organizations.contains { $0.id == "BIPM" && $0.kind == .bipm })
    }

    @Test("All samples together make a graph that reads back from its own JSON")
    func roundTrip() throws {
        let importer = try imported(
            SampleFiles.temperatureDCC, SampleFiles.humidityDCC, SampleFiles.massDCC2, SampleFiles.kcdb,
            SampleFiles.radium223)
        let json = try importer.document.jsonData()
        let reread = try TraceabilityDocument(jsonData: json)
        #expect(reread == importer.document)
        let graph = try TraceabilityGraph(reread)
        #expect(graph.calibration("Id 123456789 HtW") != nil)
        #expect(graph.cmc("APMP-RI-JP-00000HSE-1") != nil)
    }

    @Test("A base graph wins; a second certificate with the same id is an error")
    func baseAndDuplicates() throws {
        let base = TraceabilityDocument(organizations: [
            Organization(id: "Kalibrierfirma GmbH", kind: .accreditedLaboratory)
        ])
        var importer = TraceabilityImporter(base: base)
        try importer.add(contentsOf: SampleFiles.temperatureDCC)
        #expect(importer.document.organizations.map(\.kind) == [.accreditedLaboratory])
        var twice = TraceabilityImporter()
        try twice.add(contentsOf: SampleFiles.temperatureDCC)
        #expect(throws: TraceabilityError.duplicateIdentifier("GP_DCC_temperature_typical_1.2")) {
            try twice.add(DigitalCalibrationCertificate(contentsOf: SampleFiles.temperatureDCC))
        }
        #expect(throws: TraceabilityError.self) {
            try twice.add(contentsOf: SampleFiles.sample("README.md"))
        }
    }
}
