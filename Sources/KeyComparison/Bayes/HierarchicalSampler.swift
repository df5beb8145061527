import Uncertainty

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Markov chain Monte Carlo sampler behind ``HierarchicalBayes``: one chain of a
/// partially collapsed Gibbs sampler for the laboratory-effects model
///
///     x_i = μ + λ_i + ε_i,   ε_i ~ N(0, σ_i²),   λ_i | ω_i ~ N(0, ω_i),
///     ω_i = τ²             (Gaussian effects),
///     ω_i = τ²·e_i, e_i ~ Exp(1)   (Laplace effects: the normal scale mixture of the Laplace
///                                   distribution with standard deviation τ, Andrews & Mallows,
///                                   J. R. Stat. Soc. B 36 (1974) 99),
///     μ ~ N(m₀, s₀²),  τ ~ half-Cauchy(scale a_τ),  σ_i ~ half-Cauchy(scale a_σ) with
///     ν_i u_i²/σ_i² ~ χ²(ν_i) when ν_i is finite, and σ_i = u_i otherwise.
///
/// One sweep draws, in this order (van Dyk & Park, JASA 103 (2008) 790, partially collapsed Gibbs):
/// 1. τ | e, σ, x with μ and λ integrated out (x_i ~ N(μ, τ²e_i + σ_i²)), by slice sampling of
///    log τ: the marginal removes the funnel between τ and the λ_i that traps centred Gibbs
///    samplers near τ = 0;
/// 2. μ | τ, e, σ, x, a conjugate Gaussian with precision Σ 1/(τ²e_i + σ_i²) + 1/s₀²;
/// 3. σ_i | μ, τ, e_i, x_i (finite ν_i only), with λ_i integrated out, by slice sampling of log σ_i;
/// 4. (Laplace only) λ_i | μ, τ, e_i, σ_i, x_i, a conjugate Gaussian, then 1/ω_i | λ_i, τ from the
///    inverse Gaussian with mean √2/(τ|λ_i|) and shape 2/τ² (Park & Casella, JASA 103 (2008) 681).
///
/// Every step is a draw from a conditional of the joint posterior (steps 1–2 jointly draw (τ, μ)
/// given (e, σ); step 3 draws σ given (μ, τ, e); step 4 draws (λ, e)), so the posterior is the
/// chain's stationary distribution. The data are standardised (x' = (x − c)/s, u' = u/s) so that
/// the slice widths are scale-free.
struct HierarchicalSampler: Sendable {
    /// Standardised values x'_i of the included results.
    var values: [Double]
    /// Standardised uncertainties u'_i.
    var uncertainties: [Double]
    /// ν_i, `.infinity` when σ_i = u_i is known.
    var degreesOfFreedom: [Double]
    /// The distribution of the laboratory effects λ_i.
    var effects: LaboratoryEffects
    /// a_τ, the scale (= median) of the half-Cauchy prior of τ, standardised.
    var tauPriorScale: Double
    /// a_σ, the scale (= median) of the half-Cauchy priors of the σ_i, standardised.
    var sigmaPriorScale: Double
    /// m₀, the prior mean of μ, standardised.
    var meanPriorMean: Double
    /// 1/s₀², the prior precision of μ, standardised.
    var meanPriorPrecision: Double
    /// Iterations per chain, burn-in included.
    var iterations: Int
    /// Iterations discarded at the start of each chain.
    var burnIn: Int
    /// Every `thinning`-th iteration after the burn-in is kept.
    var thinning: Int

    /// Draws kept per chain.
    var drawsPerChain: Int { (iterations - burnIn) / thinning }

    /// The kept draws of one chain, standardised; `sigma` is draw-major (draw k, lab i at k·n + i).
    /// Each draw is recorded right after step 2, so (μ, τ, σ, e) is one posterior draw and
    /// `conditionalMean`, `conditionalVariance` are E(μ | τ, σ, e, x) and Var(μ | τ, σ, e, x) at it.
    struct Chain: Sendable {
        var mu: [Double] = []
        var tau: [Double] = []
        var sigma: [Double] = []
        var conditionalMean: [Double] = []
        var conditionalVariance: [Double] = []
    }

