import ArgumentParser
import Foundation
import Traceability

/// `equivalence trace …`: check traceability graphs, show chain budgets, compute the covariance
/// of results that share traceability, export the graph.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Build and check metrological traceability chains (*.traceability.json).",
        discussion: """
            GRAPH is a traceability graph in JSON (anchors, organizations, cmcs, items, calibrations, \
            comparisons); see Schemas/traceability.schema.json and the Traceability documentation.
            """,
        subcommands: [
            TraceCheckCommand.self, TraceChainCommand.self, TraceCovarianceCommand.self, TraceExportCommand.self,
            TraceImportCommand.self,
        ]
    )
}

/// Reads a graph file; errors go to standard error naming the file.
func readGraph(_ path: String) throws -> TraceabilityGraph {
    do {
        return try TraceabilityGraph(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw fail(path, error)
    }
}

/// Parses `--at`.
func evaluationDate(_ text: String?) throws -> CalendarDate? {
    guard let text else { return nil }
    guard let date = CalendarDate(iso8601: text) else {
        throw ValidationError("--at expects an ISO 8601 date such as 2025-03-01, found '\(text)'")
    }
    return date
}
