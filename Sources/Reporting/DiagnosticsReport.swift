import Foundation
import KeyComparison

/// Renders ``ComparisonDiagnostics`` as an aligned text report or as the JSON document that
/// `equivalence diagnose --format json` prints.
///
/// The text report has three blocks: the reference value with Procedure A's χ² and Birge ratio;
/// one row per laboratory with its scores (E_n, ζ, and z, z′ when σ_pt was given) and verdicts;
/// one row per laboratory of the diagnostics population with Mandel's h (and k), MSD and the
/// pair-difference χ² with their bootstrap p-values and a summary of every flag raised; then the
/// Grubbs and Cochran tests, the robust estimates and the notes.
public struct DiagnosticsReport: Sendable {
    /// The diagnostics to render.
    public var diagnostics: ComparisonDiagnostics

    public init(_ diagnostics: ComparisonDiagnostics) { self.diagnostics = diagnostics }

    /// The JSON document (keys sorted, shortest round-trip doubles; omitted fields are absent).
    public func json() throws -> String { try JSONOutput.string(diagnostics) }

    /// The text report.
    public func text() -> String {
        let d = diagnostics
        let unit = d.unit.map { $0 == "1" ? "" : " \($0)" } ?? ""
        let places = NumberFormatting.decimals(forUncertainty: d.referenceValue.standardUncertainty)
        func value(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: places) }
        func score(_ x: Double?) -> String { x.map { NumberFormatting.fixed($0, decimals: 2) } ?? "" }
        func stat(_ x: Double?) -> String { x.map { NumberFormatting.fixed($0, decimals: 3) } ?? "" }
        func probability(_ p: Double?) -> String {
            guard let p else { return "" }
            if p == 0 { return "<" + NumberFormatting.significant(1 / Double(d.trials), digits: 1) }
            return NumberFormatting.significant(p, digits: 2)
        }
        func critical(_ c: CriticalValues?) -> String {
            guard let c else { return "" }
            return "\(stat(c.fivePercent)) / \(stat(c.onePercent))"
        }

        var lines = ["\(d.comparison) — diagnostics against \(d.method)"]
        let rv = d.referenceValue
        var kcrv =
            "Reference value  y = \(value(rv.value))\(unit)   u(y) = \(value(rv.standardUncertainty))   U(y) = \(value(rv.expandedUncertainty))"
        if let k = rv.coverageFactor { kcrv += " (k = \(NumberFormatting.significant(k, digits: 3)))" }
        lines.append(kcrv)
        if let c = d.consistency {
            lines.append(
                "Consistency      χ² = \(NumberFormatting.significant(c.chiSquared)) (ν = \(c.degreesOfFreedom), critical \(NumberFormatting.significant(c.criticalValue))), p = \(NumberFormatting.significant(c.pValue, digits: 3)), Birge ratio \(NumberFormatting.significant(c.birgeRatio, digits: 3)): \(c.consistent ? "passes" : "fails") at 5 %"
            )
        }
        lines.append("")

        // Scores.
        let hasZ = d.scores.contains { $0.zScore != nil }
        var columns: [TextTable.Column] = [
            .init("Laboratory"), .init("In KCRV"), .init("x_i − y", alignment: .right), .init("E_n", alignment: .right),
            .init("E_n verdict"), .init("ζ", alignment: .right), .init("ζ verdict"),
        ]
        if hasZ {
            columns += [
                .init("z", alignment: .right), .init("z verdict"), .init("z′", alignment: .right), .init("z′ verdict"),
            ]
        }
        var scores = TextTable(columns: columns)
        for s in d.scores {
            var row = [
                s.laboratory.name, s.includedInReferenceValue ? "yes" : "no", value(s.difference),
                score(s.normalizedError),
                s.normalizedErrorPerformance?.rawValue ?? "", score(s.zeta), s.zetaPerformance?.rawValue ?? "",
            ]
            if hasZ {
                row += [
                    score(s.zScore), s.zScorePerformance?.rawValue ?? "", score(s.zPrimeScore),
                    s.zPrimeScorePerformance?.rawValue ?? "",
                ]
            }
            scores.append(row)
        }
        lines.append("Scores (ISO 13528: |E_n| ≤ 1; |ζ|, |z| ≤ 2 satisfactory, ≥ 3 unsatisfactory)")
        lines.append(scores.rendered())
        lines.append("")

