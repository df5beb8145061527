import Foundation
import Numerics
import Testing

@testable import Uncertainty

/// GUM (JCGM 100:2008) H.1, end-gauge calibration: value, u_c, ν_eff, U and the budget, built
/// with the uncertain-number API and from the model file.
///
/// Tolerances: `computedHere` figures (numpy/scipy, agreeing with GTC 1.5.1 and METAS) to
/// relative 1e-9, the README's tolerance for deterministic figures; published figures to half a
/// unit of their last printed digit, except where the GUM rounds intermediate values (stated).
@Suite("GUM H.1 end-gauge calibration")
struct GUMH1Tests {
    /// The inputs of the validation case, with its u and ν.
    struct Inputs {
        let ls, dBar, d1, d2, alphaS, thetaBar, delta, dAlpha, dTheta: UncertainReal

        init() throws {
            ls = try .input(value: 50_000_623, standardUncertainty: 25, degreesOfFreedom: 18, label: "l_s")
            dBar = try .input(value: 215, standardUncertainty: 5.8, degreesOfFreedom: 24, label: "d_bar")
            d1 = try .input(value: 0, standardUncertainty: 3.9, degreesOfFreedom: 5, label: "d_1")
            d2 = try .input(value: 0, standardUncertainty: 6.7, degreesOfFreedom: 8, label: "d_2")
            alphaS = try .input(value: 11.5e-6, standardUncertainty: 2e-6 / 3.0.squareRoot(), label: "alpha_s")
            thetaBar = try .input(value: -0.1, standardUncertainty: 0.2, label: "theta_bar")
            delta = try .input(value: 0, standardUncertainty: 0.5 / 2.0.squareRoot(), label: "Delta")
            dAlpha = try .input(
                value: 0, standardUncertainty: 1e-6 / 3.0.squareRoot(), degreesOfFreedom: 50, label: "d_alpha")
            dTheta = try .input(
                value: 0, standardUncertainty: 0.05 / 3.0.squareRoot(), degreesOfFreedom: 2, label: "d_theta")
        }
    }

    let x: Inputs
    let d: UncertainReal
    let theta: UncertainReal
    let l: UncertainReal

    init() throws {
        x = try Inputs()
        d = (x.dBar + x.d1 + x.d2).intermediate(label: "d")
        theta = (x.thetaBar + x.delta).intermediate(label: "theta")
        l = x.ls + d - x.ls * (x.dAlpha * theta + x.alphaS * x.dTheta)
    }

