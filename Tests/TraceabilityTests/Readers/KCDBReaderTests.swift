import Foundation
import Testing

@testable import Traceability

/// The reconstructed KCDB search pages (msl-kcdb key names and test values): the Co-60 activity
/// CMC of NMIJ/AIST and the MSL illuminance-responsivity CMC without range limits.
@Suite("KCDB CMC reader")
struct KCDBReaderTests {
    let records: [KCDBCalibrationCapability]

    init() throws { records = try KCDBCalibrationCapability.records(contentsOf: SampleFiles.kcdb) }

    @Test("Both pages are read, in order")
    func pages() {
        #expect(records.map(\.kcdbCode) == ["APMP-PR-NZ-00000624-1", "APMP-RI-JP-00000HSE-1"])
        #expect(records.map(\.id) == [7852, 23054])
    }

    @Test("Co-60 activity: range 2000–200000 Bq, U = 4 % (k = 2), status Published")
    func radiation() throws {
        let cmc = try #require(records.first { $0.kcdbCode == "APMP-RI-JP-00000HSE-1" })
        #expect(cmc.statusValue == .published)
        #expect(cmc.nmiCode == "NMIJ AIST")
        #expect(cmc.rmo == "APMP")
        #expect(cmc.nuclideValue == "Co-60")
        #expect(cmc.quantityValue == "Activity")
        #expect(cmc.traceabilitySource == "NMIJ/AIST")
        #expect(cmc.range?.closedRange == 2000...200_000)
        #expect(try cmc.range?.measurementUnit() == MeasurementUnit(parsing: "Bq"))
        #expect(cmc.isRelative)
        #expect(cmc.coverageFactor == 2 && cmc.confidenceLevel == 95)
        // U_CMC(10 kBq) = 4 % of 10 000 Bq = 400 Bq; u = 200 Bq. 4/100·x in binary: 1e-12 relative.
        let bounds = try #require(cmc.expandedUncertaintyBounds(at: 10_000))
        #expect(abs(bounds.lowerBound - 400) < 1e-9 && abs(bounds.upperBound - 400) < 1e-9)
        let standard = try #require(cmc.standardUncertaintyBounds(at: 10_000))
        #expect(abs(standard.lowerBound - 200) < 1e-9)
        // The base-unit uncertainty 80–8000 Bq is 4 % at the two ends of the range.
        #expect(
            abs(cmc.expandedUncertaintyBounds(at: 2000)!.lowerBound - cmc.cmcUncertaintyBaseUnit!.lowerLimit!) < 1e-9)
        #expect(
            abs(cmc.expandedUncertaintyBounds(at: 200_000)!.upperBound - cmc.cmcUncertaintyBaseUnit!.upperLimit!) < 1e-9
        )
        #expect(cmc.publicationDate == "2005-02-14")
    }

    @Test("MSL photometry: no range limits, relative 3 %, k = 2.3, empty traceabilitySource")
    func physics() throws {
        let cmc = try #require(records.first { $0.kcdbCode == "APMP-PR-NZ-00000624-1" })
        #expect(cmc.range == nil, "null limits: the range is only in the parameters text")
        #expect(cmc.cmc?.isSpecified == false)
        #expect(cmc.coverageFactor == 2.3)
        #expect(cmc.traceabilitySource == "")
        #expect(cmc.parameters?.first?.parameterValue == "0.005 lx to 10 lx")
        #expect(abs(cmc.expandedUncertaintyBounds(at: 1)!.lowerBound - 0.03) < 1e-15)
        #expect(throws: TraceabilityError.self) { try cmc.cmc?.measurementUnit() }  // "A/lx, V/lx, reading/lx"
    }

    @Test("Other shapes: a bare array, a single record; errors for no record and wrong types")
    func shapes() throws {
        let record = #"{"kcdbCode": "EURAMET-M-DE-00000001-1", "status": "Greyed out", "coverageFactor": 2}"#
        #expect(try KCDBCalibrationCapability.records(from: Data("[\(record)]".utf8), location: "a.json").count == 1)
        let single = try KCDBCalibrationCapability.records(from: Data(record.utf8), location: "s.json")
        #expect(single.first?.statusValue == .greyedOut)
        #expect(throws: TraceabilityError.self) {
            try KCDBCalibrationCapability.records(from: Data(#"{"data": []}"#.utf8), location: "e.json")
        }
        #expect(
            throws: TraceabilityError.malformedFile(
                file: "t.json", location: "$[0].coverageFactor", reason: "expected a number")
        ) {
            try KCDBCalibrationCapability.records(
                from: Data(#"[{"kcdbCode": "X", "coverageFactor": "two"}]"#.utf8), location: "t.json")
        }
        #expect(throws: TraceabilityError.self) {
            try KCDBCalibrationCapability.records(from: Data("not json".utf8), location: "n.json")
        }
    }
}
