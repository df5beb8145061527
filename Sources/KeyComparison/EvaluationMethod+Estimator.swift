extension EvaluationMethod {
    /// The estimator for this method with its default settings.
    ///
    /// - Throws: ``KeyComparisonError/unknownMethod(_:)`` for a method this build does not provide.
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
        default: throw .unknownMethod(rawValue)
        }
    }

    /// The method with this name (as in DESIGN.md), e.g. `weighted-mean`.
    public init(name: String) throws(KeyComparisonError) {
        guard let method = EvaluationMethod(rawValue: name.lowercased()) else { throw .unknownMethod(name) }
        self = method
    }
}
