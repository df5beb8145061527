#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Draws from the posterior distribution of a hierarchical Bayes evaluation
/// (``HierarchicalBayes``): the reference value μ, the dark uncertainty τ and the within-laboratory
/// standard deviations σ_i of the included results, chain after chain.
///
/// Useful to plot the posterior, to compute other summaries, or to check the sampler; the
/// evaluation's reference value is the mean of ``referenceValue`` and its standard uncertainty the
/// standard deviation.
public struct HierarchicalBayesPosterior: Sendable, Equatable {
    /// The laboratories included in the reference value, in result order.
    public var laboratories: [LaboratoryID]
    /// The distribution of the laboratory effects.
    public var laboratoryEffects: LaboratoryEffects
    /// Draws of μ, the reference value: the kept draws of chain 0, then chain 1, …
    public var referenceValue: [Double]
    /// E(μ | τ, σ, e, x) at each draw: μ is conditionally Gaussian given the other parameters, so
    /// averages over these (Rao–Blackwellisation, Gelfand & Smith, JASA 85 (1990) 398) estimate the
    /// posterior of μ with less Monte Carlo error than the draws of μ themselves.
    public var conditionalMeans: [Double]
    /// Var(μ | τ, σ, e, x) at each draw (same order).
    public var conditionalVariances: [Double]
    /// Draws of τ, the between-laboratory standard deviation (same order).
    public var tau: [Double]
    /// Draws of σ_i for each included laboratory (same order as ``laboratories``); constant u_i
    /// where ν_i is infinite.
    public var withinLaboratoryStandardDeviations: [[Double]]
    /// The median (= scale) of the half-Cauchy prior of τ that was used.
    public var tauPriorMedian: Double
    /// The median (= scale) of the half-Cauchy priors of the σ_i that was used.
    public var sigmaPriorMedian: Double
    /// Chain lengths and convergence diagnostics.
    public var diagnostics: MarkovChainDiagnostics

    public init(
        laboratories: [LaboratoryID], laboratoryEffects: LaboratoryEffects, referenceValue: [Double],
        conditionalMeans: [Double], conditionalVariances: [Double], tau: [Double],
        withinLaboratoryStandardDeviations: [[Double]], tauPriorMedian: Double, sigmaPriorMedian: Double,
        diagnostics: MarkovChainDiagnostics
    ) {
        self.laboratories = laboratories
        self.laboratoryEffects = laboratoryEffects
        self.referenceValue = referenceValue
        self.conditionalMeans = conditionalMeans
        self.conditionalVariances = conditionalVariances
        self.tau = tau
        self.withinLaboratoryStandardDeviations = withinLaboratoryStandardDeviations
        self.tauPriorMedian = tauPriorMedian
        self.sigmaPriorMedian = sigmaPriorMedian
        self.diagnostics = diagnostics
    }

    /// The number of draws (all chains).
    public var count: Int { referenceValue.count }

    /// The Rao–Blackwellised posterior mean of μ, the average of the conditional means.
    public var referenceValueMean: Double {
        conditionalMeans.reduce(0, +) / Double(count)
    }

    /// The Rao–Blackwellised posterior standard deviation of μ: by the law of total variance,
    /// Var(μ) = E[Var(μ | ·)] + Var[E(μ | ·)], each term averaged over the draws.
    public var referenceValueStandardDeviation: Double {
        let mean = referenceValueMean
        let spread = conditionalMeans.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(Swift.max(1, count - 1))
        return (conditionalVariances.reduce(0, +) / Double(count) + spread).squareRoot()
    }

    /// The Rao–Blackwellised posterior distribution function of μ,
    /// F(y) = (1/K) Σ Φ((y − E(μ | ·)_k)/√Var(μ | ·)_k).
    ///
    /// - Complexity: O(K).
    public func referenceValueDistribution(_ y: Double) -> Double {
        var sum = 0.0
        for k in 0..<count {
            sum += 0.5 * erfc((conditionalMeans[k] - y) / (2 * conditionalVariances[k]).squareRoot())
        }
        return sum / Double(count)
    }

    /// The p-quantile of the Rao–Blackwellised posterior of μ: Newton's method on
    /// ``referenceValueDistribution(_:)`` (its derivative is the average of the conditional Gaussian
    /// densities), safeguarded by bisection, to 10⁻¹² of the posterior standard deviation.
    ///
    /// - Complexity: O(K) per iteration, about six iterations.
    public func referenceValueQuantile(_ p: Double) -> Double {
        var low = Double.infinity
        var high = -Double.infinity
        for k in 0..<count {
            let s = conditionalVariances[k].squareRoot()
            low = Swift.min(low, conditionalMeans[k] - 40 * s)
            high = Swift.max(high, conditionalMeans[k] + 40 * s)
        }
        let resolution = 1e-12 * referenceValueStandardDeviation
        var y = referenceValueMean
        for _ in 0..<200 {
            var distribution = 0.0
            var density = 0.0
            for k in 0..<count {
                let s = conditionalVariances[k].squareRoot()
                let z = (y - conditionalMeans[k]) / s
                distribution += 0.5 * erfc(-z / 2.squareRoot())
                density += exp(-0.5 * z * z) / s
            }
            distribution /= Double(count)
            density /= Double(count) * (2 * Double.pi).squareRoot()
            if distribution < p { low = y } else { high = y }
            let newton = y - (distribution - p) / density
            let next = newton > low && newton < high && newton.isFinite ? newton : low + (high - low) / 2
            if abs(next - y) <= resolution || high - low <= resolution { return next }
            y = next
        }
        return y
    }
}
