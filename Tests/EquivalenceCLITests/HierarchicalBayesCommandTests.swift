import Foundation
import Testing

/// `equivalence evaluate --method hierarchical-bayes[-laplace]` as a user runs it.
@Suite("equivalence evaluate --method hierarchical-bayes")
struct HierarchicalBayesCommandTests {
    let example = CLI.packageRoot.appendingPathComponent("Examples/CCQM-K25-PCB28.comparison.json").path

    /// --trials sets the iterations per chain, --seed the seed: the same seed gives the same JSON, and
    /// the document carries the τ interval and the chain diagnostics.
    @Test func jsonOutputIsReproducibleAndCarriesTheDiagnostics() throws {
        let arguments = [
            "evaluate", example, "--method", "hierarchical-bayes", "--trials", "5000", "--seed", "3", "--format",
            "json",
        ]
        let first = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        let second = try CLI.run(arguments)
        #expect(first.standardOutput == second.standardOutput)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        #expect(object["method"] as? String == "hierarchical-bayes")
        let heterogeneity = try #require(object["heterogeneity"] as? [String: Any])
        #expect((heterogeneity["tauCoverageInterval"] as? [Double])?.count == 2)
        let details = try #require(object["details"] as? [String: Any])
        #expect(details["seed"] as? Int == 3)
        let chain = try #require(details["markovChain"] as? [String: Any])
        #expect(chain["iterations"] as? Int == 5000)
        #expect(chain["chains"] as? Int == 2)
        #expect((chain["parameters"] as? [[String: Any]])?.map { $0["parameter"] as? String } == ["mu", "tau"])
        #expect((object["pairwise"] as? [Any])?.count == 15)
        #expect(!first.standardOutput.lowercased().contains("nan"))
    }

    @Test func textReportShowsTheChainsAndTheLaplaceMethod() throws {
        let output = try CLI.run([
            "evaluate", example, "--method", "hierarchical-bayes-laplace", "--trials", "3000", "--chains", "3",
            "--tau-prior-median", "2", "--ignore-dark-uncertainty",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("hierarchical-bayes-laplace"))
        #expect(output.standardOutput.contains("MCMC: 3 chains × 3000 iterations"))
        #expect(
            output.standardOutput.contains("τ half-Cauchy with median 2,")
                || output.standardOutput.contains("median 2 "))
    }

    @Test func badRequestsAreErrors() throws {
        let wrongMethod = try CLI.run(["evaluate", example, "--tau-prior-median", "1"])
        #expect(wrongMethod.status != 0)
        #expect(
            wrongMethod.standardError.contains(
                "--tau-prior-median does not apply to --method weighted-mean (only to the hierarchical-bayes methods)"))
        let negative = try CLI.run([
            "evaluate", example, "--method", "hierarchical-bayes", "--sigma-prior-median=-1",
        ])
        #expect(negative.status != 0 && negative.standardError.contains("option --sigma-prior-median = -1.0"))
        let file = try CLI.temporaryFile(
            "two.comparison.json",
            #"{"identifier":"two","results":[{"laboratory":"A","value":1,"standardUncertainty":0.1},"#
                + #"{"laboratory":"B","value":2,"standardUncertainty":0.1}]}"#)
        defer { try? FileManager.default.removeItem(at: file) }
        let two = try CLI.run(["evaluate", file.path, "--method", "hierarchical-bayes"])
        #expect(two.status != 0)
        #expect(two.standardError.contains("at least 3 included results, found 2"))
    }
}
