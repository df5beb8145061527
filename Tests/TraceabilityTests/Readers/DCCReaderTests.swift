import Foundation
import Testing

@testable import Traceability

/// The PTB Good Practice DCCs give what validation/traceability/README.md predicts. Values are
/// compared with == to the decimal written in the file (parsing a decimal is correctly rounded).
@Suite("DCC reader")
struct DCCReaderTests {
    @Test("Temperature DCC 3.1.1: core data, validity range 306–593 K, recalibration 1959-10-22")
    func temperatureCoreData() throws {
        let dcc = try DigitalCalibrationCertificate(contentsOf: SampleFiles.temperatureDCC)
        #expect(dcc.schemaVersion == "3.1.1")
        #expect(dcc.majorVersion == 3)
        #expect(dcc.uniqueIdentifier == "GP_DCC_temperature_typical_1.2")
        #expect(dcc.beginPerformanceDate == "1957-08-13")
        #expect(dcc.endPerformanceDate == "1957-08-13")
        #expect(dcc.calibrationDate == "1957-08-13")
        #expect(dcc.laboratory.name == "Kalibrierfirma GmbH")
        #expect(dcc.laboratory.code == nil)
        #expect(dcc.laboratory.identifier == "Kalibrierfirma GmbH")
        #expect(dcc.items.count == 1)
        #expect(dcc.items[0].name == "Temperature sensor")
        #expect(dcc.items[0].identifications.map(\.issuer) == ["manufacturer", "customer", "calibrationLaboratory"])
        let range = try #require(dcc.validityRange)
        let minimum = try #require(range.minimum.values.first)
        let maximum = try #require(range.maximum.values.first)
        #expect(minimum.value == 306 && minimum.unit == #"\kelvin"#)
        #expect(maximum.value == 593 && maximum.unit == #"\kelvin"#)
        #expect(dcc.recalibrationDate == "1959-10-22")
        #expect(dcc.recalibrationPeriod == nil)
        #expect(dcc.statements.contains { $0.conformity == "pass" })
        #expect(dcc.claimsCIPMMRA == false)
        #expect(dcc.declaresTraceability == nil)
    }

    @Test("Temperature DCC: U = 0.061 K, k = 2 → u = 0.0305 K on every point; hybrid K/°C")
    func temperatureResults() throws {
        let dcc = try DigitalCalibrationCertificate(contentsOf: SampleFiles.temperatureDCC)
        let result = try #require(dcc.measurementResults.first?.results.first)
        let error = try #require(result.quantity("basic_measurementError")?.quantity)
        #expect(error.values.map(\.value) == [0.072, 0.089, 0.107, -0.009, -0.084])
        for value in error.values {
            #expect(value.unit == #"\kelvin"#)
            #expect(value.uncertainty?.expandedUncertainty == 0.061)
            #expect(value.uncertainty?.coverageFactor == 2)
            #expect(value.uncertainty?.coverageProbability == 0.95)
            #expect(value.standardUncertainty == 0.0305)  // 0.061/2, exact in binary division
        }
        let reference = try #require(result.quantity("basic_referenceValue")?.quantity)
        #expect(reference.representations.count == 2)
        #expect(reference.values.map(\.value) == [306.248, 373.121, 448.253, 523.319, 593.154])
        let celsius = try #require(reference.values(in: MeasurementUnit(parsing: "°C")))
        // The two columns of the hybrid agree through the °C offset to the 1e-9 K of the decimals.
        for (kelvin, degrees) in zip(reference.values, celsius) {
            let converted = try degrees.converted(to: MeasurementUnit(parsing: "K"))
            #expect(abs(converted.value - kelvin.value) < 1e-9)
        }
        #expect(dcc.measurementResults[0].influenceConditions.count == 5)
    }

    @Test("Temperature DCC: the reference standard (basic_normalUsed) has no certificate")
    func temperatureReference() throws {
        let dcc = try DigitalCalibrationCertificate(contentsOf: SampleFiles.temperatureDCC)
        let standards = dcc.referenceStandards
        #expect(standards.count == 1)
        #expect(standards[0].refTypes == ["basic_normalUsed"])
        #expect(standards[0].name == "Pt 100 thermometer")
        #expect(standards[0].certificate == nil)
        #expect(standards[0].identifications.first?.value == "string-manufacturer-measuringEquipment-1")
    }

