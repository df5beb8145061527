#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a Markov chain Monte Carlo evaluation was run and whether its chains agree: the chain
/// lengths and, for each monitored parameter, the split-R̂ and the effective sample size.
///
/// Split-R̂ (Gelman et al., *Bayesian Data Analysis*, 3rd ed. (2013) §11.4): each of the m chains
/// of kept draws is cut into halves, giving 2m sequences of length n; with B the between-sequence
/// and W the within-sequence variance, var⁺ = (n − 1)/n·W + B/n and R̂ = √(var⁺/W). R̂ near 1
/// means the sequences sample the same distribution; R̂ > 1.05 is taken as a failure to converge.
/// The effective sample size is mn/(1 + 2Σρ̂_t) with ρ̂_t = 1 − V_t/(2var⁺) from the variogram V_t,
/// summed over t = 1…T, T the first odd lag with ρ̂_{T+1} + ρ̂_{T+2} < 0 (BDA3 §11.5, Geyer's initial
/// positive sequence), capped at mn·log₁₀(mn).
public struct MarkovChainDiagnostics: Sendable, Hashable, Codable {
    /// The number of independent chains.
    public var chains: Int
    /// Iterations per chain, burn-in included.
    public var iterations: Int
    /// Iterations discarded at the start of each chain.
    public var burnIn: Int
    /// Every `thinning`-th iteration after the burn-in is kept.
    public var thinning: Int
    /// Draws kept per chain, (iterations − burnIn)/thinning.
    public var drawsPerChain: Int
    /// The convergence diagnostics of the monitored parameters (μ as "mu", τ as "tau").
    public var parameters: [ParameterDiagnostic]
    /// The R̂ above which the chains are reported as not converged.
    public var convergenceThreshold: Double
    /// Whether every monitored parameter has R̂ ≤ `convergenceThreshold`.
    public var converged: Bool

    public init(
        chains: Int, iterations: Int, burnIn: Int, thinning: Int, drawsPerChain: Int, parameters: [ParameterDiagnostic],
        convergenceThreshold: Double
    ) {
        self.chains = chains
        self.iterations = iterations
        self.burnIn = burnIn
        self.thinning = thinning
        self.drawsPerChain = drawsPerChain
        self.parameters = parameters
        self.convergenceThreshold = convergenceThreshold
        self.converged = parameters.allSatisfy { $0.potentialScaleReduction <= convergenceThreshold }
    }

    /// The diagnostics of one parameter.
    public struct ParameterDiagnostic: Sendable, Hashable, Codable {
        /// The parameter's name ("mu", "tau").
        public var parameter: String
        /// Split-R̂, the potential scale reduction factor.
        public var potentialScaleReduction: Double
        /// The effective number of independent draws, over all chains.
        public var effectiveSampleSize: Double

        public init(parameter: String, potentialScaleReduction: Double, effectiveSampleSize: Double) {
            self.parameter = parameter
            self.potentialScaleReduction = potentialScaleReduction
            self.effectiveSampleSize = effectiveSampleSize
        }

        /// Computes split-R̂ and the effective sample size from the kept draws of each chain.
        ///
        /// - Precondition: at least one chain, all of the same length ≥ 4.
        /// - Complexity: O(m·n·T) for m chains of n draws and T autocorrelation lags summed.
        public init(parameter: String, chains draws: [[Double]]) {
            self.parameter = parameter
            self.potentialScaleReduction = Self.splitPotentialScaleReduction(draws)
            self.effectiveSampleSize = Self.effectiveSampleSize(draws)
        }

        /// Split-R̂ of BDA3 §11.4: 1 when every draw is identical (nothing to disagree about).
        public static func splitPotentialScaleReduction(_ chains: [[Double]]) -> Double {
            let halves = chains.flatMap { chain -> [ArraySlice<Double>] in
                let half = chain.count / 2
                return [chain[0..<half], chain[(chain.count - half)...]]
            }
            let (within, between, n) = Self.variances(halves)
            guard within > 0 else { return 1 }
            let pooled = (n - 1) / n * within + between / n
            return (pooled / within).squareRoot()
        }

        /// The effective sample size of BDA3 §11.5 over all chains (m·n when the draws are constant).
        public static func effectiveSampleSize(_ chains: [[Double]]) -> Double {
            let slices = chains.map { $0[...] }
            let (within, between, nn) = Self.variances(slices)
            let m = Double(chains.count)
            let length = chains.first?.count ?? 0
            guard within > 0, length > 3 else { return m * nn }
            let pooled = (nn - 1) / nn * within + between / nn
            func rho(_ t: Int) -> Double {
                var sum = 0.0
                for chain in chains {
                    for i in t..<length {
                        let d = chain[i] - chain[i - t]
                        sum += d * d
                    }
                }
                let variogram = sum / (m * Double(length - t))
                return 1 - variogram / (2 * pooled)
            }
            // Σ ρ̂_t for t = 1…T, T the first odd lag with ρ̂_{T+1} + ρ̂_{T+2} < 0.
            var total = rho(1)
            var t = 2
            while t + 1 < length {
                let pair = rho(t) + rho(t + 1)
                if pair < 0 { break }
                total += pair
                t += 2
            }
            // Strongly antithetic chains can make 1 + 2Σρ̂ tiny or negative: cap the effective sample
            // size at mn·log₁₀(mn), as Stan does.
            let draws = m * nn
            return draws / Swift.max(1 + 2 * total, 1 / log10(Swift.max(draws, 10)))
        }

        /// W (mean within-sequence variance), B (n × variance of the sequence means) and n.
        private static func variances(_ sequences: [ArraySlice<Double>]) -> (
            within: Double, between: Double, length: Double
        ) {
            let m = Double(sequences.count)
            let n = Double(sequences.first?.count ?? 0)
            guard m > 0, n > 1 else { return (0, 0, n) }
            var means: [Double] = []
            var within = 0.0
            for sequence in sequences {
                let mean = sequence.reduce(0, +) / n
                means.append(mean)
                within += sequence.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            }
            within /= m
            let grand = means.reduce(0, +) / m
            let between = m > 1 ? n * means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / (m - 1) : 0
            return (within, between, n)
        }
    }
}
