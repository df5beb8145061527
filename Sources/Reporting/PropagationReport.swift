import LinearAlgebra
import Uncertainty

/// Renders the result of `equivalence propagate`: the first-order (GUM) evaluation of each
/// measurand with its budget and, when a Monte Carlo run was made, its figures (JCGM 101), as a
/// text report or the JSON document
///
///     {"measurands": [{"name", "value", "standardUncertainty", "effectiveDegreesOfFreedom",
///                      "coverageFactor", "expandedUncertainty", "coverageInterval",
///                      "budget": [{"quantity", "value", "standardUncertainty", "degreesOfFreedom",
///                                  "sensitivity", "contribution"}],
///                      "monteCarlo": {"value", "standardUncertainty", "symmetricInterval": [lo, hi],
///                                     "shortestInterval": [lo, hi], "trials"},
///                      "gumValidation": {"lowerDifference", "upperDifference", "numericalTolerance",
///                                        "validated"}}],
///      "covariance": [[…]], "correlation": [[…]], "coverageProbability",
///      "monteCarlo": {"trials", "undefinedTrials", "seed", "covariance",
///                     "coverageRegion": {"coverageFactor", "firstOrderCoverageFactor", "coverageProbability"},
///                     "adaptive"}}
///
/// Infinite degrees of freedom are omitted (absent means infinite, as in input files);
/// `covariance` and `correlation` appear when there are several measurands; `contribution` is
/// |c_i|·u(x_i), the budget entry of GUM Table H.1.
public struct PropagationReport: Sendable {
    /// The first-order evaluation.
    public var evaluation: FirstOrderEvaluation
    /// The Monte Carlo result, when one was computed.
    public var monteCarlo: MonteCarloResult?

    public init(_ evaluation: FirstOrderEvaluation, monteCarlo: MonteCarloResult? = nil) {
        self.evaluation = evaluation
        self.monteCarlo = monteCarlo
    }

    // MARK: Text

