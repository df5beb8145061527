import Foundation
import Testing

/// `equivalence trace …` and `evaluate --traceability`, run as a user would.
@Suite("equivalence trace")
struct TraceCommandTests {
    let graph = CLI.packageRoot.appendingPathComponent("Examples/K-shared.traceability.json").path
    let comparison = CLI.packageRoot.appendingPathComponent("Examples/K-shared.comparison.json").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The example graph with lab2-k performed before cal-S (REFERENCE_FROM_FUTURE).
    func brokenGraph() throws -> URL {
        let text = try String(contentsOfFile: graph, encoding: .utf8).replacingOccurrences(
            of: #""id": "lab2-k", "issuer": "Lab2", "item": "travelling standard", "date": "2025-05-01""#,
            with: #""id": "lab2-k", "issuer": "Lab2", "item": "travelling standard", "date": "2024-12-01""#)
        #expect(text.contains("2024-12-01"))
        return try CLI.temporaryFile("broken.traceability.json", text)
    }

    @Test func checkOfAValidGraph() throws {
        let output = try CLI.run(["trace", "check", graph])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasPrefix("Traceability of K-shared.traceability.json — verdict: VALID"))
    }

    @Test func checkReportJSONFollowsDesign() throws {
        let file = try brokenGraph()
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLI.run(["trace", "check", file.path, "--format", "json"])
        #expect(output.status == 2)
        let report = try Self.json(output.standardOutput)
        #expect(report["verdict"] as? String == "invalid")
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings[0]["code"] as? String == "REFERENCE_FROM_FUTURE")
        #expect(findings[0]["severity"] as? String == "error")
        #expect(findings[0]["nodes"] as? [String] == ["lab2-k", "cal-S"])
        #expect((findings[0]["rule"] as? String)?.contains("VIM 2.41 Note 3") == true)
        let chains = try #require(report["chains"] as? [[String: Any]])
        #expect(chains.count == 3)
        let first = try #require(chains.first)
        #expect(first["result"] as? String == "lab1-k" && first["anchor"] as? String == "SI-kg-1")
        #expect(first["validUntil"] as? String == "2026-01-15")
        #expect((first["links"] as? [[String: Any]])?.count == 3)
    }

    @Test func checkAtADate() throws {
        // lab1-k states no validity: at a date it cannot be judged (incomplete, exit 3).
        let output = try CLI.run(["trace", "check", graph, "--at", "2026-01-01"])
        #expect(output.status == 3)
        #expect(output.standardOutput.contains("NO_RECALIBRATION_INTERVAL"))
        let bad = try CLI.run(["trace", "check", graph, "--at", "01/01/2026"])
        #expect(bad.status != 0 && bad.standardError.contains("--at expects an ISO 8601 date"))
    }

    @Test func chainBudget() throws {
        let output = try CLI.run(["trace", "chain", graph, "lab1-k", "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        let budget = try Self.json(output.standardOutput)
        #expect(budget["result"] as? String == "lab1-k")
        let contributions = try #require(budget["contributions"] as? [[String: Any]])
        // lab1-k adds (3e-5)² − (2e-5)² = 5e-10 g² of 9e-10 g²: 5/9 of the variance.
        let share = try #require(contributions.first?["share"] as? Double)
        #expect(abs(share - 5.0 / 9) < 1e-12)
        let text = try CLI.run(["trace", "chain", graph, "lab1-k"])
        #expect(text.standardOutput.contains("Path 1 to anchor SI-kg-1, valid until 2026-01-15"))
        let unknown = try CLI.run(["trace", "chain", graph, "lab9-k"])
        #expect(unknown.status == 1 && unknown.standardError.contains("no calibration result 'lab9-k'"))
    }

    @Test func covarianceOfResults() throws {
        let output = try CLI.run(["trace", "covariance", graph, "lab1-k", "lab2-k", "lab3-k", "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        let document = try Self.json(output.standardOutput)
        #expect(document["unit"] as? String == "g")
        let v = try #require(document["covariance"] as? [[Double]])
        // u²(cal-S) = (2e-5 g)².
        #expect(abs(v[0][1] - 4e-10) < 1e-12 * 4e-10 && v[0][2] == 0)
    }

    @Test func exportsDotAndGraphML() throws {
        let file = try brokenGraph()
        defer { try? FileManager.default.removeItem(at: file) }
        let dot = try CLI.run(["trace", "export", file.path, "--format", "dot"])
        #expect(dot.status == 0 && dot.standardOutput.contains("rankdir=BT;"))
        #expect(dot.standardOutput.contains(#""lab2-k" -> "cal-S" [label="2024-12-01\nu = 2.5e-05", color=red"#))
        let graphml = try CLI.run(["trace", "export", graph, "--format", "graphml", "--chain-only"])
        #expect(graphml.status == 0 && graphml.standardOutput.contains(#"<key id="kind" for="node""#))
        #expect(!graphml.standardOutput.contains(#"<node id="NMI-1">"#))
        let wrong = try CLI.run(["trace", "export", graph, "--format", "svg"])
        #expect(wrong.status != 0)
    }

    @Test func evaluateWithTraceabilityUsesTheSharedCovariance() throws {
        let output = try CLI.run(["evaluate", comparison, "--traceability", graph, "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        let evaluation = try Self.json(output.standardOutput)
        let rv = try #require(evaluation["referenceValue"] as? [String: Any])
        // numpy GLS with u(Lab1, Lab2) = (0.02 mg)² (see SharedTraceabilityTests): y = 0.0515008,
        // u(y) = 0.0203017; U(d) = [0.0441742, 0.0291781, 0.0689301]. The g → mg conversion adds at
        // most a few ulps, hence 1e-12.
        #expect(abs(try #require(rv["value"] as? Double) - 0.05150079999999999) < 1e-12 * 0.0515)
        #expect(abs(try #require(rv["standardUncertainty"] as? Double) - 0.020301724064719234) < 1e-12 * 0.0203)
        let does = try #require(evaluation["degreesOfEquivalence"] as? [[String: Any]])
        let expected = [0.04417420061529127, 0.02917807395973902, 0.06893010953132164]
        for (doe, u) in zip(does, expected) {
            #expect(abs(try #require(doe["expandedUncertainty"] as? Double) - u) < 1e-12 * u)
        }
        // Without --traceability the laboratories are independent: a different KCRV.
        let independent = try Self.json(try CLI.run(["evaluate", comparison, "--format", "json"]).standardOutput)
        let y0 = try #require((independent["referenceValue"] as? [String: Any])?["value"] as? Double)
        #expect(abs(y0 - 0.0511007493755204) < 1e-12)
    }

    @Test func evaluateWithAGraphThatDoesNotListTheComparison() throws {
        let file = try CLI.temporaryFile(
            "other.comparison.json",
            #"{"identifier":"K-other","unit":"mg","results":[{"laboratory":"Lab1","value":0.05,"standardUncertainty":0.03}]}"#
        )
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLI.run(["evaluate", file.path, "--traceability", graph])
        #expect(output.status != 0)
        #expect(output.standardError.contains("the graph has no comparison 'K-other'; it lists K-shared"))
        let missing = try CLI.run(["evaluate", comparison, "--traceability", "/nonexistent.traceability.json"])
        #expect(missing.status != 0 && missing.standardError.contains("/nonexistent.traceability.json"))
    }

    @Test func unreadableGraphNamesFileNodeAndField() throws {
        let file = try CLI.temporaryFile(
            "bad.traceability.json",
            #"{"calibrations":[{"id":"c1","issuer":"X","item":"i","date":"2025-13-01","quantity":"mass","unit":"kg","value":1,"standardUncertainty":1}]}"#
        )
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLI.run(["trace", "check", file.path])
        #expect(output.status == 1 && output.standardOutput.isEmpty)
        #expect(output.standardError.contains(file.path))
        #expect(
            output.standardError.contains(
                "node 'c1', field date: expected an ISO 8601 date (YYYY-MM-DD), found '2025-13-01'"))
    }
}