    @Test func computedFiguresOfTheValidationCase() throws {
        let expected = try ValidationCases.computed("gum-h1", method: "GUF", quantity: "l")
        let budget = l.budget()
        // 50 000 623 + 215 exactly: the other terms vanish at δα = δθ = 0.
        #expect(l.value == 50_000_838)
        #expect(budget.value.isApproximatelyEqual(to: try expected.double("value"), relativeTolerance: 1e-9))
        #expect(
            budget.standardUncertainty.isApproximatelyEqual(
                to: try expected.double("standardUncertainty"), relativeTolerance: 1e-9))
        #expect(
            budget.effectiveDegreesOfFreedom.isApproximatelyEqual(
                to: try expected.double("effectiveDegreesOfFreedom"), relativeTolerance: 1e-9))
        let k = budget.coverageFactor(coverageProbability: 0.95)
        #expect(k.isApproximatelyEqual(to: try expected.double("coverageFactor95"), relativeTolerance: 1e-9))
        #expect(
            budget.expandedUncertainty(coverageProbability: 0.95).isApproximatelyEqual(
                to: try expected.double("expandedUncertainty95"), relativeTolerance: 1e-9))
    }

    @Test func sensitivitiesAreTheExactDerivatives() throws {
        let expected = try ValidationCases.computed("gum-h1", method: "GUF", quantity: "l")
        let sensitivities = try expected.dictionary("sensitivityCoefficients")
        let contributions = try expected.dictionary("contributions")
        let budget = l.budget()
        #expect(
            budget.components.map(\.quantity) == [
                "l_s", "d_bar", "d_1", "d_2", "alpha_s", "theta_bar", "Delta", "d_alpha", "d_theta",
            ])
        // Analytic: ∂l/∂δα = −l_s·θ = 5 000 062.3 and ∂l/∂δθ = −l_s·α_s = −575.007 164 5, exact to
        // rounding. The case's figures come from central differences (README: good to about
        // 1e-10; for δα the difference is 2.6e-9), so they are held to 1e-8 here.
        #expect(
            try #require(budget["d_alpha"]).sensitivity.isApproximatelyEqual(to: 5_000_062.3, relativeTolerance: 1e-14))
        #expect(
            try #require(budget["d_theta"]).sensitivity.isApproximatelyEqual(
                to: -50_000_623 * 11.5e-6, relativeTolerance: 1e-14))
        for component in budget.components {
            let c = try #require(sensitivities[component.quantity] as? Double)
            let u = try #require(contributions[component.quantity] as? Double)
            if c == 0 {
                // α_s, θ̄ and Δ enter only through products with δθ = 0 or δα = 0.
                #expect(component.sensitivity == 0)
            } else {
                #expect(component.sensitivity.isApproximatelyEqual(to: c, relativeTolerance: 1e-8))
                #expect(component.contribution.isApproximatelyEqual(to: u, relativeTolerance: 1e-8))
            }
        }
    }

    @Test func publishedFigures() throws {
        let budget = l.budget()
        // "50.000 838 mm" [S: GTC docs]: half a unit of the last digit is 0.5 nm.
        #expect(try PublishedFigure("50.000838").matches(budget.value * 1e-6))
        // u_c = 32 nm [S: GTC docs, suncal test].
        #expect(try PublishedFigure("32").matches(budget.standardUncertainty))
        // ν_eff = 16 [S: suncal test, ±1]: GUM G.4.1 truncates ν_eff = 16.75 to the next lower integer.
        #expect(budget.effectiveDegreesOfFreedom.rounded(.down) == 16)
        // k = t_95(16) = 2.12 [R], the factor the GUM uses with the truncated ν_eff; and
        // U = 68 nm [R] is that k times the rounded u_c = 32 nm (2.12 × 32 = 67.8). With the
        // unrounded figures U = 66.88 nm (computedHere, tested above).
        let k16 = StudentTDistribution(degreesOfFreedom: 16).coverageFactor(coverageProbability: 0.95)
        #expect(try PublishedFigure("2.12").matches(k16))
        #expect(try PublishedFigure("68").matches(k16 * 32))
    }

    @Test func budgetWithTheIntermediateResultsOfTableH1() throws {
        let budget = l.budget(influences: [x.ls, d, x.alphaS, theta, x.dAlpha, x.dTheta])
        let published = try #require(
            try ValidationCases.published("gum-h1").first { ($0["method"] as? String)?.contains("budget") == true })
        let table = try published.dictionary("budget")
        // Each |c_i|·u(x_i) to half a unit of the GUM's last digit ([R]).
        for component in budget.components {
            let figure = try PublishedFigure(try #require(table[component.quantity] as? String))
            #expect(figure.matches(component.contribution), "\(component.quantity): \(component.contribution)")
        }
        // ∂l/∂d = 1 through the intermediate result, and u(d) from d's own budget.
        #expect(try #require(budget["d"]).sensitivity == 1)
        #expect(
            try #require(budget["d"]).standardUncertainty.isApproximatelyEqual(
                to: 9.681941953967707, relativeTolerance: 1e-12))
        // Σ u_i² = 1002 nm² [R]: the unrounded components give 1002.60 nm²; the GUM sums its
        // rounded components, so the tolerance is 1 nm² (≈ 0.1 %).
        let sum = budget.components.reduce(0) { $0 + $1.contribution * $1.contribution }
        #expect(abs(sum - 1002) <= 1)
        #expect(
            sum.isApproximatelyEqual(
                to: budget.standardUncertainty * budget.standardUncertainty, relativeTolerance: 1e-12))
    }

    @Test func intermediateResultD() throws {
        let expected = try ValidationCases.computed("gum-h1", method: "GUF", quantity: "d")
        let budget = d.budget()
        #expect(
            budget.standardUncertainty.isApproximatelyEqual(
                to: try expected.double("standardUncertainty"), relativeTolerance: 1e-9))
        #expect(
            budget.effectiveDegreesOfFreedom.isApproximatelyEqual(
                to: try expected.double("effectiveDegreesOfFreedom"), relativeTolerance: 1e-9))
        // Published u(d) = 9.7 nm, ν(d) = 25.6 [S: suncal test]. The GUM computes ν(d) with its
        // rounded u(d) = 9.7 nm in the numerator: 9.7⁴/Σ u_i⁴/ν_i = 25.6 to the digit shown.
        #expect(try PublishedFigure("9.7").matches(budget.standardUncertainty))
        let denominator = budget.components.reduce(0) { $0 + pow($1.contribution, 4) / $1.degreesOfFreedom }
        #expect(try PublishedFigure("25.6").matches(pow(9.7, 4) / denominator))
    }

    @Test func modelFileGivesTheSameFigures() throws {
        let model = try MeasurementModel(contentsOf: ValidationCases.model("GUM-H1-gauge-block"))
        let evaluation = try model.evaluateFirstOrder()
        let expected = try ValidationCases.computed("gum-h1", method: "GUF", quantity: "l")
        let result = try #require(evaluation.measurands.last)
        #expect(result.name == "l")
        #expect(result.value.isApproximatelyEqual(to: try expected.double("value"), relativeTolerance: 1e-9))
        #expect(
            result.standardUncertainty.isApproximatelyEqual(
                to: try expected.double("standardUncertainty"), relativeTolerance: 1e-9))
        #expect(
            result.effectiveDegreesOfFreedom.isApproximatelyEqual(
                to: try expected.double("effectiveDegreesOfFreedom"), relativeTolerance: 1e-9))
        #expect(
            result.coverageFactor.isApproximatelyEqual(
                to: try expected.double("coverageFactor95"), relativeTolerance: 1e-9))
        #expect(
            result.expandedUncertainty.isApproximatelyEqual(
                to: try expected.double("expandedUncertainty95"), relativeTolerance: 1e-9))
        // The budget lists the quantities in file order, over the inputs (not the intermediates).
        #expect(result.budget.map(\.quantity) == model.quantities.map(\.name))
        let dResult = evaluation.measurands[0]
        #expect(dResult.standardUncertainty.isApproximatelyEqual(to: 9.681941953967707, relativeTolerance: 1e-9))
        // l depends on d: their covariance is u²(d) (∂l/∂d = 1, d independent of the rest).
        #expect(
            evaluation.covariance[0, 2].isApproximatelyEqual(
                to: dResult.standardUncertainty * dResult.standardUncertainty, relativeTolerance: 1e-12))
    }
}
