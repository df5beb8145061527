import KeyComparison
import Testing

/// A program configures and runs every method through ``EvaluationConfiguration`` alone, with
/// the settings the command line offers, and gets exactly what the estimator gives directly.
@Suite("Evaluation configuration")
struct EvaluationConfigurationTests {
    let pcb28: Comparison

    init() throws { pcb28 = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json") }

    /// One configuration per method with a method-specific setting where the method has one,
    /// and the same estimator built by hand; both must give the identical evaluation (same seed,
    /// same trials, so even the Monte Carlo figures are equal to the bit).
    static func cases() -> [(EvaluationConfiguration, any ReferenceValueEstimator)] {
        EvaluationMethod.allCases.map { method -> (EvaluationConfiguration, any ReferenceValueEstimator) in
            var configuration = EvaluationConfiguration(method: method)
            configuration.trials = 2_000
            configuration.seed = 42
            configuration.coverageFactor = 2.5
            let estimator: any ReferenceValueEstimator
            switch method {
            case .weightedMean: estimator = WeightedMean()
            case .arithmeticMean: estimator = ArithmeticMean()
            case .algorithmA: estimator = AlgorithmA()
            case .huber: estimator = HuberMEstimate()
            case .largestConsistentSubset: estimator = LargestConsistentSubset()
            case .median:
                configuration.referenceExpandedUncertainty = 0.9
                estimator = Median(referenceExpandedUncertainty: 0.9)
            case .linearPool:
                let weights: [LaboratoryID: Double] = [
                    "IRMM": 1, "KRISS": 1, "NARL": 2, "NIST": 2, "NMIJ": 1, "NRC": 1,
                ]
                configuration.laboratoryWeights = weights
                estimator = LinearPool(weights: weights)
            case .derSimonianLaird:
                configuration.randomEffectsUncertainty = .bootstrap
                configuration.randomEffectsDegreesOfEquivalence = .mraBootstrap
                estimator = RandomEffects(
                    DerSimonianLaird(), uncertainty: .bootstrap, degreesOfEquivalence: .mraBootstrap)
            case .pauleMandel, .restrictedMaximumLikelihood, .maximumLikelihood, .hunterSchmidt, .sidikJonkman,
                .hedges:
                configuration.randomEffectsUncertainty = .knappHartung
                estimator = RandomEffects(
                    method.betweenLaboratoryVarianceEstimator ?? DerSimonianLaird(), uncertainty: .knappHartung)
            case .hierarchicalBayes, .hierarchicalBayesLaplace:
                configuration.chains = 3
                configuration.tauPriorMedian = 1.5
                configuration.recognizesDarkUncertainty = false
                estimator = HierarchicalBayes(
                    laboratoryEffects: method == .hierarchicalBayes ? .gaussian : .laplace, tauPriorMedian: 1.5,
                    chains: 3, recognizesDarkUncertainty: false)
            }
            return (configuration, estimator)
        }
    }

    @Test func everyMethodRunsThroughTheLibraryAlone() throws {
        let cases = Self.cases()
        #expect(cases.count == EvaluationMethod.allCases.count)
        for (configuration, estimator) in cases {
            let evaluation = try configuration.evaluate(pcb28)
            #expect(evaluation.method == configuration.method)
            #expect(try configuration.estimator().method == configuration.method)
            let direct = try estimator.evaluate(
                pcb28, options: EvaluationOptions(coverageFactor: 2.5, trials: 2_000, seed: 42))
            #expect(evaluation == direct, "\(configuration.method)")
        }
    }

    /// A method-specific setting given for another method is refused, naming the setting and the
    /// method, for every pair of a setting and a method that does not take it.
    @Test func settingsForAnotherMethodAreRefused() {
        var given = EvaluationConfiguration()
        given.randomEffectsUncertainty = .knappHartung
        given.referenceExpandedUncertainty = 1
        given.laboratoryWeights = ["NIST": 1]
        given.tauPriorMedian = 1
        given.sigmaPriorMedian = 1
        given.chains = 2
        given.burnIn = 1
        given.thinning = 1
        given.recognizesDarkUncertainty = true
        given.requiresConvergence = true
        given.randomEffectsDegreesOfEquivalence = .closedForm
        var checked = 0
        for setting in given.givenSettings {
            let applicable = setting.applicableMethods ?? []
            for method in EvaluationMethod.allCases where !applicable.contains(method) {
                var configuration = EvaluationConfiguration(method: method)
                switch setting {
                case .knappHartung: configuration.randomEffectsUncertainty = .knappHartung
                case .degreesOfEquivalence: configuration.randomEffectsDegreesOfEquivalence = .closedForm
                case .referenceExpandedUncertainty: configuration.referenceExpandedUncertainty = 1
                case .laboratoryWeights: configuration.laboratoryWeights = ["NIST": 1]
                case .tauPriorMedian: configuration.tauPriorMedian = 1
                case .sigmaPriorMedian: configuration.sigmaPriorMedian = 1
                case .chains: configuration.chains = 2
                case .burnIn: configuration.burnIn = 1
                case .thinning: configuration.thinning = 1
                case .recognizesDarkUncertainty: configuration.recognizesDarkUncertainty = true
                case .requiresConvergence: configuration.requiresConvergence = true
                default: continue
                }
                #expect(throws: KeyComparisonError.inapplicableSetting(setting, method: method)) {
                    try configuration.validate()
                }
                checked += 1
            }
        }
        // 11 settings, each refused by every method outside its family.
        #expect(checked > 100)
    }

    @Test func invalidValuesAreNamed() {
        var configuration = EvaluationConfiguration(method: .restrictedMaximumLikelihood)
        configuration.coverageFactor = 0
        #expect(
            throws: KeyComparisonError.invalidSetting(
                .coverageFactor, value: "0.0", reason: "must be positive and finite")
        ) { try configuration.validate() }
        configuration = EvaluationConfiguration(method: .restrictedMaximumLikelihood)
        configuration.trials = 0
        #expect(throws: KeyComparisonError.invalidSetting(.trials, value: "0", reason: "must be a positive number")) {
            try configuration.validate()
        }
        configuration = EvaluationConfiguration(method: .restrictedMaximumLikelihood)
        configuration.randomEffectsUncertainty = .bootstrap
        #expect(throws: KeyComparisonError.inapplicableSetting(.bootstrap, method: .restrictedMaximumLikelihood)) {
            try configuration.validate()
        }
        configuration.randomEffectsUncertainty = nil
        configuration.randomEffectsDegreesOfEquivalence = .mraBootstrap
        #expect(throws: KeyComparisonError.self) { try configuration.validate() }
        configuration = EvaluationConfiguration(method: .hierarchicalBayes)
        configuration.chains = 1
        #expect {
            try configuration.validate()
        } throws: { error in
            guard case KeyComparisonError.invalidSetting(.chains, "1", _) = error else { return false }
            return true
        }
    }
}
