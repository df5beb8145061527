import Foundation
import Numerics
import Testing

@testable import KeyComparison

/// Cox 2002 Procedure B (median + Monte Carlo).
///
/// The Monte Carlo figures are compared with an independent numpy computation of the same model
/// (Fixtures/independent/median_numpy.py): 4·10⁶ trials, every result
/// x_i + u_i·Z, Z ~ N(0, 1) or numpy's `standard_t(ν_i)` (JCGM 101 scale convention), the median
/// of the included draws per trial, and `np.quantile(·, [0.025, 0.975])`. These tests run
/// 10⁵ trials: the standard error of a 95 % half-width is then about 0.7 %, so ±3 % (the
/// issue's Monte Carlo tolerance) is four standard errors.
@Suite("Median (Cox 2002 Procedure B)")
struct MedianTests {
    static let trials = 100_000
    static func options() throws -> EvaluationOptions { try EvaluationOptions(trials: trials) }

    @Test(arguments: Fixtures.comparisonFiles)
    func referenceValueIsTheMedianOfTheIncludedResults(file: String) throws {
        let comparison = try Fixtures.comparison(file)
        let expected = try #require(Fixtures.expected(file).double("reference", "median", "value"))
        // The same one or two numbers, averaged the same way as numpy: exact. (Foundation's
        // JSONSerialization may read the 17th digit of expected.json one ulp off, hence 2 ulp;
        // the exact equality is checked on literals below and by the CLI checker, which reads
        // our JSON with Python.)
        let value = try Median().estimate(comparison)
        #expect(abs(value - expected) <= 2 * expected.ulp)
        let evaluation = try Median().evaluate(comparison, options: EvaluationOptions(trials: 2_000))
        #expect(evaluation.referenceValue.value == value)
        #expect(evaluation.method == .median)
        #expect(evaluation.includedLaboratories == comparison.includedResults.map(\.laboratory))
    }

    @Test func referenceValueOfAllLaboratoriesWhereSomeAreExcluded() throws {
        for file in ["CCQM-K88.comparison.json", "CCEM.RF-K25.W.comparison.json", "CCQM-K30.comparison.json"] {
            let comparison = try Fixtures.comparison(file)
            let all = try comparison.including(only: Set(comparison.laboratories))
            let expected = try #require(Fixtures.expected(file).double("referenceAllLaboratories", "median", "value"))
            #expect(abs(try Median().estimate(all) - expected) <= 2 * expected.ulp, "\(file)")
        }
        // Even counts: the mean of the two middle values, bit for bit as numpy's np.median.
        #expect(try Median().estimate(try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")) == (32.9 + 34.3) / 2)
        let rf = try Fixtures.comparison("CCEM.RF-K25.W.comparison.json")
        #expect(try Median().estimate(try rf.including(only: Set(rf.laboratories))) == (0.8186 + 0.8196) / 2)
    }

