/// The maximum-likelihood estimator of τ² (metafor `method = "ML"`): the τ² ≥ 0 that maximizes the
/// profile log-likelihood of the laboratory-effects model,
///
///     ℓ(τ²) = −½ Σ [log(u_i² + τ²) + (x_i − μ̂(τ²))²/(u_i² + τ²)]   (+ constant),
///
/// (Hardy & Thompson, Stat. Med. 15 (1996) 619; Vangel & Rukhin, Biometrics 55 (1999) 129).
/// The **global** maximum is found by ``ProfileLikelihoodMaximizer`` (a bracketing search of the
/// score over the whole admissible range), not by Fisher scoring from one start: on Kudzu As the
/// likelihood has a boundary local maximum at τ² = 0 (ℓ = 7.787) and the global one at
/// τ² = 3.80e-4 (ℓ = 8.153).
///
///     try MaximumLikelihood().tauSquared(RandomEffectsModel(kudzu))   // 3.80e-4 (mg/kg)²
///
/// - Complexity: O(n) per evaluation, a few hundred evaluations.
public struct MaximumLikelihood: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .maximumLikelihood }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        return try ProfileLikelihoodMaximizer.maximize(
            model, method: method, score: { model.scores(tauSquared: $0).maximumLikelihood },
            logLikelihood: { model.logLikelihood(tauSquared: $0) })
    }
}