    @Test("Humidity DCC 3.1.2: two references, analogue and a SHA256 placeholder")
    func humidityReferences() throws {
        let dcc = try DigitalCalibrationCertificate(contentsOf: SampleFiles.humidityDCC)
        #expect(dcc.schemaVersion == "3.1.2")
        #expect(dcc.uniqueIdentifier == "Id 123456789 HtW")
        #expect(dcc.endPerformanceDate == "1957-08-14")
        #expect(dcc.items.count == 2)
        let references = dcc.referenceStandards
        #expect(references.map(\.refTypes) == [["basic_standardUsed"], ["basic_standardUsed"]])
        let x = try #require(references[0].certificate)
        let y = try #require(references[1].certificate)
        #expect(x.referralID == "GP-mE-Certificate-x")
        #expect(x.procedure == "analogue" && x.isAnalogue && x.hashAlgorithm == nil)
        #expect(y.referralID == "GP-mE-Certificate-y")
        #expect(y.hashAlgorithm == .sha256)
        #expect(y.value == "SHA256-value")
        #expect(!y.hasWellFormedDigest, "a placeholder, not 64 hexadecimal digits")
    }

    @Test("Humidity DCC: units \\one, \\percent, \\metre\\second\\tothe{-1}, \\minute all parse")
    func humidityUnits() throws {
        let dcc = try DigitalCalibrationCertificate(contentsOf: SampleFiles.humidityDCC)
        let allQuantities =
            dcc.statements.flatMap(\.data) + dcc.measurementResults.flatMap(\.influenceConditions)
            + dcc.measurementResults.flatMap { $0.results.flatMap(\.quantities) }
        let units = Set(allQuantities.compactMap(\.quantity).flatMap { $0.representations.flatMap { $0.map(\.unit) } })
        #expect(
            units == [
                #"\one"#, #"\percent"#, #"\kelvin"#, #"\degreecelsius"#, #"\second"#, #"\minute"#,
                #"\metre\second\tothe{-1}"#,
            ])
        for unit in units { _ = try MeasurementUnit(parsing: unit) }
        // The hybrid \one / \percent columns agree: 0.1 = 10 %.
        let range = try #require(dcc.validityRange)
        let percent = try #require(range.minimum.values(in: MeasurementUnit(parsing: "%"))?.first)
        #expect(try percent.converted(to: .one).value == 0.1)
        let error = try #require(dcc.measurementResults[0].results[0].quantity("basic_measurementError")?.quantity)
        #expect(
            error.values.map { $0.uncertainty?.expandedUncertainty } == [
                0.006, 0.008, 0.010, 0.011, 0.010, 0.008, 0.006,
            ])
        #expect(error.values.allSatisfy { $0.uncertainty?.coverageFactor == 2 })
        let reference = try #require(dcc.measurementResults[0].results[0].quantity("basic_referenceValue")?.quantity)
        #expect(reference.values.first?.dateTime == "2021-07-27T06:00:01")
        #expect(reference.values.last?.dateTime == "2021-07-28T03:00:00")
    }

    @Test("DCC 2.x layout under other prefixes: si:real with expandedUnc, si:list, CIPM-MRA, period")
    func version2() throws {
        let dcc = try DigitalCalibrationCertificate(contentsOf: SampleFiles.massDCC2)
        #expect(dcc.majorVersion == 2)
        #expect(dcc.uniqueIdentifier == "NMI-X-MASS-2021-0042")
        #expect(dcc.laboratory.code == "NMI-X")
        #expect(dcc.laboratory.identifier == "NMI-X")
        #expect(dcc.laboratory.city == "Exampleton")
        #expect(dcc.claimsCIPMMRA)
        #expect(dcc.declaresTraceability == true)
        #expect(dcc.recalibrationPeriod == "P2Y")
        #expect(dcc.recalibrationDate == nil)
        #expect(dcc.previousReport?.referralID == "NMI-X-MASS-2019-0007")
        #expect(dcc.items.first?.name == "Weight 1 kg")
        #expect(dcc.referenceStandards.count == 1, "the barometer is auxiliary equipment, not a reference")
        let reference = try #require(dcc.referenceStandards.first?.certificate)
        #expect(reference.referralID == "BIPM-KG-2020-11")
        #expect(reference.referral == "Calibration of the reference kilogram")
        #expect(reference.hasWellFormedDigest)
        let result = try #require(dcc.measurementResults.first?.results.first)
        let mass = try #require(result.quantity("basic_measuredValue")?.quantity?.values.first)
        #expect(mass.value == 1000.00012 && mass.valueText == "1000.00012" && mass.unit == #"\gram"#)
        #expect(mass.uncertainty?.expandedUncertainty == 0.00016)
        let densities = try #require(result.quantity("gp_densityList")?.quantity?.values)
        #expect(densities.map(\.value) == [7950, 7.951])
        #expect(densities[1].uncertainty?.standardUncertainty == 0.0012)
        let converted = try densities[1].converted(to: MeasurementUnit(parsing: "kg.m-3"))
        #expect(converted.value == 7951)
        #expect(abs(converted.standardUncertainty! - 1.2) < 1e-12)
    }

    /// The synthetic template with its VALUES and UNITS placeholders filled in.
    func invalidDCC(values: String, units: String) throws -> Data {
        let template = try String(
            contentsOf: SampleFiles.synthetic("dcc_synthetic_invalid_values.xml"), encoding: .utf8)
        return Data(
            template.replacingOccurrences(of: "VALUES", with: values).replacingOccurrences(of: "UNITS", with: units)
                .utf8)
    }

    @Test("README negatives: '22 ± 2' and '3 000' are typed errors naming the text or the list")
    func invalidValues() throws {
        #expect(
            throws: TraceabilityError.invalidNumber(
                file: "t.xml", location: "line 22", field: "si:valueXMLList", text: "±")
        ) {
            try DigitalCalibrationCertificate(
                data: invalidDCC(values: "22 ± 2", units: #"\degreecelsius"#), location: "t.xml")
        }
        // 6 readings with a thousands separator in two: 8 tokens against 6 units.
        #expect(
            throws: TraceabilityError.listLengthMismatch(
                file: "t.xml", location: "line 23", field: "si:unitXMLList", values: 8, found: 6)
        ) {
            try DigitalCalibrationCertificate(
                data: invalidDCC(
                    values: "500 1 000 2 000 2500 2800 2900", units: String(repeating: #"\newton "#, count: 6)),
                location: "t.xml")
        }
        #expect(
            throws: TraceabilityError.invalidNumber(
                file: "t.xml", location: "line 22", field: "si:valueXMLList", text: "NaN")
        ) {
            try DigitalCalibrationCertificate(data: invalidDCC(values: "NaN", units: #"\kelvin"#), location: "t.xml")
        }
    }

    @Test("README negatives: \\°C and \\kgf are read as written and fail when the unit is parsed")
    func invalidUnitsSurfaceOnUse() throws {
        let dcc = try DigitalCalibrationCertificate(
            data: invalidDCC(values: "22 23", units: #"\°C \kgf"#), location: "t.xml")
        let values = try #require(dcc.measurementResults.first?.results.first?.quantities.first?.quantity?.values)
        #expect(values.map(\.unit) == [#"\°C"#, #"\kgf"#])
        #expect(
            throws: TraceabilityError.invalidUnit(
                expression: #"\°C"#, token: #"\°C"#, column: 1, issue: .unknownUnit(suggestion: #"\degreecelsius"#))
        ) {
            try values[0].measurementUnit()
        }
        #expect(
            throws: TraceabilityError.invalidUnit(
                expression: #"\kgf"#, token: #"\kgf"#, column: 1, issue: .unknownUnit(suggestion: nil))
        ) {
            try values[1].measurementUnit()
        }
        #expect(dcc.endPerformanceDate == nil, "an empty endPerformanceDate is absent, not an empty string")
    }

    @Test("Not XML, not a DCC, no identifier: typed errors")
    func malformed() {
        #expect(throws: TraceabilityError.self) {
            try DigitalCalibrationCertificate(data: Data("<a><b></a>".utf8), location: "x.xml")
        }
        #expect(
            throws: TraceabilityError.malformedFile(
                file: "k.xml", location: "line 1",
                reason: "the root element is {KC_Schema}comparison, not dcc:digitalCalibrationCertificate")
        ) {
            try DigitalCalibrationCertificate(
                data: Data(#"<kc:comparison xmlns:kc="KC_Schema"/>"#.utf8), location: "k.xml")
        }
        let noIdentifier =
            #"<d:digitalCalibrationCertificate xmlns:d="https://ptb.de/dcc"><d:administrativeData><d:coreData/></d:administrativeData></d:digitalCalibrationCertificate>"#
        #expect(
            throws: TraceabilityError.missingElement(
                file: "n.xml", location: "line 1", element: "dcc:uniqueIdentifier")
        ) {
            try DigitalCalibrationCertificate(data: Data(noIdentifier.utf8), location: "n.xml")
        }
        #expect(throws: TraceabilityError.self) {
            try DigitalCalibrationCertificate(contentsOf: URL(fileURLWithPath: "/nonexistent/file.xml"))
        }
    }

    @Test(
        "The shared validation copies are the same bytes as the bundled ones",
        .enabled(if: SampleFiles.sharedTraceability != nil))
    func bundledCopiesMatchShared() throws {
        let shared = try #require(SampleFiles.sharedTraceability)
        for name in [
            "dcc_ptb_gp_temperature_typical_v3.1.1.xml", "dcc_ptb_gp_humidity_v3.1.2.xml",
            "kc_bipm_RI-II-K1_Ra-223.xml", "kcdb_cmc_search_results_RECONSTRUCTED.json",
        ] {
            #expect(
                try Data(contentsOf: shared.appendingPathComponent(name)) == Data(contentsOf: SampleFiles.sample(name)),
                "\(name)")
        }
    }
}
