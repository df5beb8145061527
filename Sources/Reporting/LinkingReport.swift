internal import EquivalenceSupport
import Foundation
import KeyComparison

/// Renders a ``KeyComparison/LinkingEvaluation`` (RMO comparisons linked to a CIPM comparison) as
/// text, CSV or the JSON document.
public struct LinkingReport: Sendable {
    /// The evaluation to render.
    public var evaluation: LinkingEvaluation
    /// Whether the text report lists the bilateral degrees of equivalence.
    public var showsPairwise: Bool

    public init(_ evaluation: LinkingEvaluation, showsPairwise: Bool = false) {
        self.evaluation = evaluation
        self.showsPairwise = showsPairwise
    }

    /// The text report: the CIPM KCRV, each linking correction with its linking laboratories and
    /// weights, and the degrees of equivalence of every laboratory against the KCRV.
    public func text() -> String {
        let e = evaluation
        let unit = e.unit.map { $0 == "1" ? "" : " \($0)" } ?? ""
        let all = e.degreesOfEquivalence.flatMap(\.unilateral)
        let places = NumberFormatting.decimals(
            forUncertainty: Swift.min(
                all.map(\.expandedUncertainty).filter { $0 > 0 }.min() ?? .infinity,
                e.referenceValue.standardUncertainty))
        func f(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: places) }
        let rv = e.referenceValue
        var lines = [
            "\(e.reference) — linked comparisons",
            "KCRV             y = \(f(rv.value))\(unit)   u(y) = \(f(rv.standardUncertainty))   U(y) = \(f(rv.expandedUncertainty))"
                + (rv.coverageFactor.map { " (k = \(NumberFormatting.significant($0, digits: 3)))" } ?? ""),
            "",
        ]
        var corrections = TextTable(columns: [
            .init("Comparison"), .init("Linking laboratories (weights)"), .init("Δ", alignment: .right),
            .init("u(Δ)", alignment: .right),
        ])
        for c in e.corrections {
            let linking = zip(c.linkingLaboratories, c.weights).map {
                "\($0.name) \(NumberFormatting.fixed($1, decimals: 3))"
            }
            corrections.append([c.comparison, linking.joined(separator: ", "), f(c.value), f(c.standardUncertainty)])
        }
        lines.append(corrections.rendered())
        lines.append("")
        var table = TextTable(columns: [
            .init("Laboratory"), .init("Comparison"), .init("d_i", alignment: .right),
            .init("u(d_i)", alignment: .right),
            .init("U(d_i)", alignment: .right), .init("E_n", alignment: .right),
        ])
        for group in e.degreesOfEquivalence {
            for d in group.unilateral {
                table.append([
                    d.laboratory.name, group.comparison, f(d.difference), d.standardUncertainty.map(f) ?? "",
                    f(d.expandedUncertainty), d.normalizedError.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
                ])
            }
        }
        lines.append(table.rendered())
        if showsPairwise, !e.pairwise.isEmpty {
            lines.append("")
            lines.append(PairwiseTable.rendered(e.pairwise, format: f))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One tidy CSV table: the corrections, the degrees of equivalence (group = comparison), their
    /// covariance and the pairs.
    public func csv() -> String {
        var rows = [CSVOutput.header]
        rows.append(
            CSVOutput.row(
                "referenceValue", group: evaluation.reference, name: "KCRV", value: evaluation.referenceValue.value,
                u: evaluation.referenceValue.standardUncertainty,
                expanded: evaluation.referenceValue.expandedUncertainty))
        for c in evaluation.corrections {
            rows.append(
                CSVOutput.row(
                    "linkingCorrection", group: c.comparison,
                    name: c.linkingLaboratories.map(\.name).joined(separator: " "),
                    value: c.value, u: c.standardUncertainty))
        }
        for group in evaluation.degreesOfEquivalence {
            rows.append(contentsOf: CSVOutput.rows(group.unilateral, point: group.comparison, covariance: nil))
        }
        let all = evaluation.degreesOfEquivalence.flatMap(\.unilateral)
        for (i, a) in all.enumerated() {
            for (j, b) in all.enumerated() {
                rows.append(
                    CSVOutput.row(
                        "degreeOfEquivalenceCovariance", name: a.laboratory.name, other: b.laboratory.name,
                        value: evaluation.covariance[i, j]))
            }
        }
        rows.append(contentsOf: CSVOutput.rows(evaluation.pairwise, point: nil))
        return rows.joined(separator: "\n") + "\n"
    }

    /// The linking JSON document (`equivalence link … --format json`).
    ///
    /// - Throws: ``KeyComparison/KeyComparisonError/nonFiniteResult(method:quantity:)``.
    public func json() throws(KeyComparisonError) -> String {
        do {
            return try JSONWriter.string(evaluation, pretty: true)
        } catch let error as JSONWriter.NonFiniteNumber {
            throw .nonFiniteResult(method: "linking", quantity: CodingPathKey.path(error.keys))
        } catch {
            throw .nonFiniteResult(method: "linking", quantity: "\(error)")
        }
    }
}
