import Foundation
import Testing

/// The published comparisons bundled with the KeyComparison tests, through every method and
/// report format: whatever a method makes of them, no report may carry NaN or an infinity.
@Suite("Published comparisons: finite reports")
struct PublishedOutputTests {
    static let directory = CLI.packageRoot.appendingPathComponent("Tests/KeyComparisonTests/Fixtures/published")

    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".comparison.json") }.sorted()

    @Test func theFixturesAreThere() {
        #expect(Self.files.count >= 9)
    }

    @Test(arguments: files)
    func everyMethodPrintsFiniteNumbers(file: String) throws {
        let path = Self.directory.appendingPathComponent(file).path
        for method in Robustness.methods {
            let common = ["evaluate", path, "--method", method, "--trials", Robustness.trials]
            let json = try CLI.run(common + ["--format", "json"])
            Robustness.expectCleanOutcome(json, file: path, json: true)
            let text = try CLI.run(common + ["--pairwise"])
            Robustness.expectCleanOutcome(text, file: path)
        }
        for format in ["json", "text"] {
            let diagnosis = try CLI.run(["diagnose", path, "--trials", "500", "--format", format])
            Robustness.expectCleanOutcome(diagnosis, file: path, json: format == "json")
        }
        let csv = try CLI.run(["evaluate", path, "--format", "csv", "--method", "dersimonian-laird"])
        Robustness.expectCleanOutcome(csv, file: path)
    }
}
