internal import EquivalenceSupport
import Foundation
import KeyComparison

/// Renders an ``Evaluation`` as the text report, the CSV table, or the JSON document.
public struct EvaluationReport: Sendable {
    /// The evaluation to render.
    public var evaluation: Evaluation
    /// Whether the text report lists the bilateral degrees of equivalence.
    public var showsPairwise: Bool

    public init(_ evaluation: Evaluation, showsPairwise: Bool = false) {
        self.evaluation = evaluation
        self.showsPairwise = showsPairwise
    }

    private var decimals: Int {
        let smallest = evaluation.degreesOfEquivalence.map(\.expandedUncertainty).filter { $0 > 0 }.min()
        return NumberFormatting.decimals(
            forUncertainty: Swift.min(smallest ?? .infinity, evaluation.referenceValue.standardUncertainty))
    }

    /// The text report: the reference value, the consistency and heterogeneity statistics, and
    /// an aligned table of the degrees of equivalence.
    public func text() -> String {
        let e = evaluation
        let places = decimals
        let unit = e.unit.map { $0 == "1" ? "" : " \($0)" } ?? ""
        func f(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: places) }
        var lines: [String] = []
        lines.append("\(e.comparison) — \(e.method.rawValue)")
        let rv = e.referenceValue
        var kcrv =
            "Reference value  y = \(f(rv.value))\(unit)   u(y) = \(f(rv.standardUncertainty))   U(y) = \(f(rv.expandedUncertainty))"
        if let k = rv.coverageFactor { kcrv += " (k = \(NumberFormatting.significant(k, digits: 3)))" }
        lines.append(kcrv)
        if let interval = rv.coverageInterval, interval.count == 2 {
            let p = rv.coverageProbability.map { NumberFormatting.significant(100 * $0, digits: 3) + " %" } ?? ""
            lines.append("Coverage interval \(p) [\(f(interval[0])), \(f(interval[1]))]")
        }
        if let c = e.consistency {
            let verdict = c.consistent ? "passes" : "fails"
            lines.append(
                "Consistency      χ² = \(NumberFormatting.significant(c.chiSquared)) (ν = \(c.degreesOfFreedom), critical \(NumberFormatting.significant(c.criticalValue))), p = \(NumberFormatting.significant(c.pValue, digits: 3)), Birge ratio \(NumberFormatting.significant(c.birgeRatio, digits: 3)): \(verdict) at 5 %"
            )
        }
        if let h = e.heterogeneity {
            var text =
                "Heterogeneity    τ = \(NumberFormatting.significant(h.tau))\(unit), Q = \(NumberFormatting.significant(h.cochranQ))"
            if let p = h.pValue { text += " (p = \(NumberFormatting.significant(p, digits: 3)))" }
            if let i2 = h.iSquared { text += ", I² = \(NumberFormatting.significant(100 * i2, digits: 3)) %" }
            lines.append(text)
            if let interval = h.tauCoverageInterval, interval.count == 2 {
                let u = h.tauStandardUncertainty.map { "u(τ) = \(NumberFormatting.significant($0)), " } ?? ""
                lines.append(
                    "                 \(u)τ interval [\(NumberFormatting.significant(interval[0])), \(NumberFormatting.significant(interval[1]))]"
                )
            }
        }
        lines.append("")
        var table = TextTable(columns: [
            .init("Laboratory"), .init("In KCRV"), .init("d_i", alignment: .right), .init("u(d_i)", alignment: .right),
            .init("U(d_i)", alignment: .right), .init("E_n", alignment: .right),
        ])
        for d in e.degreesOfEquivalence {
            table.append([
                d.laboratory.name, d.includedInReferenceValue ? "yes" : "no", f(d.difference),
                d.standardUncertainty.map(f) ?? "", f(d.expandedUncertainty),
                d.normalizedError.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
            ])
        }
        lines.append(table.rendered())
        if showsPairwise, let pairs = e.pairwise, !pairs.isEmpty {
            lines.append("")
            var pairTable = TextTable(columns: [
                .init("Laboratory i"), .init("Laboratory j"), .init("d_ij", alignment: .right),
                .init("U(d_ij)", alignment: .right), .init("d_ij/U", alignment: .right),
            ])
            for p in pairs {
                pairTable.append([
                    p.laboratories[0].name, p.laboratories[1].name, f(p.difference), f(p.expandedUncertainty),
                    p.normalizedError.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
                ])
            }
            lines.append(pairTable.rendered())
        }
        if let chain = e.details?.markovChain {
            let rHat = chain.parameters.map {
                "\($0.parameter) \(NumberFormatting.fixed($0.potentialScaleReduction, decimals: 4)) (ESS \(NumberFormatting.fixed($0.effectiveSampleSize, decimals: 0)))"
            }
            lines.append(
                "MCMC: \(chain.chains) chains × \(chain.iterations) iterations (burn-in \(chain.burnIn), thinning \(chain.thinning)), split-R̂ "
                    + rHat.joined(separator: ", "))
        }
        for note in e.details?.notes ?? [] { lines.append("Note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV row per laboratory: the unilateral degrees of equivalence at full precision.
    public func csv() -> String {
        var lines = [
            "laboratory,includedInReferenceValue,difference,standardUncertainty,expandedUncertainty,normalizedError"
        ]
        for d in evaluation.degreesOfEquivalence {
            let fields = [
                CSVOutput.escape(d.laboratory.name), d.includedInReferenceValue ? "true" : "false", "\(d.difference)",
                d.standardUncertainty.map { "\($0)" } ?? "", "\(d.expandedUncertainty)",
                d.normalizedError.map { "\($0)" } ?? "",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the evaluation JSON document to `handle` as it is produced (for documents of
    /// hundreds of megabytes: n = 2000 laboratories have two million pairs). The evaluation is
    /// checked finite first (``Evaluation/checkedFinite()``), so nothing is written when it throws.
    ///
    /// - Throws: ``KeyComparisonError/nonFiniteResult(method:quantity:)``.
    public func writeJSON(to handle: FileHandle) throws(KeyComparisonError) {
        let checked = try evaluation.checkedFinite()
        do {
            try JSONWriter.write(checked, pretty: true, to: handle)
        } catch {
            // Checked finite above, and an evaluation encodes nothing that throws otherwise.
            throw .nonFiniteResult(method: evaluation.method.rawValue, quantity: "\(error)")
        }
    }

    /// The evaluation JSON document (`equivalence evaluate --format json`).
    ///
    /// - Throws: ``KeyComparisonError/nonFiniteResult(method:quantity:)`` naming the first NaN or
    ///   infinity, found as the document is written (so it is not walked twice).
    public func json() throws(KeyComparisonError) -> String {
        do {
            return try JSONWriter.string(evaluation, pretty: true)
        } catch let error as JSONWriter.NonFiniteNumber {
            throw evaluation.nonFiniteResult(at: error.keys)
        } catch {
            // An evaluation encodes nothing but numbers, strings, booleans and containers.
            throw .nonFiniteResult(method: evaluation.method.rawValue, quantity: "\(error)")
        }
    }
}

/// CSV helpers (RFC 4180).
public enum CSVOutput {
    /// Quotes a field when it contains a comma, a quote or a line break.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
