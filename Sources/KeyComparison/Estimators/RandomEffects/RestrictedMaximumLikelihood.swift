/// The restricted (residual) maximum-likelihood estimator of τ² (metafor's default,
/// `method = "REML"`): the τ² ≥ 0 that maximizes
///
///     ℓ_R(τ²) = −½ [Σ log(u_i² + τ²) + Σ (x_i − μ̂(τ²))²/(u_i² + τ²) + log Σ 1/(u_i² + τ²)]   (+ constant)
///
/// (Viechtbauer, J. Educ. Behav. Stat. 30 (2005) 261; Rukhin, Biggerstaff & Vangel, J. Stat. Plan.
/// Inference 83 (2000) 319). The global maximum is found by ``ProfileLikelihoodMaximizer``, a
/// bounded bracketing search in τ² ≥ 0 that cannot fail to converge the way Fisher scoring was
/// reported to on CCT-K7.
///
///     try RestrictedMaximumLikelihood().tauSquared(RandomEffectsModel(cctK7))   // 1748.92 µK² (τ = 41.820143 µK)
///
/// - Complexity: O(n) per evaluation, a few hundred evaluations.
public struct RestrictedMaximumLikelihood: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .restrictedMaximumLikelihood }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        return try ProfileLikelihoodMaximizer.maximize(
            model, method: method, score: { model.scores(tauSquared: $0).restricted },
            logLikelihood: { model.restrictedLogLikelihood(tauSquared: $0) })
    }
}
