import Foundation
import Testing

@Suite("equivalence evaluate: random effects")
struct RandomEffectsCommandTests {
    let example = CLI.packageRoot.appendingPathComponent("Examples/CCQM-K25-PCB28.comparison.json").path

    func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try CLI.run(["evaluate", example, "--format", "json"] + arguments)
        #expect(output.status == 0, "\(output.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    @Test func remlReportsTheHeterogeneityBlock() throws {
        // expected.json reference.metafor.REML for PCB 28 (metafor 3.8.1, tol 1e-12); the JSON
        // round trip is exact, so 1e-9 relative is the library's own agreement with metafor.
        let object = try json(["--method", "reml"])
        #expect(object["method"] as? String == "reml")
        let rv = try #require(object["referenceValue"] as? [String: Any])
        #expect(abs(try #require(rv["value"] as? Double) - 33.58897751527242) <= 1e-9 * 33.6)
        #expect(abs(try #require(rv["standardUncertainty"] as? Double) - 0.6513669866912675) <= 1e-9)
        let h = try #require(object["heterogeneity"] as? [String: Any])
        #expect(abs(try #require(h["tauSquared"] as? Double) - 2.1541316756391757) <= 1e-9 * 2.15)
        #expect(abs(try #require(h["cochranQ"] as? Double) - 68.21539802784474) <= 1e-9 * 68.2)
        #expect(h["degreesOfFreedom"] as? Int == 5)
        // I² as a fraction (metafor prints 90.29 %), H² as metafor.
        #expect(abs(try #require(h["iSquared"] as? Double) - 0.9028987533386243) <= 1e-9)
        #expect(abs(try #require(h["hSquared"] as? Double) - 10.298528951820073) <= 1e-8)
        #expect(try #require(h["pValue"] as? Double) < 1e-12)
        #expect(object["consistency"] == nil)
        let details = try #require(object["details"] as? [String: Any])
        #expect(details["logLikelihood"] is Double)
        let doe = try #require(object["degreesOfEquivalence"] as? [[String: Any]])
        #expect(doe.count == 6)
        #expect(doe.allSatisfy { $0["expandedUncertaintyWithoutDarkUncertainty"] is Double })
    }

    @Test func knappHartungUsesTheTQuantile() throws {
        // metafor REML with test = "knha": se 0.6260768, interval [31.9796, 35.1984] from t(5).
        let rv = try #require(try json(["--method", "reml", "--knapp-hartung"])["referenceValue"] as? [String: Any])
        #expect(abs(try #require(rv["standardUncertainty"] as? Double) - 0.6260768230900691) <= 1e-9)
        let interval = try #require(rv["coverageInterval"] as? [Double])
        #expect(abs(interval[0] - 31.979595806124195) <= 1e-8 && abs(interval[1] - 35.19835922442064) <= 1e-8)
        // k = t_0.975(5) = 2.5705818.
        #expect(abs(try #require(rv["coverageFactor"] as? Double) - 2.5705818366147395) <= 1e-9)
    }

    @Test func bootstrapIsReproducibleFromTheSeed() throws {
        let arguments = [
            "--method", "dersimonian-laird", "--bootstrap", "--doe", "mra", "--trials", "3000", "--seed", "11",
        ]
        let first = try CLI.run(["evaluate", example, "--format", "json"] + arguments)
        let second = try CLI.run(["evaluate", example, "--format", "json"] + arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == second.standardOutput)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        let details = try #require(object["details"] as? [String: Any])
        #expect(details["trials"] as? Int == 3000 && details["seed"] as? Int == 11)
        let rv = try #require(object["referenceValue"] as? [String: Any])
        #expect(rv["coverageInterval"] is [Double] && rv["coverageFactor"] == nil)
        let pairs = try #require(object["pairwise"] as? [[String: Any]])
        #expect(pairs.count == 15 && pairs.allSatisfy { $0["coverageInterval"] is [Double] })
    }

    @Test func leaveOneOutIsAvailableInText() throws {
        let output = try CLI.run([
            "evaluate", example, "--method", "dersimonian-laird", "--doe", "leave-one-out", "--trials", "2000",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("leave-one-out"))
        #expect(output.standardOutput.contains("Heterogeneity    τ = "))
    }

    @Test func randomEffectsFlagsAreRejectedWhereTheyDoNotApply() throws {
        let weighted = try CLI.run(["evaluate", example, "--method", "weighted-mean", "--knapp-hartung"])
        #expect(
            weighted.status != 0
                && weighted.standardError.contains("--knapp-hartung does not apply to --method weighted-mean"))
        let both = try CLI.run(["evaluate", example, "--method", "dersimonian-laird", "--knapp-hartung", "--bootstrap"])
        #expect(both.status != 0 && both.standardError.contains("choose one"))
        let reml = try CLI.run(["evaluate", example, "--method", "reml", "--doe", "mra"])
        #expect(
            reml.status != 0
                && reml.standardError.contains(
                    "option --doe = mra: NICOB's bootstrap degrees of equivalence are defined for dersimonian-laird only"
                ))
        let unknown = try CLI.run(["evaluate", example, "--method", "dersimonian-laird", "--doe", "magic"])
        #expect(unknown.status != 0)
    }

    @Test func helpDocumentsTheRandomEffectsOptions() throws {
        let help = try CLI.run(["evaluate", "--help"])
        for flag in [
            "--knapp-hartung", "--bootstrap", "--doe", "leave-one-out", "hunter-schmidt", "sidik-jonkman", "hedges",
        ] {
            #expect(help.standardOutput.contains(flag), "\(flag)")
        }
    }
}
