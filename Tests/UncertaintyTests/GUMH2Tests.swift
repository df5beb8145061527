import Foundation
import LinearAlgebra
import Numerics
import Testing

@testable import Uncertainty

/// GUM H.2, simultaneous measurement of resistance and reactance, from the raw observations:
/// the means of V, I, φ as one ensemble with the sample correlations and ν = 4 (Willink 2007).
///
/// Tolerances: `computedHere` figures to relative 1e-9 (README); published ones to half a unit
/// of the last printed digit.
@Suite("GUM H.2 resistance and reactance")
struct GUMH2Tests {
    let inputs: [UncertainReal]
    let outputs: [UncertainReal]

    init() throws {
        let observations = try ValidationCases.load("gum-h2")["observations"] as? [String: Any] ?? [:]
        let v = try observations.doubles("V")
        let i = try observations.doubles("I").map { $0 * 1e-3 }  // mA → A
        let phi = try observations.doubles("phi")
        inputs = try TypeA.multiEstimate([v, i, phi], labels: ["V", "I", "phi"])
        let (vv, ii, pp) = (inputs[0], inputs[1], inputs[2])
        outputs = [vv / ii * UncertainReal.cos(pp), vv / ii * UncertainReal.sin(pp), vv / ii]
    }

    @Test func inputsFromTheObservations() throws {
        let expected = try ValidationCases.computed("gum-h2", method: "GUF from the observations")
        let r = try expected.dictionary("inputCorrelation")
        #expect(
            UncertainReal.correlation(inputs[0], inputs[1]).isApproximatelyEqual(
                to: try #require(r["V,I"] as? Double), relativeTolerance: 1e-9))
        #expect(
            UncertainReal.correlation(inputs[0], inputs[2]).isApproximatelyEqual(
                to: try #require(r["V,phi"] as? Double), relativeTolerance: 1e-9))
        #expect(
            UncertainReal.correlation(inputs[1], inputs[2]).isApproximatelyEqual(
                to: try #require(r["I,phi"] as? Double), relativeTolerance: 1e-9))
        // The case's notes: s(V̄) = 0.003209361307, s(Ī) = 0.009471008394 mA, s(φ̄) = 0.0007520638271
        // (10 digits printed: relative 1e-9).
        #expect(inputs[0].standardUncertainty.isApproximatelyEqual(to: 0.003209361307, relativeTolerance: 1e-9))
        #expect(inputs[1].standardUncertainty.isApproximatelyEqual(to: 0.009471008394e-3, relativeTolerance: 1e-9))
        #expect(inputs[2].standardUncertainty.isApproximatelyEqual(to: 0.0007520638271, relativeTolerance: 1e-9))
        // Published summaries [S]: V̄ = 4.9990 V, Ī = 19.6610 mA, φ̄ = 1.04446 rad, s(V̄) = 0.0032 V,
        // s(Ī) = 0.0095 mA, s(φ̄) = 0.00075 rad; r = −0.36, 0.86, −0.65.
        #expect(try PublishedFigure("4.9990").matches(inputs[0].value))
        #expect(try PublishedFigure("19.6610").matches(inputs[1].value * 1e3))
        #expect(try PublishedFigure("1.04446").matches(inputs[2].value))
        #expect(try PublishedFigure("0.0032").matches(inputs[0].standardUncertainty))
        #expect(try PublishedFigure("0.0095").matches(inputs[1].standardUncertainty * 1e3))
        #expect(try PublishedFigure("0.00075").matches(inputs[2].standardUncertainty))
        #expect(try PublishedFigure("-0.36").matches(UncertainReal.correlation(inputs[0], inputs[1])))
        #expect(try PublishedFigure("0.86").matches(UncertainReal.correlation(inputs[0], inputs[2])))
        #expect(try PublishedFigure("-0.65").matches(UncertainReal.correlation(inputs[1], inputs[2])))
    }

    @Test func outputsAndTheirCorrelations() throws {
        let expected = try ValidationCases.computed("gum-h2", method: "GUF from the observations")
        let values = try expected.dictionary("value")
        let uncertainties = try expected.dictionary("standardUncertainty")
        let correlations = try expected.dictionary("correlation")
        // The case's u(R) comes from central-difference sensitivities (README: good to about
        // 1e-10); in u(R) the correlated terms cancel (variance fractions 1.33, 0.75 and 5.41 for a
        // total of 1), which amplifies that error to 1.5e-9. An independent 40-digit evaluation
        // (mpmath, analytic derivatives) gives u(R) = 0.0710714073969959396, which the exact
        // derivatives here reproduce to 1e-13; the case's figures are held to 3e-9.
        #expect(
            outputs[0].standardUncertainty.isApproximatelyEqual(to: 0.0710714073969959396, relativeTolerance: 1e-13))
        for (k, name) in ["R", "X", "Z"].enumerated() {
            #expect(
                outputs[k].value.isApproximatelyEqual(
                    to: try #require(values[name] as? Double), relativeTolerance: 1e-9))
            #expect(
                outputs[k].standardUncertainty.isApproximatelyEqual(
                    to: try #require(uncertainties[name] as? Double), relativeTolerance: 3e-9))
            // The ensemble counts as one component: ν_eff = ν = 4 exactly (Willink 2007, §4.1).
            #expect(outputs[k].effectiveDegreesOfFreedom.isApproximatelyEqual(to: 4, relativeTolerance: 1e-12))
        }
        let r = UncertainReal.correlationMatrix(outputs)
        #expect(r[0, 1].isApproximatelyEqual(to: try #require(correlations["R,X"] as? Double), relativeTolerance: 3e-9))
        #expect(r[0, 2].isApproximatelyEqual(to: try #require(correlations["R,Z"] as? Double), relativeTolerance: 3e-9))
        #expect(r[1, 2].isApproximatelyEqual(to: try #require(correlations["X,Z"] as? Double), relativeTolerance: 1e-9))
        // With ν = 4: k95 = 2.776445 and U(R) = 0.1973 Ω (the case's note, printed to 7 and 4 digits).
        #expect(outputs[0].coverageFactor().isApproximatelyEqual(to: 2.776445, relativeTolerance: 2e-7))
        #expect(try PublishedFigure("0.1973").matches(outputs[0].expandedUncertainty()))
    }

    @Test func publishedTableH4() throws {
        // [S: suncal test "Table H.4"]: R = 127.732 Ω, u 0.071; X = 219.847, u 0.295; Z = 254.260, u 0.236.
        for (k, name) in ["R", "X", "Z"].enumerated() {
            let entry = try #require(
                try ValidationCases.published("gum-h2").first { $0["quantity"] as? String == name })
            #expect(try PublishedFigure(try entry.string("value")).matches(outputs[k].value))
            let u = try PublishedFigure(try entry.string("standardUncertainty"))
            if name == "X" {
                // u(X) = 0.29558 Ω (GTC, METAS, suncal and uncertainties agree; the GUM's own
                // rounded summaries give 0.29572): the GUM prints it truncated, 0.295, one unit
                // of the last digit rather than half.
                #expect(outputs[k].standardUncertainty >= u.value && outputs[k].standardUncertainty < u.value + 0.001)
            } else {
                #expect(u.matches(outputs[k].standardUncertainty))
            }
        }
        // r(R, X) = −0.588, r(R, Z) = −0.485, r(X, Z) = 0.993 [R].
        let r = UncertainReal.correlationMatrix(outputs)
        #expect(try PublishedFigure("-0.588").matches(r[0, 1]))
        #expect(try PublishedFigure("-0.485").matches(r[0, 2]))
        #expect(try PublishedFigure("0.993").matches(r[1, 2]))
    }

    @Test func modelFileFromTheRoundedSummaries() throws {
        // The model file uses the GUM-rounded V̄, s and r; the case gives the figures for them.
        let evaluation = try MeasurementModel(contentsOf: ValidationCases.model("GUM-H2-resistance-reactance"))
            .evaluateFirstOrder()
        let expected = try ValidationCases.computed("gum-h2", method: "GUF from the GUM-rounded summaries")
        let uncertainties = try expected.dictionary("standardUncertainty")
        let correlations = try expected.dictionary("correlation")
        for (k, name) in ["R", "X", "Z"].enumerated() {
            #expect(
                evaluation.measurands[k].standardUncertainty.isApproximatelyEqual(
                    to: try #require(uncertainties[name] as? Double), relativeTolerance: 1e-9))
            #expect(
                evaluation.measurands[k].effectiveDegreesOfFreedom.isApproximatelyEqual(to: 4, relativeTolerance: 1e-12)
            )
        }
        #expect(
            evaluation.correlation[0, 1].isApproximatelyEqual(
                to: try #require(correlations["R,X"] as? Double), relativeTolerance: 1e-9))
        #expect(
            evaluation.correlation[0, 2].isApproximatelyEqual(
                to: try #require(correlations["R,Z"] as? Double), relativeTolerance: 1e-9))
        #expect(
            evaluation.correlation[1, 2].isApproximatelyEqual(
                to: try #require(correlations["X,Z"] as? Double), relativeTolerance: 1e-9))
        #expect(evaluation.covariance[1, 0] == evaluation.covariance[0, 1])
    }
}
