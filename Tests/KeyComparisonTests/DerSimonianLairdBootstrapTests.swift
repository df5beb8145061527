import Foundation
import KeyComparison
import Numerics
import Testing

/// NICOB's parametric bootstrap: reproducibility, independence of the thread count, the MRA and
/// leave-one-out degrees of equivalence against independent numpy implementations.
@Suite("DerSimonian–Laird bootstrap")
struct DerSimonianLairdBootstrapTests {
    let pcb28: Comparison

    init() throws {
        pcb28 = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
    }

    @Test func resultsDoNotDependOnTheNumberOfThreads() throws {
        // 3 500 replicates = 4 blocks (the last one partial); the serial and the concurrent runs
        // draw block b from the same stream, so every replicate is bit-identical.
        let comparison = try Fixtures.comparison("CCQM-K88.comparison.json")
        let parallel = try DerSimonianLairdBootstrap(replicates: 3_500, seed: 42).sample(comparison)
        let serial = try DerSimonianLairdBootstrap(replicates: 3_500, seed: 42, runsInParallel: false).sample(
            comparison)
        #expect(parallel == serial)
        let looParallel = try DerSimonianLairdBootstrap(replicates: 2_500, seed: 7)
            .leaveOneOutDegreesOfEquivalence(comparison, coverageProbability: 0.95, includesPairwise: true)
        let looSerial = try DerSimonianLairdBootstrap(replicates: 2_500, seed: 7, runsInParallel: false)
            .leaveOneOutDegreesOfEquivalence(comparison, coverageProbability: 0.95, includesPairwise: true)
        #expect(looParallel.unilateral == looSerial.unilateral)
        #expect(looParallel.pairwise == looSerial.pairwise)
    }

    @Test func theSeedMakesRunsReproducibleAndDifferentSeedsDiffer() throws {
        let a = try DerSimonianLairdBootstrap(replicates: 2_000, seed: 1).sample(pcb28, recordingDifferences: false)
        let b = try DerSimonianLairdBootstrap(replicates: 2_000, seed: 1).sample(pcb28, recordingDifferences: false)
        let c = try DerSimonianLairdBootstrap(replicates: 2_000, seed: 2).sample(pcb28, recordingDifferences: false)
        #expect(a == b)
        #expect(a.referenceValues != c.referenceValues)
        // Recording the differences uses no extra draws for the KCRV replicates.
        let recorded = try DerSimonianLairdBootstrap(replicates: 2_000, seed: 1).sample(pcb28)
        #expect(recorded.referenceValues == a.referenceValues)
        #expect(recorded.differences.count == 6 * 2_000)
    }

    @Test func differencesAreRecentredAtTheirPointValues() throws {
        // NICOB centres each column of D at zero and shifts it to D_j = x_j − μ̂_DL.
        let comparison = try Fixtures.comparison("CCQM-K88.comparison.json")
        let sample = try DerSimonianLairdBootstrap(replicates: 5_000).sample(comparison)
        let mu = try RandomEffects(DerSimonianLaird()).estimate(comparison).value
        for (j, result) in comparison.results.enumerated() {
            let column = sample.differences(ofResult: j)
            let mean = column.reduce(0, +) / Double(column.count)
            #expect(abs(mean - (result.value - mu)) <= 1e-9 * result.standardUncertainty, "\(result.laboratory)")
        }
    }

