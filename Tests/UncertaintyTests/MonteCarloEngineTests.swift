import Foundation
import LinearAlgebra
import Numerics
import Testing
import Uncertainty

/// The engine's contract: reproducibility across thread counts, undefined trials, typed errors,
/// and the JSON names of the `propagate` document.
@Suite("Monte Carlo engine")
struct MonteCarloEngineTests {
    /// Same seed → bit-identical results with 1, 2 and 5 threads (more threads than cores is
    /// allowed; only the assignment of blocks to threads changes).
    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let inputs = try MonteCarloCases.massInputs()
        let results = try [1, 2, 5].map { threads in
            try MonteCarloMethod(seed: 77, blockSize: 4096, threadCount: threads).propagate(
                MonteCarloCases.mass, inputs: inputs, measurands: ["dm"], trials: 100_000)
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
        let samples = try [1, 3].map { threads in
            try MonteCarloMethod(seed: 77, blockSize: 4096, threadCount: threads).sample(
                MonteCarloCases.mass, inputs: inputs, trials: 100_000)
        }
        #expect(samples[0].values == samples[1].values)
        // A different seed gives a different run.
        let other = try MonteCarloMethod(seed: 78, blockSize: 4096).propagate(
            MonteCarloCases.mass, inputs: inputs, measurands: ["dm"], trials: 100_000)
        #expect(other.summaries[0].value != results[0].summaries[0].value)
    }

    /// A run with M trials is the first M trials of a longer run with the same seed, also when
    /// M is not a multiple of the block size.
    @Test func aShortRunIsAPrefixOfALongerOne() throws {
        let inputs = try MonteCarloCases.gaugeBlockInputs()
        let method = MonteCarloMethod(seed: 11, blockSize: 1000)
        let short = try method.sample(MonteCarloCases.gaugeBlock, inputs: inputs, trials: 2_500)
        let long = try method.sample(MonteCarloCases.gaugeBlock, inputs: inputs, trials: 7_000)
        #expect(Array(short[output: 0]) == Array(long[output: 0].prefix(2_500)))
    }

    /// Where the model is undefined (√x for x < 0, half of the draws of N(0, 1)), the trials are
    /// counted and dropped; the figures come from the defined ones (√|Z| for Z > 0: E = Γ(3/4)/
    /// Γ(1/2)·2^(1/4) = 0.8222, checked to 5 standard errors).
    @Test func undefinedTrialsAreCountedAndDropped() throws {
        let model = MeasurementFunction(inputCount: 1) { x in x[0] >= 0 ? x[0].squareRoot() : .nan }
        let inputs = try JointDistribution([("x", .gaussian(mean: 0, standardDeviation: 1))])
        let result = try MonteCarloMethod(seed: 4).propagate(
            model, inputs: inputs, measurands: ["root"], trials: 100_000)
        let undefined = Double(result.undefinedTrials)
        #expect(abs(undefined - 50_000) < 5 * 158)  // binomial s.d. √(M/4) = 158
        #expect(result.trials + result.undefinedTrials == 100_000)
        let y = try #require(result["root"])
        #expect(y.trials == result.trials)
        let expectedMean = 0.8221680160684
        #expect(abs(y.value - expectedMean) < 5 * 0.35 / Double(result.trials).squareRoot())
        #expect(y.value.isFinite && y.standardUncertainty.isFinite)
    }

    @Test func aModelUndefinedEverywhereIsATypedError() throws {
        let model = MeasurementFunction(inputCount: 1) { x in log(-1 - abs(x[0])) }
        let inputs = try JointDistribution([("x", .rectangular(lower: 0, upper: 1))])
        #expect(throws: UncertaintyError.undefinedForAllTrials(measurand: "lnx", trials: 5_000)) {
            try MonteCarloMethod().propagate(model, inputs: inputs, measurands: ["lnx"], trials: 5_000)
        }
    }

    @Test func mismatchesAreTypedErrors() throws {
        let inputs = try JointDistribution([("x", .rectangular(lower: 0, upper: 1))])
        #expect(throws: UncertaintyError.inputCountMismatch(expected: 4, found: 1)) {
            try MonteCarloMethod().propagate(MonteCarloCases.additive, inputs: inputs, trials: 1_000)
        }
        let identity = MeasurementFunction(inputCount: 1) { $0[0] }
        #expect(throws: UncertaintyError.measurandCountMismatch(expected: 1, found: 2)) {
            try MonteCarloMethod().propagate(identity, inputs: inputs, measurands: ["a", "b"], trials: 1_000)
        }
        #expect(throws: UncertaintyError.invalidCoverageProbability(1.5)) {
            try MonteCarloMethod(coverageProbability: 1.5).propagate(identity, inputs: inputs, trials: 1_000)
        }
        #expect(throws: UncertaintyError.tooFewTrials(needed: 21, found: 10)) {
            try MonteCarloMethod().propagate(identity, inputs: inputs, trials: 10)
        }
    }

    /// The `monteCarlo` block uses the issue's names, with the intervals as [lo, hi].
    @Test func summaryEncodesToTheDocumentNames() throws {
        let summary = MonteCarloSummary(
            value: 1.25, standardUncertainty: 0.5, symmetricInterval: CoverageInterval(lower: 0.25, upper: 2.25),
            shortestInterval: CoverageInterval(lower: 0.5, upper: 2.5), trials: 1000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(summary), encoding: .utf8))
        #expect(
            json
                == #"{"shortestInterval":[0.5,2.5],"standardUncertainty":0.5,"symmetricInterval":[0.25,2.25],"trials":1000,"value":1.25}"#
        )
        #expect(try JSONDecoder().decode(MonteCarloSummary.self, from: Data(json.utf8)) == summary)
    }

    @Test func resultRoundTripsThroughJSON() throws {
        let inputs = try JointDistribution.multivariateGaussian(
            names: ["a", "b"], mean: [0, 1], covariance: try Matrix(rowArrays: [[1, 0.3], [0.3, 2]]))
        let model = MeasurementFunction(inputCount: 2, outputCount: 2) { x, y in
            y[0] = x[0] + x[1]
            y[1] = x[0] * x[1]
        }
        let result = try MonteCarloMethod(seed: 1).propagate(
            model, inputs: inputs, measurands: ["sum", "product"], trials: 20_000)
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let measurands = try #require(object["measurands"] as? [[String: Any]])
        #expect(measurands.map { $0["name"] as? String } == ["sum", "product"])
        #expect(measurands[0]["monteCarlo"] is [String: Any])
        #expect((object["covariance"] as? [[Double]])?.count == 2)
        #expect(try JSONDecoder().decode(MonteCarloResult.self, from: data) == result)
    }
}
