import KeyComparison
import Numerics
import PropertyBased
import Testing
import Uncertainty

/// Invariances of every random-effects estimator (the model is location–scale equivariant and does
/// not care about the order of the laboratories):
/// * permuting the laboratories changes nothing but the order of the DoE;
/// * x → x + c shifts μ̂ and nothing else;
/// * (x, u) → (a·x, a·u), a > 0, multiplies μ̂, u(μ̂), τ̂, d_i and U(d_i) by a and leaves Q, I², H² alone.
///
/// Tolerances: the three evaluations do the same arithmetic on transformed inputs, so results agree
/// to rounding: 1e-8 relative (PM, ML and REML are solved to machine precision; the rest is closed
/// form), with floors for τ² near zero (1e-10·max u²) and for quantities that can vanish.
@Suite("Random effects: invariances")
struct RandomEffectsInvarianceTests {
    static let methods: [EvaluationMethod] = [
        .derSimonianLaird, .pauleMandel, .restrictedMaximumLikelihood, .maximumLikelihood, .hunterSchmidt,
        .sidikJonkman, .hedges,
    ]

    static func comparison(values: [Double], logUncertainties: [Double]) throws -> Comparison {
        try Comparison(
            identifier: "random",
            results: values.enumerated().map { i, x in
                LaboratoryResult(
                    laboratory: LaboratoryID("L\(i)"), value: x,
                    standardUncertainty: Double.exp(logUncertainties[i % logUncertainties.count]))
            })
    }

    static let values = Gen.double(in: -20...20).array(of: 3...9)
    static let logUncertainties = Gen.double(in: -2.5...2).array(of: 9)

