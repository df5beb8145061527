extension EvaluationMethod: CustomStringConvertible {
    /// The method's name, e.g. `weighted-mean`.
    public var description: String { rawValue }

    /// The method with this name (as `--method` and the evaluation JSON spell it), e.g.
    /// `weighted-mean`; case is ignored.
    ///
    /// - Throws: ``KeyComparisonError/unknownMethod(_:)``.
    public init(name: String) throws(KeyComparisonError) {
        guard let method = EvaluationMethod(rawValue: name.lowercased()) else { throw .unknownMethod(name) }
        self = method
    }

    /// The seven random-effects (laboratory-effects) methods, one per estimator of τ².
    public static let randomEffectsMethods: Set<EvaluationMethod> = [
        .derSimonianLaird, .pauleMandel, .restrictedMaximumLikelihood, .maximumLikelihood, .hunterSchmidt,
        .sidikJonkman, .hedges,
    ]

    /// "the random-effects methods", "median", "algorithm-a or huber": a set of methods in words.
    public static func describe(_ methods: Set<EvaluationMethod>) -> String {
        if methods == randomEffectsMethods { return "the random-effects methods" }
        if methods == [.hierarchicalBayes, .hierarchicalBayesLaplace] { return "the hierarchical-bayes methods" }
        let names = allCases.filter(methods.contains).map(\.rawValue)
        return names.count <= 1
            ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// The estimator of the between-laboratory variance τ² of a random-effects method, or nil for
    /// the other methods.
    public var betweenLaboratoryVarianceEstimator: (any BetweenLaboratoryVarianceEstimator)? {
        switch self {
        case .derSimonianLaird: DerSimonianLaird()
        case .pauleMandel: PauleMandel()
        case .restrictedMaximumLikelihood: RestrictedMaximumLikelihood()
        case .maximumLikelihood: MaximumLikelihood()
        case .hunterSchmidt: HunterSchmidt()
        case .sidikJonkman: SidikJonkman()
        case .hedges: Hedges()
        case .weightedMean, .arithmeticMean, .median, .largestConsistentSubset, .linearPool, .hierarchicalBayes,
            .algorithmA, .huber, .hierarchicalBayesLaplace:
            nil
        }
    }
}
