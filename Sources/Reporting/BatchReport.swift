internal import EquivalenceSupport
import Foundation
import KeyComparison

/// Renders the outcomes of a ``ComparisonBatch``: one line per comparison, as JSON Lines, CSV
/// or an aligned text table; a failed file is a line with its error, never a gap.
public struct BatchReport: Sendable {
    /// The outcomes, in the batch's file order.
    public var outcomes: [BatchOutcome]

    /// A report of `outcomes`.
    public init(_ outcomes: [BatchOutcome]) { self.outcomes = outcomes }

    /// The number of files that failed.
    public var failures: Int { outcomes.count { if case .failure = $0.result { true } else { false } } }

    /// JSON Lines (one compact object per comparison): `file`, then the evaluation's
    /// `comparison`, `unit`, `method`, `referenceValue`, `consistency`, `heterogeneity`,
    /// `includedLaboratories` and the unilateral `degreesOfEquivalence`, or `file` and `error`.
    ///
    /// The pairwise DoE and method details are left to `evaluate FILE --format json`.
    public func jsonLines() -> String {
        var text = ""
        for outcome in outcomes {
            let line: String
            do {
                line = try JSONWriter.string(BatchLine(outcome), pretty: false)
            } catch {
                // An evaluation that reached the batch was checked finite; anything else is an
                // error line, so the file is still listed.
                line = (try? JSONWriter.string(BatchLine(file: outcome.file, error: "\(error)"), pretty: false)) ?? ""
            }
            text += line + "\n"
        }
        return text
    }

    /// The CSV summary: one row per file with the KCRV, its uncertainties, the χ² or Q statistics
    /// and τ; a failed file has only `file` and `error`.
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for outcome in outcomes {
            lines.append(Self.csvFields(of: outcome).map(CSVOutput.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text summary: an aligned table of the KCRV per comparison, then the failed files.
    public func text() -> String {
        var table = TextTable(columns: [
            .init("File"), .init("Comparison"), .init("n", alignment: .right), .init("y", alignment: .right),
            .init("u(y)", alignment: .right), .init("U(y)", alignment: .right), .init("χ² or Q", alignment: .right),
            .init("p", alignment: .right), .init("τ", alignment: .right),
        ])
        var errors: [String] = []
        for outcome in outcomes {
            switch outcome.result {
            case .success(let e):
                let places = NumberFormatting.decimals(forUncertainty: e.referenceValue.standardUncertainty)
                func f(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: places) }
                let statistic = e.consistency?.chiSquared ?? e.heterogeneity?.cochranQ
                let p = e.consistency?.pValue ?? e.heterogeneity?.pValue
                table.append([
                    outcome.file, e.comparison, "\(e.degreesOfEquivalence.count)", f(e.referenceValue.value),
                    f(e.referenceValue.standardUncertainty), f(e.referenceValue.expandedUncertainty),
                    statistic.map { NumberFormatting.significant($0) } ?? "",
                    p.map { NumberFormatting.significant($0, digits: 3) } ?? "",
                    e.heterogeneity.map { NumberFormatting.significant($0.tau) } ?? "",
                ])
            case .failure(let error):
                errors.append("\(outcome.file): \(error)")
            }
        }
        var text = table.rendered()
        let evaluated = outcomes.count - errors.count
        text += "\n\(evaluated) of \(outcomes.count) comparisons evaluated"
        text += errors.isEmpty ? "\n" : "; \(errors.count) failed:\n" + errors.map { "  \($0)\n" }.joined()
        return text
    }

    static let csvColumns = [
        "file", "comparison", "method", "unit", "laboratories", "included", "referenceValue",
        "standardUncertainty", "expandedUncertainty", "coverageFactor", "chiSquared", "cochranQ",
        "degreesOfFreedom", "pValue", "birgeRatio", "tau", "error",
    ]

    static func csvFields(of outcome: BatchOutcome) -> [String] {
        guard case .success(let e) = outcome.result else {
            guard case .failure(let error) = outcome.result else { return [] }
            return [outcome.file] + Array(repeating: "", count: csvColumns.count - 2) + ["\(error)"]
        }
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        let rv = e.referenceValue
        return [
            outcome.file, e.comparison, e.method.rawValue, e.unit ?? "", "\(e.degreesOfEquivalence.count)",
            "\(e.includedLaboratories.count)", number(rv.value), number(rv.standardUncertainty),
            number(rv.expandedUncertainty), number(rv.coverageFactor), number(e.consistency?.chiSquared),
            number(e.heterogeneity?.cochranQ),
            (e.consistency?.degreesOfFreedom ?? e.heterogeneity?.degreesOfFreedom).map { "\($0)" } ?? "",
            number(e.consistency?.pValue ?? e.heterogeneity?.pValue), number(e.consistency?.birgeRatio),
            number(e.heterogeneity?.tau), "",
        ]
    }
}

/// One JSON Lines record of a batch.
private struct BatchLine: Encodable {
    var file: String
    var evaluation: Evaluation?
    var error: String?

    init(_ outcome: BatchOutcome) {
        file = outcome.file
        switch outcome.result {
        case .success(let evaluation): self.evaluation = evaluation
        case .failure(let error): self.error = "\(error)"
        }
    }

    init(file: String, error: String) {
        self.file = file
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case file, comparison, unit, method, referenceValue, consistency, heterogeneity, includedLaboratories
        case degreesOfEquivalence, error
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        if let e = evaluation {
            try container.encode(e.comparison, forKey: .comparison)
            try container.encodeIfPresent(e.unit, forKey: .unit)
            try container.encode(e.method, forKey: .method)
            try container.encode(e.referenceValue, forKey: .referenceValue)
            try container.encodeIfPresent(e.consistency, forKey: .consistency)
            try container.encodeIfPresent(e.heterogeneity, forKey: .heterogeneity)
            try container.encode(e.includedLaboratories, forKey: .includedLaboratories)
            try container.encode(e.degreesOfEquivalence, forKey: .degreesOfEquivalence)
        }
        try container.encodeIfPresent(error, forKey: .error)
    }
}