    /// |a − b| ≤ 1e-8·|b| + floor.
    static func close(_ a: Double?, _ b: Double?, floor: Double = 0) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= 1e-8 * abs(b) + floor
    }

    @Test func permutingTheLaboratoriesChangesOnlyTheOrder() async throws {
        await propertyCheck(count: 60, input: Self.values, Self.logUncertainties, Gen.uint64(in: 0...1_000_000)) {
            values, logU, seed in
            let original = try Self.comparison(values: values, logUncertainties: logU)
            var random = Xoshiro256(seed: seed)
            let permuted = try Comparison(identifier: "permuted", results: original.results.shuffled(using: &random))
            let scale = original.results.map(\.variance).max() ?? 1
            for method in Self.methods {
                let a = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(original)
                let b = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(permuted)
                let floor = 1e-10 * scale.squareRoot()
                #expect(Self.close(b.referenceValue.value, a.referenceValue.value, floor: floor), "\(method) μ")
                #expect(
                    Self.close(b.referenceValue.standardUncertainty, a.referenceValue.standardUncertainty),
                    "\(method) u")
                #expect(
                    Self.close(b.heterogeneity?.tauSquared, a.heterogeneity?.tauSquared, floor: 1e-10 * scale),
                    "\(method) τ²")
                #expect(Self.close(b.heterogeneity?.cochranQ, a.heterogeneity?.cochranQ, floor: 1e-12), "\(method) Q")
                #expect(Self.close(b.heterogeneity?.iSquared, a.heterogeneity?.iSquared, floor: 1e-9), "\(method) I²")
                for doe in a.degreesOfEquivalence {
                    let other = b.degreeOfEquivalence(of: doe.laboratory)
                    #expect(Self.close(other?.difference, doe.difference, floor: floor), "\(method) d")
                    #expect(
                        Self.close(other?.expandedUncertainty, doe.expandedUncertainty, floor: floor), "\(method) U")
                }
            }
        }
    }

    @Test func shiftingTheValuesShiftsOnlyTheReferenceValue() async throws {
        await propertyCheck(count: 60, input: Self.values, Self.logUncertainties, Gen.double(in: -500...500)) {
            values, logU, c in
            let original = try Self.comparison(values: values, logUncertainties: logU)
            let shifted = original.rescaled(by: 1, shiftedBy: c)
            let scale = original.results.map(\.variance).max() ?? 1
            for method in Self.methods {
                let a = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(original)
                let b = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(shifted)
                // Adding c rounds each value to a relative 1e-16 of |c|: absolute floors scale with |c|.
                let floor = 1e-9 * (abs(c) + 20)
                #expect(abs((b.referenceValue.value - c) - a.referenceValue.value) <= floor, "\(method) μ")
                #expect(
                    Self.close(b.referenceValue.standardUncertainty, a.referenceValue.standardUncertainty, floor: floor)
                )
                #expect(
                    Self.close(b.heterogeneity?.tauSquared, a.heterogeneity?.tauSquared, floor: 1e-8 * scale + floor))
                #expect(Self.close(b.heterogeneity?.cochranQ, a.heterogeneity?.cochranQ, floor: 1e-8))
                for (x, y) in zip(b.degreesOfEquivalence, a.degreesOfEquivalence) {
                    #expect(abs(x.difference - y.difference) <= floor, "\(method) d")
                    #expect(Self.close(x.expandedUncertainty, y.expandedUncertainty, floor: floor), "\(method) U")
                }
            }
        }
    }

    @Test func scalingValuesAndUncertaintiesScalesTheResults() async throws {
        await propertyCheck(count: 60, input: Self.values, Self.logUncertainties, Gen.double(in: -3...3)) {
            values, logU, logA in
            let a = Double.exp(logA)
            let original = try Self.comparison(values: values, logUncertainties: logU)
            let scaled = original.rescaled(by: a)
            let scale = original.results.map(\.variance).max() ?? 1
            for method in Self.methods {
                let e = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(original)
                let s = try RandomEffects(try #require(method.betweenLaboratoryVarianceEstimator)).evaluate(scaled)
                let floor = 1e-10 * scale.squareRoot()
                #expect(Self.close(s.referenceValue.value / a, e.referenceValue.value, floor: floor), "\(method) μ")
                #expect(Self.close(s.referenceValue.standardUncertainty / a, e.referenceValue.standardUncertainty))
                #expect(
                    Self.close(
                        s.heterogeneity.map { $0.tauSquared / (a * a) }, e.heterogeneity?.tauSquared,
                        floor: 1e-10 * scale))
                #expect(Self.close(s.heterogeneity?.cochranQ, e.heterogeneity?.cochranQ, floor: 1e-12))
                #expect(Self.close(s.heterogeneity?.iSquared, e.heterogeneity?.iSquared, floor: 1e-9))
                #expect(Self.close(s.heterogeneity?.hSquared, e.heterogeneity?.hSquared))
                for (x, y) in zip(s.degreesOfEquivalence, e.degreesOfEquivalence) {
                    #expect(Self.close(x.difference / a, y.difference, floor: floor))
                    #expect(Self.close(x.expandedUncertainty / a, y.expandedUncertainty, floor: floor))
                }
            }
        }
    }

    @Test func theBootstrapIsLocationScaleEquivariant() throws {
        // With the same seed the bootstrap draws the same standard variates, so its replicates
        // transform exactly (to rounding) with the data.
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let options = try EvaluationOptions(trials: 3_000, seed: 17)
        let estimator = RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap, degreesOfEquivalence: .mraBootstrap)
        let base = try estimator.evaluate(comparison, options: options)
        let transformed = try estimator.evaluate(comparison.rescaled(by: 2.5, shiftedBy: -40), options: options)
        #expect(
            transformed.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: 2.5 * base.referenceValue.standardUncertainty, relativeTolerance: 1e-9))
        for (x, y) in zip(transformed.degreesOfEquivalence, base.degreesOfEquivalence) {
            #expect(
                x.expandedUncertainty.isApproximatelyEqual(to: 2.5 * y.expandedUncertainty, relativeTolerance: 1e-9))
        }
    }
}
