import Uncertainty

/// The approximate sampling distribution of the DerSimonian–Laird τ̂² used by NICOB's parametric
/// bootstrap (NICOB manual §A.2; Biggerstaff & Tweedie, Stat. Med. 16 (1997) 753).
///
/// For a given τ², Cochran's Q has
///
///     E[Q]   = (n − 1) + c·τ²,                                     c = S1 − S2/S1,
///     Var[Q] = 2(n − 1) + 4c·τ² + 2(S2 − 2 S3/S1 + S2²/S1²)·τ⁴,   S_r = Σ u_i^(−2r),
///
/// and is approximated by the gamma distribution with these moments (shape E²/Var, scale Var/E),
/// evaluated at the *untruncated* moment estimate τ̂²_M = (Q_obs − (n − 1))/c (so E[Q] = Q_obs).
/// A draw is τ² = max{0, (Q* − (n − 1))/c} for Q* from that gamma. When E[Q] = 0 (all values
/// equal) or Var[Q] = 0 the distribution degenerates to max{0, τ̂²_M}.
struct CochranQGammaApproximation: Sendable {
    /// The gamma shape and scale, or nil when the distribution is degenerate.
    let shape: Double?
    let scale: Double
    /// n − 1.
    let degreesOfFreedom: Double
    /// c = S1 − S2/S1.
    let momentCoefficient: Double
    /// max{0, τ̂²_M}, the value of a degenerate distribution.
    let degenerateValue: Double

    init(_ model: RandomEffectsModel) {
        let (s1, s2, s3) = model.weightPowerSums
        let c = s1 - s2 / s1
        let nu = Double(model.count - 1)
        let tau2 = (model.cochranQ - nu) / c
        let expectation = nu + c * tau2
        let variance = 2 * nu + 4 * c * tau2 + 2 * (s2 - 2 * s3 / s1 + s2 * s2 / (s1 * s1)) * tau2 * tau2
        degreesOfFreedom = nu
        momentCoefficient = c
        degenerateValue = Swift.max(0, tau2)
        if expectation > 0, variance > 0, c > 0, (expectation * expectation / variance).isFinite {
            shape = expectation * expectation / variance
            scale = variance / expectation
        } else {
            shape = nil
            scale = 0
        }
    }

    /// One draw of τ².
    @inline(__always)
    func sample(using random: inout Xoshiro256) -> Double {
        guard let shape else { return degenerateValue }
        let q = scale * random.nextGamma(shape: shape)
        return Swift.max(0, (q - degreesOfFreedom) / momentCoefficient)
    }
}
