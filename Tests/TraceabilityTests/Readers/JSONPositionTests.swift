import Foundation
import Testing

@testable import Traceability

/// Malformed traceability-graph and KCDB JSON names the file, line and column (issue 13).
@Suite("JSON syntax errors in graph and KCDB files")
struct JSONPositionTests {
    @Test func aGraphWithAStrayCommaNamesLineAndColumn() {
        #expect(
            throws: TraceabilityError.malformedFile(
                location: "line 2, column 21", reason: "not valid JSON: expected a value, found ','")
        ) { try TraceabilityDocument(jsonData: Data("{\n  \"organizations\": [,]}".utf8)) }
    }

    @Test func aTruncatedKCDBFileNamesFileLineAndColumn() throws {
        let text = try String(contentsOf: SampleFiles.kcdb, encoding: .utf8)
        let truncated = String(text.prefix(200))
        let lines = truncated.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            _ = try KCDBCalibrationCapability.records(from: Data(truncated.utf8), location: "k.json")
            Issue.record("a truncated file was read")
        } catch {
            guard case .malformedFile("k.json", let location, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(location.hasPrefix("line \(lines.count), column "), "\(location)")
            #expect(reason.contains("ends too early"), "\(reason)")
        }
    }
}
