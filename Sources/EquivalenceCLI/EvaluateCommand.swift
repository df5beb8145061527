import ArgumentParser
import Foundation
import KeyComparison
import Reporting

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

    func run() throws {
        do {
            let comparison = try Comparison(contentsOf: URL(fileURLWithPath: file))
            let estimator = try randomEffects.configure(EvaluationMethod(name: method).estimator())
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
