import ArgumentParser
import Foundation
import Reporting
import Traceability

/// `equivalence trace check GRAPH [--at DATE] [--format text|json] [--[no-]chains] [--max-paths N]`
struct TraceCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every chain of a traceability graph against rules T01–T10.",
        discussion: """
            Prints the verdict (valid, invalid, incomplete) and the findings, each with a stable code, \
            the nodes, the measured numbers and the rule's source. Exit status: 0 valid, 2 invalid, \
            3 incomplete, 1 when the graph cannot be read.
            """
    )

    @Argument(help: "The traceability graph (*.traceability.json).")
    var graph: String

    @Option(help: "Judge the results' validity on this date (ISO 8601, e.g. 2025-03-01).")
    var at: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(
        inversion: .prefixedNo,
        help:
            "List the chains (every path of every result, with its budget) in the JSON report (default: when the graph has at most 1000 results)."
    )
    var chains: Bool?

    @Option(help: "At most this many paths per result in the JSON chains.")
    var maxPaths: Int = 16

    func validate() throws {
        try format.require([.text, .json], by: "trace check")
        guard maxPaths > 0 else { throw ValidationError("--max-paths must be positive") }
    }

    func run() throws {
        let graph = try readGraph(self.graph)
        let listsChains = chains ?? (graph.resultIdentifiers.count <= 1000)
        let checker = TraceabilityChecker(
            at: try evaluationDate(at), includesChains: format == .json && listsChains, maximumPathsPerResult: maxPaths)
        let assessment = checker.check(graph)
        let report = TraceabilityReport(assessment, title: URL(fileURLWithPath: self.graph).lastPathComponent)
        do {
            switch format {
            case .text: emit(report.text())
            case .json, .csv: emit(try report.json())
            }
        } catch {
            throw fail(self.graph, error)
        }
        switch assessment.verdict {
        case .valid: break
        case .invalid: throw ExitCode(2)
        case .incomplete: throw ExitCode(3)
        }
    }
}
