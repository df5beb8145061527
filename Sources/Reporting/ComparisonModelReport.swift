internal import EquivalenceSupport
import Foundation
import KeyComparison
import LinearAlgebra

/// Renders a ``KeyComparison/ComparisonModelEvaluation`` (the GLS evaluation of a comparison
/// model) as text, CSV or the JSON document.
public struct ComparisonModelReport: Sendable {
    /// The evaluation to render.
    public var evaluation: ComparisonModelEvaluation
    /// Whether the text report lists the bilateral degrees of equivalence.
    public var showsPairwise: Bool

    public init(_ evaluation: ComparisonModelEvaluation, showsPairwise: Bool = false) {
        self.evaluation = evaluation
        self.showsPairwise = showsPairwise
    }

    /// The text report: the fit and consistency χ², the estimates with their uncertainties and
    /// correlation matrix (up to 12 unknowns; the JSON and CSV always carry the covariance), and a
    /// table of degrees of equivalence per point.
    public func text() -> String {
        let e = evaluation
        let unit = e.unit.map { $0 == "1" ? "" : " \($0)" } ?? ""
        let smallest = e.degreesOfEquivalence.flatMap(\.unilateral).map(\.expandedUncertainty).filter { $0 > 0 }.min()
        let places = NumberFormatting.decimals(forUncertainty: smallest ?? 1)
        func f(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: places) }
        var lines = ["\(e.comparison) — generalized least squares; reference value: \(e.referenceValueDefinition)"]
        for (label, check) in [("Model fit   ", e.fit), ("Consistency ", e.consistency)] {
            guard let c = check else { continue }
            lines.append(
                "\(label)     χ² = \(NumberFormatting.significant(c.chiSquared)) (ν = \(c.degreesOfFreedom), "
                    + "critical \(NumberFormatting.significant(c.criticalValue))), p = \(NumberFormatting.significant(c.pValue, digits: 3)), "
                    + "Birge ratio \(NumberFormatting.significant(c.birgeRatio, digits: 3)): \(c.consistent ? "passes" : "fails") at 5 %"
            )
        }
        lines.append("")
        var estimates = TextTable(columns: [
            .init("Unknown"), .init("Estimate\(unit)", alignment: .right), .init("u", alignment: .right),
        ])
        for estimate in e.estimates {
            let decimals = NumberFormatting.decimals(
                forUncertainty: estimate.standardUncertainty > 0 ? estimate.standardUncertainty : 1)
            estimates.append([
                estimate.unknown.description, NumberFormatting.fixed(estimate.value, decimals: decimals),
                NumberFormatting.significant(estimate.standardUncertainty, digits: 3),
            ])
        }
        lines.append(estimates.rendered())
        if e.estimates.count > 1, e.estimates.count <= 12 {
            lines.append("")
            lines.append("Correlation matrix of the estimates (in the order above)")
            for i in e.estimates.indices {
                let row = e.estimates.indices.map { j -> String in
                    let scale = e.estimates[i].standardUncertainty * e.estimates[j].standardUncertainty
                    return scale > 0 ? NumberFormatting.fixed(e.covariance[i, j] / scale, decimals: 3) : "—"
                }
                lines.append("  " + row.joined(separator: "  "))
            }
        }
        for group in e.degreesOfEquivalence {
            lines.append("")
            lines.append("Degrees of equivalence" + (group.point.map { " at \($0)" } ?? ""))
            var table = TextTable(columns: [
                .init("Laboratory"), .init("In KCRV"), .init("d_i", alignment: .right),
                .init("u(d_i)", alignment: .right),
                .init("U(d_i)", alignment: .right), .init("E_n", alignment: .right),
            ])
            for d in group.unilateral {
                table.append([
                    d.laboratory.name, d.includedInReferenceValue ? "yes" : "no", f(d.difference),
                    d.standardUncertainty.map(f) ?? "", f(d.expandedUncertainty),
                    d.normalizedError.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
                ])
            }
            lines.append(table.rendered())
            if showsPairwise, !group.pairwise.isEmpty {
                lines.append("")
                lines.append(PairwiseTable.rendered(group.pairwise, format: f))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One tidy CSV table at full precision: a row per estimate, per entry of cov(β̂), per degree
    /// of equivalence, per entry of cov(d) and per pair; `section` says which.
    public func csv() -> String {
        var rows = [CSVOutput.header]
        let names = evaluation.estimates.map(\.unknown.description)
        for (i, estimate) in evaluation.estimates.enumerated() {
            rows.append(
                CSVOutput.row("estimate", name: names[i], value: estimate.value, u: estimate.standardUncertainty))
        }
        for i in names.indices {
            for j in names.indices {
                rows.append(
                    CSVOutput.row("covariance", name: names[i], other: names[j], value: evaluation.covariance[i, j]))
            }
        }
        for group in evaluation.degreesOfEquivalence {
            rows.append(contentsOf: CSVOutput.rows(group.unilateral, point: group.point, covariance: group.covariance))
            rows.append(contentsOf: CSVOutput.rows(group.pairwise, point: group.point))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The evaluation JSON document (`equivalence evaluate MODEL --format json`).
    ///
    /// - Throws: ``KeyComparison/KeyComparisonError/nonFiniteResult(method:quantity:)`` naming the first
    ///   NaN or infinity.
    public func json() throws(KeyComparisonError) -> String {
        do {
            return try JSONWriter.string(evaluation, pretty: true)
        } catch let error as JSONWriter.NonFiniteNumber {
            throw .nonFiniteResult(method: "generalized least squares", quantity: CodingPathKey.path(error.keys))
        } catch {
            throw .nonFiniteResult(method: "generalized least squares", quantity: "\(error)")
        }
    }
}

/// The bilateral table the model and linking reports share.
enum PairwiseTable {
    static func rendered(_ pairs: [PairwiseDegreeOfEquivalence], format f: (Double) -> String) -> String {
        var table = TextTable(columns: [
            .init("Laboratory i"), .init("Laboratory j"), .init("d_ij", alignment: .right),
            .init("U(d_ij)", alignment: .right), .init("d_ij/U", alignment: .right),
        ])
        for p in pairs {
            table.append([
                p.laboratories[0].name, p.laboratories[1].name, f(p.difference), f(p.expandedUncertainty),
                p.normalizedError.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
            ])
        }
        return table.rendered()
    }
}

extension CSVOutput {
    /// The columns of the model and linking CSV tables.
    static let header =
        "section,group,name,other,value,standardUncertainty,expandedUncertainty,normalizedError,includedInReferenceValue"

    static func row(
        _ section: String, group: String? = nil, name: String, other: String? = nil, value: Double, u: Double? = nil,
        expanded: Double? = nil, normalizedError: Double? = nil, included: Bool? = nil
    ) -> String {
        [
            section, escape(group ?? ""), escape(name), escape(other ?? ""), "\(value)", u.map { "\($0)" } ?? "",
            expanded.map { "\($0)" } ?? "", normalizedError.map { "\($0)" } ?? "",
            included.map { $0 ? "true" : "false" } ?? "",
        ].joined(separator: ",")
    }

    static func rows(_ degrees: [DegreeOfEquivalence], point: String?, covariance: Matrix?) -> [String] {
        var rows = degrees.map { d in
            row(
                "degreeOfEquivalence", group: point, name: d.laboratory.name, value: d.difference,
                u: d.standardUncertainty,
                expanded: d.expandedUncertainty, normalizedError: d.normalizedError,
                included: d.includedInReferenceValue)
        }
        if let covariance {
            for (i, a) in degrees.enumerated() {
                for (j, b) in degrees.enumerated() {
                    rows.append(
                        row(
                            "degreeOfEquivalenceCovariance", group: point, name: a.laboratory.name,
                            other: b.laboratory.name,
                            value: covariance[i, j]))
                }
            }
        }
        return rows
    }

    static func rows(_ pairs: [PairwiseDegreeOfEquivalence], point: String?) -> [String] {
        pairs.map { p in
            row(
                "pairwise", group: point, name: p.laboratories[0].name, other: p.laboratories[1].name,
                value: p.difference,
                u: p.standardUncertainty, expanded: p.expandedUncertainty, normalizedError: p.normalizedError)
        }
    }
}
