import Foundation
import KeyComparison
import Numerics
import Testing

/// Drift, per-loop drift, several artefacts and several points: exact data recovers the model that
/// made it, and drift-free data gives the plain result.
@Suite("Drift and multi-point comparison models")
struct DriftAndMultiPointTests {
    @Test func aDriftFreeDataSetGivesThePlainResult() throws {
        // The pilot measured the artefact three times with the same value: the fitted drift is zero,
        // every d equals Procedure A's (1e-12·U: the same numbers by two routes), and U(d) can only
        // grow, by the drift's uncertainty times the distance from t₀.
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let plain = try WeightedMean().evaluate(comparison)
        let times: [LaboratoryID: Double] = ["IRMM": 10, "KRISS": 20, "NARL": 30, "NIST": 40, "NMIJ": 60, "NRC": 70]
        var readings = comparison.results.map { r in
            ComparisonReading(
                laboratory: r.laboratory, time: times[r.laboratory], value: r.value,
                standardUncertainty: r.standardUncertainty)
        }
        // NIST is the pilot: its repeated readings at t = 0 and t = 80 equal its reported value.
        let nist = try #require(comparison.result(for: "NIST"))
        for t in [0.0, 80] {
            readings.append(
                ComparisonReading(
                    identifier: "NIST/t=\(t)", laboratory: "NIST", time: t, value: nist.value,
                    standardUncertainty: nist.standardUncertainty))
        }
        let withoutDrift = try ComparisonModel(identifier: "PCB 28 with times", readings: Array(readings.prefix(6)))
            .evaluate()
        let repeated = try ComparisonModel(identifier: "PCB 28, NIST three times", readings: readings).evaluate()
        let drifting = try ComparisonModel(
            identifier: "PCB 28 with drift", readings: readings, drift: [DriftModel(kind: .linear, referenceTime: 40)]
        ).evaluate()
        let drift = try #require(drifting.estimate(of: .drift(comparison: nil, artefact: nil, point: nil, loop: nil)))
        #expect(abs(drift.value) <= 1e-12 * drift.standardUncertainty)
        for expected in plain.degreesOfEquivalence {
            // Times without a drift model change nothing: Procedure A.
            let timed = try #require(withoutDrift.degreeOfEquivalence(of: expected.laboratory))
            #expect(
                timed.expandedUncertainty.isApproximatelyEqual(
                    to: expected.expandedUncertainty, relativeTolerance: 1e-12))
            #expect(abs(timed.difference - expected.difference) <= 1e-12 * expected.expandedUncertainty)
            // A drift fitted to drift-free data: the same d as without it, U(d) larger by the drift's
            // uncertainty propagated from the time of the laboratory's reading.
            let same = try #require(repeated.degreeOfEquivalence(of: expected.laboratory))
            let d = try #require(drifting.degreeOfEquivalence(of: expected.laboratory))
            #expect(abs(d.difference - same.difference) <= 1e-12 * same.expandedUncertainty)
            #expect(d.expandedUncertainty >= same.expandedUncertainty * (1 - 1e-12))
        }
        // NMIJ measured 20 days after t₀ = 40: its U(d) carries (20 days)·u(β̂) besides.
        let atReference = try #require(drifting.degreeOfEquivalence(of: "NMIJ"))
        #expect(
            atReference.expandedUncertainty
                > (try #require(repeated.degreeOfEquivalence(of: "NMIJ"))).expandedUncertainty)
    }

    @Test func exactDataRecoversPerLoopDriftSeveralArtefactsAndCommonBiases() throws {
        // Two artefacts at two points; T1 drifts linearly per loop (loops A and B, the pilot in both),
        // T2 does not; biases common to both points. Data made from known values without noise: the
        // estimates are the truth to rounding (1e-9 absolute on values of order 10) and χ² ≈ 0.
        let bias: [LaboratoryID: Double] = ["PTB": 0, "NPL": 0.02, "LNE": -0.03, "NIST": 0.01, "NMIJ": 0.04]
        let value: [String: Double] = ["T1@A@low": 10.0, "T1@A@high": 20.0, "T1@B@low": 10.1, "T1@B@high": 20.2]
        let rate: [String: Double] = ["A@low": 0.002, "A@high": 0.003, "B@low": -0.001, "B@high": 0.004]
        let t2: [String: Double] = ["low": 5.0, "high": 7.5]
        var readings: [ComparisonReading] = []
        let schedule: [(LaboratoryID, String, Double)] = [
            ("PTB", "A", 0), ("NPL", "A", 10), ("LNE", "A", 20), ("PTB", "A", 30),
            ("PTB", "B", 40), ("NIST", "B", 50), ("NMIJ", "B", 60), ("PTB", "B", 70),
        ]
        for (lab, loop, t) in schedule {
            for point in ["low", "high"] {
                let x =
                    value["T1@\(loop)@\(point)", default: 0] + rate["\(loop)@\(point)", default: 0] * (t - 35)
                    + bias[lab, default: 0]
                readings.append(
                    ComparisonReading(
                        laboratory: lab, artefact: "T1", point: point, time: t, loop: loop, value: x,
                        standardUncertainty: 0.01))
                readings.append(
                    ComparisonReading(
                        laboratory: lab, artefact: "T2", point: point, time: t, loop: loop,
                        value: t2[point, default: 0] + bias[lab, default: 0], standardUncertainty: 0.02))
            }
        }
        let model = try ComparisonModel(
            identifier: "exact", readings: readings, laboratoryBias: .common,
            drift: [DriftModel(artefact: "T1", kind: .linearPerLoop, referenceTime: 35)], referenceValue: .pilot("PTB"))
        let evaluation = try model.evaluate()
        for (key, truth) in value {
            let parts = key.split(separator: "@").map(String.init)
            let estimate = try #require(
                evaluation.estimate(
                    of: .artefactValue(comparison: nil, artefact: "T1", point: parts[2], loop: parts[1])))
            #expect(abs(estimate.value - truth) <= 1e-9, "\(key)")
        }
        for (key, truth) in rate {
            let parts = key.split(separator: "@").map(String.init)
            let estimate = try #require(
                evaluation.estimate(of: .drift(comparison: nil, artefact: "T1", point: parts[1], loop: parts[0])))
            #expect(abs(estimate.value - truth) <= 1e-11, "drift \(key)")
        }
        for (lab, truth) in bias {
            #expect(abs(try #require(evaluation.degreeOfEquivalence(of: lab)).difference - truth) <= 1e-9, "\(lab)")
        }
        #expect(try #require(evaluation.fit).chiSquared <= 1e-12)
        // The pilot defines the reference value: its DoE is exactly 0 with no uncertainty.
        #expect(try #require(evaluation.degreeOfEquivalence(of: "PTB")).expandedUncertainty <= 1e-12)
    }

    @Test func perPointBiasesGiveOneSetOfDegreesOfEquivalencePerPoint() throws {
        let model = try ComparisonModel(
            contentsOf: ComparisonModelCrossCheckTests.directory.appendingPathComponent(
                "drift-multipoint.comparison-model.json"))
        let evaluation = try model.evaluate()
        #expect(evaluation.degreesOfEquivalence.map(\.point) == ["1 kHz", "10 kHz", "100 kHz"])
        for group in evaluation.degreesOfEquivalence {
            #expect(group.unilateral.count == 5)
            #expect(group.pairwise.count == 10)
            // Σ a_l d_l = 0 by the constraint, so cov(d) is singular: its determinant vanishes and the
            // DoE of one point are correlated.
            #expect(group.covariance.rows == 5)
        }
    }
}
