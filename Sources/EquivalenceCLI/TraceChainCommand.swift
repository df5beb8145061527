import ArgumentParser
import Foundation
import Reporting
import Traceability

/// `equivalence trace chain GRAPH RESULT [--format text|json] [--max-paths N]`
struct TraceChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Show every path of a result to its anchors with its uncertainty budget.",
        discussion: """
            RESULT is a calibration id, or id#point for a point of a multi-point calibration. For each \
            link: the inherited and added uncertainty and its share of the result's variance, and the \
            validity of the chain.
            """
    )

    @Argument(help: "The traceability graph (*.traceability.json).")
    var graph: String

    @Argument(help: "The result: a calibration id, or id#point.")
    var result: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "At most this many paths.")
    var maxPaths: Int = 256

    func validate() throws {
        try format.require([.text, .json], by: "trace chain")
        guard maxPaths > 0 else { throw ValidationError("--max-paths must be positive") }
    }

    func run() throws {
        let graph = try readGraph(self.graph)
        do {
            let budget = try ChainBudget(of: result, in: graph, maximumPaths: maxPaths)
            let report = ChainBudgetReport(budget, findings: TraceabilityChecker().check(graph).findings)
            switch format {
            case .text: emit(report.text())
            case .json, .csv: emit(try report.json())
            }
        } catch {
            throw fail(self.graph, error)
        }
    }
}
