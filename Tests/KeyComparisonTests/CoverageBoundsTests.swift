import Foundation
import KeyComparison
import Testing

/// A coverage factor below 1 (or not finite) is refused by the comparison and comparison-model
/// readers with the field's JSON path, the laboratory and the file (issue 13).
@Suite("Coverage factors in comparison files")
struct CoverageBoundsTests {
    static let halfCoverage =
        #"{"identifier":"X","results":[{"laboratory":"A","value":1,"standardUncertainty":1},"#
        + #"{"laboratory":"B","value":1,"expandedUncertainty":0.6,"coverageFactor":0.5}]}"#

    @Test func aCoverageFactorBelowOneIsRefusedWithItsPath() {
        #expect(
            throws: KeyComparisonError.invalidCoverageFactor(
                field: "results[1].coverageFactor", laboratory: "B", value: 0.5)
        ) { try Comparison(jsonData: Data(Self.halfCoverage.utf8)) }
    }

    @Test(arguments: [0.999, 0, -2])
    func everyValueBelowOneIsRefused(k: Double) {
        let json =
            #"{"results":[{"laboratory":"A","value":1,"expandedUncertainty":2,"coverageFactor":\#(k)}]}"#
        #expect(
            throws: KeyComparisonError.invalidCoverageFactor(
                field: "results[0].coverageFactor", laboratory: "A", value: k)
        ) {
            try Comparison(jsonData: Data(json.utf8))
        }
    }

    @Test func exactlyOneIsACoverageFactor() throws {
        let json = #"{"results":[{"laboratory":"A","value":1,"expandedUncertainty":0.3,"coverageFactor":1}]}"#
        // U/k with k = 1 is U itself: no rounding.
        #expect(try Comparison(jsonData: Data(json.utf8)).results[0].standardUncertainty == 0.3)
    }

    @Test func theFileIsNamed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("half-k-\(UUID()).comparison.json")
        try Data(Self.halfCoverage.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Comparison(contentsOf: url)
            Issue.record("a coverage factor of 0.5 was accepted")
        } catch {
            guard case .invalidCoverageFactor(let file?, let field, "B", 0.5) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == url.relativePath)
            #expect(field == "results[1].coverageFactor")
            #expect(error.description.contains("\(file): results[1].coverageFactor: B: a coverage factor"))
        }
    }

    @Test func aComparisonModelReadingIsCheckedTheSameWay() {
        let json =
            #"{"identifier":"M","readings":[{"laboratory":"A","value":1,"standardUncertainty":1},"#
            + #"{"laboratory":"B","value":1,"expandedUncertainty":0.6,"coverageFactor":0.5}]}"#
        #expect(
            throws: KeyComparisonError.invalidCoverageFactor(
                field: "readings[1].coverageFactor", laboratory: "B", value: 0.5)
        ) { try ComparisonModel(jsonData: Data(json.utf8)) }
    }
}
