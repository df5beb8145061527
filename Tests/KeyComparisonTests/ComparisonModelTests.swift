import Foundation
import KeyComparison
import LinearAlgebra
import Numerics
import Testing

/// The comparison model's generalized least squares against Procedure A (the special case it
/// must reproduce) and its typed errors.
@Suite("Comparison model: GLS special cases and errors")
struct ComparisonModelTests {
    /// Every published comparison: the model of the comparison file with a diagonal V gives
    /// Procedure A. Two routes to the same arithmetic (closed form against dgglse on the whitened
    /// design with the constraint Σ a_l b_l = 0), so 1e-12 relative, as the issue asks; |Δd| is
    /// compared against U(d) because some d are near zero.
    @Test(arguments: Fixtures.comparisonFiles)
    func diagonalCovarianceReproducesProcedureA(file: String) throws {
        let comparison = try Fixtures.comparison(file)
        let procedureA = try WeightedMean().evaluate(comparison)
        let model = try ComparisonModel(comparison).evaluate()
        let tolerance = 1e-12
        let value = try #require(model.estimates.first)
        #expect(value.value.isApproximatelyEqual(to: procedureA.referenceValue.value, relativeTolerance: tolerance))
        #expect(
            value.standardUncertainty.isApproximatelyEqual(
                to: procedureA.referenceValue.standardUncertainty, relativeTolerance: tolerance))
        let consistency = try #require(model.consistency)
        let expected = try #require(procedureA.consistency)
        #expect(consistency.chiSquared.isApproximatelyEqual(to: expected.chiSquared, relativeTolerance: tolerance))
        #expect(consistency.degreesOfFreedom == expected.degreesOfFreedom)
        #expect(consistency.birgeRatio.isApproximatelyEqual(to: expected.birgeRatio, relativeTolerance: tolerance))
        for doe in procedureA.degreesOfEquivalence {
            let ours = try #require(model.degreeOfEquivalence(of: doe.laboratory))
            #expect(
                ours.expandedUncertainty.isApproximatelyEqual(
                    to: doe.expandedUncertainty, relativeTolerance: tolerance),
                "U(d) of \(doe.laboratory)")
            #expect(
                abs(ours.difference - doe.difference) <= tolerance * doe.expandedUncertainty, "d of \(doe.laboratory)")
            #expect(ours.includedInReferenceValue == doe.includedInReferenceValue)
        }
        let pairs = try #require(model.degreesOfEquivalence.first?.pairwise)
        let expectedPairs = PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: 2)
        #expect(pairs.count == expectedPairs.count)
        for (ours, theirs) in zip(pairs, expectedPairs) {
            #expect(ours.laboratories == theirs.laboratories)
            #expect(
                ours.expandedUncertainty.isApproximatelyEqual(
                    to: theirs.expandedUncertainty, relativeTolerance: tolerance))
        }
    }

    @Test func correlatedComparisonEqualsTheWeightedMeanGeneralizedLeastSquares() throws {
        // PCB 28 with two correlations: WeightedMean's GLS (closed form a = V⁻¹1/1ᵀV⁻¹1) and the
        // model's constrained GLS are independent routes; 1e-12 relative leaves a wide margin over
        // rounding for a 6 × 6 matrix with condition number ≈ 20.
        let base = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let comparison = try Comparison(
            identifier: "PCB 28 correlated", results: base.results,
            correlations: [
                Correlation("NIST", "NMIJ", coefficient: 0.3), Correlation("IRMM", "NRC", coefficient: -0.2),
            ])
        let procedureA = try WeightedMean().evaluate(comparison)
        let model = try ComparisonModel(comparison).evaluate()
        #expect(
            try #require(model.estimates.first).value.isApproximatelyEqual(
                to: procedureA.referenceValue.value, relativeTolerance: 1e-12))
        for doe in procedureA.degreesOfEquivalence {
            let ours = try #require(model.degreeOfEquivalence(of: doe.laboratory))
            #expect(
                ours.expandedUncertainty.isApproximatelyEqual(to: doe.expandedUncertainty, relativeTolerance: 1e-12))
        }
    }

    @Test func anUnknownNoReadingConstrainsIsNamed() throws {
        // Artefact T2 is measured only by LabC, whose bias is free: T2's value and LabC's bias move
        // together, so the model cannot be evaluated; the error names the artefact value.
        let readings = [
            ComparisonReading(laboratory: "LabA", artefact: "T1", value: 1.0, standardUncertainty: 0.1),
            ComparisonReading(laboratory: "LabB", artefact: "T1", value: 1.1, standardUncertainty: 0.1),
            ComparisonReading(laboratory: "LabC", artefact: "T2", value: 2.0, standardUncertainty: 0.1),
        ]
        let model = try ComparisonModel(
            identifier: "disconnected", readings: readings,
            referenceValue: .weightedMean(laboratories: ["LabA", "LabB"]))
        #expect(throws: KeyComparisonError.unidentifiableUnknown("value of artefact T2", involving: ["bias of LabC"])) {
            try model.evaluate()
        }
    }

    @Test func aCovarianceThatIsNotPositiveDefiniteNamesTheReadings() throws {
        let readings = [
            ComparisonReading(identifier: "A1", laboratory: "LabA", value: 1.0, standardUncertainty: 0.1),
            ComparisonReading(identifier: "B1", laboratory: "LabB", value: 1.1, standardUncertainty: 0.1),
            ComparisonReading(identifier: "C1", laboratory: "LabC", value: 1.2, standardUncertainty: 0.1),
        ]
        // r(A1, B1) = r(B1, C1) = 0.9 with r(A1, C1) = −0.9: each pair is a valid correlation, the
        // three together are not (the leading minor of order 3 is negative).
        let covariance = ReadingCovariance(correlations: [
            .init("A1", "B1", coefficient: 0.9), .init("B1", "C1", coefficient: 0.9),
            .init("A1", "C1", coefficient: -0.9),
        ])
        let model = try ComparisonModel(identifier: "bad V", readings: readings, covariance: covariance)
        #expect(throws: KeyComparisonError.readingCovarianceNotPositiveDefinite(readings: ["C1", "A1", "B1"])) {
            try model.evaluate()
        }
    }

    @Test func badReadingsAreTypedErrors() {
        #expect(throws: KeyComparisonError.duplicateReading("X")) {
            try ComparisonModel(
                identifier: "dup",
                readings: [
                    ComparisonReading(identifier: "X", laboratory: "A", value: 1, standardUncertainty: 1),
                    ComparisonReading(identifier: "X", laboratory: "B", value: 1, standardUncertainty: 1),
                ])
        }
        #expect(throws: KeyComparisonError.nonPositiveUncertainty(laboratory: "A", value: 0)) {
            try ComparisonModel(
                identifier: "u0", readings: [ComparisonReading(laboratory: "A", value: 1, standardUncertainty: 0)])
        }
        #expect(throws: KeyComparisonError.unknownReading("Z")) {
            try ComparisonModel(
                identifier: "corr",
                readings: [ComparisonReading(identifier: "X", laboratory: "A", value: 1, standardUncertainty: 1)],
                covariance: ReadingCovariance(correlations: [.init("X", "Z", coefficient: 0.5)]))
        }
        #expect(throws: KeyComparisonError.unknownLaboratory("P")) {
            try ComparisonModel(
                identifier: "pilot", readings: [ComparisonReading(laboratory: "A", value: 1, standardUncertainty: 1)],
                referenceValue: .pilot("P"))
        }
    }

    @Test func theReaderIsStrictAndTheEvaluationRoundTrips() throws {
        func read(_ text: String) throws(KeyComparisonError) -> ComparisonModel {
            try ComparisonModel(jsonData: Data(text.utf8))
        }
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "correlations[0].coefficent",
                reason: "unknown field 'coefficent' in a correlation (allowed: readings, coefficient)")
        ) {
            try read(
                #"{"readings": [{"identifier": "a", "laboratory": "A", "value": 1, "standardUncertainty": 1}], "#
                    + #""correlations": [{"readings": ["a", "a"], "coefficent": 0.5}]}"#)
        }
        let pilot = try read(
            #"{"readings": [{"laboratory": "A", "value": 1, "expandedUncertainty": 2, "coverageFactor": 2},"#
                + #"{"laboratory": "B", "value": 2, "standardUncertainty": 1}], "referenceValue": {"kind": "pilot", "laboratory": "B"}}"#
        )
        #expect(pilot.referenceValue == .pilot("B"))
        #expect(pilot.readings[0].standardUncertainty == 1)
        let evaluation = try pilot.evaluate()
        #expect(try #require(evaluation.degreeOfEquivalence(of: "A")).difference == -1)
        let decoded = try JSONDecoder().decode(ComparisonModelEvaluation.self, from: JSONEncoder().encode(evaluation))
        #expect(decoded == evaluation)
        // A comparison file is read as its model.
        let comparison = try read(
            #"{"identifier": "K", "results": [{"laboratory": "A", "value": 1, "standardUncertainty": 1}]}"#)
        #expect(comparison.readings.map(\.identifier) == ["A"])
    }
}
