import ArgumentParser
import Foundation
import KeyComparison
import Reporting
import Traceability

/// `equivalence evaluate FILE [--method M] [--coverage-factor K] [--format text|json|csv]`, or
/// `equivalence evaluate DIR | FILE… --method M` for a batch (one summary line per comparison).
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a key comparison: reference value, consistency and degrees of equivalence.",
        discussion: """
            FILE is a comparison in JSON (*.comparison.json) or CSV \
            (laboratory,value,standardUncertainty[,degreesOfFreedom][,included]), or a comparison model \
            (*.comparison-model.json: readings, covariances, drift, reference-value definition), which is \
            evaluated by generalized least squares.
            --trials: Monte Carlo trials (median, linear-pool), bootstrap replicates (--bootstrap, --doe) or \
            iterations per chain (hierarchical-bayes); closed-form methods ignore it.
            Several files, or a directory (its *.comparison.json and *.csv files, recursively), are a batch: \
            each comparison is evaluated as it would be alone, in parallel over the cores, and the summary \
            has one line per comparison (--format json: JSON Lines; csv; text), a failed file included \
            with its error; the exit status is 1 when any file failed.
            """
    )

    @Argument(help: "The comparison file (JSON or CSV), or several files or directories for a batch.")
    var files: [String]

    @Flag(help: "No progress bar on standard error (a batch shows one on a terminal).")
    var quiet = false

    /// The one file of a single evaluation.
    private var file: String { files.first ?? "" }

    /// Several files, or a directory: a batch.
    private var isBatch: Bool {
        var isDirectory: ObjCBool = false
        return files.count > 1
            || (FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Option(help: "The evaluation method.")
    var method: EvaluationMethod = .weightedMean

    @OptionGroup var coverage: CoverageOptions

    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    @OptionGroup var simulation: SimulationOptions

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

    /// The library's configuration of the method, from the options.
    func evaluationConfiguration() throws -> EvaluationConfiguration {
        var configuration = EvaluationConfiguration(method: method)
        configuration.coverageFactor = coverage.coverageFactor
        configuration.trials = simulation.trials
        configuration.seed = simulation.seed
        try randomEffects.apply(to: &configuration)
        hierarchicalBayes.apply(to: &configuration)
        configuration.referenceExpandedUncertainty = referenceUncertainty
        if !weights.isEmpty { configuration.laboratoryWeights = try Self.parseWeights(weights) }
        return configuration
    }

    func validate() throws {
        guard !files.isEmpty else {
            throw ValidationError("give a comparison file, or files or directories for a batch")
        }
        if isBatch {
            if traceability != nil { throw ValidationError("--traceability applies to one comparison, not to a batch") }
            if pairwise { throw ValidationError("--pairwise applies to one comparison, not to a batch") }
        }
        do {
            try evaluationConfiguration().validate()
        } catch let error as KeyComparisonError {
            throw ValidationError(error.commandLineDescription)
        }
    }

    func run() throws {
        if isBatch { return try runBatch() }
        let graph = try traceability.map(readGraph)
        do {
            let configuration = try evaluationConfiguration()
            let document = try ComparisonDocument(contentsOf: URL(fileURLWithPath: file))
            guard case .comparison(var comparison) = document else {
                if case .model(let model) = document { try evaluateModel(model, graph: graph) }
                return
            }
            if let graph { comparison = try comparison.correlated(through: graph) }
            let evaluation = try configuration.estimator().evaluate(comparison, options: configuration.options())
            // Never NaN or ∞ in a report: every format is checked first; JSON is streamed to
            // standard output as it is written.
            let report = EvaluationReport(evaluation, showsPairwise: pairwise)
            switch format {
            case .text: emit(EvaluationReport(try evaluation.checkedFinite(), showsPairwise: pairwise).text())
            case .json: try report.writeJSON(to: FileHandle.standardOutput)
            case .csv: emit(EvaluationReport(try evaluation.checkedFinite()).csv())
            }
        } catch {
            throw fail(file, error)
        }
    }

    /// Every comparison of the batch, then its summary; exit status 1 when a file failed.
    private func runBatch() throws {
        let batch: ComparisonBatch
        let outcomes: [BatchOutcome]
        do {
            batch = try ComparisonBatch(
                locations: files.map { URL(fileURLWithPath: $0) }, configuration: try evaluationConfiguration())
            let progress = ProgressBar(total: batch.files.count, label: "evaluate", quiet: quiet)
            outcomes = try batch.evaluate { progress.update(done: $0) }
            progress.finish()
        } catch {
            throw fail(files.joined(separator: " "), error)
        }
        let report = BatchReport(outcomes)
        switch format {
        case .text: emit(report.text())
        case .json: emit(report.jsonLines())
        case .csv: emit(report.csv())
        }
        if report.failures > 0 {
            let message =
                "equivalence: \(report.failures) of \(outcomes.count) comparisons failed (each named in the summary)\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode.failure
        }
    }

    /// A comparison-model file: generalized least squares (ComparisonModelEvaluation), reported
    /// by ComparisonModelReport.
    private func evaluateModel(_ model: ComparisonModel, graph: TraceabilityGraph?) throws {
        guard method == .weightedMean else {
            throw ValidationError(
                "\(file) is a comparison model, evaluated by generalized least squares: --method applies to comparison files"
            )
        }
        guard graph == nil else {
            throw ValidationError("--traceability applies to comparison files; give a model's covariances in the file")
        }
        let evaluation = try model.evaluate(coverageFactor: coverage.coverageFactor)
        let report = ComparisonModelReport(evaluation, showsPairwise: pairwise)
        switch format {
        case .text: emit(ComparisonModelReport(try evaluation.checkedFinite(), showsPairwise: pairwise).text())
        case .json: emit(try report.json())
        case .csv: emit(ComparisonModelReport(try evaluation.checkedFinite()).csv())
        }
    }

    /// `--weight LAB=W` options as a dictionary (the last `=` separates, so names may contain one).
    static func parseWeights(_ options: [String]) throws -> [LaboratoryID: Double] {
        var result: [LaboratoryID: Double] = [:]
        for option in options {
            guard let separator = option.lastIndex(of: "="),
                let weight = Double(option[option.index(after: separator)...])
            else {
                throw ValidationError("--weight \(option): expected LAB=W with W a number")
            }
            let lab = LaboratoryID(String(option[..<separator]))
            guard result.updateValue(weight, forKey: lab) == nil else {
                throw ValidationError("--weight \(option): \(lab) is given more than once")
            }
        }
        return result
    }
}
