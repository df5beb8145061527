import Foundation
import Testing
import Uncertainty

/// Inputs that used to trap (an integer overflow, a t distribution with ν = 0) or print an
/// infinity: each now gives the typed error naming the quantity or measurand.
@Suite("Uncertainty: numerical range")
struct UncertaintyNumericalRangeTests {
    func model(_ json: String) throws -> MeasurementModel { try MeasurementModel(json: Data(json.utf8)) }

    static let xy =
        #"{"name": "x", "value": 2, "standardUncertainty": 0.1}, {"name": "y", "value": 3, "standardUncertainty": 0.2}"#

    @Test func subnormalDegreesOfFreedomAreRefused() throws {
        // 1e-320 made Welch–Satterthwaite's sum overflow and ν_eff = 0, which StudentTDistribution traps on.
        let subnormal = try model(
            #"{"quantities": [{"name": "x", "value": 1, "standardUncertainty": 1, "degreesOfFreedom": 1e-320}], "measurands": [{"name": "z", "expression": "x*x"}]}"#
        )
        #expect(throws: UncertaintyError.invalidDegreesOfFreedom(quantity: "x", value: .leastNonzeroMagnitude * 2024)) {
            try subnormal.evaluateFirstOrder()
        }
        let student = try model(
            #"{"quantities": [{"name": "x", "distribution": {"type": "studentT", "location": 1, "scale": 1, "degreesOfFreedom": 5e-324}}], "measurands": [{"name": "z", "expression": "x"}]}"#
        )
        #expect(throws: UncertaintyError.self) { try student.evaluateMonteCarlo(trials: 1000) }
    }

    @Test func effectiveDegreesOfFreedomAreNeverZero() throws {
        // Tiny but normal ν: the Welch–Satterthwaite sum may still overflow; ν_eff stays positive.
        let x = try UncertainReal.input(value: 1, standardUncertainty: 1, degreesOfFreedom: 3e-308, label: "x")
        let y = try UncertainReal.input(value: 1, standardUncertainty: 1, degreesOfFreedom: 3e-308, label: "y")
        let z = x * y
        #expect(z.effectiveDegreesOfFreedom > 0)
        _ = z.coverageFactor()  // no trap
    }

    @Test func aCoverageProbabilitySoCloseToOneThatKIsInfinite() throws {
        let nearlyOne = try model(
            #"{"quantities": [\#(Self.xy)], "measurands": [{"name": "z", "expression": "x*y"}], "coverageProbability": 0.9999999999999999}"#
        )
        #expect(
            throws: UncertaintyError.nonFiniteCoverageFactor(
                measurand: "z", coverageProbability: 0.9999999999999999, effectiveDegreesOfFreedom: .infinity)
        ) { try nearlyOne.evaluateFirstOrder() }
    }

    @Test func anOverflowingLiteralIsASyntaxErrorAtItsColumn() throws {
        let overflowing = try model(
            #"{"quantities": [\#(Self.xy)], "measurands": [{"name": "z", "expression": "x*1e400"}]}"#)
        do {
            _ = try overflowing.evaluateFirstOrder()
            Issue.record("1e400 was read as infinity")
        } catch {
            guard case .syntaxError(let measurand, let position, let token, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(measurand == "z" && position == 3 && token.contains("1e400"))
        }
    }

    @Test func moreTrialsThanFitInMemoryAreRefused() throws {
        let model = try model(#"{"quantities": [\#(Self.xy)], "measurands": [{"name": "z", "expression": "x*y"}]}"#)
        for trials in [Int.max, MonteCarloMethod.maximumStoredValues + 1] {
            #expect(
                throws: UncertaintyError.tooManyTrials(
                    requested: trials, quantities: 1, limit: MonteCarloMethod.maximumStoredValues)
            ) { try model.evaluateMonteCarlo(trials: trials) }
        }
        #expect(MonteCarloMethod.fitsInMemory(trials: 1_000_000, quantities: 3))
        #expect(!MonteCarloMethod.fitsInMemory(trials: Int.max / 2, quantities: 3))
        #expect(!MonteCarloMethod.fitsInMemory(trials: -1, quantities: 3))
    }

    @Test func anAdaptiveLimitBeyondMemoryIsCappedNotTrusted() throws {
        // The limit of trials is a ceiling: Int.max must neither overflow nor allocate.
        let model = try model(#"{"quantities": [\#(Self.xy)], "measurands": [{"name": "z", "expression": "x*y"}]}"#)
        let result = try model.evaluateMonteCarloAdaptively(maximumTrials: .max, seed: 1)
        #expect(result.trials <= MonteCarloMethod.maximumStoredValues)
        #expect(result.summaries[0].standardUncertainty.isFinite)
    }

    @Test func averagesOfFiniteValuesThatOverflowAreNamed() throws {
        let model = try model(
            #"{"quantities": [{"name": "x", "value": 1.7e308, "standardUncertainty": 1}], "measurands": [{"name": "big", "expression": "x"}]}"#
        )
        #expect(throws: UncertaintyError.nonFiniteMonteCarloResult(measurand: "big")) {
            try model.evaluateMonteCarlo(trials: 10_000)
        }
        #expect(throws: UncertaintyError.nonFiniteMonteCarloResult(measurand: "big")) {
            try model.evaluateMonteCarloAdaptively(seed: 1)
        }
    }

    @Test func aCorrelationBuiltInCodeWithOneNameIsAnError() throws {
        var correlation = ModelCorrelation("x", "y", coefficient: 0.5)
        correlation.quantities = ["x"]
        var model = try model(#"{"quantities": [\#(Self.xy)], "measurands": [{"name": "z", "expression": "x*y"}]}"#)
        model.correlations = [correlation]
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["x"], coefficient: 0.5)) {
            try model.evaluateFirstOrder()
        }
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["x"], coefficient: 0.5)) {
            try model.evaluateMonteCarlo(trials: 1000)
        }
    }
}
