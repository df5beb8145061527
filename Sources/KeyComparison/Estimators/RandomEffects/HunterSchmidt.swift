/// The Hunter–Schmidt estimator of τ² (metafor `method = "HS"`):
///
///     τ̂² = max{0, (Q − n) / S1},   Q Cochran's Q,   S1 = Σ 1/u_i²
///
/// (J. E. Hunter & F. L. Schmidt, *Methods of Meta-Analysis*, 2nd ed., Sage 2004; as defined in
/// Viechtbauer, J. Educ. Behav. Stat. 30 (2005) 261). Closed form; biased downwards.
///
/// - Complexity: O(n).
public struct HunterSchmidt: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .hunterSchmidt }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        let s1 = model.weightPowerSums.s1
        return Swift.max(0, (model.cochranQ - Double(model.count)) / s1)
    }
}
