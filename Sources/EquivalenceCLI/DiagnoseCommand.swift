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
            Algorithm A and the Huber estimate. FILE is a comparison in JSON or CSV.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The comparison file (JSON or CSV).")
    var file: String

    @Option(help: "The reference-value method the scores refer to.")
    var referenceValueMethod: String = EvaluationMethod.weightedMean.rawValue

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Bootstrap replicates (MSD, pair-difference χ²) and double-Grubbs samples.")
    var trials: Int = 10_000

    @Option(help: "Seed of the random generator, for reproducible bootstraps.")
    var seed: UInt64?

    @Option(help: "The coverage factor k for expanded uncertainties U = k·u.")
    var coverageFactor: Double = 2

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
        if (assignedValue == nil) != (assignedUncertainty == nil) {
            throw ValidationError("--assigned-value and --assigned-uncertainty go together")
        }
    }

    func run() throws {
        var context = file
        do {
            let comparison = try Comparison(contentsOf: URL(fileURLWithPath: file))
            let estimator = try EvaluationMethod(name: referenceValueMethod).estimator()
            var options = DiagnosticOptions(
                coverageFactor: coverageFactor, trials: trials, includesAllLaboratories: allLaboratories,
                proficiencyStandardDeviation: proficiencyStandardDeviation)
            if let seed { options.seed = seed }
            if let value = assignedValue, let u = assignedUncertainty {
                options.assignedValue = ReferenceValue(
                    value: value, standardUncertainty: u, coverageFactor: coverageFactor)
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
            case .json: emit(try report.json())
            }
        } catch {
            throw fail(context, error)
        }
    }
}
