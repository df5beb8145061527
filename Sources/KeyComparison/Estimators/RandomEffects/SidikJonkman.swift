/// The Sidik–Jonkman estimator of τ² (metafor `method = "SJ"`):
///
///     τ̂₀² = Σ (x_i − x̄)²/n,   w_i = 1/(u_i² + τ̂₀²),   τ̂² = τ̂₀² · Σ w_i (x_i − μ̂_w)² / (n − 1),
///
/// one step of a weighted residual estimator started from the unweighted variance (K. Sidik &
/// J. N. Jonkman, J. Biopharm. Stat. 15 (2005) 823; Stat. Med. 26 (2007) 1964). It is positive
/// whenever the values are not all equal, so it never returns the weighted mean of a consistent
/// comparison.
///
/// - Complexity: O(n).
public struct SidikJonkman: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .sidikJonkman }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        let n = Double(model.count)
        let initial = model.unweightedSumOfSquares / n
        guard initial > 0 else { return 0 }
        return Swift.max(0, initial * model.generalizedQ(tauSquared: initial) / (n - 1))
    }
}
