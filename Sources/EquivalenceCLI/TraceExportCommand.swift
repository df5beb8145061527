import ArgumentParser
import Foundation
import Traceability

/// `equivalence trace export GRAPH --format dot|graphml [--at DATE] [--chain-only]`
struct TraceExportCommand: ParsableCommand {
    /// The export formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, graphml
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the graph as Graphviz DOT or GraphML, findings in colour.",
        discussion: """
            DOT: the SI at the top (rankdir=BT), red for errors, orange for warnings; render with \
            `dot -Tsvg`. GraphML: readable by yEd, Gephi and networkx.
            """
    )

    @Argument(help: "The traceability graph (*.traceability.json).")
    var graph: String

    @Option(help: "Output format: dot or graphml.")
    var format: Format

    @Option(help: "Colour the findings of a check at this date (ISO 8601).")
    var at: String?

    @Flag(help: "Draw only anchors, calibrations and comparisons (no organizations or CMCs).")
    var chainOnly = false

    func run() throws {
        let graph = try readGraph(self.graph)
        let findings = TraceabilityChecker(at: try evaluationDate(at)).check(graph).findings
        switch format {
        case .dot: emit(DOTExport(graph, findings: findings, includesCatalog: !chainOnly).text)
        case .graphml: emit(GraphMLExport(graph, findings: findings, includesCatalog: !chainOnly).text)
        }
    }
}
