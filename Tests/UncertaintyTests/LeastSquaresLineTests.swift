import Foundation
import Numerics
import Testing

@testable import Uncertainty

/// Straight lines with uncertainty: GUM H.3 (ordinary least squares, ν = n − 2) and ISO/TS 28037
/// examples 1 and 2 (weighted least squares, uncertainties in y), with the inverse evaluation.
///
/// Tolerances: `computedHere` figures to relative 1e-9 (README); published ones to half a unit
/// of the last printed digit.
@Suite("Least-squares straight lines")
struct LeastSquaresLineTests {
    @Test func gumH3ThermometerCalibration() throws {
        let data = try ValidationCases.load("gum-h3")["data"] as? [String: Any] ?? [:]
        let t0 = try data.double("t0")
        let fit = try StraightLineFit.ordinary(
            x: try data.doubles("t").map { $0 - t0 }, y: try data.doubles("b"), interceptLabel: "y_1",
            slopeLabel: "y_2")
        let expected = try ValidationCases.computed("gum-h3", method: "OLS")
        let (y1, y2) = (fit.intercept, fit.slope)
        #expect(y1.value.isApproximatelyEqual(to: try expected.double("y_1"), relativeTolerance: 1e-9))
        #expect(y1.standardUncertainty.isApproximatelyEqual(to: try expected.double("u_y_1"), relativeTolerance: 1e-9))
        #expect(y2.value.isApproximatelyEqual(to: try expected.double("y_2"), relativeTolerance: 1e-9))
        #expect(y2.standardUncertainty.isApproximatelyEqual(to: try expected.double("u_y_2"), relativeTolerance: 1e-9))
        #expect(
            UncertainReal.correlation(y1, y2).isApproximatelyEqual(
                to: try expected.double("correlation"), relativeTolerance: 1e-9))
        #expect(
            fit.chiSquared.isApproximatelyEqual(
                to: try expected.double("sumOfSquaredResiduals"), relativeTolerance: 1e-9))
        #expect(
            try #require(fit.residualStandardDeviation).isApproximatelyEqual(
                to: try expected.double("residualStandardDeviation"), relativeTolerance: 1e-9))
        #expect(fit.degreesOfFreedom == 9)
        let b30 = fit.value(at: 30 - t0)
        #expect(b30.value.isApproximatelyEqual(to: try expected.double("b_at_30"), relativeTolerance: 1e-9))
        #expect(
            b30.standardUncertainty.isApproximatelyEqual(to: try expected.double("u_b_at_30"), relativeTolerance: 1e-9))
        // y₁ and y₂ form an ensemble with ν = n − 2 = 9, so b(30 °C) has ν_eff = 9 exactly.
        #expect(b30.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 9, relativeTolerance: 1e-12))

        // Published [S: GTC docs, "agree with the numbers reported in the GUM"] and [R].
        let published = try ValidationCases.published("gum-h3")
        func figure(_ quantity: String, _ key: String) throws -> PublishedFigure {
            let entry = try #require(published.first { $0["quantity"] as? String == quantity })
            return try PublishedFigure(try entry.string(key))
        }
        #expect(try figure("y_1", "value").matches(y1.value))
        #expect(try figure("y_1", "standardUncertainty").matches(y1.standardUncertainty))
        #expect(try figure("y_2", "value").matches(y2.value))
        #expect(try figure("y_2", "standardUncertainty").matches(y2.standardUncertainty))
        #expect(try figure("r(y_1,y_2)", "value").matches(UncertainReal.correlation(y1, y2)))
        #expect(try figure("residual standard deviation", "value").matches(try #require(fit.residualStandardDeviation)))
        #expect(try figure("b(30 degC)", "value").matches(b30.value))
        #expect(try figure("b(30 degC)", "standardUncertainty").matches(b30.standardUncertainty))
    }

    @Test(arguments: [("iso28037-ex1", 0.5), ("iso28037-ex2", 1.0)])
    func isoTS28037WeightedLine(name: String, uncertaintyOfY0: Double) throws {
        let data = try ValidationCases.load(name)["data"] as? [String: Any] ?? [:]
        let fit = try StraightLineFit.weighted(
            x: try data.doubles("x"), y: try data.doubles("y"), standardUncertainties: try data.doubles("u_y"))
        let line = try ValidationCases.computed(name, method: "WLS", quantity: "line")
        #expect(fit.intercept.value.isApproximatelyEqual(to: try line.double("a"), relativeTolerance: 1e-9))
        #expect(
            fit.intercept.standardUncertainty.isApproximatelyEqual(to: try line.double("u_a"), relativeTolerance: 1e-9))
        #expect(fit.slope.value.isApproximatelyEqual(to: try line.double("b"), relativeTolerance: 1e-9))
        #expect(fit.slope.standardUncertainty.isApproximatelyEqual(to: try line.double("u_b"), relativeTolerance: 1e-9))
        #expect(fit.covariance.isApproximatelyEqual(to: try line.double("cov_ab"), relativeTolerance: 1e-9))
        #expect(fit.chiSquared.isApproximatelyEqual(to: try line.double("chiSquared"), relativeTolerance: 1e-9))
        #expect(fit.degreesOfFreedom == 4)
        // Both pass the χ² test: χ² ≤ χ²₀.₉₅(4) = 9.4877.
        #expect(fit.passesChiSquaredTest())
        // Known u(y): the parameters have infinite ν.
        #expect(fit.intercept.effectiveDegreesOfFreedom == .infinity)

        let inverse = try ValidationCases.computed(name, method: "inverse", quantity: "x(y0)")
        #expect(try inverse.double("u_y0") == uncertaintyOfY0)
        let y0 = try UncertainReal.input(
            value: try inverse.double("y0"), standardUncertainty: uncertaintyOfY0, label: "y0")
        let x0 = fit.inverse(y0)
        #expect(x0.value.isApproximatelyEqual(to: try inverse.double("value"), relativeTolerance: 1e-9))
        #expect(
            x0.standardUncertainty.isApproximatelyEqual(
                to: try inverse.double("standardUncertainty"), relativeTolerance: 1e-9))

        // Published [S: GTC docs citing ISO/TS 28037]: a, u(a), b, u(b), cov(a, b), χ², x(y₀), u.
        let published = try ValidationCases.published(name)
        let p = try #require(published.first { $0["quantity"] as? String == "line" })
        #expect(try PublishedFigure(try p.string("a")).matches(fit.intercept.value))
        #expect(try PublishedFigure(try p.string("u_a")).matches(fit.intercept.standardUncertainty))
        #expect(try PublishedFigure(try p.string("b")).matches(fit.slope.value))
        #expect(try PublishedFigure(try p.string("u_b")).matches(fit.slope.standardUncertainty))
        #expect(try PublishedFigure(try p.string("cov_ab")).matches(fit.covariance))
        #expect(try PublishedFigure(try p.string("chiSquared")).matches(fit.chiSquared))
        let q = try #require(published.first { $0["quantity"] as? String == "x(y0)" })
        #expect(try PublishedFigure(try q.string("value")).matches(x0.value))
        #expect(try PublishedFigure(try q.string("standardUncertainty")).matches(x0.standardUncertainty))
    }

    @Test func badDataGiveTypedErrors() throws {
        #expect(throws: UncertaintyError.insufficientData(quantity: "straight line", needed: 3, found: 2)) {
            try StraightLineFit.ordinary(x: [1, 2], y: [1, 2])
        }
        #expect(throws: UncertaintyError.dimensionMismatch(quantity: "y", expected: 3, found: 2)) {
            try StraightLineFit.ordinary(x: [1, 2, 3], y: [1, 2])
        }
        #expect(throws: UncertaintyError.invalidUncertainty(quantity: "u(y[2])", value: -1)) {
            try StraightLineFit.weighted(x: [1, 2, 3], y: [1, 2, 3], standardUncertainties: [1, -1, 1])
        }
        #expect(throws: UncertaintyError.nonFiniteValue(quantity: "x[3]")) {
            try StraightLineFit.weighted(x: [1, 2, .nan], y: [1, 2, 3], standardUncertainties: [1, 1, 1])
        }
        // All x equal: the slope is not identifiable.
        #expect(throws: UncertaintyError.self) {
            try StraightLineFit.ordinary(x: [2, 2, 2, 2], y: [1, 2, 3, 4])
        }
    }
}
