import ArgumentParser
import Foundation
import KeyComparison
import Reporting

/// `equivalence diagnose FILE [--reference-value-method M] [--format text|json] [--trials N] [--seed S]`
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Scores and consistency diagnostics of a key comparison.",
        discussion: """
            Prints each laboratory's E_n and ζ (and z, z′ with --proficiency-standard-deviation) against \
            the reference value, Procedure A's χ² and Birge ratio, Mandel's h (and k with \
            --within-laboratory), Grubbs' single and double tests, Cochran's C, the median scaled \
            difference and the pair-difference χ² with parametric-bootstrap p-values, ISO 13528 \
            Algorithm A and the Huber estimate. FILE is a comparison in JSON or CSV. --trials: bootstrap \
            replicates (MSD, pair-difference χ²) and double-Grubbs samples, default 10000, at least 100.
            """
    )

    @Argument(help: "The comparison file (JSON or CSV).")
    var file: String

    @Option(help: "The reference-value method the scores refer to.")
    var referenceValueMethod: EvaluationMethod = .weightedMean

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup var coverage: CoverageOptions

    @Option(help: "σ_pt, the standard deviation for proficiency assessment (enables z and z′).")
    var proficiencyStandardDeviation: Double?

    @Option(help: "An assigned value independent of the results, to score against instead of the method's.")
    var assignedValue: Double?

    @Option(help: "The standard uncertainty of --assigned-value.")
    var assignedUncertainty: Double?

    @Option(
        help: "CSV of within-laboratory spreads (laboratory,standardDeviation,replicates) for Mandel's k and Cochran.")
    var withinLaboratory: String?

    @Flag(help: "Run the consistency diagnostics on every result, not only those included in the reference value.")
    var allLaboratories = false

    func validate() throws {
        try format.require([.text, .json], by: "diagnose")
        if (assignedValue == nil) != (assignedUncertainty == nil) {
            throw ValidationError("--assigned-value and --assigned-uncertainty go together")
        }
    }

    func run() throws {
        var context = file
        do {
            let comparison = try Comparison(contentsOf: URL(fileURLWithPath: file))
            let estimator = referenceValueMethod.estimator()
            var options = DiagnosticOptions(
                coverageFactor: coverage.coverageFactor, trials: simulation.trials ?? 10_000,
                includesAllLaboratories: allLaboratories, proficiencyStandardDeviation: proficiencyStandardDeviation)
            if let seed = simulation.seed { options.seed = seed }
            if let value = assignedValue, let u = assignedUncertainty {
                options.assignedValue = ReferenceValue(
                    value: value, standardUncertainty: u, coverageFactor: coverage.coverageFactor)
            }
            if let path = withinLaboratory {
                context = path
                options.withinLaboratorySpreads = try WithinLaboratorySpread.spreads(
                    contentsOf: URL(fileURLWithPath: path))
                context = file
            }
            let diagnostics = try ComparisonDiagnostics.diagnose(comparison, using: estimator, options: options)
            let report = DiagnosticsReport(diagnostics)
            switch format {
            case .text: emit(report.text())
            case .json, .csv: emit(try report.json())
            }
        } catch {
            throw fail(context, error)
        }
    }
}
