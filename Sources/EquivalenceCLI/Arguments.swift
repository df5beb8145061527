import ArgumentParser
import KeyComparison

// The library's enumerations that the command line takes as option values: `--help` and shell
// completion list their values, and a misspelt one is an argument error, not an error of a file.

extension EvaluationMethod: ExpressibleByArgument {
    /// A method name, case-insensitive (`--method REML`).
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension RandomEffects.DegreesOfEquivalenceMethod: ExpressibleByArgument {}

extension EvaluationSetting {
    /// The command-line flag that sets this setting, e.g. `--knapp-hartung`; the library's name
    /// for settings that have no flag.
    var flag: String {
        switch self {
        case .coverageFactor: "--coverage-factor"
        case .trials: "--trials"
        case .seed: "--seed"
        case .knappHartung: "--knapp-hartung"
        case .bootstrap: "--bootstrap"
        case .degreesOfEquivalence: "--doe"
        case .referenceExpandedUncertainty: "--reference-uncertainty"
        case .laboratoryWeights: "--weight"
        case .tauPriorMedian: "--tau-prior-median"
        case .sigmaPriorMedian: "--sigma-prior-median"
        case .chains: "--chains"
        case .burnIn: "--burn-in"
        case .thinning: "--thinning"
        case .recognizesDarkUncertainty: "--ignore-dark-uncertainty"
        case .requiresConvergence: "--require-convergence"
        case .proficiencyStandardDeviation: "--proficiency-standard-deviation"
        case .assignedValue: "--assigned-value"
        case .withinLaboratorySpreads: "--within-laboratory"
        case .coverageProbability, .referenceValuePriorMean, .referenceValuePriorStandardDeviation,
            .convergenceThreshold, .tuningConstant, .tolerance, .maximumIterations, .winsorizationFactor,
            .initialScaleFactor, .scaleCorrectionFactor, .significanceLevel, .countingBudget:
            rawValue
        }
    }
}

extension KeyComparisonError {
    /// The message with the library's setting names replaced by the command-line flags.
    var commandLineDescription: String {
        switch self {
        case .invalidSetting(let setting, let value, let reason):
            "option \(setting.flag) = \(value): \(reason)"
        case .inapplicableSetting(let setting, let method):
            "\(setting.flag) does not apply to --method \(method)"
                + (setting.applicableMethods.map { " (only to \(EvaluationMethod.describe($0)))" } ?? "")
        case .conflictingSettings(let first, let second):
            "\(first.flag) and \(second.flag) exclude each other: give one"
        default:
            description
        }
    }
}
