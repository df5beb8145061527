import Uncertainty

/// A method with every setting it takes: what a program, or the command line, fills in to
/// evaluate a comparison, checked once and turned into the estimator.
///
/// The shared settings (coverage factor, probability, trials, seed) become an
/// ``EvaluationOptions``; the method-specific ones are nil unless given, and a setting given for a
/// method that does not take it is an error, not ignored (``EvaluationSetting/applicableMethods``).
///
///     var configuration = EvaluationConfiguration(method: .derSimonianLaird)
///     configuration.randomEffectsUncertainty = .bootstrap
///     configuration.trials = 10_000
///     let evaluation = try configuration.evaluate(comparison)   // NICOB's DL bootstrap
///
/// ``estimator()`` returns the configured estimator for programs that want its own result
/// (``ReferenceValueEstimator/estimate(_:options:)``) as well.
public struct EvaluationConfiguration: Sendable, Hashable {
    /// The method.
    public var method: EvaluationMethod
    /// k of U = k·u (default 2).
    public var coverageFactor: Double
    /// The coverage probability of Monte Carlo intervals (default 0.95).
    public var coverageProbability: Double
    /// Whether to compute the bilateral degrees of equivalence (default true).
    public var includesPairwise: Bool
    /// Monte Carlo trials, bootstrap replicates or MCMC iterations per chain; nil = the method's
    /// default (closed-form methods ignore it).
    public var trials: Int?
    /// The seed of the random generator; nil = ``Xoshiro256/defaultSeed``.
    public var seed: UInt64?

    /// Random effects: how u(y) is evaluated (nil = the model-based u).
    public var randomEffectsUncertainty: RandomEffects.UncertaintyMethod?
    /// Random effects: how the degrees of equivalence are evaluated (nil = closed form).
    public var randomEffectsDegreesOfEquivalence: RandomEffects.DegreesOfEquivalenceMethod?
    /// Median: a supplied expanded uncertainty of the KCRV, instead of the Monte Carlo one.
    public var referenceExpandedUncertainty: Double?
    /// Linear pool: the weight of every included laboratory (nil = equal weights).
    public var laboratoryWeights: [LaboratoryID: Double]?
    /// Hierarchical Bayes: the median of the half-Cauchy prior of τ.
    public var tauPriorMedian: Double?
    /// Hierarchical Bayes: the median of the half-Cauchy priors of the σ_i.
    public var sigmaPriorMedian: Double?
    /// Hierarchical Bayes: the number of chains.
    public var chains: Int?
    /// Hierarchical Bayes: iterations discarded at the start of each chain.
    public var burnIn: Int?
    /// Hierarchical Bayes: keep every n-th iteration.
    public var thinning: Int?
    /// Hierarchical Bayes: whether the degrees of equivalence include the laboratory effect.
    public var recognizesDarkUncertainty: Bool?
    /// Hierarchical Bayes: fail instead of warning when split-R̂ exceeds the threshold.
    public var requiresConvergence: Bool?

    /// The method with its default settings.
    public init(method: EvaluationMethod = .weightedMean) {
        self.method = method
        coverageFactor = 2
        coverageProbability = 0.95
        includesPairwise = true
    }

    /// The settings given (not nil) that are specific to some methods.
    public var givenSettings: [EvaluationSetting] {
        var given: [EvaluationSetting] = []
        switch randomEffectsUncertainty {
        case .knappHartung: given.append(.knappHartung)
        case .bootstrap: given.append(.bootstrap)
        case .model, nil: break
        }
        if randomEffectsDegreesOfEquivalence != nil { given.append(.degreesOfEquivalence) }
        if referenceExpandedUncertainty != nil { given.append(.referenceExpandedUncertainty) }
        if laboratoryWeights != nil { given.append(.laboratoryWeights) }
        if tauPriorMedian != nil { given.append(.tauPriorMedian) }
        if sigmaPriorMedian != nil { given.append(.sigmaPriorMedian) }
        if chains != nil { given.append(.chains) }
        if burnIn != nil { given.append(.burnIn) }
        if thinning != nil { given.append(.thinning) }
        if recognizesDarkUncertainty != nil { given.append(.recognizesDarkUncertainty) }
        if requiresConvergence != nil { given.append(.requiresConvergence) }
        return given
    }

