import Foundation
import KeyComparison
import Numerics
import Testing

/// Every metafor figure for the random-effects estimators, on every published comparison: the
/// blocks `reference.metafor` (DL, PM, REML, ML, REML_KH) and `referenceAllLaboratories.metafor` of
/// expected.json, and Fixtures/random-effects/metafor-extra.json (HS, SJ, HE and the Knapp–Hartung
/// variant of every method, made by metafor-extra.R). metafor 3.8.1 with tol = 1e-12 and a
/// threshold of 1e-12·mean(u²) (ML/REML restarted from a grid, global maximum).
///
/// Tolerance: 1e-9 relative. Both sides are converged to about machine precision (expected.json's
/// README: two independent solvers agree to ≤ 3e-12), so 1e-9 leaves three orders of margin; the
/// issue asks for 1e-6. Floors: τ² = 0 within 1e-12·se², p-values below 1e-12 to 1e-4 relative,
/// I² = 0 within 1e-9 percent, interval ends within 1e-9·se (an end can sit near zero).
@Suite("Random effects against metafor")
struct RandomEffectsMetaforTests {
    static let methods: [String: EvaluationMethod] = [
        "DL": .derSimonianLaird, "PM": .pauleMandel, "REML": .restrictedMaximumLikelihood,
        "ML": .maximumLikelihood, "HS": .hunterSchmidt, "SJ": .sidikJonkman, "HE": .hedges,
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var block: String  // reference | referenceAllLaboratories
        var testDescription: String { "\(file) \(block)" }
    }

    static let cases: [Case] = Fixtures.comparisonFiles.flatMap { file in
        ["reference", "referenceAllLaboratories"].compactMap { block in
            Fixtures.expected(file)[path: block, "metafor"] == nil ? nil : Case(file: file, block: block)
        }
    }

    /// The metafor fits of one block: expected.json's, plus metafor-extra.json's.
    static func metaforFits(_ c: Case) -> [String: [String: Any]] {
        var fits = Fixtures.expected(c.file)[path: c.block, "metafor"] as? [String: [String: Any]] ?? [:]
        let extra =
            (RandomEffectsFixtures.metaforExtra[path: "comparisons", c.file, c.block] as? [String: [String: Any]])
        fits.merge(extra ?? [:]) { original, _ in original }
        return fits
    }

    static func comparison(_ c: Case) throws -> Comparison {
        let comparison = try Fixtures.comparison(c.file)
        return c.block == "reference" ? comparison : try comparison.including(only: Set(comparison.laboratories))
    }

    @Test(arguments: cases)
    func reproducesEveryMetaforFigure(_ c: Case) throws {
        let comparison = try Self.comparison(c)
        let fits = Self.metaforFits(c)
        #expect(fits.count >= 13, "DL, PM, REML, ML, HS, SJ, HE and the knha variants")
        var checked = 0
        for (name, figures) in fits.sorted(by: { $0.key < $1.key }) where name != "FE" {
            let parts = name.split(separator: "_")
            let method = try #require(Self.methods[String(parts[0])], "unknown metafor method \(name)")
            let knha = parts.count > 1
            let estimator = RandomEffects(
                try #require(method.betweenLaboratoryVarianceEstimator), uncertainty: knha ? .knappHartung : .model)
            let evaluation = try estimator.evaluate(comparison)
            let label = "\(c.file) \(c.block) \(name)"
            let rv = evaluation.referenceValue
            let h = try #require(evaluation.heterogeneity)
            let se = try #require(figures.double("se"))
            func expectClose(_ got: Double?, _ key: String, floor: Double = 0) throws {
                let want = try #require(figures.double(key), "\(label) \(key)")
                let value = try #require(got, "\(label) \(key) missing")
                #expect(
                    abs(value - want) <= 1e-9 * abs(want) + floor, "\(label) \(key): \(value) vs metafor \(want)")
                checked += 1
            }
            try expectClose(rv.value, "estimate")
            try expectClose(rv.standardUncertainty, "se")
            try expectClose(h.tauSquared, "tau2", floor: 1e-12 * se * se)
            try expectClose(h.cochranQ, "Q")
            let qp = try #require(figures.double("Qp"))
            try expectClose(h.pValue, "Qp", floor: qp < 1e-12 ? 1e-4 * qp : 0)
            try expectClose(rv.coverageInterval?.first, "ci_lb", floor: 1e-9 * se)
            try expectClose(rv.coverageInterval?.last, "ci_ub", floor: 1e-9 * se)
            try expectClose(h.iSquared.map { 100 * $0 }, "I2", floor: 1e-9)
            try expectClose(h.hSquared, "H2")
            if figures["logLik"] != nil { try expectClose(evaluation.details?.logLikelihood, "logLik") }
            #expect(h.degreesOfFreedom == comparison.includedIndices.count - 1)
        }
        #expect(checked >= 13 * 9)
    }

