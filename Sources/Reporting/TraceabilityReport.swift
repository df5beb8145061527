import Foundation
import Traceability

/// Renders a ``TraceabilityAssessment`` (`equivalence trace check`) as text or as the report
/// JSON (`verdict`, `findings`, `chains`, `summary`; ARCHITECTURE.md, "File formats").
public struct TraceabilityReport: Sendable {
    public var assessment: TraceabilityAssessment
    /// The graph's name in the heading (usually the file name).
    public var title: String

    public init(_ assessment: TraceabilityAssessment, title: String) {
        self.assessment = assessment
        self.title = title
    }

    /// The verdict, the counts, and one line per finding (severity, code, nodes, message).
    public func text() -> String {
        let a = assessment
        let s = a.summary
        var lines = ["Traceability of \(title) — verdict: \(a.verdict.rawValue.uppercased())"]
        if let date = a.evaluatedAt { lines.append("Results judged at \(date)") }
        lines.append(
            "\(s.calibrations) calibrations (\(s.points) points, \(s.references) references), \(s.anchors) anchors, \(s.organizations) organizations, \(s.cmcs) CMCs; \(s.results) results"
        )
        lines.append("Findings: \(s.errors) errors, \(s.warnings) warnings, \(s.infos) infos")
        if !a.findings.isEmpty {
            lines.append("")
            var table = TextTable(columns: [.init("Severity"), .init("Code"), .init("Nodes"), .init("Message")])
            for finding in a.findings {
                table.append([
                    finding.severity.rawValue, finding.code.rawValue, finding.nodes.joined(separator: ", "),
                    finding.message,
                ])
            }
            lines.append(table.rendered())
            let rules = Dictionary(grouping: a.findings, by: \.code).keys.sorted { $0.rawValue < $1.rawValue }
            lines.append("")
            lines.append("Rules:")
            for code in rules { lines.append("  \(code.rawValue): \(code.rule)") }
        }
        if let chains = a.chains {
            lines.append("")
            lines.append("\(chains.count) chains (paths from a result to an anchor); see --format json for the links")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report JSON, keys sorted.
    ///
    /// - Throws: `EncodingError` (cannot happen: findings hold finite numbers only).
    public func json() throws -> String { try JSONOutput.string(assessment) }
}
