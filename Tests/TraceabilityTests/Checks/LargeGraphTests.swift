import Foundation
import Testing

@testable import Traceability

/// Issue 5 acceptance: a large valid graph raises no finding; the same graph with one defect
/// raises exactly that one; the JSON round trip scales.
@Suite("Large graphs")
struct LargeGraphTests {
    static let size = 20_000

    @Test func aLargeValidGraphRaisesNoFinding() throws {
        let document = SyntheticGraph.document(calibrations: Self.size)
        #expect(document.calibrations.count == Self.size)
        let graph = try TraceabilityGraph(document)
        let assessment = TraceabilityChecker().check(graph)
        #expect(assessment.findings.isEmpty, "\(assessment.findings.prefix(3).map(\.message))")
        #expect(assessment.verdict == .valid)
        #expect(
            assessment.summary.references == 2 * Self.size
                - SyntheticGraph.levelSizes(calibrations: Self.size, depth: 8)[0])
    }

    @Test func oneDefectInALargeGraphIsFoundOnce() throws {
        var document = SyntheticGraph.document(calibrations: Self.size)
        // A deep link refers to itself: a cycle of one certificate.
        let last = document.calibrations.count - 1
        let id = document.calibrations[last].id
        document.calibrations[last].points[0].references.append(.init(.calibration(id), sensitivity: 0.1))
        let assessment = TraceabilityChecker().check(try TraceabilityGraph(document))
        #expect(assessment.codes == [.circularTraceability], "\(assessment.findings.prefix(3).map(\.message))")
        #expect(assessment.findings.count == 1 && assessment.findings.first?.nodes == [id])
    }

    @Test func aDeepChainDoesNotOverflowTheStack() throws {
        // 100 000 certificates in one line: Tarjan, the budget and the paths are iterative.
        let n = 100_000
        let start = CalendarDate(daysSinceEpoch: 0)
        var calibrations: [Calibration] = []
        calibrations.reserveCapacity(n)
        for i in 0..<n {
            let reference: CalibrationReference = i == 0 ? .init(.anchor("A")) : .init(.calibration("c\(i - 1)"))
            calibrations.append(
                Calibration(
                    id: "c\(i)", issuer: "L", item: "i\(i)", date: start,
                    recalibrationInterval: RecalibrationInterval(),
                    quantity: "mass", unit: "kg",
                    points: [
                        .init(
                            value: 1, uncertainty: .standard(1e-6 * Double(i + 2).squareRoot()), references: [reference]
                        )
                    ]))
        }
        let document = TraceabilityDocument(
            anchors: [
                Anchor(
                    id: "A", kind: .siRealization, quantity: "mass", unit: "kg", holder: "L",
                    uncertainty: .standard(1e-6))
            ],
            organizations: [Organization(id: "L", kind: .nationalMetrologyInstitute)],
            cmcs: [
                CalibrationMeasurementCapability(
                    id: "L-mass", organization: "L", quantity: "mass", unit: "kg",
                    range: MeasurementRange(lower: 0, upper: 10), uncertainty: CMCUncertainty(absolute: 1e-9),
                    coverageFactor: 2, status: [.init(.published, from: start)])
            ],
            items: [], calibrations: calibrations)
        let graph = try TraceabilityGraph(document)
        let findings = TraceabilityChecker().check(graph).findings
        #expect(findings.isEmpty, "\(findings.count) findings, first: \(findings.first?.message ?? "")")
        let paths = ChainBudget.paths(of: n - 1, in: graph, limit: 1)
        #expect(paths.paths.first?.links.count == n + 1)
    }

    @Test func jsonRoundTripOfALargeGraph() throws {
        let document = SyntheticGraph.document(calibrations: 5_000)
        let data = try document.jsonData()
        #expect(try TraceabilityDocument(jsonData: data) == document)
    }
}
