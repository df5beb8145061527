import LinearAlgebra

extension ModelQuantity {
    /// The distribution the Monte Carlo method draws this quantity from (JCGM 101 §6.4): the one
    /// given; otherwise, from an estimate x and standard uncertainty u, N(x, u²) (6.4.7.1), or
    /// t_ν(x, u²) when ν is finite (6.4.9.2: a Type A evaluation from ν + 1 observations).
    ///
    /// - Throws: the errors of ``firstOrderSpecification()``.
    public func monteCarloDistribution() throws(UncertaintyError) -> InputDistribution {
        let specification = try firstOrderSpecification()
        if let distribution { return distribution }
        let (x, u, nu) = specification
        guard nu.isFinite, u > 0 else { return .gaussian(mean: x, standardDeviation: u) }
        return .studentT(location: x, scale: u, degreesOfFreedom: nu)
    }
}

extension MeasurementModel {
    /// The joint distribution of the quantities for the Monte Carlo method: each quantity's
    /// ``ModelQuantity/monteCarloDistribution()`` and the correlation matrix of the file (see
    /// ``JointDistribution`` for correlated non-Gaussian inputs).
    ///
    /// - Throws: the errors of ``validateCorrelations()``, ``ModelQuantity/firstOrderSpecification()``
    ///   and of ``JointDistribution/init(_:correlation:)``.
    public func jointDistribution() throws(UncertaintyError) -> JointDistribution {
        try validateCorrelations()
        var marginals: [(name: String, distribution: InputDistribution)] = []
        for quantity in quantities { marginals.append((quantity.name, try quantity.monteCarloDistribution())) }
        guard !correlations.isEmpty else { return try JointDistribution(marginals) }
        let index = Dictionary(quantities.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var r = Matrix.identity(order: quantities.count)
        for correlation in correlations {
            guard let i = index[correlation.quantities[0]], let j = index[correlation.quantities[1]] else { continue }
            r[i, j] = correlation.coefficient
            r[j, i] = correlation.coefficient
        }
        return try JointDistribution(marginals, correlation: r)
    }

    /// The Monte Carlo evaluation of the measurands with M trials (JCGM 101 §7, JCGM 102 §7).
    ///
    /// - Throws: the errors of ``expressionModel()``, ``jointDistribution()`` and
    ///   ``MonteCarloMethod/propagate(_:inputs:measurands:trials:)``.
    public func evaluateMonteCarlo(trials: Int, seed: UInt64 = Xoshiro256.defaultSeed) throws(UncertaintyError)
        -> MonteCarloResult
    {
        let model = try expressionModel()
        return try MonteCarloMethod(coverageProbability: coverageProbability, seed: seed)
            .propagate(model, inputs: try jointDistribution(), measurands: model.outputNames, trials: trials)
    }

    /// The adaptive Monte Carlo evaluation (JCGM 101 7.9): as many trials as it takes for the
    /// results to be stable to `significantDigits` significant digits of u(y).
    ///
    /// - Throws: the errors of ``evaluateMonteCarlo(trials:seed:)`` and of
    ///   ``MonteCarloMethod/propagateAdaptively(_:inputs:measurands:significantDigits:maximumTrials:)``.
    public func evaluateMonteCarloAdaptively(
        significantDigits: Int = 2, maximumTrials: Int = 50_000_000, seed: UInt64 = Xoshiro256.defaultSeed
    ) throws(UncertaintyError) -> MonteCarloResult {
        let model = try expressionModel()
        return try MonteCarloMethod(coverageProbability: coverageProbability, seed: seed)
            .propagateAdaptively(
                model, inputs: try jointDistribution(), measurands: model.outputNames,
                significantDigits: significantDigits, maximumTrials: maximumTrials)
    }
}
