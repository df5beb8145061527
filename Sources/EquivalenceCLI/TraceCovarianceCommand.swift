import ArgumentParser
import Foundation
import Reporting
import Traceability

/// `equivalence trace covariance GRAPH ID… [--format text|json]`
struct TraceCovarianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covariance",
        abstract: "The covariance of results from the links their chains share.",
        discussion: """
            u(y_a, y_b) = Σ over shared links of c_a·c_b·δ² (GUM 5.2.4 and F.1.2.3), in the unit of the \
            first result. Each ID is a calibration id, or id#point.
            """
    )

    @Argument(help: "The traceability graph (*.traceability.json).")
    var graph: String

    @Argument(help: "The results (calibration ids, or id#point).")
    var results: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        try format.require([.text, .json], by: "trace covariance")
        guard !results.isEmpty else { throw ValidationError("name at least one result") }
    }

    func run() throws {
        let graph = try readGraph(self.graph)
        do {
            let report = CovarianceReport(try SharedTraceabilityCovariance(of: results, in: graph))
            switch format {
            case .text: emit(report.text())
            case .json, .csv: emit(try report.json())
            }
        } catch {
            throw fail(self.graph, error)
        }
    }
}
