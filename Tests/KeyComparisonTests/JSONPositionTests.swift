import Foundation
import KeyComparison
import Testing

/// Malformed comparison and comparison-model JSON names the file, line and column (issue 13).
@Suite("JSON syntax errors in comparison files")
struct JSONPositionTests {
    @Test func aComparisonFileNamesFileLineAndColumn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trunc-\(UUID()).comparison.json")
        try Data("{\"results\": [\n  {\"laboratory\": \"A\", \"value\": 1e400, \"standardUncertainty\": 1}]}".utf8)
            .write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Comparison(contentsOf: url)
            Issue.record("1e400 was accepted")
        } catch {
            guard case .malformedFile(url.relativePath, "line 2, column 32", let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reason.contains("1e400 is out of the range of double precision"))
        }
    }

    @Test func aComparisonModelNamesLineAndColumn() {
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 2, column 1", reason: "not valid JSON: the document ends too early (a truncated file?)")
        ) { try ComparisonModel(jsonData: Data("{\"readings\": [\n".utf8)) }
    }
}
