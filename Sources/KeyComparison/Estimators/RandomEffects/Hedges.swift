/// Hedges' unweighted method-of-moments estimator of τ² (metafor `method = "HE"`, also called
/// the variance-components or Cochran ANOVA estimator):
///
///     τ̂² = max{0, Σ (x_i − x̄)²/(n − 1) − Σ u_i²/n}
///
/// (L. V. Hedges, Psychol. Bull. 93 (1983) 388; L. V. Hedges & I. Olkin, *Statistical Methods for
/// Meta-Analysis*, 1985). The sample variance of the values minus the mean reported variance.
///
/// - Complexity: O(n).
public struct Hedges: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .hedges }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        let n = Double(model.count)
        let meanVariance = model.variances.reduce(0, +) / n
        return Swift.max(0, model.unweightedSumOfSquares / (n - 1) - meanVariance)
    }
}
