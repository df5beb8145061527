import Foundation
import Reporting
import Testing
import Traceability

@Suite("Traceability reports")
struct TraceabilityReportTests {
    static func graph() throws -> TraceabilityGraph {
        let date = { (text: String) in CalendarDate(iso8601: text) ?? CalendarDate(daysSinceEpoch: 0) }
        return try TraceabilityGraph(
            TraceabilityDocument(
                anchors: [
                    Anchor(
                        id: "A", kind: .siRealization, quantity: "length", unit: "m", holder: "NMI",
                        uncertainty: .standard(1e-9))
                ],
                organizations: [Organization(id: "NMI", kind: .nationalMetrologyInstitute)],
                items: [Item(id: "gauge", holder: "NMI")],
                calibrations: [
                    Calibration(
                        id: "c1", issuer: "NMI", item: "gauge", date: date("2025-01-01"), quantity: "length",
                        unit: "mm",
                        points: [
                            .init(
                                value: 100, uncertainty: .expanded(2e-5, coverageFactor: 2),
                                references: [.init(.anchor("A"))])
                        ]),
                    Calibration(
                        id: "c2", issuer: "NMI", item: "gauge", date: date("2025-02-01"), quantity: "length",
                        unit: "mm",
                        points: [
                            .init(value: 100, uncertainty: .standard(5e-6), references: [.init(.calibration("c1"))])
                        ]),
                ]))
    }

    @Test func textListsVerdictCountsFindingsAndRules() throws {
        let assessment = TraceabilityChecker().check(try Self.graph())
        let text = TraceabilityReport(assessment, title: "g.json").text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Traceability of g.json — verdict: INVALID")
        #expect(lines[1] == "2 calibrations (2 points, 2 references), 1 anchors, 1 organizations, 0 CMCs; 1 results")
        #expect(lines[2] == "Findings: 1 errors, 1 warnings, 0 infos")
        // c2 (u = 5e-6 mm) uses c1 (u = 1e-5 mm): uncertainty decreases; c1 has no interval.
        #expect(text.contains("error     UNCERTAINTY_DECREASES      c2, c1"))
        #expect(text.contains("warning   NO_RECALIBRATION_INTERVAL  c1"))
        #expect(text.contains("  UNCERTAINTY_DECREASES: T07: VIM 2.40 Note 1"))
    }

    @Test func jsonHasTheFieldsOfDesign() throws {
        let assessment = TraceabilityChecker(includesChains: true).check(try Self.graph())
        let json = try TraceabilityReport(assessment, title: "g").json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["verdict", "findings", "chains", "summary"])
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["code", "severity", "nodes", "message", "rule", "values"])
        let values = try #require(finding["values"] as? [String: Double])
        #expect(values["standardUncertainty"] == 5e-6 && values["inheritedUncertainty"] == 1e-5)
        let chain = try #require((object["chains"] as? [[String: Any]])?.first)
        #expect(chain["result"] as? String == "c2" && chain["anchor"] as? String == "A")
        #expect(chain["standardUncertainty"] as? Double == 5e-6)
    }

    @Test func chainBudgetTextShowsEveryLink() throws {
        let graph = try Self.graph()
        let budget = try ChainBudget(of: "c1", in: graph)
        let text = ChainBudgetReport(budget, findings: TraceabilityChecker().check(graph).findings).text()
        #expect(text.hasPrefix("Chain budget of c1: 100 mm, u = 1e-05 mm"))
        #expect(text.contains("Path 1 to anchor A"))
        // The anchor: 1e-9 m = 1e-6 mm, a share of (1e-6/1e-5)² = 1 %.
        #expect(text.contains("A     anchor       1000"))
        #expect(text.contains("1.0 %"))
        // c1 is at fault for its missing interval; the decrease is c2's fault, not shown on c1.
        #expect(text.contains("99.0 %  NO_RECALIBRATION_INTERVAL\n"))
    }

    /// A finding's `values` are written with sorted keys: a dictionary's own order changes from
    /// process to process, and a report must not.
    @Test func findingValuesAreWrittenInSortedOrder() throws {
        let finding = Finding(
            code: .uncertaintyDecreases, nodes: ["c1"], message: "m",
            values: ["standardUncertainty": 1, "inheritedUncertainty": 2, "addedVariance": 3, "ratio": 4])
        let text = try JSONOutput.compactString(finding)
        #expect(
            text.hasSuffix(
                #""values":{"addedVariance":3.0,"inheritedUncertainty":2.0,"ratio":4.0,"standardUncertainty":1.0}}"#))
    }
}
