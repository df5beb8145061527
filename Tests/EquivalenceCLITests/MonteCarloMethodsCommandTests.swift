import Foundation
import Testing

/// `equivalence evaluate` with the median, largest-consistent-subset and linear-pool methods and
/// their options, run as a user would.
@Suite("equivalence evaluate: median, largest consistent subset, linear pool")
struct MonteCarloMethodsCommandTests {
    static func published(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("Tests/KeyComparisonTests/Fixtures/published/\(name).comparison.json")
            .path
    }

    static func json(_ output: CLI.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    @Test func medianReportsTrialsSeedAndIntervals() throws {
        let output = try CLI.run([
            "evaluate", Self.published("CCQM-K88"), "--method", "median", "--trials", "20000", "--seed", "5",
            "--format", "json",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try Self.json(output)
        #expect(object["method"] as? String == "median")
        let rv = try #require(object["referenceValue"] as? [String: Any])
        #expect(rv["value"] as? Double == 197.2)
        #expect((rv["coverageInterval"] as? [Double])?.count == 2)
        #expect((rv["shortestCoverageInterval"] as? [Double])?.count == 2)
        let details = try #require(object["details"] as? [String: Any])
        #expect(details["trials"] as? Int == 20000 && details["seed"] as? Int == 5)
        let rows = try #require(object["degreesOfEquivalence"] as? [[String: Any]])
        #expect(rows.count == 10 && rows.allSatisfy { ($0["coverageInterval"] as? [Double])?.count == 2 })
    }

    /// CCQM-K88's final-report table: U(d_i) = √(U_i² + 0.9²), e.g. NIM √(2.6² + 0.9²) = 2.7514.
    @Test func suppliedReferenceUncertainty() throws {
        let output = try CLI.run([
            "evaluate", Self.published("CCQM-K88"), "--method", "median", "--reference-uncertainty", "0.9", "--format",
            "json",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let rows = try #require(try Self.json(output)["degreesOfEquivalence"] as? [[String: Any]])
        let nim = try #require(rows.first { $0["laboratory"] as? String == "NIM" })
        let expanded = try #require(nim["expandedUncertainty"] as? Double)
        #expect(abs(expanded - (2.6 * 2.6 + 0.81).squareRoot()) < 1e-12)
    }

    @Test func largestConsistentSubsetListsTheSubsetAndTheSearch() throws {
        let output = try CLI.run([
            "evaluate", Self.published("CCQM-K25-PCB28"), "--method", "largest-consistent-subset", "--format", "json",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try Self.json(output)
        #expect(object["includedLaboratories"] as? [String] == ["IRMM", "KRISS", "NIST", "NMIJ"])
        let search = try #require((object["details"] as? [String: Any])?["largestConsistentSubset"] as? [String: Any])
        #expect(search["excluded"] as? [String] == ["NARL", "NRC"])
        #expect(search["consistentSubsetsOfThisSize"] as? Int == 1)
        let text = try CLI.run(["evaluate", Self.published("CCQM-K25-PCB28"), "--method", "largest-consistent-subset"])
        #expect(text.standardOutput.contains("left out: NARL, NRC"))
    }

    @Test func linearPoolWithWeights() throws {
        let path = Self.published("Kudzu-As")
        let equal = try CLI.run(["evaluate", path, "--method", "linear-pool", "--trials", "2000", "--format", "json"])
        #expect(equal.status == 0, "\(equal.standardError)")
        let weighted = try CLI.run([
            "evaluate", path, "--method", "linear-pool", "--trials", "2000", "--weight", "Lab 1=0", "--weight",
            "Lab 2=1",
            "--weight", "Lab 3=0", "--weight", "Lab 4=0", "--format", "json",
        ])
        #expect(weighted.status == 0, "\(weighted.standardError)")
        let rv = try #require(try Self.json(weighted)["referenceValue"] as? [String: Any])
        #expect(rv["value"] as? Double == 0.916 && rv["standardUncertainty"] as? Double == 0.006)
    }

    @Test func optionsForTheWrongMethodOrOutOfRangeAreErrors() throws {
        let path = Self.published("CCQM-K25-PCB28")
        let wrong = try CLI.run(["evaluate", path, "--reference-uncertainty", "0.9"])
        #expect(
            wrong.status != 0
                && wrong.standardError.contains(
                    "--reference-uncertainty does not apply to --method weighted-mean (only to median)")
        )
        let weight = try CLI.run(["evaluate", path, "--method", "median", "--weight", "NIST=1"])
        #expect(
            weight.status != 0
                && weight.standardError.contains("--weight does not apply to --method median (only to linear-pool)"))
        let missing = try CLI.run(["evaluate", path, "--method", "linear-pool", "--weight", "NIST=1"])
        #expect(missing.status != 0 && missing.standardError.contains("IRMM"))
        let malformed = try CLI.run(["evaluate", path, "--method", "linear-pool", "--weight", "NIST"])
        #expect(malformed.status != 0 && malformed.standardError.contains("LAB=W"))
        let trials = try CLI.run(["evaluate", path, "--method", "median", "--trials", "3"])
        #expect(trials.status != 0 && trials.standardError.contains("trials"))
        #expect(trials.standardOutput.isEmpty)
    }
}
