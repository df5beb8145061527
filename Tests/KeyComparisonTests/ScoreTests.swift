import Foundation
import KeyComparison
import Numerics
import Testing

/// E_n, ζ, z and z′ with the ISO 13528:2015 §9 verdicts.
@Suite("Scores (E_n, ζ, z, z′)")
struct ScoreTests {
    @Test(arguments: Fixtures.comparisonFiles)
    func normalizedErrorOfProcedureAIsTheExpectedOne(file: String) throws {
        // expected.json → reference → weightedMean → degreesOfEquivalence → normalizedError
        // (numpy/scipy, d_i/U(d_i)); closed form on the same inputs, so 1e-9 relative, or
        // 1e-9 absolute where d_i is near zero (E_n is then near zero too).
        let comparison = try Fixtures.comparison(file)
        let scores = try LaboratoryScore.scores(from: WeightedMean().evaluate(comparison))
        let rows = try #require(
            Fixtures.expected(file)[path: "reference", "weightedMean", "degreesOfEquivalence"] as? [[String: Any]])
        #expect(scores.count == rows.count)
        for row in rows {
            let lab = LaboratoryID(try #require(row["laboratory"] as? String))
            let score = try #require(scores.first { $0.laboratory == lab })
            let expected = try #require(row.double("normalizedError"))
            let en = try #require(score.normalizedError)
            #expect(
                en.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9 * Swift.max(1, abs(expected))), "\(lab)")
            #expect(score.normalizedErrorPerformance == PerformanceClassification(normalizedError: expected))
            // ζ = d/u(d) = k·E_n with k = 2 for Procedure A.
            #expect(
                try #require(score.zeta).isApproximatelyEqual(
                    to: 2 * expected, absoluteTolerance: 2e-9 * Swift.max(1, abs(expected))))
        }
    }

    @Test func nrcIsUnsatisfactoryInCCQMK25PCB28() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let scores = try LaboratoryScore.scores(from: WeightedMean().evaluate(comparison))
        let nrc = try #require(scores.first { $0.laboratory == "NRC" })
        // expected.json: NRC E_n = 3.7598007389596755.
        #expect(nrc.normalizedErrorPerformance == .unsatisfactory)
        #expect(nrc.zetaPerformance == .unsatisfactory)
        #expect(nrc.zScore == nil && nrc.zPrimeScore == nil, "no σ_pt, no z scores")
    }

    @Test func scoresAgainstAnIndependentAssignedValue() throws {
        // Hand computation (ISO 13528:2015 §9.4–9.7): x = 10.3, u = 0.1 reported with k = 2;
        // X = 10, u(X) = 0.05, U(X) = 0.1; σ_pt = 0.1.
        // E_n = 0.3/√(0.2² + 0.1²) = 1.3416…, ζ = 0.3/√(0.1² + 0.05²) = 2.6833…,
        // z = 0.3/0.1 = 3, z′ = 0.3/√(0.1² + 0.05²) = 2.6833…
        let comparison = try Comparison(
            identifier: "PT",
            results: [
                LaboratoryResult(laboratory: "A", value: 10.3, standardUncertainty: 0.1, reportedCoverageFactor: 2),
                LaboratoryResult(laboratory: "B", value: 10.05, standardUncertainty: 0.1),
            ])
        let assigned = ReferenceValue(value: 10, standardUncertainty: 0.05, coverageFactor: 2)
        let scores = try LaboratoryScore.scores(
            of: comparison, against: assigned, proficiencyStandardDeviation: 0.1)
        let a = scores[0]
        // Arithmetic of a few operations: 1e-12 relative.
        #expect(
            try #require(a.normalizedError).isApproximatelyEqual(to: 0.3 / 0.05.squareRoot(), relativeTolerance: 1e-12))
        #expect(try #require(a.zeta).isApproximatelyEqual(to: 0.3 / 0.0125.squareRoot(), relativeTolerance: 1e-12))
        #expect(try #require(a.zScore).isApproximatelyEqual(to: 3, relativeTolerance: 1e-12))
        #expect(
            try #require(a.zPrimeScore).isApproximatelyEqual(to: 0.3 / 0.0125.squareRoot(), relativeTolerance: 1e-12))
        #expect(a.normalizedErrorPerformance == .unsatisfactory)
        #expect(a.zetaPerformance == .questionable)
        #expect(a.zPrimeScorePerformance == .questionable)
        let b = scores[1]
        #expect(b.zScorePerformance == .satisfactory && b.normalizedErrorPerformance == .satisfactory)
    }

    @Test func classificationBoundariesFollowISO13528() {
        #expect(PerformanceClassification(zScore: 2) == .satisfactory)
        #expect(PerformanceClassification(zScore: -2.0001) == .questionable)
        #expect(PerformanceClassification(zScore: 2.9999) == .questionable)
        #expect(PerformanceClassification(zScore: 3) == .unsatisfactory)
        #expect(PerformanceClassification(normalizedError: -1) == .satisfactory)
        #expect(PerformanceClassification(normalizedError: 1.0001) == .unsatisfactory)
    }

    @Test func aSingleIncludedLaboratoryHasNoScoreRatherThanInfinity() throws {
        // U(d) = 0 for the only included result: E_n and ζ are omitted, not ∞ or NaN.
        let comparison = try Comparison(
            identifier: "solo",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1),
                LaboratoryResult(
                    laboratory: "B", value: 1.2, standardUncertainty: 0.1, includedInReferenceValue: false),
            ])
        let scores = try LaboratoryScore.scores(from: WeightedMean().evaluate(comparison))
        #expect(scores[0].normalizedError == nil && scores[0].zeta == nil)
        #expect(scores[1].normalizedError != nil)
    }

    @Test func nonPositiveProficiencyStandardDeviationIsATypedError() throws {
        let evaluation = try WeightedMean().evaluate(try Fixtures.comparison("CCQM-K25-PCB28.comparison.json"))
        #expect(throws: KeyComparisonError.self) {
            try LaboratoryScore.scores(from: evaluation, proficiencyStandardDeviation: 0)
        }
        #expect(throws: KeyComparisonError.self) {
            try LaboratoryScore.scores(from: evaluation, proficiencyStandardDeviation: .nan)
        }
    }
}
