import Foundation
import Numerics
import Reporting
import Testing
import Uncertainty

@Suite("Propagation report")
struct PropagationReportTests {
    let model = MeasurementModel(
        quantities: [
            ModelQuantity(name: "a", value: 2, standardUncertainty: 0.1, degreesOfFreedom: 9),
            ModelQuantity(name: "b", value: 3, standardUncertainty: 0.2),
        ],
        measurands: [ModelMeasurand(name: "s", expression: "a + b", unit: "m")])

    @Test func jsonDocument() throws {
        let report = PropagationReport(try model.evaluateFirstOrder())
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        let s = try #require((object["measurands"] as? [[String: Any]])?.first)
        #expect(s["value"] as? Double == 5)
        // u² = 0.01 + 0.04; ν_eff = u⁴/(0.1⁴/9) = 0.0025·9/0.0001 = 225 (GUM G.2b).
        #expect(
            try #require(s["standardUncertainty"] as? Double).isApproximatelyEqual(
                to: 0.05.squareRoot(), relativeTolerance: 1e-15))
        #expect(
            try #require(s["effectiveDegreesOfFreedom"] as? Double).isApproximatelyEqual(
                to: 225, relativeTolerance: 1e-12))
        #expect(s["unit"] as? String == "m")
        let budget = try #require(s["budget"] as? [[String: Any]])
        #expect(budget.map { $0["quantity"] as? String } == ["a", "b"])
        #expect(budget[1]["degreesOfFreedom"] == nil)  // infinite: omitted
        #expect(budget[1]["contribution"] as? Double == 0.2)
        // One measurand: no covariance matrix, no Monte Carlo block.
        #expect(object["covariance"] == nil)
        #expect(s["monteCarlo"] == nil)
    }

    @Test func monteCarloFiguresAppearInBothForms() throws {
        let mc = try model.evaluateMonteCarlo(trials: 20_000, seed: 5)
        let report = PropagationReport(try model.evaluateFirstOrder(), monteCarlo: mc)
        let text = report.text()
        #expect(text.contains("Monte Carlo (JCGM 101), M = 20000"))
        #expect(text.contains("Monte Carlo: 20000 trials, seed 5"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        let block = try #require((object["measurands"] as? [[String: Any]])?.first?["monteCarlo"] as? [String: Any])
        #expect(block["trials"] as? Int == 20_000)
        // a is t₉(2, 0.1²) (JCGM 101 6.4.9): u(s)² = 0.1²·9/7 + 0.2²; M = 2·10⁴ puts u(s) within
        // about ±1 % (3 % is the validation README's practical tolerance).
        #expect(
            try #require(block["standardUncertainty"] as? Double).isApproximatelyEqual(
                to: (0.01 * 9 / 7 + 0.04).squareRoot(), relativeTolerance: 0.03))
        #expect((object["monteCarlo"] as? [String: Any])?["seed"] as? Int == 5)
    }
}
