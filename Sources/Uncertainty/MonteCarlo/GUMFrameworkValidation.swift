/// The validation of the GUM uncertainty framework against the Monte Carlo method
/// (JCGM 101:2008 §8).
///
/// With the GUF interval y ± U_p and the Monte Carlo interval [y_low, y_high] for the same
/// coverage probability, the absolute differences of the end points are
/// d_low = |y − U_p − y_low| and d_high = |y + U_p − y_high| (8.2). The GUF is validated when
/// both are at most the numerical tolerance δ of u(y) for the chosen number of significant
/// digits (8.1, 7.9.2).
///
///     // JCGM 101 9.3 (Table 6, δ = 0.005): first-order GUF [1.1285, 1.3395] against the
///     // Monte Carlo [1.0834, 1.3825] gives d_low = 0.0451, d_high = 0.0430: not validated.
///     let check = GUMFrameworkValidation(
///         frameworkInterval: CoverageInterval(lower: 1.1285, upper: 1.3395),
///         monteCarloInterval: CoverageInterval(lower: 1.0834, upper: 1.3825), numericalTolerance: 0.005)
///     check.isValidated     // false
public struct GUMFrameworkValidation: Sendable, Hashable, Codable {
    /// d_low = |y − U_p − y_low|.
    public var lowerDifference: Double
    /// d_high = |y + U_p − y_high|.
    public var upperDifference: Double
    /// δ, the numerical tolerance.
    public var numericalTolerance: Double
    /// True when d_low ≤ δ and d_high ≤ δ: the GUF is validated for this model and these inputs.
    public var isValidated: Bool { lowerDifference <= numericalTolerance && upperDifference <= numericalTolerance }

    /// Compares the end points of a GUF interval [y − U_p, y + U_p] with those of a Monte Carlo
    /// interval for the same coverage probability.
    public init(frameworkInterval: CoverageInterval, monteCarloInterval: CoverageInterval, numericalTolerance: Double) {
        lowerDifference = abs(frameworkInterval.lower - monteCarloInterval.lower)
        upperDifference = abs(frameworkInterval.upper - monteCarloInterval.upper)
        self.numericalTolerance = numericalTolerance
    }

    /// Compares a GUF interval with a Monte Carlo interval, δ being the numerical tolerance of the
    /// GUF standard uncertainty u(y) to `significantDigits` digits (JCGM 101 8.1 b, 7.9.2).
    ///
    /// - Throws: ``UncertaintyError/invalidSignificantDigits(_:)`` outside 1…6.
    public init(
        frameworkInterval: CoverageInterval, monteCarloInterval: CoverageInterval, standardUncertainty: Double,
        significantDigits: Int
    ) throws(UncertaintyError) {
        guard (1...6).contains(significantDigits) else { throw .invalidSignificantDigits(significantDigits) }
        self.init(
            frameworkInterval: frameworkInterval, monteCarloInterval: monteCarloInterval,
            numericalTolerance: AdaptiveStabilization.numericalTolerance(
                of: standardUncertainty, significantDigits: significantDigits))
    }

    /// JCGM 101 §8 as §9.3 (Table 6) applies it: the first-order interval y ± U_p of a measurand
    /// against the shortest Monte Carlo interval of the same measurand, δ being u(y) to two
    /// significant digits. Nil when u(y) = 0 (no tolerance can be stated).
    public init?(firstOrder measurand: MeasurandEvaluation, monteCarlo summary: MonteCarloSummary) {
        guard measurand.standardUncertainty > 0 else { return nil }
        let framework = CoverageInterval(
            lower: measurand.value - measurand.expandedUncertainty,
            upper: measurand.value + measurand.expandedUncertainty)
        self.init(
            frameworkInterval: framework, monteCarloInterval: summary.shortestInterval,
            numericalTolerance: AdaptiveStabilization.numericalTolerance(
                of: measurand.standardUncertainty, significantDigits: 2))
    }
}

extension MonteCarloResult {
    /// The JCGM 101 §8 validation of every measurand of a first-order evaluation of the same model
    /// against this run (nil where u(y) = 0 or the run has no such measurand), in measurand order.
    public func frameworkValidations(of evaluation: FirstOrderEvaluation) -> [GUMFrameworkValidation?] {
        evaluation.measurands.indices.map { k in
            k < summaries.count
                ? GUMFrameworkValidation(firstOrder: evaluation.measurands[k], monteCarlo: summaries[k]) : nil
        }
    }
}