    /// The text report: per measurand the figures, the budget table and the Monte Carlo figures;
    /// then the correlation matrix of the measurands when there are several.
    public func text() -> String {
        var lines: [String] = []
        let percent = NumberFormatting.significant(100 * evaluation.coverageProbability, digits: 3) + " %"
        for (k, m) in evaluation.measurands.enumerated() {
            if k > 0 { lines.append("") }
            let places = NumberFormatting.decimals(forUncertainty: m.standardUncertainty, significantDigits: 4)
            func f(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: places) }
            lines.append("Measurand \(m.name)" + (m.unit.map { " (\($0))" } ?? ""))
            var figures: [(String, String)] = [
                ("First order (GUM)", ""),
                ("  value y", f(m.value)),
                ("  standard uncertainty u(y)", f(m.standardUncertainty)),
                ("  effective degrees of freedom", Self.degrees(m.effectiveDegreesOfFreedom)),
                ("  coverage factor k (\(percent))", NumberFormatting.fixed(m.coverageFactor, decimals: 3)),
                ("  expanded uncertainty U", f(m.expandedUncertainty)),
                (
                    "  coverage interval (\(percent))",
                    "[\(f(m.coverageInterval.lowerBound)), \(f(m.coverageInterval.upperBound))]"
                ),
            ]
            if let mc = monteCarlo, k < mc.summaries.count {
                let s = mc.summaries[k]
                figures += [
                    ("Monte Carlo (JCGM 101), M = \(s.trials)", ""),
                    ("  value y", f(s.value)),
                    ("  standard uncertainty u(y)", f(s.standardUncertainty)),
                    (
                        "  symmetric interval (\(percent))",
                        "[\(f(s.symmetricInterval.lower)), \(f(s.symmetricInterval.upper))]"
                    ),
                    (
                        "  shortest interval (\(percent))",
                        "[\(f(s.shortestInterval.lower)), \(f(s.shortestInterval.upper))]"
                    ),
                ]
                if let check = validations[k] {
                    figures += [
                        ("GUM framework validation (JCGM 101 §8)", ""),
                        ("  d_low, d_high", "\(f(check.lowerDifference)), \(f(check.upperDifference))"),
                        (
                            "  tolerance δ (u(y) to 2 digits)",
                            NumberFormatting.significant(check.numericalTolerance, digits: 2)
                                + (check.isValidated ? ": validated" : ": not validated, use the Monte Carlo results")
                        ),
                    ]
                }
            }
            let width = figures.reduce(0) { Swift.max($0, $1.1.isEmpty ? 0 : $1.0.count) }
            for (label, value) in figures {
                lines.append(
                    value.isEmpty ? label : label + String(repeating: " ", count: width - label.count + 2) + value)
            }
            lines.append("")
            var budget = TextTable(columns: [
                .init("Quantity"), .init("Value", alignment: .right), .init("u(x_i)", alignment: .right),
                .init("ν_i", alignment: .right), .init("c_i", alignment: .right),
                .init("|c_i|·u(x_i)", alignment: .right),
            ])
            for c in m.budget {
                budget.append([
                    c.quantity, NumberFormatting.significant(c.value, digits: 10),
                    NumberFormatting.significant(c.standardUncertainty, digits: 4), Self.degrees(c.degreesOfFreedom),
                    NumberFormatting.significant(c.sensitivity, digits: 6),
                    NumberFormatting.significant(c.contribution, digits: 4),
                ])
            }
            lines.append(budget.rendered())
        }
        if let mc = monteCarlo {
            lines.append("")
            var run = "Monte Carlo: \(mc.trials) trials, seed \(mc.seed)"
            if let adaptive = mc.adaptive {
                run +=
                    ", adaptive (JCGM 101 7.9): \(adaptive.batches) batches of \(adaptive.batchSize), "
                    + "\(adaptive.significantDigits) significant digits"
            }
            if mc.undefinedTrials > 0 { run += "; \(mc.undefinedTrials) trials where the model is undefined left out" }
            lines.append(run)
            if let region = mc.coverageRegion, evaluation.measurands.count > 1 {
                let firstOrder = HyperEllipsoidalCoverageRegion.gaussianCoverageFactor(
                    dimension: evaluation.measurands.count, coverageProbability: region.coverageProbability)
                lines.append(
                    "Coverage region (JCGM 102 7.7): hyper-ellipsoid with k_p = "
                        + NumberFormatting.significant(region.coverageFactor, digits: 4)
                        + " (first order, χ² with \(evaluation.measurands.count) degrees of freedom: "
                        + NumberFormatting.significant(firstOrder, digits: 4) + ")")
            }
        }
        if evaluation.measurands.count > 1 {
            lines.append("")
            lines.append("Correlation of the measurands (first order)")
            let names = evaluation.measurands.map(\.name)
            var table = TextTable(columns: [.init("")] + names.map { .init($0, alignment: .right) })
            for (i, name) in names.enumerated() {
                table.append(
                    [name] + names.indices.map { NumberFormatting.fixed(evaluation.correlation[i, $0], decimals: 4) })
            }
            lines.append(table.rendered())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JCGM 101 §8 for each measurand, computed by Uncertainty
    /// (``GUMFrameworkValidation/init(firstOrder:monteCarlo:)``).
    private var validations: [GUMFrameworkValidation?] {
        monteCarlo?.frameworkValidations(of: evaluation) ?? evaluation.measurands.map { _ in nil }
    }

    private static func degrees(_ nu: Double) -> String {
        nu.isFinite ? NumberFormatting.significant(nu, digits: 4) : "∞"
    }

    // MARK: JSON

    /// The JSON document (see the type's description).
    ///
    /// - Throws: `EncodingError` if a figure is not finite (the evaluation refuses such models,
    ///   so this does not happen for its results).
    public func json() throws -> String {
        try JSONOutput.string(document)
    }

    var document: Document {
        let several = evaluation.measurands.count > 1
        let validations = self.validations
        return Document(
            measurands: evaluation.measurands.enumerated().map { k, m in
                Document.Measurand(
                    name: m.name, unit: m.unit, value: m.value, standardUncertainty: m.standardUncertainty,
                    effectiveDegreesOfFreedom: m.effectiveDegreesOfFreedom.isFinite ? m.effectiveDegreesOfFreedom : nil,
                    coverageFactor: m.coverageFactor, expandedUncertainty: m.expandedUncertainty,
                    coverageInterval: [m.coverageInterval.lowerBound, m.coverageInterval.upperBound],
                    budget: m.budget.map {
                        Document.BudgetEntry(
                            quantity: $0.quantity, value: $0.value, standardUncertainty: $0.standardUncertainty,
                            degreesOfFreedom: $0.degreesOfFreedom.isFinite ? $0.degreesOfFreedom : nil,
                            sensitivity: $0.sensitivity, contribution: $0.contribution)
                    },
                    monteCarlo: monteCarlo.flatMap { k < $0.summaries.count ? $0.summaries[k] : nil },
                    gumValidation: validations[k].map {
                        Document.Validation(
                            lowerDifference: $0.lowerDifference, upperDifference: $0.upperDifference,
                            numericalTolerance: $0.numericalTolerance, validated: $0.isValidated)
                    })
            },
            covariance: several ? evaluation.covariance.rowArrays : nil,
            correlation: several ? evaluation.correlation.rowArrays : nil,
            coverageProbability: evaluation.coverageProbability,
            monteCarlo: monteCarlo.map { mc in
                Document.Run(
                    trials: mc.trials, undefinedTrials: mc.undefinedTrials, seed: mc.seed,
                    covariance: several ? mc.covariance.rowArrays : nil,
                    coverageRegion: several
                        ? mc.coverageRegion.map {
                            Document.Region(
                                coverageFactor: $0.coverageFactor,
                                firstOrderCoverageFactor: HyperEllipsoidalCoverageRegion.gaussianCoverageFactor(
                                    dimension: evaluation.measurands.count, coverageProbability: $0.coverageProbability),
                                coverageProbability: $0.coverageProbability)
                        } : nil,
                    adaptive: mc.adaptive.map {
                        Document.Adaptive(
                            significantDigits: $0.significantDigits, batchSize: $0.batchSize, batches: $0.batches)
                    })
            })
    }

    /// The JSON document's shape (keys in declaration order).
    struct Document: Encodable {
        struct BudgetEntry: Encodable {
            var quantity: String
            var value: Double
            var standardUncertainty: Double
            var degreesOfFreedom: Double?
            var sensitivity: Double
            var contribution: Double
        }

        struct Measurand: Encodable {
            var name: String
            var unit: String?
            var value: Double
            var standardUncertainty: Double
            var effectiveDegreesOfFreedom: Double?
            var coverageFactor: Double
            var expandedUncertainty: Double
            var coverageInterval: [Double]
            var budget: [BudgetEntry]
            var monteCarlo: MonteCarloSummary?
            var gumValidation: Validation?
        }

        /// JCGM 101 §8: d_low, d_high and δ.
        struct Validation: Encodable {
            var lowerDifference: Double
            var upperDifference: Double
            var numericalTolerance: Double
            var validated: Bool
        }

        /// JCGM 102 7.7: the hyper-ellipsoidal coverage region's factor k_p from the sample.
        struct Region: Encodable {
            var coverageFactor: Double
            var firstOrderCoverageFactor: Double
            var coverageProbability: Double
        }

        struct Adaptive: Encodable {
            var significantDigits: Int
            var batchSize: Int
            var batches: Int
        }

        struct Run: Encodable {
            var trials: Int
            var undefinedTrials: Int
            var seed: UInt64
            var covariance: [[Double]]?
            var coverageRegion: Region?
            var adaptive: Adaptive?
        }

        var measurands: [Measurand]
        var covariance: [[Double]]?
        var correlation: [[Double]]?
        var coverageProbability: Double
        var monteCarlo: Run?
    }
}
