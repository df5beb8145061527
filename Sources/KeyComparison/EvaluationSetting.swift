/// A setting of an evaluation, named as ``EvaluationConfiguration``, ``EvaluationOptions``, the
/// estimators and ``DiagnosticOptions`` name it, so that an error can say which setting is wrong
/// without the library knowing how a program spells it (the command line maps each to its flag).
public enum EvaluationSetting: String, Sendable, Hashable, Codable, CaseIterable {
    // Every method.
    /// k of U = k·u.
    case coverageFactor
    /// The coverage probability of Monte Carlo intervals.
    case coverageProbability
    /// Monte Carlo trials, bootstrap replicates or MCMC iterations per chain.
    case trials
    /// The seed of the random generator.
    case seed

    // Random effects.
    /// u(y) by Knapp–Hartung (``RandomEffects/UncertaintyMethod/knappHartung``).
    case knappHartung
    /// u(y) by NICOB's parametric bootstrap (``RandomEffects/UncertaintyMethod/bootstrap``).
    case bootstrap
    /// How the random-effects degrees of equivalence are evaluated
    /// (``RandomEffects/DegreesOfEquivalenceMethod``).
    case degreesOfEquivalence

    // Median (Procedure B).
    /// A supplied expanded uncertainty of the KCRV (``Median/referenceExpandedUncertainty``).
    case referenceExpandedUncertainty

    // Linear pool.
    /// The pool weights of the laboratories (``LinearPool/weights``).
    case laboratoryWeights

    // Hierarchical Bayes.
    /// ``HierarchicalBayes/tauPriorMedian``.
    case tauPriorMedian
    /// ``HierarchicalBayes/sigmaPriorMedian``.
    case sigmaPriorMedian
    /// ``HierarchicalBayes/referenceValuePriorMean``.
    case referenceValuePriorMean
    /// ``HierarchicalBayes/referenceValuePriorStandardDeviation``.
    case referenceValuePriorStandardDeviation
    /// ``HierarchicalBayes/chains``.
    case chains
    /// ``HierarchicalBayes/burnIn``.
    case burnIn
    /// ``HierarchicalBayes/thinning``.
    case thinning
    /// ``HierarchicalBayes/recognizesDarkUncertainty``.
    case recognizesDarkUncertainty
    /// ``HierarchicalBayes/convergenceThreshold``.
    case convergenceThreshold
    /// ``HierarchicalBayes/requiresConvergence``.
    case requiresConvergence

    // Robust estimators (ISO 13528 Algorithm A, Huber).
    /// Huber's k (``HuberMEstimate/tuningConstant``).
    case tuningConstant
    /// The convergence tolerance of the iteration.
    case tolerance
    /// The iteration limit.
    case maximumIterations
    /// Algorithm A's winsorization factor (1.5).
    case winsorizationFactor
    /// Algorithm A's initial scale factor (1.483).
    case initialScaleFactor
    /// Algorithm A's scale correction factor (1.134).
    case scaleCorrectionFactor

    // Largest consistent subset.
    /// The significance level of the χ² test (``LargestConsistentSubset/significanceLevel``).
    case significanceLevel
    /// The most subsets counted (``LargestConsistentSubset/countingBudget``).
    case countingBudget

    // Diagnostics.
    /// σ_pt for z and z′ (``DiagnosticOptions/proficiencyStandardDeviation``).
    case proficiencyStandardDeviation
    /// An assigned value to score against (``DiagnosticOptions/assignedValue``).
    case assignedValue
    /// Within-laboratory spreads for Mandel's k and Cochran's C.
    case withinLaboratorySpreads

    /// The methods that take this setting; nil when every method does (or it is not a setting of
    /// an evaluation method).
    public var applicableMethods: Set<EvaluationMethod>? {
        switch self {
        case .knappHartung: EvaluationMethod.randomEffectsMethods
        case .bootstrap: [.derSimonianLaird]
        case .degreesOfEquivalence: EvaluationMethod.randomEffectsMethods
        case .referenceExpandedUncertainty: [.median]
        case .laboratoryWeights: [.linearPool]
        case .tauPriorMedian, .sigmaPriorMedian, .referenceValuePriorMean, .referenceValuePriorStandardDeviation,
            .chains, .burnIn, .thinning, .recognizesDarkUncertainty, .convergenceThreshold, .requiresConvergence:
            [.hierarchicalBayes, .hierarchicalBayesLaplace]
        case .tuningConstant: [.huber]
        case .winsorizationFactor, .initialScaleFactor, .scaleCorrectionFactor: [.algorithmA]
        case .tolerance, .maximumIterations: [.algorithmA, .huber]
        case .significanceLevel, .countingBudget: [.largestConsistentSubset]
        case .coverageFactor, .coverageProbability, .trials, .seed, .proficiencyStandardDeviation, .assignedValue,
            .withinLaboratorySpreads:
            nil
        }
    }
}
