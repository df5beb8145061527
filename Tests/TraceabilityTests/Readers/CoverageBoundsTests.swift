import Foundation
import Testing

@testable import Traceability

/// A coverage factor below 1 or a coverage probability outside (0, 1) is refused by the DCC
/// (D-SI) and KCDB readers with the file, the line or record path and the field (issue 13); the
/// graph's own check is in `TraceabilityDocumentTests`.
@Suite("Coverage factors and probabilities in DCC and KCDB files")
struct CoverageBoundsTests {
    /// The temperature DCC with one of its `si:…XMLList` entries replaced, and the line it is on.
    static func temperatureDCC(replacing old: String, with new: String) throws -> (data: Data, line: Int) {
        let text = try String(contentsOf: SampleFiles.temperatureDCC, encoding: .utf8)
        let range = try #require(text.range(of: old))
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        return (Data(text.replacingCharacters(in: range, with: new).utf8), line)
    }

    @Test(arguments: [
        (
            "coverageFactorXMLList", "2", "0.5",
            "a coverage factor must be a finite number of at least 1 (U = k·u, GUM 6.2.1), found 0.5"
        ),
        (
            "coverageProbabilityXMLList", "0.95", "95",
            "a coverage probability must lie strictly between 0 and 1, found 95.0 (give 0.95 for 95.0 %)"
        ),
    ])
    func aDCCValueOutOfBoundsNamesFileLineAndField(element: String, old: String, new: String, reason: String) throws {
        let (data, line) = try Self.temperatureDCC(
            replacing: "<si:\(element)>\(old)</si:\(element)>", with: "<si:\(element)>\(new)</si:\(element)>")
        #expect(
            throws: TraceabilityError.malformedFile(
                file: "t.xml", location: "line \(line)", reason: "si:\(element): \(reason)")
        ) { try DigitalCalibrationCertificate(data: data, location: "t.xml") }
    }

    @Test(arguments: [
        ("\"coverageFactor\": 2.3", "\"coverageFactor\": 0.5", "coverageFactor"),
        ("\"confidenceLevel\": 95,", "\"confidenceLevel\": 0.95e3,", "confidenceLevel"),
    ])
    func aKCDBRecordNamesTheField(old: String, new: String, field: String) throws {
        let text = try String(contentsOf: SampleFiles.kcdb, encoding: .utf8)
        let range = try #require(text.range(of: old))
        let data = Data(text.replacingCharacters(in: range, with: new).utf8)
        do {
            _ = try KCDBCalibrationCapability.records(from: data, location: "k.json")
            Issue.record("\(new) was accepted")
        } catch {
            guard case .malformedFile("k.json", let location, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(location.hasSuffix("].\(field)"), "location \(location)")
        }
    }
}
