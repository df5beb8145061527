import Foundation
import KeyComparison
import Numerics
import Testing

/// The three linking formulations against each other, and the linking correlation's effect.
@Suite("Linked comparisons")
struct LinkedComparisonTests {
    static let models = ComparisonModelCrossCheckTests.directory

    static func linked(_ rmo: [String], correlations: [LaboratoryID: Double] = [:], linking: [LaboratoryID]? = nil)
        throws -> LinkedComparison
    {
        try LinkedComparison(
            reference: try Fixtures.comparison("CCL-K1.comparison.json"),
            regional: try rmo.map { try Comparison(contentsOf: models.appendingPathComponent($0)) }, linking: linking,
            linkingCorrelations: correlations)
    }

    /// The RMO-only laboratories' DoE of a model evaluation, by name.
    static func regionalDegrees(_ evaluation: ComparisonModelEvaluation, except cipm: Comparison) -> [LaboratoryID:
        DegreeOfEquivalence]
    {
        var result: [LaboratoryID: DegreeOfEquivalence] = [:]
        for d in evaluation.degreesOfEquivalence.flatMap(\.unilateral) where cipm.index(of: d.laboratory) == nil {
            result[d.laboratory] = d
        }
        return result
    }

    @Test func withOneLinkingLaboratoryTheCorrectionTheInvariantAndSuttonsGLSAgree() throws {
        // One linking laboratory makes Sutton's joint model saturated: the three routes are the same
        // linear estimator, so they agree to rounding (1e-12 relative on U, 1e-12·U on d).
        let linked = try Self.linked(["rmo-b.comparison.json"], correlations: ["KRISS": 0.6])
        let correction = try linked.linkingCorrection()
        let invariant = Self.regionalDegrees(try linked.invariantModel().evaluate(), except: linked.reference)
        let joint = Self.regionalDegrees(try linked.jointModel().evaluate(), except: linked.reference)
        let regional = try #require(correction.degreesOfEquivalence.last).unilateral
        #expect(regional.map(\.laboratory) == ["NMIA", "NIMT", "SCL", "KIM-LIPI"])
        for d in regional {
            for other in [try #require(invariant[d.laboratory]), try #require(joint[d.laboratory])] {
                #expect(
                    other.expandedUncertainty.isApproximatelyEqual(to: d.expandedUncertainty, relativeTolerance: 1e-12))
                #expect(abs(other.difference - d.difference) <= 1e-12 * d.expandedUncertainty)
            }
        }
        // Sutton's KCRV is the CIPM weighted mean, unchanged by the RMO data.
        let kcrv = try WeightedMean().evaluate(linked.reference).referenceValue
        let jointKCRV = try #require(try linked.jointModel().evaluate().estimates.first)
        #expect(jointKCRV.value.isApproximatelyEqual(to: kcrv.value, relativeTolerance: 1e-12))
        #expect(correction.referenceValue.value == kcrv.value)
    }

    @Test func withSeveralLinkingLaboratoriesTheCorrectionEqualsTheInvariantModelOfEachRMO() throws {
        // For one RMO comparison the invariant model is the correction written as a GLS model: the
        // BLUE of the RMO level from the contrasts δ_l = x_l − D_l that eliminate the linking biases,
        // the same estimator, so 1e-12. Sutton's joint model re-estimates the linking laboratories'
        // biases from both comparisons, so its RMO DoE differ (within U): compared only for sanity.
        let correlations: [LaboratoryID: Double] = ["NPL": 0.5, "LNE": 0.3, "KRISS": 0.6]
        let linked = try Self.linked(["rmo-a.comparison.json", "rmo-b.comparison.json"], correlations: correlations)
        let correction = try linked.linkingCorrection()
        for rmo in ["rmo-a.comparison.json", "rmo-b.comparison.json"] {
            let single = try Self.linked([rmo], correlations: correlations)
            let invariant = Self.regionalDegrees(try single.invariantModel().evaluate(), except: linked.reference)
            let joint = Self.regionalDegrees(try single.jointModel().evaluate(), except: linked.reference)
            for (laboratory, other) in invariant {
                let d = try #require(correction.degreeOfEquivalence(of: laboratory))
                #expect(
                    other.expandedUncertainty.isApproximatelyEqual(to: d.expandedUncertainty, relativeTolerance: 1e-12))
                #expect(abs(other.difference - d.difference) <= 1e-12 * d.expandedUncertainty)
                let sutton = try #require(joint[laboratory])
                #expect(abs(sutton.difference - d.difference) < 0.5 * d.expandedUncertainty)
            }
        }
        // Both RMO comparisons in one invariant model: RMO-B is linked through KRISS alone, so its
        // level is just identified (one contrast, one unknown, zero residual) and carries no
        // information about RMO-A's level, however D_KRISS correlates with D_NPL and D_LNE through
        // the KCRV. The joint model therefore gives RMO-A's DoE unchanged, to rounding (1e-12).
        let together = Self.regionalDegrees(try linked.invariantModel().evaluate(), except: linked.reference)
        let vsl = try #require(together["VSL"])
        let alone = try #require(correction.degreeOfEquivalence(of: "VSL"))
        #expect(abs(vsl.difference - alone.difference) <= 1e-12 * alone.expandedUncertainty)
        #expect(vsl.expandedUncertainty.isApproximatelyEqual(to: alone.expandedUncertainty, relativeTolerance: 1e-12))
        // The CIPM participants keep their CIPM degrees of equivalence.
        let cipm = try WeightedMean().evaluate(linked.reference)
        for d in try #require(correction.degreesOfEquivalence.first).unilateral {
            let expected = try #require(cipm.degreeOfEquivalence(of: d.laboratory))
            #expect(
                d.expandedUncertainty.isApproximatelyEqual(to: expected.expandedUncertainty, relativeTolerance: 1e-12))
            #expect(abs(d.difference - expected.difference) <= 1e-12 * expected.expandedUncertainty)
        }
        #expect(correction.corrections.map(\.linkingLaboratories) == [["NPL", "LNE"], ["KRISS"]])
    }

    @Test func ignoringTheLinkingCorrelationOverstatesTheUncertainty() throws {
        // KRISS links RMO-B alone, with r = 0.6 between its CCL-K1 and RMO-B results. With one linking
        // laboratory u²(d_j) = u_j² + u_KRISS² + u²(D_KRISS) − 2 r u u (1 − a_KRISS): ignoring r = 0.6
        // overstates U(d) of NIMT from 36.77 nm to 42.25 nm (numpy, gls_numpy.py).
        let correlated = try Self.linked(["rmo-b.comparison.json"], correlations: ["KRISS": 0.6]).linkingCorrection()
        let ignored = try Self.linked(["rmo-b.comparison.json"]).linkingCorrection()
        let with = try #require(correlated.degreeOfEquivalence(of: "NIMT"))
        let without = try #require(ignored.degreeOfEquivalence(of: "NIMT"))
        #expect(with.difference == without.difference)
        #expect(with.expandedUncertainty.isApproximatelyEqual(to: 2 * 18.383717480958705, relativeTolerance: 1e-9))
        #expect(without.expandedUncertainty.isApproximatelyEqual(to: 2 * 21.12332023857676, relativeTolerance: 1e-9))
    }

    @Test func anRMOComparisonWithoutLinkingLaboratoryIsRefused() throws {
        #expect(throws: KeyComparisonError.self) {
            try Self.linked(["rmo-b.comparison.json"], linking: ["NPL"])
        }
        // The same as a model: the RMO artefact's value is not connected to the KCRV, and the error
        // names it.
        let readings = [
            ComparisonReading(laboratory: "PTB", comparison: "CIPM", value: 1.0, standardUncertainty: 0.1),
            ComparisonReading(laboratory: "NPL", comparison: "CIPM", value: 1.2, standardUncertainty: 0.1),
            ComparisonReading(laboratory: "CEM", comparison: "RMO", value: 1.1, standardUncertainty: 0.1),
        ]
        let model = try ComparisonModel(
            identifier: "unlinked", readings: readings, referenceValue: .weightedMean(comparison: "CIPM"))
        #expect(
            throws: KeyComparisonError.unidentifiableUnknown(
                "value of the travelling standard of RMO", involving: ["bias of CEM"])
        ) { try model.evaluate() }
    }
}
