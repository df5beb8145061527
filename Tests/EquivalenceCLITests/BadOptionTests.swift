import Foundation
import Testing

/// Options with values no evaluation can use: each is refused with its name, never a crash (an
/// integer overflow, an allocation of 2⁶³ values) and never NaN in a report. Values that are wrong
/// whatever the file (a coverage factor of 0) are usage errors of `evaluate`, found before the file
/// is read; values that depend on the data or the command are errors naming the file.
@Suite("Bad command-line options")
struct BadOptionTests {
    let example = CLI.packageRoot.appendingPathComponent("Examples/CCQM-K25-PCB28.comparison.json").path
    let model = CLI.packageRoot.appendingPathComponent("Examples/GUM-H1-gauge-block.model.json").path

    @Test(arguments: ["0", "-1", "nan", "inf", "-inf"])
    func coverageFactorsThatAreNotPositiveAndFinite(k: String) throws {
        for method in Robustness.methods {
            let output = try CLI.run([
                "evaluate", example, "--method", method, "--trials", Robustness.trials, "--coverage-factor=\(k)",
            ])
            Robustness.expectUsageError(output, naming: "option --coverage-factor")
        }
        let diagnosis = try CLI.run(["diagnose", example, "--trials", "200", "--coverage-factor=\(k)"])
        Robustness.expectRejected(diagnosis, file: example, naming: ["option --coverage-factor"])
        let assigned = try CLI.run([
            "diagnose", example, "--trials", "200", "--coverage-factor=\(k)", "--assigned-value", "33",
            "--assigned-uncertainty", "0.2",
        ])
        Robustness.expectRejected(assigned, file: example, naming: ["option --coverage-factor"])
    }

    @Test func aCoverageFactorSoSmallThatENOverflowsIsNamed() throws {
        // U = k·u(d) = 10⁻³²⁰·u is subnormal, and E_n = d/U overflows to infinity.
        let output = try CLI.run(["evaluate", example, "--coverage-factor=1e-320"])
        Robustness.expectRejected(output, file: example, naming: ["degreesOfEquivalence[", "normalizedError"])
        for method in Robustness.methods {
            let any = try CLI.run([
                "evaluate", example, "--method", method, "--trials", Robustness.trials, "--coverage-factor=1e-320",
            ])
            Robustness.expectCleanOutcome(any, file: example)
        }
    }

    @Test(arguments: ["0", "-5", "1"])
    func tooFewTrials(trials: String) throws {
        let bootstrap = try CLI.run([
            "evaluate", example, "--method", "dersimonian-laird", "--bootstrap", "--trials=\(trials)",
        ])
        if trials == "1" {
            // A positive count is a valid setting; the bootstrap itself needs two replicates.
            Robustness.expectRejected(bootstrap, file: example, naming: ["option --trials = 1"])
        } else {
            Robustness.expectUsageError(bootstrap, naming: "option --trials")
        }
        let diagnosis = try CLI.run(["diagnose", example, "--trials=\(trials)"])
        Robustness.expectRejected(diagnosis, file: example, naming: ["trials"])
    }

    @Test(arguments: ["0", "-5"])
    func propagateRefusesTrialsBelowOne(trials: String) throws {
        Robustness.expectUsageError(try CLI.run(["propagate", model, "--trials=\(trials)"]), naming: "--trials")
    }

