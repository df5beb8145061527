import ArgumentParser
import Foundation
import Reporting
import Uncertainty

/// `equivalence propagate FILE [--format text|json] [--trials N] [--adaptive] [--seed S]`
struct PropagateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propagate",
        abstract: "Propagate measurement uncertainty through a measurement model (GUM, JCGM 101).",
        discussion: """
            FILE is a measurement model in JSON (*.model.json; schema: Schemas/measurement-model.schema.json): \
            quantities with value and standardUncertainty (and degreesOfFreedom) or a distribution, \
            correlations, measurands defined by expressions, coverageProbability.
            Prints for each measurand the first-order (GUM) value, standard uncertainty, effective \
            degrees of freedom, coverage factor, expanded uncertainty and budget; with --trials or \
            --adaptive also the Monte Carlo (JCGM 101) value, standard uncertainty and the \
            probabilistically symmetric and shortest coverage intervals. --trials: the Monte Carlo trials M \
            (JCGM 101 §7); with --adaptive, the most trials allowed.
            """
    )

    @Argument(help: "The measurement model file (JSON).")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var simulation: SimulationOptions

    @Flag(help: "Adaptive Monte Carlo (JCGM 101 7.9): run until the results are stable to two significant digits.")
    var adaptive = false

    func validate() throws {
        try format.require([.text, .json], by: "propagate")
        if let trials = simulation.trials, trials < 1 {
            throw ValidationError("--trials must be at least 1, found \(trials)")
        }
        if simulation.seed != nil && simulation.trials == nil && !adaptive {
            throw ValidationError("--seed applies to a Monte Carlo run: add --trials N or --adaptive")
        }
    }

    func run() throws {
        do {
            let model = try MeasurementModel(contentsOf: URL(fileURLWithPath: file))
            let evaluation = try model.evaluateFirstOrder()
            let seed = simulation.seed ?? Xoshiro256.defaultSeed
            var monteCarlo: MonteCarloResult?
            if adaptive {
                monteCarlo = try model.evaluateMonteCarloAdaptively(
                    maximumTrials: simulation.trials ?? 50_000_000, seed: seed)
            } else if let trials = simulation.trials {
                monteCarlo = try model.evaluateMonteCarlo(trials: trials, seed: seed)
            }
            let report = PropagationReport(evaluation, monteCarlo: monteCarlo)
            switch format {
            case .text, .csv: emit(report.text())
            case .json: emit(try report.json())
            }
        } catch {
            throw fail(file, error)
        }
    }
}
