import Foundation
import KeyComparison
import Numerics
import Testing

/// The whole diagnosis of a comparison, as `equivalence diagnose` prints it.
@Suite("Comparison diagnostics")
struct ComparisonDiagnosticsTests {
    @Test func pcb28DiagnosisCombinesEveryStatistic() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let diagnostics = try ComparisonDiagnostics.diagnose(comparison, options: DiagnosticOptions(trials: 2_000))
        #expect(diagnostics.method == "weighted-mean")
        #expect(diagnostics.laboratories.count == 6 && diagnostics.scores.count == 6)
        // Birge ratio = expected.json reference.weightedMean.birgeRatio (closed form, 1e-9).
        let birge = try #require(
            Fixtures.expected("CCQM-K25-PCB28.comparison.json").double("reference", "weightedMean", "birgeRatio"))
        #expect(
            try #require(diagnostics.consistency).birgeRatio.isApproximatelyEqual(to: birge, relativeTolerance: 1e-9))
        #expect(diagnostics.mandelH != nil && diagnostics.mandelK == nil)
        #expect(diagnostics.grubbs?.count == 4)
        #expect(diagnostics.cochran?.source == .standardUncertainties)
        #expect(diagnostics.medianScaledDifference?.trials == 2_000)
        #expect(diagnostics.pairDifferenceChiSquared?.laboratories.count == 6)
        #expect(diagnostics.algorithmA != nil && diagnostics.huber != nil)
        #expect(diagnostics.notes.contains { $0.hasPrefix("Mandel's k needs within-laboratory spreads") })
        // The JSON encoder refuses NaN and infinity: encoding proves there are none.
        let encoder = JSONEncoder()
        _ = try encoder.encode(diagnostics)
    }

    @Test func excludedLaboratoriesAreScoredButNotDiagnosedUnlessAsked() throws {
        // CCQM-K30: INMETRO and INM are excluded from the KCRV.
        let comparison = try Fixtures.comparison("CCQM-K30.comparison.json")
        let included = try ComparisonDiagnostics.diagnose(comparison, options: DiagnosticOptions(trials: 500))
        #expect(included.scores.count == 11 && included.laboratories.count == 9)
        #expect(!included.laboratories.contains("INMETRO"))
        let all = try ComparisonDiagnostics.diagnose(
            comparison, options: DiagnosticOptions(trials: 500, includesAllLaboratories: true))
        #expect(all.laboratories.count == 11)
        #expect(all.mandelH?.laboratories.count == 11)
    }

    @Test func twoLaboratoriesGiveNotesNotNaN() throws {
        let comparison = try Comparison(
            identifier: "pair",
            results: [
                LaboratoryResult(laboratory: "A", value: 1.0, standardUncertainty: 0.1),
                LaboratoryResult(laboratory: "B", value: 1.3, standardUncertainty: 0.1),
            ])
        let diagnostics = try ComparisonDiagnostics.diagnose(comparison, options: DiagnosticOptions(trials: 200))
        #expect(diagnostics.mandelH == nil && diagnostics.grubbs == nil)
        #expect(diagnostics.notes.contains { $0.hasPrefix("Mandel's h omitted: the method needs at least 3") })
        #expect(diagnostics.notes.contains { $0.hasPrefix("Grubbs' double test omitted") })
        #expect(diagnostics.medianScaledDifference?.laboratories.count == 2)
        _ = try JSONEncoder().encode(diagnostics)
    }

    @Test func scoresAgainstAnAssignedValueAndWithSigma() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let options = DiagnosticOptions(
            trials: 200, proficiencyStandardDeviation: 1.0,
            assignedValue: ReferenceValue(value: 33, standardUncertainty: 0.2, coverageFactor: 2))
        let diagnostics = try ComparisonDiagnostics.diagnose(comparison, options: options)
        #expect(diagnostics.method == "assigned-value")
        let nrc = try #require(diagnostics.scores.last)
        // z = (35.8 − 33)/1 = 2.8: questionable; ζ = 2.8/√(0.38² + 0.2²).
        #expect(try #require(nrc.zScore).isApproximatelyEqual(to: 2.8, relativeTolerance: 1e-12))
        #expect(nrc.zScorePerformance == .questionable)
        #expect(
            try #require(nrc.zeta).isApproximatelyEqual(
                to: 2.8 / (0.38 * 0.38 + 0.04).squareRoot(), relativeTolerance: 1e-12))
    }

    @Test func spreadsMustNameLaboratoriesOfTheComparison() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let unknown = DiagnosticOptions(
            trials: 200,
            withinLaboratorySpreads: [
                WithinLaboratorySpread(laboratory: "PTB", standardDeviation: 0.1, replicates: 3),
                WithinLaboratorySpread(laboratory: "NRC", standardDeviation: 0.1, replicates: 3),
            ])
        #expect(throws: KeyComparisonError.unknownLaboratory("PTB")) {
            try ComparisonDiagnostics.diagnose(comparison, options: unknown)
        }
        let good = DiagnosticOptions(
            trials: 200,
            withinLaboratorySpreads: [
                WithinLaboratorySpread(laboratory: "IRMM", standardDeviation: 0.1, replicates: 3),
                WithinLaboratorySpread(laboratory: "NRC", standardDeviation: 0.3, replicates: 3),
                WithinLaboratorySpread(laboratory: "NIST", standardDeviation: 0.12, replicates: 3),
            ])
        let diagnostics = try ComparisonDiagnostics.diagnose(comparison, options: good)
        #expect(diagnostics.mandelK?.laboratories.count == 3)
        #expect(diagnostics.cochran?.source == .withinLaboratorySpreads)
        #expect(throws: KeyComparisonError.self) {
            try ComparisonDiagnostics.diagnose(comparison, options: DiagnosticOptions(trials: 10))
        }
    }
}
