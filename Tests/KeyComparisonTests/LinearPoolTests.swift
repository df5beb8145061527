import Foundation
import Numerics
import Testing

@testable import KeyComparison

/// Toman 2007 linear pool, against the NIST Consensus Builder's published figures
/// (expected.json → published, method linear-pool; NICOB computed them on every result).
@Suite("Linear pool (Toman 2007)")
struct LinearPoolTests {
    /// The published linear-pool entries: file → (value, u, interval) as printed.
    static let published: [(file: String, value: String, u: String, interval: [String])] = {
        Fixtures.comparisonFiles.compactMap { file in
            guard
                let entry = (Fixtures.expected(file)["published"] as? [[String: Any]])?.first(where: {
                    ($0["method"] as? String)?.hasPrefix("linear-pool") == true
                }), let rv = entry["referenceValue"] as? [String: Any], let value = rv["value"] as? String,
                let u = rv["standardUncertainty"] as? String, let interval = rv["coverageInterval95"] as? [String]
            else { return nil }
            return (file, value, u, interval)
        }
    }()

    @Test func thePublishedEntriesAreAllHere() {
        #expect(
            Set(Self.published.map(\.file)) == [
                "CCEM.RF-K25.W.comparison.json", "CCL-K1.comparison.json", "CCQM-K25-PCB28.comparison.json",
                "CCT-K7.comparison.json",
            ])
    }

    /// Monte Carlo tolerance of expected.json: ±3 % on u; for locations (value, interval ends) 3 %
    /// of u or one unit of the last printed digit, whichever is larger. Our u and interval are
    /// exact (closed form, inverted mixture distribution function), so the tolerance only has to
    /// absorb NICOB's sampling (10⁵ draws).
    @Test(arguments: published.map(\.file))
    func reproducesThePublishedFigures(file: String) throws {
        let entry = try #require(Self.published.first { $0.file == file })
        let comparison = try Fixtures.comparison(file)
        let all = try comparison.including(only: Set(comparison.laboratories))
        let evaluation = try LinearPool().evaluate(
            all, options: EvaluationOptions(includesPairwise: false, trials: 20_000))
        let rv = evaluation.referenceValue
        let (u, _) = try Rounded.parse(entry.u)
        // PCB 28: NIST's ν = 2 component has no variance; NICOB's printed 1.55 is the s.d. of its
        // sample, the closed form gives 1.5040 (−2.97 %, inside the tolerance but only just).
        #expect(rv.standardUncertainty.isApproximatelyEqual(to: u, relativeTolerance: 0.03), "u of \(file)")
        for (printed, computed) in zip([entry.value] + entry.interval, [rv.value] + (rv.coverageInterval ?? [])) {
            let (value, halfUnit) = try Rounded.parse(printed)
            let tolerance = Swift.max(0.03 * u, 2 * halfUnit)
            #expect(abs(computed - value) <= tolerance, "\(file): \(computed) against \(printed)")
        }
    }

    /// The closed-form s.d. reproduces NICOB's LP u to the digits of kc-methods.md §1.8
    /// (RF 0.01120, TPW 84.13, CCL-K1 15.54): half a unit of the last digit.
    @Test func closedFormStandardDeviationIsExact() throws {
        for (file, printed) in [
            ("CCEM.RF-K25.W.comparison.json", "0.01120"), ("CCT-K7.comparison.json", "84.13"),
            ("CCL-K1.comparison.json", "15.54"),
        ] {
            let comparison = try Fixtures.comparison(file)
            let moments = try LinearPool().estimate(try comparison.including(only: Set(comparison.laboratories)))
            let (value, halfUnit) = try Rounded.parse(printed)
            #expect(abs(moments.standardDeviation - value) <= halfUnit, "\(file): \(moments.standardDeviation)")
        }
    }

    /// The example in NICOB's DoEUnilateralLinearPool.R (PCB 28, MRA version, 10⁵ draws): D_j,
    /// U95 and the 2.5 %/97.5 % points. ±3 % on U; 3 % of U on the locations (NICOB centres D_j on
    /// the sample mean of its pool, we on the closed-form mean: they differ by ~0.005).
    @Test func reproducesTheConsensusBuilderDegreesOfEquivalence() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let evaluation = try LinearPool().evaluate(comparison)
        let nicob: [LaboratoryID: (d: Double, u: Double, lower: Double, upper: Double)] = [
            "IRMM": (0.6600223, 3.398511, -2.8854658, 3.8851724),
            "KRISS": (-0.7399777, 2.930887, -3.8154223, 1.9742119),
            "NARL": (0.8900223, 3.137559, -2.4044592, 3.8301882),
            "NIST": (-1.2199777, 2.640942, -4.0040545, 1.1582162),
            "NMIJ": (-1.7399777, 2.682553, -4.5784838, 0.6842007),
            "NRC": (2.1600223, 2.670544, -0.6704649, 4.5642498),
        ]
        for doe in evaluation.degreesOfEquivalence {
            let expected = try #require(nicob[doe.laboratory])
            let tolerance = 0.03 * expected.u
            #expect(abs(doe.difference - expected.d) <= tolerance, "D of \(doe.laboratory)")
            #expect(
                doe.expandedUncertainty.isApproximatelyEqual(to: expected.u, relativeTolerance: 0.03),
                "U of \(doe.laboratory)")
            let interval = try #require(doe.coverageInterval)
            #expect(abs(interval[0] - expected.lower) <= tolerance && abs(interval[1] - expected.upper) <= tolerance)
            let shortest = try #require(doe.shortestCoverageInterval)
            #expect(shortest[1] - shortest[0] <= interval[1] - interval[0] + 1e-12)
        }
    }

    @Test func weightsMoveTheMeanAndBadWeightsAreTypedErrors() throws {
        let comparison = try Fixtures.comparison("Kudzu-As.comparison.json")
        let x = comparison.results.map(\.value)
        let pool = LinearPool(weights: ["Lab 1": 1, "Lab 2": 1, "Lab 3": 0, "Lab 4": 2])
        let moments = try pool.estimate(comparison)
        // μ = Σ w x / Σ w, closed form.
        #expect(moments.mean.isApproximatelyEqual(to: (x[0] + x[1] + 2 * x[3]) / 4, relativeTolerance: 1e-14))
        // All the weight on Lab 2: the pool is N(0.916, 0.006²), interval 0.916 ± z₀.₉₇₅·0.006,
        // inverted to double precision (1e-9 of the half-width allowed).
        let single = LinearPool(weights: ["Lab 1": 0, "Lab 2": 1, "Lab 3": 0, "Lab 4": 0])
        let evaluation = try single.evaluate(comparison, options: EvaluationOptions(trials: 2_000))
        #expect(evaluation.referenceValue.value == 0.916 && evaluation.referenceValue.standardUncertainty == 0.006)
        let interval = try #require(evaluation.referenceValue.coverageInterval)
        let halfWidth = 1.959963984540054 * 0.006
        #expect(abs(interval[0] - (0.916 - halfWidth)) < 1e-9 * halfWidth)
        #expect(abs(interval[1] - (0.916 + halfWidth)) < 1e-9 * halfWidth)

        #expect(throws: KeyComparisonError.unknownLaboratory("Lab 9")) {
            try LinearPool(weights: ["Lab 9": 1]).evaluate(comparison)
        }
        #expect(throws: KeyComparisonError.self) {
            try LinearPool(weights: ["Lab 1": 1, "Lab 2": -1, "Lab 3": 1, "Lab 4": 1]).evaluate(comparison)
        }
        #expect(throws: KeyComparisonError.self) { try LinearPool(weights: ["Lab 1": 1]).evaluate(comparison) }
        #expect(throws: KeyComparisonError.self) {
            try LinearPool(weights: ["Lab 1": 0, "Lab 2": 0, "Lab 3": 0, "Lab 4": 0]).evaluate(comparison)
        }
    }

    @Test func resultsDoNotDependOnTheThreadCountOrTheOrderOfTheResults() throws {
        let comparison = try Fixtures.comparison("CCL-K1.comparison.json")
        let options = try EvaluationOptions(trials: 20_000, seed: 11)
        var serial = LinearPool()
        serial.runsInParallel = false
        let base = try LinearPool().evaluate(comparison, options: options)
        #expect(try serial.evaluate(comparison, options: options) == base)
        let permuted = try LinearPool().evaluate(
            Comparison(
                identifier: comparison.identifier, unit: comparison.unit, results: comparison.results.reversed()),
            options: options)
        #expect(permuted.referenceValue.coverageInterval == base.referenceValue.coverageInterval)
        #expect(
            permuted.referenceValue.value.isApproximatelyEqual(to: base.referenceValue.value, relativeTolerance: 1e-14))
        for doe in base.degreesOfEquivalence {
            let other = try #require(permuted.degreeOfEquivalence(of: doe.laboratory))
            #expect(other.expandedUncertainty == doe.expandedUncertainty)
        }
    }

    @Test func shiftingAndScalingTransformTheResultsAsTheyMust() throws {
        let comparison = try Fixtures.comparison("CCT-K7.comparison.json")
        let options = try EvaluationOptions(trials: 20_000)
        let base = try LinearPool().evaluate(comparison, options: options)
        let (a, b) = (1e-6, 273.16)
        let transformed = try LinearPool().evaluate(comparison.rescaled(by: a, shiftedBy: b), options: options)
        #expect(
            transformed.referenceValue.value.isApproximatelyEqual(
                to: a * base.referenceValue.value + b, relativeTolerance: 1e-14))
        #expect(
            transformed.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: a * base.referenceValue.standardUncertainty, relativeTolerance: 1e-9))
        // The interval is exact (bisection to double precision; the shift adds rounding of a·x + b,
        // 1e-16·273 K against a·u ≈ 1e-4 K): 1e-9. The DoE come from single-precision samples
        // centred on μ (relative 6e-8): 1e-6.
        #expect(
            transformed.referenceValue.expandedUncertainty.isApproximatelyEqual(
                to: a * base.referenceValue.expandedUncertainty, relativeTolerance: 1e-9))
        for (t, d) in zip(transformed.degreesOfEquivalence, base.degreesOfEquivalence) {
            #expect(t.expandedUncertainty.isApproximatelyEqual(to: a * d.expandedUncertainty, relativeTolerance: 1e-6))
        }
    }

    /// One included result: the pool is that result's distribution; a t with ν = 2 is scaled so
    /// its central 95 % interval is x ± z₀.₉₇₅·u, which the exact quantiles give to 1e-9.
    @Test func oneResultAndLowDegreesOfFreedomGiveAClearResult() throws {
        let comparison = try Comparison(
            identifier: "solo",
            results: [
                LaboratoryResult(laboratory: "A", value: 5, standardUncertainty: 0.5, degreesOfFreedom: 2),
                LaboratoryResult(laboratory: "B", value: 6, standardUncertainty: 0.5, includedInReferenceValue: false),
            ])
        let evaluation = try LinearPool().evaluate(comparison, options: EvaluationOptions(trials: 2_000))
        #expect(evaluation.referenceValue.value == 5 && evaluation.referenceValue.standardUncertainty == 0.5)
        let interval = try #require(evaluation.referenceValue.coverageInterval)
        let halfWidth = 1.959963984540054 * 0.5
        #expect(
            abs(interval[0] - (5 - halfWidth)) < 1e-9 * halfWidth
                && abs(interval[1] - (5 + halfWidth)) < 1e-9 * halfWidth)
        #expect(!(try EncodedJSON.text(evaluation)).contains("nan"))
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 1, found: 0)) {
            try LinearPool().evaluate(try comparison.including(only: []))
        }
    }
}
