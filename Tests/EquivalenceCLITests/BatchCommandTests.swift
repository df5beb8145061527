import Foundation
import Testing

@Suite("equivalence evaluate DIR | FILE…")
struct BatchCommandTests {
    let examples = CLI.packageRoot.appendingPathComponent("Examples")
    var flagship: String { examples.appendingPathComponent("CCQM-K25-PCB28.comparison.json").path }

    @Test func severalFilesGiveOneJSONLineEachInTheirOrder() throws {
        let csv = try CLI.temporaryFile("three.csv", "laboratory,value,standardUncertainty\nA,1.0,0.1\nB,1.2,0.1\n")
        defer { try? FileManager.default.removeItem(at: csv) }
        let output = try CLI.run(["evaluate", flagship, csv.path, "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        // Piped standard error: no progress bar.
        #expect(output.standardError.isEmpty)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["file"] as? String == flagship)
        let rv = try #require(first["referenceValue"] as? [String: Any])
        // The same KCRV as `evaluate FILE` (Procedure A of CCQM-K25 PCB 28; expected.json).
        #expect(abs(try #require(rv["value"] as? Double) - 33.29956621330193) < 1e-12)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect((second["referenceValue"] as? [String: Any])?["value"] as? Double == 1.1)
    }

    @Test func aBadFileIsReportedAndTheOthersAreStillEvaluated() throws {
        let bad = try CLI.temporaryFile(
            "bad.comparison.json", #"{"identifier": "x", "results": [{"laboratory": "A", "value": 1}]}"#)
        defer { try? FileManager.default.removeItem(at: bad) }
        let output = try CLI.run(["evaluate", bad.path, flagship, "--format", "csv"])
        #expect(output.status == 1)
        #expect(output.standardError.contains("1 of 2 comparisons failed"))
        let rows = output.standardOutput.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("file,comparison,method"))
        #expect(rows[1].hasPrefix(bad.path + ","))
        #expect(rows[1].contains("standardUncertainty"))
        #expect(rows[2].hasPrefix(flagship + ",CCQM-K25 PCB 28,weighted-mean,ng/g,6,6,33.29956621330193,"))
    }

    @Test func aDirectoryIsEveryComparisonFileBelowIt() throws {
        let output = try CLI.run(["evaluate", examples.path, "--method", "dersimonian-laird"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("CCQM-K25 PCB 28"))
        #expect(output.standardOutput.contains("comparisons evaluated"))
    }

    @Test func optionsOfOneComparisonAreRefusedForABatch() throws {
        let output = try CLI.run(["evaluate", flagship, flagship, "--pairwise"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--pairwise applies to one comparison"))
        let missing = try CLI.run(["evaluate", "/nonexistent-directory/", flagship])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("/nonexistent-directory"))
    }
}
