import Foundation
import Traceability

/// Renders a ``SharedTraceabilityCovariance`` (`equivalence trace covariance`) as text (the
/// covariance and correlation matrices) or JSON (`results`, `unit`, `values`,
/// `standardUncertainties`, `covariance` and `correlation` as row arrays).
public struct CovarianceReport: Sendable {
    public var covariance: SharedTraceabilityCovariance

    public init(_ covariance: SharedTraceabilityCovariance) { self.covariance = covariance }

    private struct Document: Encodable {
        var results: [String]
        var unit: String
        var values: [Double]
        var standardUncertainties: [Double]
        var covariance: [[Double]]
        var correlation: [[Double]]
    }

    public func text() -> String {
        let v = covariance
        let n = v.results.count
        func matrix(_ title: String, _ entry: (Int, Int) -> Double, digits: Int) -> String {
            var table = TextTable(columns: [.init("")] + v.results.map { .init($0, alignment: .right) })
            for a in 0..<n {
                table.append(
                    [v.results[a]] + (0..<n).map { NumberFormatting.significant(entry(a, $0), digits: digits) })
            }
            return title + "\n" + table.rendered()
        }
        var lines = ["Covariance from shared traceability (GUM 5.2.4, F.1.2.3), unit \(v.unit)"]
        lines.append("")
        var results = TextTable(columns: [
            .init("Result"), .init("Value", alignment: .right), .init("u", alignment: .right),
        ])
        for a in 0..<n {
            results.append([
                v.results[a], NumberFormatting.significant(v.values[a], digits: 12),
                NumberFormatting.significant(v.standardUncertainties[a], digits: 4),
            ])
        }
        lines.append(results.rendered())
        lines.append("")
        lines.append(matrix("Covariance u(y_a, y_b) / (\(v.unit))²", { v.covariance[$0, $1] }, digits: 4))
        lines.append("")
        let r = v.correlation
        lines.append(matrix("Correlation r(y_a, y_b)", { r[$0, $1] }, digits: 4))
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> String {
        let v = covariance
        let r = v.correlation
        let n = v.results.count
        return try JSONOutput.string(
            Document(
                results: v.results, unit: v.unit, values: v.values, standardUncertainties: v.standardUncertainties,
                covariance: (0..<n).map { a in (0..<n).map { v.covariance[a, $0] } },
                correlation: (0..<n).map { a in (0..<n).map { r[a, $0] } }))
    }
}
