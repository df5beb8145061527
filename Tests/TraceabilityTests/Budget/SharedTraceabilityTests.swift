import Foundation
import KeyComparison
import Numerics
import Testing

@testable import Traceability

/// Issue 5 acceptance: a three-lab comparison in which two labs share a reference standard. The
/// covariance must equal the shared variance, and the GLS KCRV and DoE must match an independent
/// computation with numpy:
///
///     x = [0.052, 0.047, 0.060]; u = [0.030, 0.025, 0.040]
///     V = diag(u**2); V[0,1] = V[1,0] = 0.02**2
///     w = solve(V, 1) / sum(solve(V, 1))          # [0.2304, 0.512, 0.2576]
///     y = w @ x                                    # 0.05150079999999999
///     u_y = (1 / sum(solve(V, 1)))**0.5            # 0.020301724064719234
///     A = eye(3) - outer(1, w); C = A @ V @ A.T
///     d = x - y                                    # [0.00049920000000001, -0.00450079999999999, 0.00849920000000001]
///     U_d = 2 * sqrt(diag(C))                      # [0.04417420061529127, 0.02917807395973902, 0.06893010953132164]
///
/// (numpy 2.x, float64). Tolerance 1e-12 relative: the same algebra in double precision, through a
/// Cholesky factorization here and LU in numpy; the g → mg conversions are exact decades.
@Suite("Shared traceability")
struct SharedTraceabilityTests {
    let graph: TraceabilityGraph

    init() throws { graph = try TraceabilityGraph(SharedStandardGraph.document()) }

    @Test func theGraphIsAValidChain() {
        let assessment = TraceabilityChecker().check(graph)
        // The three comparison laboratories are plain laboratories (route 3): warnings only.
        #expect(assessment.codes == [.routeNotRecognised])
        #expect(!assessment.findings.contains { $0.severity == .error })
    }

    @Test func covarianceIsTheSharedVariance() throws {
        let v = try SharedTraceabilityCovariance(of: ["lab1-k", "lab2-k", "lab3-k"], in: graph)
        #expect(v.unit == "mg")
        // u(S) = 2e-5 g = 0.02 mg: the whole ancestry of S (anchor + the calibration of S) is shared.
        #expect(v.covariance[0, 1].isApproximatelyEqual(to: 0.02 * 0.02, relativeTolerance: 1e-12))
        #expect(v.covariance[1, 0] == v.covariance[0, 1])
        // Independent chains (different NMIs and anchors): no covariance at all.
        #expect(v.covariance[0, 2] == 0 && v.covariance[1, 2] == 0)
        #expect(v.covariance[0, 0] == 0.030 * 0.030 && v.covariance[2, 2] == 0.040 * 0.040)
        // r = 0.0004 / (0.030 × 0.025) = 0.5333…
        #expect(v.correlation[0, 1].isApproximatelyEqual(to: 0.0004 / 0.00075, relativeTolerance: 1e-12))
    }

