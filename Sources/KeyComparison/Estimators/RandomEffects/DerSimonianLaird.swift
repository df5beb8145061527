/// The DerSimonian–Laird method-of-moments estimator of τ² (metafor `method = "DL"`).
///
///     τ̂² = max{0, (Q − (n − 1)) / (S1 − S2/S1)},   Q = Σ w_i (x_i − ȳ)²,   S_r = Σ w_i^r,   w_i = 1/u_i²,
///
/// obtained by equating Cochran's Q to its expectation (n − 1) + (S1 − S2/S1)·τ²
/// (R. DerSimonian & N. Laird, Control. Clin. Trials 7 (1986) 177). Closed form, never fails.
/// NICOB's "DerSimonian–Laird" consensus and its parametric bootstrap (``DerSimonianLairdBootstrap``)
/// are built on it.
///
///     try DerSimonianLaird().tauSquared(RandomEffectsModel(pcb28))   // 2.9289 (ng/g)²
///
/// - Complexity: O(n).
public struct DerSimonianLaird: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .derSimonianLaird }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        return Swift.max(0, model.untruncatedMomentEstimate)
    }
}

extension RandomEffectsModel {
    /// τ̂²_M = (Q − (n − 1))/(S1 − S2/S1), the DerSimonian–Laird moment estimate before truncation
    /// at zero (it can be negative); the parametric bootstrap of NICOB centres its gamma
    /// approximation of Q here.
    var untruncatedMomentEstimate: Double {
        (cochranQ - Double(count - 1)) / momentCoefficient
    }
}
