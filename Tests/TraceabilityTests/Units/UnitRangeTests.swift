import Foundation
import Testing

@testable import Traceability

/// Powers and scales a file can write but arithmetic cannot hold: they used to overflow `Int`
/// (a trap) or give an infinite conversion factor; now they are typed errors naming the unit.
@Suite("Unit powers and scales out of range")
struct UnitRangeTests {
    @Test(
        "Powers beyond 2^30, Int.min and decimals that overflow are invalid exponents",
        arguments: [
            #"\metre\tothe{9223372036854775807}"#, #"\metre\tothe{-9223372036854775808}"#,
            #"\metre\tothe{1073741825}"#, #"\metre\tothe{1/2147483648}"#, #"\metre\tothe{99999999999999999.5}"#,
            "m-9223372036854775808", "m9223372036854775807", "m(1/9223372036854775807)",
        ])
    func invalidExponent(_ expression: String) {
        do {
            _ = try MeasurementUnit(parsing: expression)
            Issue.record("\(expression) was accepted")
        } catch {
            guard case .invalidUnit(let text, _, _, .invalidExponent) = error else {
                Issue.record("\(expression): unexpected \(error)")
                return
            }
            #expect(text == expression)
        }
    }

    @Test(
        "Units whose dimension or scale cannot be computed are out of range",
        arguments: [
            // 2^30 + 2^30 = 2^31 exceeds the limit of the sum.
            #"\metre\tothe{1073741824}\metre\tothe{1073741824}"#,
            // Three large coprime denominators: their common denominator overflows.
            #"\metre\tothe{1/1073741789}\metre\tothe{1/1073741783}\metre\tothe{1/1073741741}"#,
            // (10³ m)²⁰⁰ = 10⁶⁰⁰ m²⁰⁰ and (60 s)¹⁰⁰⁰: scales beyond 10¹⁵⁰.
            #"\kilo\metre\tothe{200}"#, #"\minute\tothe{1000}"#, #"\dalton\tothe{-20}"#,
            "km200", "min(1000/1)",
        ])
    func outOfRange(_ expression: String) {
        #expect(
            throws: TraceabilityError.invalidUnit(
                expression: expression, token: expression, column: 1, issue: .outOfRange)
        ) {
            try MeasurementUnit(parsing: expression)
        }
    }

    @Test("Reasonable powers stay valid")
    func reasonable() throws {
        #expect(
            try MeasurementUnit(parsing: #"\metre\tothe{0.333333333}"#).dimension.length
                == UnitExponent(333_333_333, 1_000_000_000))
        #expect(try MeasurementUnit(parsing: #"\metre\tothe{1073741824}"#).dimension.length == UnitExponent(1 << 30))
        #expect(try MeasurementUnit(parsing: #"\kilo\metre\tothe{50}"#).scale.value == 1e150)
    }

    @Test("Checked arithmetic of exponents reports overflow as nil")
    func checkedArithmetic() {
        let limit = UnitExponent(UnitExponent.magnitudeLimit)
        #expect(limit.adding(UnitExponent(1)) == nil)
        #expect(limit.multiplied(by: UnitExponent(2)) == nil)
        #expect(UnitExponent(Int.max / 2).adding(UnitExponent(Int.max / 2)) == nil)
        #expect(UnitExponent(1, 3).adding(UnitExponent(1, 6)) == UnitExponent(1, 2))
        #expect(UnitExponent(2, 3).multiplied(by: UnitExponent(3, 4)) == UnitExponent(1, 2))
        #expect(UnitExponent(parsing: "1073741824") == limit)
        #expect(UnitExponent(parsing: "1073741825") == nil)
        #expect(UnitExponent(parsing: "-0.5") == UnitExponent(-1, 2))
    }
}

/// Malformed or hostile XML and values the import used to take silently.
@Suite("Hostile XML and silent values")
struct HostileImportTests {
    static func dcc(replacing old: String, with new: String) throws -> Data {
        let text = try String(contentsOf: SampleFiles.temperatureDCC, encoding: .utf8)
        return Data(text.replacingOccurrences(of: old, with: new).utf8)
    }

    @Test("Elements nested 100 000 deep are refused before the tree is walked")
    func deepNesting() {
        let data = Data((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8)
        do {
            _ = try MarkupElement.parse(data)
            Issue.record("a 100 000-deep document was accepted")
        } catch {
            guard case .malformedFile(nil, let location, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(location.hasPrefix("line "))
            #expect(reason.contains("nested deeper than \(MarkupElement.maximumDepth)"))
        }
        // The depth of real documents passes.
        let shallow = Data((String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)).utf8)
        #expect(throws: Never.self) { try MarkupElement.parse(shallow) }
    }

    @Test("A negative stated uncertainty is an error, not its absolute value")
    func negativeUncertainty() throws {
        let data = try Self.dcc(
            replacing: "<si:uncertaintyXMLList>0.061</si:uncertaintyXMLList>",
            with: "<si:uncertaintyXMLList>-0.061</si:uncertaintyXMLList>")
        var importer = TraceabilityImporter()
        #expect(
            throws: TraceabilityError.invalidField(
                node: "GP_DCC_temperature_typical_1.2", field: "uncertainty", reason: "must be positive, found -0.061")
        ) {
            try importer.add(DigitalCalibrationCertificate(data: data, location: "negative.xml"), documentData: data)
        }
    }

    @Test("A KCDB range whose lower limit exceeds the upper one is an error")
    func reversedRange() throws {
        let text = try String(contentsOf: SampleFiles.kcdb, encoding: .utf8).replacingOccurrences(
            of: #""cmc": {"lowerLimit": null, "unit": "A/lx, V/lx, reading/lx", "upperLimit": null}"#,
            with: #""cmc": {"lowerLimit": 10, "unit": "K", "upperLimit": 1}"#)
        var importer = TraceabilityImporter()
        #expect(
            throws: TraceabilityError.invalidField(
                node: "APMP-PR-NZ-00000624-1", field: "cmc", reason: "the lower limit 10.0 exceeds the upper limit 1.0")
        ) {
            try importer.add(KCDBCalibrationCapability.records(from: Data(text.utf8), location: "kcdb.json"))
        }
    }

    @Test("JSON that is not an object or array is read as JSON, with a JSON error")
    func jsonFragments() throws {
        for (name, text) in [("null.json", "null"), ("text.json", #""hello""#), ("bom.json", "\u{FEFF}[1")] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
            try Data(text.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            var importer = TraceabilityImporter()
            do {
                try importer.add(contentsOf: url)
                Issue.record("\(name) was accepted")
            } catch {
                // Read as JSON (a JSON error, or no KCDB record in it), never as malformed XML.
                #expect(!error.description.contains("XML"), "\(name): \(error)")
                #expect(error.description.contains("JSON"), "\(name): \(error)")
            }
        }
    }
}
