import ArgumentParser
import Foundation
import KeyComparison
import Reporting
import Traceability

/// `equivalence evaluate FILE [--method M] [--coverage-factor K] [--format text|json|csv]`
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a key comparison: reference value, consistency and degrees of equivalence.",
        discussion: """
            FILE is a comparison in JSON (*.comparison.json) or CSV \
            (laboratory,value,standardUncertainty[,degreesOfFreedom][,included]).
            Methods: \(EvaluationMethod.allCases.map(\.rawValue).joined(separator: ", ")).
            """
    )

    @Argument(help: "The comparison file (JSON or CSV).")
    var file: String

    @Option(help: "The evaluation method.")
    var method: String = EvaluationMethod.weightedMean.rawValue

    @Option(help: "The coverage factor k for expanded uncertainties U = k·u.")
    var coverageFactor: Double = 2

    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    @Option(help: "Monte Carlo trials, bootstrap replicates or MCMC iterations (method default if absent).")
    var trials: Int?

    @Option(help: "Seed of the random generator, for reproducible Monte Carlo results.")
    var seed: UInt64?

    @Flag(help: "List the bilateral degrees of equivalence in the text report.")
    var pairwise = false

    @OptionGroup(title: "Random-effects options")
    var randomEffects: RandomEffectsOptions
    @OptionGroup(title: "Hierarchical Bayes")
    var hierarchicalBayes: HierarchicalBayesOptions
    @Option(
        help: ArgumentHelp(
            "Median only: a supplied expanded uncertainty U_ref of the KCRV; then U(d_i) = √(U_i² + U_ref²), no simulation.",
            valueName: "U_ref"))
    var referenceUncertainty: Double?

    @Option(
        name: .customLong("weight"),
        help: ArgumentHelp(
            "Linear pool only: the weight of a laboratory, LAB=W (repeat for every included laboratory; default equal).",
            valueName: "LAB=W"))
    var weights: [String] = []
    @Option(
        help: ArgumentHelp(
            "A traceability graph whose shared links give the covariance between the laboratories.",
            discussion:
                "The graph's 'comparisons' entry with the comparison's identifier maps each laboratory to its result.",
            valueName: "graph"))
    var traceability: String?

    func run() throws {
        let graph = try traceability.map(readGraph)
        do {
            var comparison = try Comparison(contentsOf: URL(fileURLWithPath: file))
            if let graph { comparison = try comparison.correlated(through: graph) }
            let estimator = try hierarchicalBayes.configure(
                randomEffects.configure(configuredEstimator(for: EvaluationMethod(name: method))))
            var options = EvaluationOptions(coverageFactor: coverageFactor, trials: trials)
            if let seed { options.seed = seed }
            // Any estimator's numbers, checked before a report prints them (never NaN or ∞).
            let evaluation = try estimator.evaluate(comparison, options: options).checkedFinite()
            let report = EvaluationReport(evaluation, showsPairwise: pairwise)
            switch format {
            case .text: emit(report.text())
            case .json: emit(try report.json())
            case .csv: emit(report.csv())
            }
        } catch {
            throw fail(file, error)
        }
    }
}