    /// The shared settings as options.
    ///
    /// - Throws: ``KeyComparisonError/invalidSetting(_:value:reason:)``.
    public func options() throws(KeyComparisonError) -> EvaluationOptions {
        try EvaluationOptions(
            coverageFactor: coverageFactor, coverageProbability: coverageProbability,
            includesPairwise: includesPairwise, trials: trials, seed: seed ?? Xoshiro256.defaultSeed)
    }

    /// Checks every setting: the shared ones, that each method-specific one belongs to the method,
    /// and the estimator's own rules (``ReferenceValueEstimator/validateSettings()``).
    ///
    /// - Throws: ``KeyComparisonError/inapplicableSetting(_:method:)``,
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)``,
    ///   ``KeyComparisonError/conflictingSettings(_:_:)``.
    public func validate() throws(KeyComparisonError) {
        _ = try options()
        _ = try estimator()
    }

    /// The configured estimator, its settings checked.
    ///
    /// - Throws: as ``validate()``.
    public func estimator() throws(KeyComparisonError) -> any ReferenceValueEstimator {
        for setting in givenSettings where setting.applicableMethods?.contains(method) == false {
            throw .inapplicableSetting(setting, method: method)
        }
        let estimator = makeEstimator()
        try estimator.validateSettings()
        return estimator
    }

    /// Evaluates a comparison with the configured method; every number of the result is finite
    /// (``Evaluation/checkedFinite()``).
    ///
    /// - Throws: as ``validate()``, and the estimator's errors.
    public func evaluate(_ comparison: Comparison) throws(KeyComparisonError) -> Evaluation {
        let options = try options()
        return try estimator().evaluate(comparison, options: options).checkedFinite()
    }

    /// The estimator of the method with the settings applied, not yet checked.
    func makeEstimator() -> any ReferenceValueEstimator {
        switch method {
        case .weightedMean: return WeightedMean()
        case .arithmeticMean: return ArithmeticMean()
        case .algorithmA: return AlgorithmA()
        case .huber: return HuberMEstimate()
        case .median: return Median(referenceExpandedUncertainty: referenceExpandedUncertainty)
        case .largestConsistentSubset: return LargestConsistentSubset()
        case .linearPool: return LinearPool(weights: laboratoryWeights)
        case .hierarchicalBayes, .hierarchicalBayesLaplace:
            var bayes = HierarchicalBayes(laboratoryEffects: method == .hierarchicalBayes ? .gaussian : .laplace)
            bayes.tauPriorMedian = tauPriorMedian
            bayes.sigmaPriorMedian = sigmaPriorMedian
            if let chains { bayes.chains = chains }
            bayes.burnIn = burnIn
            bayes.thinning = thinning
            if let recognizesDarkUncertainty { bayes.recognizesDarkUncertainty = recognizesDarkUncertainty }
            if let requiresConvergence { bayes.requiresConvergence = requiresConvergence }
            return bayes
        case .derSimonianLaird, .pauleMandel, .restrictedMaximumLikelihood, .maximumLikelihood, .hunterSchmidt,
            .sidikJonkman, .hedges:
            guard let tauSquared = method.betweenLaboratoryVarianceEstimator else {
                preconditionFailure(  // allowed: every random-effects method has its τ² estimator
                    "no τ² estimator for \(method)")
            }
            return RandomEffects(
                tauSquared, uncertainty: randomEffectsUncertainty ?? .model,
                degreesOfEquivalence: randomEffectsDegreesOfEquivalence ?? .closedForm)
        }
    }
}

extension EvaluationMethod {
    /// The estimator for this method with its default settings.
    ///
    /// Every estimator's default settings are valid, so nothing is checked here.
    public func estimator() -> any ReferenceValueEstimator {
        EvaluationConfiguration(method: self).makeEstimator()
    }
}
