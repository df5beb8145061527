import Foundation
import Traceability

/// Renders a ``ChainBudget`` (`equivalence trace chain`) as text — every path with, per link,
/// the inherited and added uncertainty and its share of u²(result) (reference note §4.3), then the
/// contributions of the whole ancestry — or as JSON.
public struct ChainBudgetReport: Sendable {
    public var budget: ChainBudget
    /// Finding codes by the node at fault (the first a finding names), shown in the last column.
    public var codes: [String: [FindingCode]]

    public init(_ budget: ChainBudget, findings: [Finding] = []) {
        self.budget = budget
        var codes: [String: [FindingCode]] = [:]
        // A finding is shown on the node at fault: the first it names.
        for finding in findings {
            guard let node = finding.nodes.first, !(codes[node]?.contains(finding.code) ?? false) else { continue }
            codes[node, default: []].append(finding.code)
        }
        self.codes = codes
    }

    public func text() -> String {
        let b = budget
        func g(_ x: Double?) -> String { x.map { NumberFormatting.significant($0, digits: 4) } ?? "" }
        func value(_ x: Double?) -> String { x.map { NumberFormatting.significant($0, digits: 12) } ?? "" }
        func percent(_ x: Double?) -> String { x.map { NumberFormatting.fixed(100 * $0, decimals: 1) + " %" } ?? "" }
        var lines = [
            "Chain budget of \(b.result): \(value(b.value)) \(b.unit), u = \(g(b.standardUncertainty)) \(b.unit)"
                + (b.validUntil.map { ", chain valid until \($0)" } ?? "")
        ]
        if !b.isComplete {
            lines.append(
                "Incomplete: a reference in the ancestry does not resolve; its variance is inside δ² of its user.")
        }
        for (n, path) in b.paths.enumerated() {
            lines.append("")
            let ending = path.anchor.map { "anchor \($0)" } ?? "no anchor (broken chain)"
            lines.append(
                "Path \(n + 1) to \(ending)" + (path.validUntil.map { ", valid until \($0)" } ?? ""))
            var table = TextTable(columns: [
                .init("Step", alignment: .right), .init("Node"), .init("Organization"), .init("Date"),
                .init("Value", alignment: .right), .init("Unit"), .init("U", alignment: .right),
                .init("k", alignment: .right), .init("u", alignment: .right), .init("Inherited u", alignment: .right),
                .init("Added δ", alignment: .right), .init("Share", alignment: .right), .init("Findings"),
            ])
            for (step, link) in path.links.enumerated() {
                table.append([
                    String(step), link.node, link.organization ?? "", link.date?.description ?? "", value(link.value),
                    link.unit, g(link.expandedUncertainty), g(link.coverageFactor), g(link.standardUncertainty),
                    g(link.inheritedUncertainty), g(link.addedUncertainty), percent(link.share),
                    (codes[link.node] ?? codes[String(link.node.split(separator: "#").first ?? "")] ?? [])
                        .map(\.rawValue).joined(separator: " "),
                ])
            }
            lines.append(table.rendered())
        }
        if b.pathsTruncated { lines.append("(more paths not listed)") }
        lines.append("")
        lines.append(
            "Contributions to u²(\(b.result)) = \(g(b.standardUncertainty * b.standardUncertainty)) \(b.unit)²")
        var table = TextTable(columns: [
            .init("Node"), .init("Kind"), .init("c", alignment: .right), .init("δ²", alignment: .right),
            .init("c²·δ²", alignment: .right), .init("Share", alignment: .right),
        ])
        for c in b.contributions {
            table.append([
                c.node, c.kind.rawValue, g(c.sensitivity), g(c.addedVariance), g(c.variance), percent(c.share),
            ])
        }
        lines.append(table.rendered())
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> String { try JSONOutput.string(budget) }
}
