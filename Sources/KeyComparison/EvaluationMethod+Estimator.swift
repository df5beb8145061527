extension EvaluationMethod {
    /// The estimator for this method with its default settings.
    ///
    /// Every method of ``EvaluationMethod`` has an estimator (the switch is exhaustive, so a
    /// method added to the enumeration must be given one here).
    ///
    /// - Throws: ``KeyComparisonError`` only from an estimator's own construction.
    public func estimator() throws(KeyComparisonError) -> any ReferenceValueEstimator {
        switch self {
        case .weightedMean: WeightedMean()
        case .arithmeticMean: ArithmeticMean()
        case .algorithmA: AlgorithmA()
        case .huber: HuberEstimator()
        case .derSimonianLaird, .pauleMandel, .restrictedMaximumLikelihood, .maximumLikelihood, .hunterSchmidt,
            .sidikJonkman, .hedges:
            try RandomEffects(method: self)
        case .hierarchicalBayes: HierarchicalBayes(laboratoryEffects: .gaussian)
        case .hierarchicalBayesLaplace: HierarchicalBayes(laboratoryEffects: .laplace)
        case .median: Median()
        case .largestConsistentSubset: LargestConsistentSubset()
        case .linearPool: LinearPool()
        }
    }

    /// The method with this name (as in DESIGN.md), e.g. `weighted-mean`.
    public init(name: String) throws(KeyComparisonError) {
        guard let method = EvaluationMethod(rawValue: name.lowercased()) else { throw .unknownMethod(name) }
        self = method
    }
}
