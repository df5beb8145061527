import Foundation
import KeyComparison
import Numerics
import Testing

/// Cox 2002 Procedure A on every published comparison, against expected.json → reference →
/// weightedMean (computed independently with numpy/scipy). Closed-form arithmetic on the same
/// inputs: the issue asks for agreement to 1e-9 relative (|Δd| ≤ 1e-9·U(d) near zero).
@Suite("Procedure A (weighted mean)")
struct ProcedureATests {
    @Test(arguments: Fixtures.comparisonFiles)
    func reproducesTheReferenceFigures(file: String) throws {
        let comparison = try Fixtures.comparison(file)
        let expected = Fixtures.expected(file)
        let evaluation = try WeightedMean().evaluate(comparison)
        let tolerance = 1e-9
        let rv = evaluation.referenceValue
        #expect(
            rv.value.isApproximatelyEqual(
                to: try #require(expected.double("reference", "weightedMean", "value")), relativeTolerance: tolerance))
        #expect(
            rv.standardUncertainty.isApproximatelyEqual(
                to: try #require(expected.double("reference", "weightedMean", "standardUncertainty")),
                relativeTolerance: tolerance))
        let consistency = try #require(evaluation.consistency)
        #expect(
            consistency.chiSquared.isApproximatelyEqual(
                to: try #require(expected.double("reference", "weightedMean", "chiSquared")),
                relativeTolerance: tolerance))
        #expect(
            consistency.birgeRatio.isApproximatelyEqual(
                to: try #require(expected.double("reference", "weightedMean", "birgeRatio")),
                relativeTolerance: tolerance))
        #expect(
            consistency.criticalValue.isApproximatelyEqual(
                to: try #require(expected.double("reference", "weightedMean", "chiSquaredCritical95")),
                relativeTolerance: tolerance))
        // p-values: scipy's and ours are both accurate to ~1e-13 relative even far in the tail.
        #expect(
            consistency.pValue.isApproximatelyEqual(
                to: try #require(expected.double("reference", "weightedMean", "pValue")), relativeTolerance: 1e-8))
        #expect(consistency.consistent == (expected[path: "reference", "weightedMean", "consistent"] as? Bool))

        let rows = try #require(expected[path: "reference", "weightedMean", "degreesOfEquivalence"] as? [[String: Any]])
        #expect(rows.count == comparison.results.count)
        for row in rows {
            let lab = LaboratoryID(try #require(row["laboratory"] as? String))
            let doe = try #require(evaluation.degreeOfEquivalence(of: lab))
            let expandedU = try #require(row.double("expandedUncertainty"))
            #expect(
                doe.expandedUncertainty.isApproximatelyEqual(to: expandedU, relativeTolerance: tolerance),
                "U(d) of \(lab)")
            #expect(
                doe.difference.isApproximatelyEqual(
                    to: try #require(row.double("difference")), absoluteTolerance: tolerance * expandedU), "d of \(lab)"
            )
            #expect(doe.includedInReferenceValue == (row["includedInReferenceValue"] as? Bool))
        }
    }

    @Test func includedAndExcludedUncertaintiesFollowCox2002() throws {
        // CCQM-K30: INMETRO and INM are excluded, so u²(d) = u_i² + u²(y); KRISS is included,
        // so u²(d) = u_i² − u²(y).
        let comparison = try Fixtures.comparison("CCQM-K30.comparison.json")
        let evaluation = try WeightedMean().evaluate(comparison)
        let u2 = evaluation.referenceValue.standardUncertainty * evaluation.referenceValue.standardUncertainty
        for result in comparison.results {
            let doe = try #require(evaluation.degreeOfEquivalence(of: result.laboratory))
            let expected = result.includedInReferenceValue ? result.variance - u2 : result.variance + u2
            #expect(
                try #require(doe.standardUncertainty).isApproximatelyEqual(
                    to: expected.squareRoot(), relativeTolerance: 1e-12))
        }
        #expect(!evaluation.includedLaboratories.contains("INMETRO"))
        #expect(evaluation.includedLaboratories.count == 9)
    }

    @Test func pairwiseDegreesOfEquivalenceCoverEveryPair() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let evaluation = try WeightedMean().evaluate(comparison, options: EvaluationOptions(coverageFactor: 2))
        let pairs = try #require(evaluation.pairwise)
        #expect(pairs.count == 15)
        // IRMM − KRISS: d = 1.40, U = 2·√(1.03² + 0.69²) = 2.4797 (2.48 to three digits).
        let first = try #require(pairs.first)
        #expect(first.laboratories == ["IRMM", "KRISS"])
        #expect(first.difference.isApproximatelyEqual(to: 1.4, relativeTolerance: 1e-12))
        #expect(
            first.expandedUncertainty.isApproximatelyEqual(
                to: 2 * (1.03 * 1.03 + 0.69 * 0.69).squareRoot(), relativeTolerance: 1e-12))
    }

    @Test func correlatedResultsUseGeneralizedLeastSquares() throws {
        // Two labs share a reference (r = 0.6). Independent numpy computation:
        // a = V⁻¹1/(1ᵀV⁻¹1), y = aᵀx, u(y) = (1ᵀV⁻¹1)^(-1/2), χ² = rᵀV⁻¹r, cov(d) = (I − 1aᵀ)V(I − 1aᵀ)ᵀ.
        let comparison = try Comparison(
            identifier: "shared reference", unit: "mm",
            results: [
                LaboratoryResult(laboratory: "A", value: 10.02, standardUncertainty: 0.02),
                LaboratoryResult(laboratory: "B", value: 10.05, standardUncertainty: 0.03),
                LaboratoryResult(laboratory: "C", value: 9.97, standardUncertainty: 0.025),
            ],
            correlations: [Correlation("A", "B", coefficient: 0.6)])
        let evaluation = try WeightedMean().evaluate(comparison)
        // GLS by Cholesky against numpy's explicit inverse: both well conditioned, 1e-12.
        #expect(evaluation.referenceValue.value.isApproximatelyEqual(to: 10.001835048068815, relativeTolerance: 1e-12))
        #expect(
            evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: 0.015584415584415584, relativeTolerance: 1e-12))
        #expect(
            try #require(evaluation.consistency).chiSquared.isApproximatelyEqual(
                to: 4.203912970146754, relativeTolerance: 1e-12))
        let expectedU = [0.012534990661832368, 0.02563446880456517, 0.019548043147390094]
        for (doe, u) in zip(evaluation.degreesOfEquivalence, expectedU) {
            #expect(try #require(doe.standardUncertainty).isApproximatelyEqual(to: u, relativeTolerance: 1e-12))
        }
        let ab = try #require(evaluation.pairwise?.first)
        #expect(
            try #require(ab.standardUncertainty).isApproximatelyEqual(
                to: 0.024083189157584593, relativeTolerance: 1e-12))
    }

    @Test func oneIncludedResultGivesNoConsistencyCheckAndNoNaN() throws {
        let comparison = try Comparison(
            identifier: "solo",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1),
                LaboratoryResult(
                    laboratory: "B", value: 1.2, standardUncertainty: 0.1, includedInReferenceValue: false),
            ])
        let evaluation = try WeightedMean().evaluate(comparison)
        #expect(evaluation.consistency == nil)
        let a = try #require(evaluation.degreeOfEquivalence(of: "A"))
        #expect(a.expandedUncertainty == 0 && a.normalizedError == nil)
        let b = try #require(evaluation.degreeOfEquivalence(of: "B"))
        #expect(b.expandedUncertainty.isApproximatelyEqual(to: 2 * 0.02.squareRoot(), relativeTolerance: 1e-12))
    }

    @Test func allResultsExcludedIsATypedError() throws {
        let comparison = try Comparison(
            identifier: "none",
            results: [
                LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1, includedInReferenceValue: false)
            ])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 1, found: 0)) {
            try WeightedMean().evaluate(comparison)
        }
    }
}