    /// Runs chain number `chain` from a start that is dispersed across chains, with its own random
    /// stream `Xoshiro256(seed: seed, stream: chain)`: τ and the unknown σ_i start at their prior
    /// medians times 10^s, s = −1, +1, −½, +½, −⅓, … for chains 0, 1, 2, …, so a chain depends on the
    /// seed and its index only (not on the number of chains or of threads).
    func run(chain: Int, seed: UInt64) -> Chain {
        var random = Xoshiro256(seed: seed, stream: UInt64(chain))
        let n = values.count
        let spread = (chain % 2 == 0 ? -1 : 1) / (1 + Double(chain / 2))
        var tau = tauPriorScale * pow(10, spread)
        var sigma = uncertainties
        for i in 0..<n where degreesOfFreedom[i].isFinite { sigma[i] *= pow(10, spread / 2) }
        var mixing = [Double](repeating: 1, count: n)
        var mu = 0.0

        let kept = drawsPerChain
        var output = Chain(sigma: [Double](repeating: 0, count: kept * n))
        output.mu.reserveCapacity(kept)
        output.tau.reserveCapacity(kept)
        output.conditionalMean.reserveCapacity(kept)
        output.conditionalVariance.reserveCapacity(kept)

        let logSlice = SliceSampler(width: 1)
        // The marginal density of log τ changes between sweeps only through σ and the mixing.
        let conditionalsChange = effects == .laplace || degreesOfFreedom.contains(where: \.isFinite)
        var logTau = log(tau)
        var logTauDensity = -Double.infinity
        for iteration in 0..<iterations {
            // 1. τ | e, σ, x with μ and λ integrated out.
            if conditionalsChange || iteration == 0 {
                logTauDensity = logMarginalDensity(logTau: logTau, sigma: sigma, mixing: mixing)
                if !logTauDensity.isFinite {
                    logTau = log(tauPriorScale)
                    logTauDensity = logMarginalDensity(logTau: logTau, sigma: sigma, mixing: mixing)
                }
            }
            (logTau, logTauDensity) = logSlice.update(logTau, currentLogDensity: logTauDensity, random: &random) {
                logMarginalDensity(logTau: $0, sigma: sigma, mixing: mixing)
            }
            tau = exp(logTau)
            let tau2 = tau * tau
            // 2. μ | τ, e, σ, x.
            var precision = meanPriorPrecision
            var weighted = meanPriorPrecision * meanPriorMean
            for i in 0..<n {
                let w = 1 / (tau2 * mixing[i] + sigma[i] * sigma[i])
                precision += w
                weighted += w * values[i]
            }
            mu = weighted / precision + random.nextStandardNormal() / precision.squareRoot()
            if iteration >= burnIn, (iteration - burnIn) % thinning == thinning - 1, output.mu.count < kept {
                let k = output.mu.count
                output.mu.append(mu)
                output.tau.append(tau)
                output.conditionalMean.append(weighted / precision)
                output.conditionalVariance.append(1 / precision)
                for i in 0..<n { output.sigma[k * n + i] = sigma[i] }
            }
            // 3. σ_i | μ, τ, e_i, x_i (λ_i integrated out), where ν_i is finite.
            for i in 0..<n where degreesOfFreedom[i].isFinite {
                let omega = tau2 * mixing[i]
                let r2 = (values[i] - mu) * (values[i] - mu)
                let nu = degreesOfFreedom[i]
                let nuU2 = nu * uncertainties[i] * uncertainties[i]
                let a2 = sigmaPriorScale * sigmaPriorScale
                let density = { (logSigma: Double) -> Double in
                    let s2 = exp(2 * logSigma)
                    let v = omega + s2
                    return -log1p(s2 / a2) + (1 - nu) * logSigma - nuU2 / (2 * s2) - 0.5 * log(v) - r2 / (2 * v)
                }
                let current = log(sigma[i])
                let updated = logSlice.update(
                    current, currentLogDensity: density(current), random: &random, logDensity: density)
                sigma[i] = exp(updated.value)
            }
            // 4. Laplace effects: λ_i, then the mixing variances ω_i = τ²e_i.
            if effects == .laplace {
                for i in 0..<n {
                    let omega = tau2 * mixing[i]
                    let s2 = sigma[i] * sigma[i]
                    let v = omega + s2
                    let lambda =
                        omega * (values[i] - mu) / v + (omega * s2 / v).squareRoot() * random.nextStandardNormal()
                    let inverseMean = 2.squareRoot() / (tau * abs(lambda))
                    let newOmega: Double
                    if inverseMean.isFinite, inverseMean < 1e300 {
                        newOmega = 1 / random.nextInverseGaussian(mean: inverseMean, shape: 2 / tau2)
                    } else {
                        // λ_i = 0 (to rounding): ω_i | λ_i = 0 is Gamma(1/2, rate 1/τ²).
                        newOmega = random.nextGamma(shape: 0.5) * tau2
                    }
                    mixing[i] = Swift.max(newOmega / tau2, .leastNormalMagnitude)
                }
            }
        }
        return output
    }

    /// log p(log τ | e, σ, x) up to a constant: the Gaussian marginal likelihood of x with μ ~ N(m₀, s₀²)
    /// and λ integrated out, times the half-Cauchy prior, times the Jacobian τ.
    ///
    /// With v_i = τ²e_i + σ_i², W = Σ 1/v_i + 1/s₀², m̂ = (Σ x_i/v_i + m₀/s₀²)/W:
    /// −½ Σ log v_i − ½ log W − ½ [Σ (x_i − m̂)²/v_i + (m̂ − m₀)²/s₀²] − log(1 + τ²/a_τ²) + log τ.
    func logMarginalDensity(logTau: Double, sigma: [Double], mixing: [Double]) -> Double {
        let tau2 = exp(2 * logTau)
        var precision = meanPriorPrecision
        var weighted = meanPriorPrecision * meanPriorMean
        var logVariance = 0.0
        for i in values.indices {
            let v = tau2 * mixing[i] + sigma[i] * sigma[i]
            precision += 1 / v
            weighted += values[i] / v
            logVariance += log(v)
        }
        let mean = weighted / precision
        var residual = meanPriorPrecision * (mean - meanPriorMean) * (mean - meanPriorMean)
        for i in values.indices {
            let v = tau2 * mixing[i] + sigma[i] * sigma[i]
            residual += (values[i] - mean) * (values[i] - mean) / v
        }
        let value =
            -0.5 * logVariance - 0.5 * log(precision) - 0.5 * residual - log1p(tau2 / (tauPriorScale * tauPriorScale))
            + logTau
        return value.isNaN ? -.infinity : value
    }
}