    @Test func glsReferenceValueAndDegreesOfEquivalenceMatchNumpy() throws {
        let comparison = try Comparison(
            identifier: "K-shared", unit: "mg",
            results: [
                LaboratoryResult(laboratory: "Lab1", value: 0.052, standardUncertainty: 0.030),
                LaboratoryResult(laboratory: "Lab2", value: 0.047, standardUncertainty: 0.025),
                LaboratoryResult(laboratory: "Lab3", value: 0.060, standardUncertainty: 0.040),
            ])
        let correlated = try comparison.correlated(through: graph)
        #expect(correlated.isCorrelated)
        let evaluation = try WeightedMean().evaluate(correlated)
        let tolerance = 1e-12
        #expect(
            evaluation.referenceValue.value.isApproximatelyEqual(to: 0.05150079999999999, relativeTolerance: tolerance))
        #expect(
            evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: 0.020301724064719234, relativeTolerance: tolerance))
        let expectedD = [0.00049920000000001, -0.00450079999999999, 0.00849920000000001]
        let expectedU = [0.04417420061529127, 0.02917807395973902, 0.06893010953132164]
        for (i, doe) in evaluation.degreesOfEquivalence.enumerated() {
            // d is a difference of numbers near 0.05: compare it to 1e-12 of U(d).
            #expect(abs(doe.difference - expectedD[i]) <= tolerance * expectedU[i], "d of \(doe.laboratory)")
            #expect(doe.expandedUncertainty.isApproximatelyEqual(to: expectedU[i], relativeTolerance: tolerance))
        }
        // Without the shared standard the KCRV would be 0.0511007 ± 0.0173133 (numpy, independent).
        let independent = try WeightedMean().evaluate(comparison)
        #expect(independent.referenceValue.value.isApproximatelyEqual(to: 0.0511007493755204, relativeTolerance: 1e-12))
    }

    @Test func comparisonErrorsNameWhatIsMissing() throws {
        let results = [
            LaboratoryResult(laboratory: "Lab1", value: 0.052, standardUncertainty: 0.030),
            LaboratoryResult(laboratory: "Lab9", value: 0.047, standardUncertainty: 0.025),
        ]
        let unmapped = try Comparison(identifier: "K-shared", unit: "mg", results: results)
        #expect(throws: TraceabilityError.unmappedLaboratory(comparison: "K-shared", laboratory: "Lab9")) {
            try unmapped.correlated(through: graph)
        }
        let unknown = try Comparison(identifier: "K-other", unit: "mg", results: results)
        #expect(throws: TraceabilityError.unknownComparison("K-other", known: ["K-shared"])) {
            try unknown.correlated(through: graph)
        }
        let mismatch = try Comparison(
            identifier: "K-shared", unit: "mg",
            results: [
                LaboratoryResult(laboratory: "Lab1", value: 0.052, standardUncertainty: 0.035),
                LaboratoryResult(laboratory: "Lab2", value: 0.047, standardUncertainty: 0.025),
            ])
        #expect(throws: TraceabilityError.uncertaintyMismatch(laboratory: "Lab1", comparison: 0.035, graph: 0.030)) {
            try mismatch.correlated(through: graph)
        }
        // The same comparison stated in µg: the covariance is converted (×10⁶).
        let micrograms = try Comparison(
            identifier: "K-shared", unit: "µg",
            results: [
                LaboratoryResult(laboratory: "Lab1", value: 52, standardUncertainty: 30),
                LaboratoryResult(laboratory: "Lab2", value: 47, standardUncertainty: 25),
            ])
        let converted = try micrograms.correlated(through: graph)
        #expect(converted.covariance(0, 1).isApproximatelyEqual(to: 400, relativeTolerance: 1e-12))
    }

    @Test func budgetSharesAddUpAlongTheChain() throws {
        let budget = try ChainBudget(of: "lab1-k", in: graph)
        #expect(budget.unit == "mg" && budget.standardUncertainty == 0.030 && budget.isComplete)
        #expect(budget.paths.count == 1 && budget.paths[0].anchor == "SI-kg-1")
        #expect(budget.paths[0].links.map(\.node) == ["SI-kg-1", "cal-S", "lab1-k"])
        // Shares: anchor 0.005²/0.03², cal-S (0.02² − 0.005²)/0.03², lab1-k (0.03² − 0.02²)/0.03².
        let shares = Dictionary(uniqueKeysWithValues: budget.contributions.map { ($0.node, $0.share) })
        let expected = ["SI-kg-1": 0.025 / 0.9, "cal-S": 0.375 / 0.9, "lab1-k": 0.5 / 0.9]
        for (node, share) in expected {
            #expect(try #require(shares[node]).isApproximatelyEqual(to: share, relativeTolerance: 1e-10), "\(node)")
        }
        #expect(budget.contributions.map(\.share).reduce(0, +).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        let link = budget.paths[0].links[1]
        #expect(try #require(link.inheritedUncertainty).isApproximatelyEqual(to: 5e-6, relativeTolerance: 1e-12))
        #expect(
            try #require(link.addedUncertainty).isApproximatelyEqual(
                to: (4e-10 - 2.5e-11).squareRoot(), relativeTolerance: 1e-10))
        // cal-S: 2025-01-15 + P1Y; lab1-k itself has no expiry.
        #expect(budget.validUntil == SharedStandardGraph.date("2026-01-15"))
    }

    /// GUM 5.2.2 Note 1: ten resistors R_i, each calibrated against the same standard R_s with
    /// u(R_s) = 100 mΩ and a negligible comparison uncertainty, connected in series:
    /// u_c(R_ref) = Σ u(R_i) = 10 × 100 mΩ = 1 Ω (r = +1), not √10 × 100 mΩ = 0.32 Ω.
    @Test func correlatedBranchesAddLinearlyAsInGUM522() throws {
        var calibrations = (1...10).map { i in
            Calibration(
                id: "R\(i)", issuer: "NMI", item: "resistor \(i)", date: SharedStandardGraph.date("2024-01-01"),
                validUntil: SharedStandardGraph.date("2025-01-01"), quantity: "resistance", unit: "Ω",
                points: [.init(value: 1000, uncertainty: .standard(0.1), references: [.init(.anchor("R_s"))])])
        }
        calibrations.append(
            Calibration(
                id: "R_ref", issuer: "NMI", item: "series", date: SharedStandardGraph.date("2024-02-01"),
                quantity: "resistance", unit: "Ω",
                points: [
                    .init(
                        value: 10_000, uncertainty: .standard(1.0),
                        references: (1...10).map { .init(.calibration("R\($0)")) })
                ]))
        let document = TraceabilityDocument(
            anchors: [
                Anchor(
                    id: "R_s", kind: .siRealization, quantity: "resistance", unit: "Ω", holder: "NMI", value: 1000,
                    uncertainty: .standard(0.1))
            ],
            organizations: [Organization(id: "NMI", kind: .nationalMetrologyInstitute)],
            items: (1...10).map { Item(id: "resistor \($0)", holder: "NMI") } + [Item(id: "series", holder: "NMI")],
            calibrations: calibrations)
        let graph = try TraceabilityGraph(document)
        let budget = try ChainBudget(of: "R_ref", in: graph)
        let top = try #require(budget.paths.first?.links.last)
        #expect(try #require(top.inheritedUncertainty).isApproximatelyEqual(to: 1.0, relativeTolerance: 1e-12))
        #expect(try #require(top.addedUncertainty) < 1e-6)
        #expect(budget.paths.count == 10)
        // All of u²(R_ref) comes from R_s through c = 10.
        let anchor = try #require(budget.contributions.first)
        #expect(anchor.node == "R_s" && anchor.sensitivity == 10)
        #expect(anchor.share.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        // Two of the resistors are fully correlated: r = +1.
        let v = try SharedTraceabilityCovariance(of: ["R1", "R2"], in: graph)
        #expect(v.correlation[0, 1].isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
    }

    @Test func budgetAndCovarianceRefuseACycle() throws {
        var document = SharedStandardGraph.document()
        document.calibrations[0].points[0].references = [.init(.calibration("lab1-k"))]
        let cyclic = try TraceabilityGraph(document)
        #expect(throws: TraceabilityError.circularTraceability(nodes: ["lab1-k", "cal-S", "lab1-k"])) {
            try ChainBudget(of: "lab1-k", in: cyclic)
        }
        var decreasing = SharedStandardGraph.document()
        decreasing.calibrations[2].points[0].uncertainty = .standard(0.01)
        #expect(throws: TraceabilityError.self) {
            try SharedTraceabilityCovariance(of: ["lab1-k", "lab2-k"], in: TraceabilityGraph(decreasing))
        }
    }
}
