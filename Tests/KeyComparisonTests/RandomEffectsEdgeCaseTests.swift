import Foundation
import KeyComparison
import Numerics
import Testing

/// One included result, none, τ̂ at the boundary 0, identical values, correlations: a clear result
/// or a typed error, never a NaN.
@Suite("Random effects: edge cases")
struct RandomEffectsEdgeCaseTests {
    static let estimators: [EvaluationMethod] = [
        .derSimonianLaird, .pauleMandel, .restrictedMaximumLikelihood, .maximumLikelihood, .hunterSchmidt,
        .sidikJonkman, .hedges,
    ]

    /// Every number of an evaluation, through its JSON encoding (NaN would not even encode).
    static func expectFinite(_ evaluation: Evaluation, _ label: String) throws {
        let data = try JSONEncoder().encode(evaluation)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.lowercased().contains("nan") && !text.contains("inf"), "\(label): \(text)")
    }

    @Test(arguments: estimators)
    func oneIncludedResultIsATypedError(method: EvaluationMethod) throws {
        let comparison = try Comparison(
            identifier: "solo",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1),
                LaboratoryResult(
                    laboratory: "B", value: 1.2, standardUncertainty: 0.1, includedInReferenceValue: false),
            ])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 2, found: 1)) {
            try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(comparison)
        }
        let none = try comparison.including(only: [])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 2, found: 0)) {
            try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(none)
        }
    }

    @Test func leaveOneOutNeedsThreeResults() throws {
        let comparison = try Comparison(
            identifier: "pair",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1),
                LaboratoryResult(laboratory: "B", value: 1.2, standardUncertainty: 0.1),
            ])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 2)) {
            try RandomEffects(DerSimonianLaird(), degreesOfEquivalence: .leaveOneOut).evaluate(comparison)
        }
    }

    @Test(arguments: estimators.filter { $0 != .sidikJonkman })
    func zeroTauGivesProcedureA(method: EvaluationMethod) throws {
        // CCEM.RF-K25.W (README): τ̂ = 0 for every method but Sidik–Jonkman (positive by
        // construction), so μ̂, u and the closed-form DoE are those of the weighted mean; the two DoE
        // variants coincide. Same arithmetic on the same data: 1e-12.
        let comparison = try Fixtures.comparison("CCEM.RF-K25.W.comparison.json")
        let evaluation = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(comparison)
        let procedureA = try WeightedMean().evaluate(comparison)
        #expect(try #require(evaluation.heterogeneity).tauSquared == 0)
        #expect(evaluation.heterogeneity?.iSquared == 0 && evaluation.heterogeneity?.hSquared == 1)
        #expect(
            evaluation.referenceValue.value.isApproximatelyEqual(
                to: procedureA.referenceValue.value, relativeTolerance: 1e-12))
        #expect(
            evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: procedureA.referenceValue.standardUncertainty, relativeTolerance: 1e-12))
        for (re, a) in zip(evaluation.degreesOfEquivalence, procedureA.degreesOfEquivalence) {
            #expect(re.expandedUncertainty.isApproximatelyEqual(to: a.expandedUncertainty, relativeTolerance: 1e-12))
            #expect(re.expandedUncertaintyWithoutDarkUncertainty == re.expandedUncertainty)
        }
        #expect(evaluation.details?.notes?.contains { $0.hasPrefix("τ̂² = 0") } == true)
        try Self.expectFinite(evaluation, "\(method)")
    }

    @Test(arguments: estimators)
    func identicalValuesGiveZeroTauAndNoNaN(method: EvaluationMethod) throws {
        // Q = 0: every τ² estimate is 0; the Knapp–Hartung u is 0 (metafor: RSS ≤ ε ⇒ s² = 0), so
        // U = 0 and E_n is omitted rather than NaN; the bootstrap's gamma degenerates to τ² = 0.
        let comparison = try Comparison(
            identifier: "flat",
            results: (1...4).map {
                LaboratoryResult(laboratory: LaboratoryID("L\($0)"), value: 5, standardUncertainty: 0.1 * Double($0))
            })
        for uncertainty in [RandomEffects.UncertaintyMethod.model, .knappHartung] {
            let evaluation = try RandomEffects(
                try #require(method.betweenLaboratoryVarianceEstimator), uncertainty: uncertainty
            ).evaluate(comparison)
            #expect(evaluation.heterogeneity?.tauSquared == 0)
            #expect(evaluation.heterogeneity?.cochranQ == 0 && evaluation.heterogeneity?.pValue == 1)
            #expect(evaluation.referenceValue.value == 5)
            try Self.expectFinite(evaluation, "\(method) \(uncertainty)")
        }
        if method == .derSimonianLaird {
            let estimator = RandomEffects(
                DerSimonianLaird(), uncertainty: .bootstrap, degreesOfEquivalence: .mraBootstrap)
            let evaluation = try estimator.evaluate(comparison, options: EvaluationOptions(trials: 2_000))
            try Self.expectFinite(evaluation, "bootstrap")
            let loo = try RandomEffects(DerSimonianLaird(), degreesOfEquivalence: .leaveOneOut)
                .evaluate(comparison, options: EvaluationOptions(trials: 2_000))
            try Self.expectFinite(loo, "leave-one-out")
        }
    }

    @Test func correlatedResultsAreATypedError() throws {
        let comparison = try Comparison(
            identifier: "shared reference",
            results: [
                LaboratoryResult(laboratory: "A", value: 10.02, standardUncertainty: 0.02),
                LaboratoryResult(laboratory: "B", value: 10.05, standardUncertainty: 0.03),
                LaboratoryResult(laboratory: "C", value: 9.97, standardUncertainty: 0.025),
            ],
            correlations: [Correlation("A", "B", coefficient: 0.6)])
        #expect(throws: KeyComparisonError.correlationsNotSupported(method: "the random-effects model")) {
            try RandomEffects(DerSimonianLaird()).evaluate(comparison)
        }
    }

    @Test func excludedResultsKeepTheirDegreesOfEquivalence() throws {
        // CCQM-K30 excludes INMETRO and INM: closed form, uncorrelated with the KCRV:
        // u²(d_j) = u_j² + τ̂² + u²(μ̂) with dark uncertainty, u_j² + u²_V(μ̂) without, where u_V is the
        // variance of aᵀx under V alone (a the random-effects weights); included labs get − u²(μ̂).
        let comparison = try Fixtures.comparison("CCQM-K30.comparison.json")
        let evaluation = try RandomEffects(RestrictedMaximumLikelihood()).evaluate(comparison)
        let fit = try RandomEffects(RestrictedMaximumLikelihood()).estimate(comparison)
        let u2 = fit.standardUncertainty * fit.standardUncertainty
        var plain = 0.0
        for (a, result) in zip(fit.weights, comparison.results) { plain += a * a * result.variance }
        #expect(evaluation.degreesOfEquivalence.count == comparison.results.count)
        for (i, result) in comparison.results.enumerated() {
            let doe = evaluation.degreesOfEquivalence[i]
            let with =
                result.includedInReferenceValue
                ? result.variance + fit.tauSquared - u2 : result.variance + fit.tauSquared + u2
            let without =
                result.includedInReferenceValue
                ? result.variance - 2 * fit.weights[i] * result.variance + plain : result.variance + plain
            #expect(
                try #require(doe.standardUncertainty).isApproximatelyEqual(
                    to: with.squareRoot(), relativeTolerance: 1e-12))
            #expect(
                try #require(doe.standardUncertaintyWithoutDarkUncertainty).isApproximatelyEqual(
                    to: without.squareRoot(), relativeTolerance: 1e-12))
            #expect(doe.includedInReferenceValue == result.includedInReferenceValue)
        }
        // Bilateral: u² = u_i² + u_j² + 2τ̂² with dark uncertainty, u_i² + u_j² without.
        let pair = try #require(evaluation.pairwise?.first)
        let (a, b) = (comparison.results[0], comparison.results[1])
        #expect(
            try #require(pair.standardUncertainty).isApproximatelyEqual(
                to: (a.variance + b.variance + 2 * fit.tauSquared).squareRoot(), relativeTolerance: 1e-12))
        #expect(
            try #require(pair.standardUncertaintyWithoutDarkUncertainty).isApproximatelyEqual(
                to: (a.variance + b.variance).squareRoot(), relativeTolerance: 1e-12))
    }
}