    /// numpy, 4·10⁶ trials: u(median) = 0.58342, U = 1.10602; U(d_i) as listed.
    @Test func monteCarloUncertaintiesAgreeWithAnIndependentComputation() throws {
        let comparison = try Fixtures.comparison("CCQM-K88.comparison.json")
        let evaluation = try Median().evaluate(comparison, options: Self.options())
        let rv = evaluation.referenceValue
        #expect(rv.standardUncertainty.isApproximatelyEqual(to: 0.58342, relativeTolerance: 0.03))
        #expect(rv.expandedUncertainty.isApproximatelyEqual(to: 1.10602, relativeTolerance: 0.03))
        #expect(rv.coverageFactor == nil && rv.coverageProbability == 0.95)
        let interval = try #require(rv.coverageInterval)
        let shortest = try #require(rv.shortestCoverageInterval)
        #expect(interval[0] < 197.2 && 197.2 < interval[1])
        // JCGM 101 7.7.3: the shortest interval is never longer than the symmetric one.
        #expect(shortest[1] - shortest[0] <= interval[1] - interval[0])
        let numpy: [LaboratoryID: (expanded: Double, standard: Double)] = [
            "NIM": (2.40346, 1.29892), "NMIJ": (1.50678, 0.78467), "KRISS": (1.80935, 0.81855),
            "PTB": (1.83009, 0.91177), "BAM": (1.13143, 0.62747), "INMETRO": (4.08091, 2.08285),
            "VNIIM": (9.86599, 5.03146), "INTI": (4.08312, 2.08347), "NIST": (1.31502, 0.68021),
            "NRC": (18.27833, 9.32478),
        ]
        for doe in evaluation.degreesOfEquivalence {
            let expected = try #require(numpy[doe.laboratory])
            #expect(doe.expandedUncertainty.isApproximatelyEqual(to: expected.expanded, relativeTolerance: 0.03))
            #expect(
                try #require(doe.standardUncertainty).isApproximatelyEqual(
                    to: expected.standard, relativeTolerance: 0.03))
            let result = try #require(comparison.result(for: doe.laboratory))
            #expect(doe.difference == result.value - 197.2)
            let symmetric = try #require(doe.coverageInterval)
            #expect((symmetric[1] - symmetric[0]) / 2 == doe.expandedUncertainty)
        }
        #expect(evaluation.details?.trials == Self.trials)
        #expect(evaluation.details?.seed == EvaluationOptions().seed)
    }

    /// PCB 28 has ν_i = 60, 4, 18, 2, 13, 60: t draws with scale u_i. numpy U(d_i) as listed
    /// (4·10⁶ trials); u(d_i) is not compared for NIST, whose t₂ has no variance.
    @Test func finiteDegreesOfFreedomUseTheScaledT() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let evaluation = try Median().evaluate(comparison, options: Self.options())
        #expect(
            evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(to: 0.51157, relativeTolerance: 0.03))
        #expect(
            evaluation.referenceValue.expandedUncertainty.isApproximatelyEqual(to: 1.00884, relativeTolerance: 0.03))
        let numpy: [LaboratoryID: Double] = [
            "IRMM": 1.75323, "KRISS": 1.60758, "NARL": 1.62766, "NIST": 1.37756, "NMIJ": 1.30131, "NRC": 1.25547,
        ]
        for doe in evaluation.degreesOfEquivalence {
            #expect(
                doe.expandedUncertainty.isApproximatelyEqual(
                    to: try #require(numpy[doe.laboratory]), relativeTolerance: 0.03), "\(doe.laboratory)")
        }
    }

    /// CCQM-K88 final report (Hioki et al. 2013): U(D_i) = √(U_i² + U_ref²) with U_ref = 0.90 mg/kg
    /// supplied. expected.json → reference.medianWithInferredUref (closed form: 1e-12), and the
    /// published table to half a unit of its last digit.
    @Test func suppliedReferenceUncertaintyReproducesTheFinalReport() throws {
        let file = "CCQM-K88.comparison.json"
        let comparison = try Fixtures.comparison(file)
        let evaluation = try Median(referenceExpandedUncertainty: 0.9).evaluate(comparison)
        #expect(evaluation.referenceValue.value == 197.2)
        #expect(evaluation.referenceValue.expandedUncertainty == 0.9)
        #expect(evaluation.details?.trials == nil)
        let rows = try #require(
            Fixtures.expected(file)[path: "reference", "medianWithInferredUref", "degreesOfEquivalence"]
                as? [[String: Any]])
        #expect(rows.count == 10)
        for row in rows {
            let lab = LaboratoryID(try #require(row["laboratory"] as? String))
            let doe = try #require(evaluation.degreeOfEquivalence(of: lab))
            #expect(
                doe.expandedUncertainty.isApproximatelyEqual(
                    to: try #require(row.double("expandedUncertainty")), relativeTolerance: 1e-12))
            #expect(
                doe.difference.isApproximatelyEqual(
                    to: try #require(row.double("difference")), absoluteTolerance: 1e-12))
        }
        let published = try #require(
            (Fixtures.expected(file)["published"] as? [[String: Any]])?.first { ($0["method"] as? String) == "median" })
        for row in try #require(published["degreesOfEquivalence"] as? [[String: String]]) {
            let lab = LaboratoryID(try #require(row["laboratory"]))
            let doe = try #require(evaluation.degreeOfEquivalence(of: lab))
            let (d, dHalf) = try Rounded.parse(try #require(row["difference"]))
            let (u, uHalf) = try Rounded.parse(try #require(row["expandedUncertainty"]))
            #expect(abs(doe.difference - d) <= dHalf, "d of \(doe.laboratory)")
            // The report's U_ref is itself rounded to 0.90: allow its half unit too.
            #expect(abs(doe.expandedUncertainty - u) <= uHalf + 0.005, "U of \(doe.laboratory)")
        }
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let options = try EvaluationOptions(trials: 50_000, seed: 7)
        var serial = Median()
        serial.runsInParallel = false
        let a = try Median().evaluate(comparison, options: options)
        let b = try serial.evaluate(comparison, options: options)
        #expect(a == b)
        let c = try Median().evaluate(comparison, options: EvaluationOptions(trials: 50_000, seed: 8))
        #expect(c.referenceValue.standardUncertainty != a.referenceValue.standardUncertainty)
    }

    @Test func permutingShiftingAndScalingTransformTheResultsAsTheyMust() throws {
        let comparison = try Fixtures.comparison("CCQM-K88.comparison.json")
        let options = try EvaluationOptions(trials: 40_000, seed: 3)
        let base = try Median().evaluate(comparison, options: options)

        // Permutation: the laboratories are simulated in name order, so the figures are identical.
        let permuted = try Comparison(
            identifier: comparison.identifier, unit: comparison.unit, results: comparison.results.reversed())
        let p = try Median().evaluate(permuted, options: options)
        #expect(p.referenceValue == base.referenceValue)
        for doe in base.degreesOfEquivalence { #expect(p.degreeOfEquivalence(of: doe.laboratory) == doe) }

        // Shift by b: y → y + b, every difference and uncertainty unchanged (to rounding of x + b).
        let shifted = try Median().evaluate(comparison.rescaled(by: 1, shiftedBy: 1000), options: options)
        #expect(shifted.referenceValue.value == base.referenceValue.value + 1000)
        #expect(
            shifted.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: base.referenceValue.standardUncertainty, relativeTolerance: 1e-9))
        for (s, d) in zip(shifted.degreesOfEquivalence, base.degreesOfEquivalence) {
            #expect(s.difference.isApproximatelyEqual(to: d.difference, absoluteTolerance: 1e-9))
            #expect(s.expandedUncertainty.isApproximatelyEqual(to: d.expandedUncertainty, relativeTolerance: 1e-6))
        }

        // Scale by a > 0: every figure × a. The simulated differences are stored in single
        // precision (relative 6e-8), hence 1e-6.
        let a = 1e-3
        let scaled = try Median().evaluate(comparison.rescaled(by: a), options: options)
        #expect(
            scaled.referenceValue.value.isApproximatelyEqual(
                to: a * base.referenceValue.value, relativeTolerance: 1e-12))
        #expect(
            scaled.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: a * base.referenceValue.standardUncertainty, relativeTolerance: 1e-9))
        for (s, d) in zip(scaled.degreesOfEquivalence, base.degreesOfEquivalence) {
            #expect(s.difference.isApproximatelyEqual(to: a * d.difference, absoluteTolerance: 1e-12))
            #expect(s.expandedUncertainty.isApproximatelyEqual(to: a * d.expandedUncertainty, relativeTolerance: 1e-6))
        }
    }

    /// Two included results: the median is their mean, so u(y) = ½√(u₁² + u₂² + 2r·u₁u₂) exactly
    /// (GUM 5.2.2). This checks the correlated draws; 10⁵ trials give the s.d. to about 0.25 %.
    @Test func correlatedResultsAreDrawnWithTheirCorrelation() throws {
        let comparison = try Comparison(
            identifier: "correlated", unit: "mm",
            results: [
                LaboratoryResult(laboratory: "A", value: 10.02, standardUncertainty: 0.02),
                LaboratoryResult(laboratory: "B", value: 10.05, standardUncertainty: 0.03),
                LaboratoryResult(
                    laboratory: "C", value: 9.9, standardUncertainty: 0.025, includedInReferenceValue: false),
            ],
            correlations: [Correlation("A", "B", coefficient: 0.6)])
        let evaluation = try Median().evaluate(comparison, options: Self.options())
        let exact = 0.5 * (0.02 * 0.02 + 0.03 * 0.03 + 2 * 0.6 * 0.02 * 0.03).squareRoot()
        #expect(evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(to: exact, relativeTolerance: 0.01))
        // d_A = x_A − (x_A + x_B)/2 = (x_A − x_B)/2: u = ½√(u_A² + u_B² − 2r·u_A·u_B).
        let a = try #require(evaluation.degreeOfEquivalence(of: "A")?.standardUncertainty)
        let exactA = 0.5 * (0.02 * 0.02 + 0.03 * 0.03 - 2 * 0.6 * 0.02 * 0.03).squareRoot()
        #expect(a.isApproximatelyEqual(to: exactA, relativeTolerance: 0.01))
        // The excluded C is independent of the median: u² = u_C² + u²(y).
        let c = try #require(evaluation.degreeOfEquivalence(of: "C")?.standardUncertainty)
        #expect(c.isApproximatelyEqual(to: (0.025 * 0.025 + exact * exact).squareRoot(), relativeTolerance: 0.01))
    }

    @Test func oneIncludedResultGivesAZeroDifferenceForItselfAndNoNaN() throws {
        let comparison = try Comparison(
            identifier: "solo",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1),
                LaboratoryResult(
                    laboratory: "B", value: 1.2, standardUncertainty: 0.1, includedInReferenceValue: false),
            ])
        let evaluation = try Median().evaluate(comparison, options: EvaluationOptions(trials: 20_000))
        #expect(evaluation.referenceValue.value == 1)
        // u(y) is the s.d. of N(1, 0.1²) draws: 0.1 within 2 % at 2·10⁴ trials (s.e. 0.5 %).
        #expect(evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(to: 0.1, relativeTolerance: 0.02))
        let a = try #require(evaluation.degreeOfEquivalence(of: "A"))
        #expect(a.difference == 0 && a.expandedUncertainty == 0 && a.normalizedError == nil)
        let b = try #require(evaluation.degreeOfEquivalence(of: "B"))
        #expect(b.expandedUncertainty.isApproximatelyEqual(to: 1.96 * 0.02.squareRoot(), relativeTolerance: 0.03))
        #expect(!(try EncodedJSON.text(evaluation)).contains("nan"))
    }

    @Test func badRequestsAreTypedErrors() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        #expect(throws: KeyComparisonError.self) {
            try Median().evaluate(comparison, options: EvaluationOptions(trials: 5))
        }
        #expect(throws: KeyComparisonError.self) {
            try Median().evaluate(comparison, options: EvaluationOptions(trials: 400_000_000))
        }
        #expect(throws: KeyComparisonError.self) { try Median(referenceExpandedUncertainty: -1).evaluate(comparison) }
        #expect(throws: KeyComparisonError.self) { try Median(referenceExpandedUncertainty: .nan).evaluate(comparison) }
        let none = try comparison.including(only: [])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 1, found: 0)) {
            try Median().evaluate(none, options: EvaluationOptions(trials: 1_000))
        }
        let halfDegree = try Comparison(
            identifier: "ν < 1",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1, degreesOfFreedom: 0.5),
                LaboratoryResult(laboratory: "B", value: 1.1, standardUncertainty: 0.1),
            ])
        #expect(
            throws: KeyComparisonError.unsupportedDegreesOfFreedom(
                laboratory: "A", value: 0.5, minimum: 1, method: "median")
        ) { try Median().evaluate(halfDegree, options: EvaluationOptions(trials: 1_000)) }
    }
}

/// Published figures printed as strings: the value and half a unit of the last printed digit.
enum Rounded {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> (value: Double, halfUnit: Double) {
        guard let value = Double(text) else { throw Malformed() }
        let mantissa = text.lowercased().split(separator: "e").first.map(String.init) ?? text
        let decimals = mantissa.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        var exponent = 0
        if let e = text.lowercased().split(separator: "e").dropFirst().first, let x = Int(e) { exponent = x }
        return (value, 0.5 * pow(10, Double(exponent - decimals)))
    }
}

/// The evaluation as the JSON the CLI prints, to check that no NaN or infinity reaches it.
enum EncodedJSON {
    static func text(_ evaluation: Evaluation) throws -> String {
        String(decoding: try JSONEncoder().encode(evaluation), as: UTF8.self).lowercased()
    }
}
