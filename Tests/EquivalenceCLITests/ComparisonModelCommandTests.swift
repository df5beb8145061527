import Foundation
import Numerics
import Testing

/// `equivalence evaluate MODEL` and `equivalence link` as a user runs them, on the Examples.
@Suite("Comparison models and linking on the command line")
struct ComparisonModelCommandTests {
    func example(_ name: String) -> String { CLI.packageRoot.appendingPathComponent("Examples/\(name)").path }

    @Test func evaluatesAModelInEveryFormat() throws {
        let file = example("drift-multipoint.constructed.comparison-model.json")
        let text = try CLI.run(["evaluate", file])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("drift of artefact T1 at 1 kHz"))
        #expect(text.standardOutput.contains("Degrees of equivalence at 100 kHz"))
        let json = try CLI.run(["evaluate", file, "--format", "json"])
        #expect(json.status == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let estimates = try #require(document["estimates"] as? [[String: Any]])
        #expect(estimates.count == 21)
        let covariance = try #require(document["covariance"] as? [String: Any])
        #expect(covariance["rows"] as? Int == 21)
        #expect((document["degreesOfEquivalence"] as? [[String: Any]])?.count == 3)
        let csv = try CLI.run(["evaluate", file, "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("section,group,name,other,value") == true)
        // 21 estimates, 21² covariance entries, 3 × (5 DoE + 25 covariance entries + 10 pairs).
        #expect(lines.count == 1 + 21 + 441 + 3 * (5 + 25 + 10))
    }

    @Test func linksRMOComparisonsAndReportsTheLinkedDegreesOfEquivalence() throws {
        let output = try CLI.run([
            "link", example("linking/CCL-K1.comparison.json"), example("linking/RMO-B.constructed.comparison.json"),
            "--linking-correlation", "KRISS=0.6", "--format", "json",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let groups = try #require(document["degreesOfEquivalence"] as? [[String: Any]])
        let regional = try #require(groups.last?["unilateral"] as? [[String: Any]])
        let nimt = try #require(regional.first { $0["laboratory"] as? String == "NIMT" })
        // U(d) = 2 × 18.3837 nm, as numpy computes it (Tests/KeyComparisonTests/Fixtures/models).
        let expanded = try #require(nimt["expandedUncertainty"] as? Double)
        #expect(expanded.isApproximatelyEqual(to: 36.76743496191741, relativeTolerance: 1e-9))
        // The same through Sutton's joint GLS: one linking laboratory, the same figure.
        let joint = try CLI.run([
            "link", example("linking/CCL-K1.comparison.json"), example("linking/RMO-B.constructed.comparison.json"),
            "--linking-correlation", "KRISS=0.6", "--method", "joint",
        ])
        #expect(joint.status == 0)
        #expect(joint.standardOutput.contains("NIMT        no       -12.4    18.4    36.8"))
        let model = try CLI.run(["evaluate", example("linking/CCL-K1+RMO-B.comparison-model.json")])
        #expect(model.status == 0)
        #expect(model.standardOutput.contains("NIMT        no       -12.4    18.4    36.8"))
    }

    @Test func badModelsAndLinksFailNamingWhatIsWrong() throws {
        let misspelt = try CLI.temporaryFile(
            "misspelt.comparison-model.json",
            #"{"readings": [{"laboratory": "A", "value": 1, "standardUncertainty": 1, "tme": 3}]}"#)
        let first = try CLI.run(["evaluate", misspelt.path])
        #expect(first.status != 0 && first.exitedNormally)
        #expect(first.standardError.contains("readings[0]") && first.standardError.contains("tme"))

        let disconnected = try CLI.temporaryFile(
            "disconnected.comparison-model.json",
            #"""
            {"readings": [
              {"laboratory": "A", "comparison": "CIPM", "value": 1.0, "standardUncertainty": 0.1},
              {"laboratory": "B", "comparison": "CIPM", "value": 1.1, "standardUncertainty": 0.1},
              {"laboratory": "C", "comparison": "RMO", "value": 1.2, "standardUncertainty": 0.1}],
             "referenceValue": {"kind": "weightedMean", "comparison": "CIPM"}}
            """#)
        let second = try CLI.run(["evaluate", disconnected.path])
        #expect(second.status != 0 && second.exitedNormally)
        #expect(second.standardError.contains("value of the travelling standard of RMO"))

        let notPositiveDefinite = try CLI.temporaryFile(
            "bad-covariance.comparison-model.json",
            #"""
            {"readings": [
              {"identifier": "A1", "laboratory": "A", "value": 1.0, "standardUncertainty": 0.1},
              {"identifier": "B1", "laboratory": "B", "value": 1.1, "standardUncertainty": 0.1}],
             "sharedComponents": [{"readings": ["A1", "B1"], "standardUncertainty": 0.2}]}
            """#)
        let third = try CLI.run(["evaluate", notPositiveDefinite.path])
        #expect(third.status != 0 && third.exitedNormally)
        #expect(third.standardError.contains("B1") && third.standardError.contains("A1"))

        let unlinked = try CLI.run([
            "link", example("linking/CCL-K1.comparison.json"), example("linking/RMO-B.constructed.comparison.json"),
            "--linking", "NPL",
        ])
        #expect(unlinked.status != 0 && unlinked.exitedNormally)
        #expect(unlinked.standardError.contains("no linking laboratory"))
        let badCorrelation = try CLI.run([
            "link", example("linking/CCL-K1.comparison.json"), example("linking/RMO-B.constructed.comparison.json"),
            "--linking-correlation", "KRISS=1.5",
        ])
        #expect(badCorrelation.status != 0)
        #expect(badCorrelation.standardError.contains("KRISS=1.5"))
    }
}