    @Test(arguments: cases)
    func cochranQMatchesTheCommonMeanFit(_ c: Case) throws {
        // metafor FE: Q and its p-value are the same statistic for every τ² method.
        let fe = try #require(Self.metaforFits(c)["FE"])
        let h = try #require(try RandomEffects(DerSimonianLaird()).evaluate(try Self.comparison(c)).heterogeneity)
        let q = try #require(fe.double("Q"))
        let p = try #require(fe.double("Qp"))
        #expect(h.cochranQ.isApproximatelyEqual(to: q, relativeTolerance: 1e-9))
        #expect(abs(try #require(h.pValue) - p) <= (p < 1e-12 ? 1e-4 : 1e-9) * p)
    }

    @Test func kudzuMaximumLikelihoodFindsTheGlobalMaximum() throws {
        // NDT manual §4.2: the ML likelihood has a boundary local maximum at τ² = 0 (logLik 7.787,
        // metafor's default start) and the global maximum at τ² = 3.80e-4 (logLik 8.153).
        let kudzu = try Fixtures.comparison("Kudzu-As.comparison.json")
        let evaluation = try RandomEffects(MaximumLikelihood()).evaluate(kudzu)
        let expected = Fixtures.expected("Kudzu-As.comparison.json")
        let tau2 = try #require(expected.double("reference", "metafor", "ML", "tau2"))
        let local = try #require(expected.double("reference", "metafor", "ML", "metaforDefaultStart", "logLik"))
        #expect(
            try #require(evaluation.heterogeneity).tauSquared.isApproximatelyEqual(to: tau2, relativeTolerance: 1e-9))
        let logLik = try #require(evaluation.details?.logLikelihood)
        #expect(logLik > local + 0.3)
        // The boundary point really is a local maximum that a local method could stop at.
        let model = try RandomEffectsModel(kudzu)
        #expect(model.logLikelihood(tauSquared: 0).isApproximatelyEqual(to: local, relativeTolerance: 1e-9))
        #expect(model.logLikelihood(tauSquared: 1e-6) < model.logLikelihood(tauSquared: 0))
    }

    @Test func twoResultsGiveTheClosedFormREML() throws {
        // For n = 2 the REML score vanishes at τ² = ((x₁ − x₂)² − u₁² − u₂²)/2 (derived by hand
        // from the score Σw*²r² − Σw* + Σw*²/Σw*), and μ̂ is the mean weighted by 1/(u_i² + τ²).
        let comparison = try Comparison(
            identifier: "pair",
            results: [
                LaboratoryResult(laboratory: "A", value: 10.0, standardUncertainty: 0.3),
                LaboratoryResult(laboratory: "B", value: 11.5, standardUncertainty: 0.4),
            ])
        let fit = try RandomEffects(RestrictedMaximumLikelihood()).estimate(comparison)
        let tau2 = (1.5 * 1.5 - 0.09 - 0.16) / 2
        #expect(fit.tauSquared.isApproximatelyEqual(to: tau2, relativeTolerance: 1e-12))
        let (wa, wb) = (1 / (0.09 + tau2), 1 / (0.16 + tau2))
        #expect(fit.value.isApproximatelyEqual(to: (10 * wa + 11.5 * wb) / (wa + wb), relativeTolerance: 1e-14))
    }
}

/// Fixtures/random-effects: metafor-extra.json and the independent numpy figures.
enum RandomEffectsFixtures {
    static let directory = Fixtures.publishedDirectory.deletingLastPathComponent()
        .appendingPathComponent("random-effects")

    nonisolated(unsafe) static let metaforExtra: [String: Any] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("metafor-extra.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }()
}