        // Per-laboratory consistency statistics.
        let msd = d.medianScaledDifference?.laboratories ?? []
        let chi2 = d.pairDifferenceChiSquared?.laboratories ?? []
        let h = d.mandelH?.laboratories ?? []
        let k = d.mandelK?.laboratories ?? []
        func find(_ rows: [LaboratoryStatistic], _ lab: LaboratoryID) -> LaboratoryStatistic? {
            rows.first { $0.laboratory == lab }
        }
        let hasK = !k.isEmpty
        var perLabColumns: [TextTable.Column] = [.init("Laboratory"), .init("Mandel h", alignment: .right)]
        if hasK { perLabColumns.append(.init("Mandel k", alignment: .right)) }
        perLabColumns += [
            .init("MSD", alignment: .right), .init("p(MSD)", alignment: .right), .init("χ²_PD", alignment: .right),
            .init("p(χ²_PD)", alignment: .right), .init("Flags"),
        ]
        var perLab = TextTable(columns: perLabColumns)
        for lab in d.laboratories {
            let rows: [(String, LaboratoryStatistic?)] = [
                ("h", find(h, lab)), ("k", find(k, lab)), ("MSD", find(msd, lab)), ("χ²_PD", find(chi2, lab)),
            ]
            let flags = rows.compactMap { name, row -> String? in
                guard let c = row?.classification, c != .consistent else { return nil }
                return "\(name) \(c.rawValue)"
            }
            var cells = [lab.name, stat(find(h, lab)?.value)]
            if hasK { cells.append(stat(find(k, lab)?.value)) }
            cells += [
                stat(find(msd, lab)?.value), probability(find(msd, lab)?.pValue), stat(find(chi2, lab)?.value),
                probability(find(chi2, lab)?.pValue), flags.joined(separator: ", "),
            ]
            perLab.append(cells)
        }
        lines.append(
            "Consistency statistics (\(d.laboratories.count) laboratories; bootstrap \(d.trials) replicates, seed \(d.seed))"
        )
        lines.append(perLab.rendered())
        if let mh = d.mandelH { lines.append("Mandel h indicators (5 % / 1 %): ±\(critical(mh.criticalValues))") }
        if let mk = d.mandelK {
            lines.append(
                "Mandel k indicators (5 % / 1 %, n = \(NumberFormatting.significant(mk.replicates ?? 0, digits: 3))): \(critical(mk.criticalValues))"
            )
        }
        lines.append("")

        for g in d.grubbs ?? [] {
            let which = g.kind == .single ? "single" : "double"
            lines.append(
                "Grubbs \(which), \(g.side.rawValue): \(g.laboratories.map(\.name).joined(separator: " + ")) G = \(NumberFormatting.significant(g.statistic, digits: 4)), critical (5 % / 1 %) \(NumberFormatting.significant(g.criticalValues.fivePercent, digits: 4)) / \(NumberFormatting.significant(g.criticalValues.onePercent, digits: 4)), p = \(NumberFormatting.significant(g.pValue, digits: 2)): \(g.classification.rawValue)"
            )
        }
        if let c = d.cochran {
            let source = c.source == .standardUncertainties ? "u_i² as variances" : "within-laboratory variances"
            var line =
                "Cochran C = \(NumberFormatting.significant(c.statistic, digits: 4)) (\(c.laboratory), \(source), p = \(c.laboratoryCount))"
            if let cv = c.criticalValues, let verdict = c.classification {
                line += ", critical (5 % / 1 %) \(critical(cv)): \(verdict.rawValue)"
            } else {
                line += ", no critical values (unequal or unknown degrees of freedom)"
            }
            lines.append(line)
        }
        if let a = d.algorithmA {
            lines.append(
                "Algorithm A   x* = \(value(a.location))\(unit), s* = \(value(a.scale)), u(x*) = 1.25·s*/√p = \(value(a.standardUncertainty)) (\(a.iterations) iterations)"
            )
        }
        if let hu = d.huber {
            lines.append(
                "Huber (k = 1.345)  y = \(value(hu.value))\(unit), u(y) = \(value(hu.standardUncertainty)), scale s = \(NumberFormatting.significant(hu.scale, digits: 4))"
            )
        }
        for note in d.notes { lines.append("Note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