    @Test func mraDegreesOfEquivalenceAgreeWithNumpy() throws {
        // Benchmarks/peers/dl_bootstrap_numpy.py `bootstrap` on PCB 28 with K = 400 000, numpy seed 11
        // (independent code and random stream): u = 0.7522, interval [32.053, 35.150],
        // U(D_j) = 3.7459 3.5042 3.5590 3.3170 3.3062 3.3056, U of IRMM−KRISS 5.5282, NMIJ−NRC 5.1729.
        // We use K = 40 000: the Monte Carlo error of a 95 % half-width is then about 1 %, so 3 %.
        let estimator = RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap, degreesOfEquivalence: .mraBootstrap)
        let evaluation = try estimator.evaluate(pcb28, options: EvaluationOptions(trials: 40_000, seed: 3))
        #expect(evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(to: 0.7522, relativeTolerance: 0.03))
        let numpyU = [3.7459, 3.5042, 3.5590, 3.3170, 3.3062, 3.3056]
        for (doe, want) in zip(evaluation.degreesOfEquivalence, numpyU) {
            #expect(
                doe.expandedUncertainty.isApproximatelyEqual(to: want, relativeTolerance: 0.03), "\(doe.laboratory)")
            // The interval of the recentred replicates contains D_j, and U is its symmetric counterpart.
            let interval = try #require(doe.coverageInterval)
            #expect(interval[0] < doe.difference && doe.difference < interval[1])
        }
        let pairs = try #require(evaluation.pairwise)
        #expect(pairs.count == 15)
        #expect(pairs[0].laboratories == ["IRMM", "KRISS"])
        #expect(pairs[0].expandedUncertainty.isApproximatelyEqual(to: 5.5282, relativeTolerance: 0.03))
        #expect(pairs[14].laboratories == ["NMIJ", "NRC"])
        #expect(pairs[14].expandedUncertainty.isApproximatelyEqual(to: 5.1729, relativeTolerance: 0.03))
        // B_ij = D_i − D_j exactly.
        #expect(pairs[0].difference.isApproximatelyEqual(to: 34.3 - 32.9, relativeTolerance: 1e-12))
    }

    @Test func leaveOneOutDegreesOfEquivalenceAgreeWithNumpy() throws {
        // Fixtures/random-effects/leave_one_out_numpy.py (K = 400 000): D*_j = x_j − μ̂_{−j} is exact
        // (and equals NICOB's printed B.x differences: 1.65, −0.28, 2.26, 2.89, −2.09 for IRMM's row),
        // U(D*_j) = 4.426 4.233 4.307 4.613 4.207 1.992; U(IRMM−KRISS) 6.093, U(NIST−NMIJ) 6.264,
        // U(NMIJ−NRC) 4.588. K = 40 000 here: 3 % (Monte Carlo).
        let estimator = RandomEffects(DerSimonianLaird(), degreesOfEquivalence: .leaveOneOut)
        let evaluation = try estimator.evaluate(pcb28, options: EvaluationOptions(trials: 40_000, seed: 5))
        let centres = [0.8116, -0.8427, 1.0964, -1.4509, -2.0744, 2.9009]
        let numpyU = [4.426, 4.233, 4.307, 4.613, 4.207, 1.992]
        for (i, doe) in evaluation.degreesOfEquivalence.enumerated() {
            #expect(abs(doe.difference - centres[i]) <= 5e-5, "D* of \(doe.laboratory)")
            #expect(doe.expandedUncertainty.isApproximatelyEqual(to: numpyU[i], relativeTolerance: 0.03))
        }
        let pairs = try #require(evaluation.pairwise)
        let byName = Dictionary(
            uniqueKeysWithValues: pairs.map { ($0.laboratories.map(\.name).joined(separator: "-"), $0) })
        #expect(
            try #require(byName["IRMM-KRISS"]).expandedUncertainty.isApproximatelyEqual(
                to: 6.093, relativeTolerance: 0.03))
        #expect(
            try #require(byName["NIST-NMIJ"]).expandedUncertainty.isApproximatelyEqual(
                to: 6.264, relativeTolerance: 0.03))
        #expect(
            try #require(byName["NMIJ-NRC"]).expandedUncertainty.isApproximatelyEqual(
                to: 4.588, relativeTolerance: 0.03))
        #expect(try #require(byName["IRMM-NRC"]).difference.isApproximatelyEqual(to: -2.09, absoluteTolerance: 0.005))
    }

    @Test func excludedResultsGetTheUncorrelatedFormula() throws {
        // CCQM-K88, MRA: U(D_j) = z·√(u_j² + var(μ_k) + τ̂²) for the five excluded labs, with the
        // variance of the very replicates that give u(y) (same seed, same K).
        let comparison = try Fixtures.comparison("CCQM-K88.comparison.json")
        let options = try EvaluationOptions(includesPairwise: false, trials: 20_000, seed: 9)
        let estimator = RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap, degreesOfEquivalence: .mraBootstrap)
        let evaluation = try estimator.evaluate(comparison, options: options)
        let u = evaluation.referenceValue.standardUncertainty
        let tau2 = try #require(evaluation.heterogeneity).tauSquared
        let z = 1.959963984540054
        for result in comparison.results where !result.includedInReferenceValue {
            let doe = try #require(evaluation.degreeOfEquivalence(of: result.laboratory))
            let expected = z * (result.variance + u * u + tau2).squareRoot()
            #expect(doe.expandedUncertainty.isApproximatelyEqual(to: expected, relativeTolerance: 1e-9))
        }
    }

    @Test func bootstrapNeedsDerSimonianLaird() throws {
        for method in [EvaluationMethod.pauleMandel, .restrictedMaximumLikelihood] {
            let estimator = RandomEffects(
                try #require(method.betweenLaboratoryVarianceEstimator), uncertainty: .bootstrap)
            #expect(throws: KeyComparisonError.inapplicableSetting(.bootstrap, method: method)) {
                try estimator.evaluate(pcb28)
            }
            let loo = RandomEffects(
                try #require(method.betweenLaboratoryVarianceEstimator), degreesOfEquivalence: .leaveOneOut)
            #expect(
                throws: KeyComparisonError.invalidSetting(
                    .degreesOfEquivalence, value: "leave-one-out",
                    reason: "NICOB's bootstrap degrees of equivalence are defined for dersimonian-laird only")
            ) {
                try loo.evaluate(pcb28)
            }
        }
        #expect(
            throws: KeyComparisonError.invalidSetting(
                .trials, value: "1", reason: "the bootstrap needs at least 2 replicates")
        ) {
            try RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap).evaluate(
                pcb28, options: EvaluationOptions(trials: 1))
        }
    }
}