    @Test(arguments: ["9223372036854775807", "1000000000000", "300000000"])
    func moreTrialsThanFitInMemory(trials: String) throws {
        for arguments in [["--bootstrap"], ["--doe", "mra"], ["--doe", "leave-one-out"]] {
            let output = try CLI.run(
                ["evaluate", example, "--method", "dersimonian-laird", "--trials", trials] + arguments)
            Robustness.expectRejected(output, file: example, naming: ["trials", "kept in memory"])
        }
        let diagnosis = try CLI.run(["diagnose", example, "--trials", trials])
        Robustness.expectRejected(diagnosis, file: example, naming: ["trials", "kept in memory"])
        let propagation = try CLI.run(["propagate", model, "--trials", trials])
        Robustness.expectRejected(propagation, file: model, naming: ["trials", "kept in memory"])
        // Every method either ignores the trials or refuses them; 3·10⁸ could be honoured by a
        // method that keeps no sample, so only the impossible counts go to all of them.
        guard trials != "300000000" else { return }
        for method in Robustness.methods {
            let output = try CLI.run(["evaluate", example, "--method", method, "--trials", trials], timeout: 120)
            Robustness.expectCleanOutcome(output, file: example)
        }
    }

    @Test func numbersTheParserCannotHoldAreUsageErrors() throws {
        Robustness.expectUsageError(
            try CLI.run(["evaluate", example, "--trials", "99999999999999999999"]), naming: "--trials")
        Robustness.expectUsageError(
            try CLI.run(["evaluate", example, "--seed", "18446744073709551616"]), naming: "--seed")
        Robustness.expectUsageError(try CLI.run(["evaluate", example, "--seed=-1"]), naming: "--seed")
        Robustness.expectUsageError(
            try CLI.run(["propagate", model, "--seed", "1e3", "--trials", "100"]), naming: "--seed")
    }

    @Test func theLargestSeedIsAnOrdinarySeed() throws {
        let output = try CLI.run([
            "evaluate", example, "--method", "dersimonian-laird", "--bootstrap", "--trials", "500", "--seed",
            "18446744073709551615",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(!Robustness.containsNonFiniteNumber(output.standardOutput))
        let propagation = try CLI.run(["propagate", model, "--trials", "1000", "--seed", "18446744073709551615"])
        #expect(propagation.status == 0, "\(propagation.standardError)")
    }

    @Test func badWithinLaboratorySpreadsAreNamed() throws {
        for (csv, fragment) in [
            (
                "laboratory,standardDeviation,replicates\nIRMM,1e308,3\nKRISS,1e308,3\nNARL,1e308,3\n",
                "IRMM: standardDeviation"
            ),
            ("laboratory,standardDeviation,replicates\nIRMM,nan,3\nKRISS,0.2,3\n", "IRMM: standardDeviation"),
            ("laboratory,standardDeviation,replicates\nIRMM,0.1,1\n", "IRMM"),
            ("laboratory,standardDeviation\nIRMM,0.1\n", "line 1"),
        ] {
            try Robustness.withFile("spreads.csv", csv) { path in
                let output = try CLI.run(["diagnose", example, "--trials", "200", "--within-laboratory", path])
                Robustness.expectRejected(output, file: path, naming: [fragment])
            }
        }
    }

    @Test func diagnosticOptionsThatOverflowTheScores() throws {
        // σ_pt = 10⁻³²⁰ makes z = d/σ_pt infinite; an assigned value of 10³⁰⁸ makes d overflow.
        let tiny = try CLI.run(["diagnose", example, "--trials", "200", "--proficiency-standard-deviation=1e-320"])
        Robustness.expectRejected(tiny, file: example, naming: ["scores[", "zScore"])
        let huge = try CLI.run([
            "diagnose", example, "--trials", "200", "--assigned-value=1e308", "--assigned-uncertainty", "0.1",
        ])
        Robustness.expectRejected(huge, file: example, naming: ["scores["])
        for value in ["0", "-1", "nan", "inf"] {
            let sigma = try CLI.run([
                "diagnose", example, "--trials", "200", "--proficiency-standard-deviation=\(value)",
            ])
            Robustness.expectRejected(sigma, file: example, naming: ["option --proficiency-standard-deviation"])
            let u = try CLI.run([
                "diagnose", example, "--trials", "200", "--assigned-value", "33", "--assigned-uncertainty=\(value)",
            ])
            value == "0" ? Robustness.expectCleanOutcome(u, file: example) : Robustness.expectRejected(u, file: example)
        }
    }
}
