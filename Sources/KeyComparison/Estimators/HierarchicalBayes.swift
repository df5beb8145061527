import Dispatch
import Foundation
import Uncertainty

/// The hierarchical Bayes (laboratory-effects) reference value of the NIST Consensus Builder,
/// with Gaussian or Laplace laboratory effects, sampled by Markov chain Monte Carlo written here.
///
/// The model (Koepke, Lafarge, Possolo & Toman, Metrologia 54 (2017) S34, §A.3; NICOB manual
/// 2020 §A.3) is x_i = μ + λ_i + ε_i for the included results, with
///
///     ε_i ~ N(0, σ_i²),  λ_i ~ N(0, τ²) or Laplace with standard deviation τ,
///     μ ~ N(0, (10⁵)²),  τ ~ half-Cauchy with median mad(x) = 1.4826·median|x_i − median(x)|,
///     σ_i ~ half-Cauchy with median median(u_i), and ν_i u_i²/σ_i² ~ χ²(ν_i) when ν_i is finite
///     (σ_i = u_i when ν_i is infinite).
///
/// The reference value is the posterior mean of μ, u(y) its posterior standard deviation, and the
/// coverage interval the probabilistically symmetric credible interval (the shortest is reported
/// too); τ is reported as its posterior mean with a credible interval. Degrees of equivalence
/// follow Jones & Spiegelhalter (Am. Stat. 65 (2011) 154), "Approach 2": for draw k,
/// ξ_jk = μ_k + λ_jk + ε_jk is a new laboratory's result (λ_jk from the laboratory-effect
/// distribution with τ_k, ε_jk ~ N(0, σ_jk²)), D_jk = x_j − ξ_jk; d_j = x_j − E(μ), u(d_j) the
/// standard deviation of the D_jk and U(d_j) the half-width of the shortest interval centred on
/// d_j holding 95 % of them (NICOB §A.5). A result excluded from the KCRV keeps its DoE with
/// σ_j = u_j, uncorrelated with the KCRV by construction. Bilateral DoE use D_ik − D_jk.
/// With ``recognizesDarkUncertainty`` false, λ_jk is left out (the NIST Decision Tree's DoE
/// "ignoring dark uncertainty").
///
/// The sampler (``HierarchicalSampler``) integrates μ and the λ_i out of the update of τ, so it
/// does not stick near τ = 0 as centred Gibbs samplers (JAGS) can; ≥ 2 chains start from dispersed
/// values, each with its own stream `Xoshiro256(seed:stream: chain)`, and run in parallel: the
/// result depends on the seed only, never on the number of threads. Split-R̂ of μ and τ is
/// reported; above ``convergenceThreshold`` the evaluation carries a warning note, or throws
/// ``KeyComparisonError/didNotConverge(method:detail:)`` when ``requiresConvergence`` is set.
///
///     let evaluation = try HierarchicalBayes().evaluate(pcb28)
///     // y = 33.6 ng/g, u(y) = 0.79, 95 % interval [32.0, 35.2], τ = 1.68 (NICOB: the same)
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than three
///   included results: with two, the posterior of τ has tails ∝ τ⁻³ under the half-Cauchy prior,
///   so the posterior variance of μ is infinite (unbounded but for the N(0, 10¹⁰) prior) and no
///   u(y) exists (NICOB warns that HB "may fail" for N = 2).
///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` for unusable settings or correlated
///   results (the model assumes independent results).
/// - Complexity: O(C·I·n) for C chains of I iterations and n included results, plus O(K·n²) for
///   the bilateral DoE of K kept draws.
public struct HierarchicalBayes: ReferenceValueEstimator {
    /// The distribution of the laboratory effects (default Gaussian).
    public var laboratoryEffects: LaboratoryEffects
    /// The median of the half-Cauchy prior of τ; nil = mad(x) of the included values (NICOB's
    /// default), or median(u_i) when mad(x) = 0.
    public var tauPriorMedian: Double?
    /// The median of the half-Cauchy priors of the σ_i; nil = median(u_i) of the included results.
    public var sigmaPriorMedian: Double?
    /// The mean of the Gaussian prior of μ (default 0, NICOB).
    public var referenceValuePriorMean: Double
    /// The standard deviation of the Gaussian prior of μ (default 10⁵, NICOB); `.infinity` = flat.
    public var referenceValuePriorStandardDeviation: Double
    /// The number of independent chains (≥ 2; default 2).
    public var chains: Int
    /// Iterations discarded at the start of each chain; nil = a fifth of the iterations (as NICOB's
    /// 50 000 of 250 000).
    public var burnIn: Int?
    /// Keep every `thinning`-th iteration after the burn-in; nil = the smallest thinning that keeps
    /// at most 20 000 draws per chain (2 for the default 50 000 iterations).
    public var thinning: Int?
    /// Whether the degrees of equivalence include the laboratory effect (dark uncertainty τ) of the
    /// predicted result (default true, Jones & Spiegelhalter approach 2 as NICOB does).
    public var recognizesDarkUncertainty: Bool
    /// The split-R̂ above which the chains count as not converged (default 1.05).
    public var convergenceThreshold: Double
    /// Throw ``KeyComparisonError/didNotConverge(method:detail:)`` instead of adding a warning note
    /// when R̂ exceeds ``convergenceThreshold`` (default false).
    public var requiresConvergence: Bool

    /// Iterations per chain when ``EvaluationOptions/trials`` is nil: 50 000, a fifth of NICOB's
    /// 250 000. NICOB's JAGS chains need thinning by 25 to give nearly independent draws; this
    /// sampler's draws of μ and τ are nearly independent at lag 1 already (Gaussian effects:
    /// effective sample size ≈ number of draws on CCT-K7, CCL-K1, CCQM-K25 and CCEM.RF-K25.W;
    /// Laplace effects: 40–70 % at thinning 1), so 2 chains × 20 000 kept draws give 2.5 times
    /// NICOB's 16 000 effective draws in a fifth of the iterations, with split-R̂ ≤ 1.001.
    public static let defaultIterations = 50_000
    /// The most iterations per chain: 10⁸, 400 times NICOB's 250 000 and 3–5 minutes per chain in
    /// a release build (1.6 µs per iteration on CCT-K7, 3 µs on CCQM-K25 PCB 28, measured). A
    /// larger `--trials` is refused rather than left running for hours (the kept draws are
    /// bounded by thinning, the time is not).
    public static let maximumIterations = 100_000_000
    /// The most draws kept per chain when ``thinning`` is nil.
    static let keptDrawsPerChain = 20_000
    /// The random stream of the degree-of-equivalence draws (chains use streams 0, 1, …).
    static let degreesOfEquivalenceStream: UInt64 = 1 << 40

    public init(
        laboratoryEffects: LaboratoryEffects = .gaussian, tauPriorMedian: Double? = nil,
        sigmaPriorMedian: Double? = nil, referenceValuePriorMean: Double = 0,
        referenceValuePriorStandardDeviation: Double = 1e5, chains: Int = 2, burnIn: Int? = nil,
        thinning: Int? = nil, recognizesDarkUncertainty: Bool = true, convergenceThreshold: Double = 1.05,
        requiresConvergence: Bool = false
    ) {
        self.laboratoryEffects = laboratoryEffects
        self.tauPriorMedian = tauPriorMedian
        self.sigmaPriorMedian = sigmaPriorMedian
        self.referenceValuePriorMean = referenceValuePriorMean
        self.referenceValuePriorStandardDeviation = referenceValuePriorStandardDeviation
        self.chains = chains
        self.burnIn = burnIn
        self.thinning = thinning
        self.recognizesDarkUncertainty = recognizesDarkUncertainty
        self.convergenceThreshold = convergenceThreshold
        self.requiresConvergence = requiresConvergence
    }

    public var method: EvaluationMethod {
        switch laboratoryEffects {
        case .gaussian: .hierarchicalBayes
        case .laplace: .hierarchicalBayesLaplace
        }
    }

    /// Checks the settings that do not depend on the data or the number of iterations.
    public func validateSettings() throws(KeyComparisonError) {
        guard chains >= 2, chains <= 64 else {
            throw .invalidSetting(
                .chains, value: "\(chains)", reason: "must lie in [2, 64] (split-R̂ needs at least 2 chains)")
        }
        if let thinning, thinning < 1 {
            throw .invalidSetting(.thinning, value: "\(thinning)", reason: "must be at least 1")
        }
        if let burnIn, burnIn < 0 {
            throw .invalidSetting(.burnIn, value: "\(burnIn)", reason: "must not be negative")
        }
        guard convergenceThreshold > 0, convergenceThreshold.isFinite else {
            throw .invalidSetting(
                .convergenceThreshold, value: "\(convergenceThreshold)", reason: "must be positive and finite")
        }
        guard referenceValuePriorMean.isFinite else {
            throw .invalidSetting(
                .referenceValuePriorMean, value: "\(referenceValuePriorMean)", reason: "must be finite")
        }
        guard referenceValuePriorStandardDeviation > 0 else {
            throw .invalidSetting(
                .referenceValuePriorStandardDeviation, value: "\(referenceValuePriorStandardDeviation)",
                reason: "must be positive (infinity for a flat prior)")
        }
        for (setting, value) in [
            (EvaluationSetting.tauPriorMedian, tauPriorMedian), (.sigmaPriorMedian, sigmaPriorMedian),
        ] {
            if let value, !(value.isFinite && value > 0) {
                throw .invalidSetting(setting, value: "\(value)", reason: "must be positive and finite")
            }
        }
    }

    /// Samples the posterior distribution of μ, τ and the σ_i of the included results.
    ///
    /// `options.trials` sets the iterations per chain (default ``defaultIterations``) and
    /// `options.seed` the seed.
    ///
    /// - Throws: ``KeyComparisonError`` as ``HierarchicalBayes`` describes.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError)
        -> HierarchicalBayesPosterior
    {
        let setup = try configuration(for: comparison, options: options)
        return sample(setup, seed: options.seed)
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        let setup = try configuration(for: comparison, options: options)
        let posterior = sample(setup, seed: options.seed)
        let p = options.coverageProbability

        var notes = setup.notes
        let diagnostics = posterior.diagnostics
        for parameter in diagnostics.parameters where parameter.potentialScaleReduction > convergenceThreshold {
            let detail =
                "split-R̂ of \(parameter.parameter) is \(parameter.potentialScaleReduction) > \(convergenceThreshold) "
                + "over \(diagnostics.chains) chains of \(diagnostics.iterations) iterations"
            if requiresConvergence { throw .didNotConverge(method: method.rawValue, detail: detail) }
            notes.append("WARNING: the chains may not have converged (\(detail)); run more iterations (--trials)")
        }

        // μ: Rao–Blackwellised mean, standard deviation and probabilistically symmetric interval; the
        // shortest interval from the draws of μ.
        let muMean = posterior.referenceValueMean
        let interval = [posterior.referenceValueQuantile((1 - p) / 2), posterior.referenceValueQuantile((1 + p) / 2)]
        let referenceValue = ReferenceValue(
            value: muMean, standardUncertainty: posterior.referenceValueStandardDeviation,
            expandedUncertainty: (interval[1] - interval[0]) / 2, coverageInterval: interval,
            shortestCoverageInterval: SampleStatistics.shortestInterval(
                sorted: posterior.referenceValue.sorted(), coverage: p),
            coverageProbability: p)

        let tauMean = SampleStatistics.mean(posterior.tau)
        var heterogeneity = Self.cochran(comparison, tau: tauMean)
        heterogeneity.tauStandardUncertainty = SampleStatistics.standardDeviation(posterior.tau, mean: tauMean)
        heterogeneity.tauCoverageInterval = SampleStatistics.symmetricInterval(
            sorted: posterior.tau.sorted(), coverage: p)

        var random = Xoshiro256(seed: options.seed, stream: Self.degreesOfEquivalenceStream)
        let differences = differenceDraws(comparison, posterior: posterior, random: &random)
        let unilateral = Self.unilateral(comparison, draws: differences, referenceValue: muMean, coverage: p)
        let pairwise = options.includesPairwise ? Self.pairwise(comparison, draws: differences, coverage: p) : nil

        let evaluation = Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method, referenceValue: referenceValue,
            heterogeneity: heterogeneity, includedLaboratories: posterior.laboratories,
            degreesOfEquivalence: unilateral, pairwise: pairwise,
            details: EvaluationDetails(
                trials: posterior.count, seed: options.seed, notes: notes, markovChain: diagnostics))
        try Self.requireFinite(evaluation, method: method.rawValue)
        return evaluation
    }

    // MARK: - Set-up

    /// The sampler and the settings resolved from the comparison and the options.
    struct Configuration {
        var sampler: HierarchicalSampler
        var chains: Int
        var laboratories: [LaboratoryID]
        var centre: Double
        var scale: Double
        var tauPriorMedian: Double
        var sigmaPriorMedian: Double
        var notes: [String]
    }

    func configuration(for comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError)
        -> Configuration
    {
        let included = comparison.includedResults
        guard included.count >= 3 else { throw .insufficientParticipants(needed: 3, found: included.count) }
        try validateSettings()
        if comparison.isCorrelated { throw .correlationsNotSupported(method: method.rawValue) }
        let iterations = options.trials ?? Self.defaultIterations
        guard iterations <= Self.maximumIterations else {
            throw .invalidSetting(
                .trials, value: "\(iterations)",
                reason: "at most \(Self.maximumIterations) iterations per chain are run (NICOB uses 250 000); "
                    + "more would run for hours")
        }
        let burnIn = self.burnIn ?? iterations / 5
        guard burnIn >= 0, burnIn < iterations else {
            throw .invalidSetting(.burnIn, value: "\(burnIn)", reason: "must lie in [0, iterations = \(iterations))")
        }
        let thinning =
            self.thinning ?? Swift.max(1, (iterations - burnIn + Self.keptDrawsPerChain - 1) / Self.keptDrawsPerChain)
        guard (iterations - burnIn) / thinning >= 100 else {
            throw .invalidSetting(
                .trials, value: "\(iterations)",
                reason: "keeps \((iterations - burnIn) / thinning) draws per chain after burn-in \(burnIn) and "
                    + "thinning \(thinning); at least 100 are needed")
        }
        // Every kept draw stores μ, τ, two conditional moments and the σ_i: keep it under 2·10⁸ numbers.
        let stored = Double(chains) * Double((iterations - burnIn) / thinning) * Double(included.count + 4)
        guard stored <= 2e8 else {
            throw .invalidSetting(
                .thinning, value: "\(thinning)",
                reason: "keeps \((iterations - burnIn) / thinning) draws per chain, too many to store; thin more")
        }

        let x = included.map(\.value)
        let u = included.map(\.standardUncertainty)
        let medianX = Self.median(x)
        let medianU = Self.median(u)
        let mad = 1.4826 * Self.median(x.map { abs($0 - medianX) })
        var notes: [String] = []
        let tauMedian: Double
        if let tauPriorMedian {
            tauMedian = tauPriorMedian
        } else if mad > 0 {
            tauMedian = mad
        } else {
            tauMedian = medianU
            notes.append("mad(x) = 0: the τ prior median is median(u_i) = \(Self.format(medianU)) instead")
        }
        let sigmaMedian = sigmaPriorMedian ?? medianU
        let effectsName = laboratoryEffects == .gaussian ? "Gaussian" : "Laplace"
        notes.append(
            "\(effectsName) laboratory effects; priors: τ half-Cauchy with median \(Self.format(tauMedian))"
                + (tauPriorMedian == nil ? " (mad of the included values)" : "")
                + (included.contains { $0.degreesOfFreedom != nil }
                    ? ", σ_i half-Cauchy with median \(Self.format(sigmaMedian))"
                        + (sigmaPriorMedian == nil ? " (median u_i)" : "")
                    : "")
                + ", μ ~ N(\(Self.format(referenceValuePriorMean)), \(Self.format(referenceValuePriorStandardDeviation))²)"
        )
        let spread = zip(x, u).map { abs($0 - referenceValuePriorMean) + $1 }.max() ?? 0
        if referenceValuePriorStandardDeviation < 100 * spread {
            notes.append(
                "the prior of μ (standard deviation \(Self.format(referenceValuePriorStandardDeviation)) about "
                    + "\(Self.format(referenceValuePriorMean))) is not vague for these values: set its mean and standard deviation"
            )
        }
        if comparison.results.count > included.count {
            notes.append(
                "results excluded from the KCRV: DoE from the predictive distribution with σ_j = u_j, "
                    + "uncorrelated with the KCRV")
        }

        // Standardise: x' = (x − c)/s, u' = u/s with c = median(x), s = median(u).
        let c = medianX
        let s = medianU
        let priorPrecision =
            referenceValuePriorStandardDeviation.isInfinite
            ? 0 : (s / referenceValuePriorStandardDeviation) * (s / referenceValuePriorStandardDeviation)
        let sampler = HierarchicalSampler(
            values: x.map { ($0 - c) / s }, uncertainties: u.map { $0 / s },
            degreesOfFreedom: included.map { $0.degreesOfFreedom ?? .infinity }, effects: laboratoryEffects,
            tauPriorScale: tauMedian / s, sigmaPriorScale: sigmaMedian / s,
            meanPriorMean: (referenceValuePriorMean - c) / s, meanPriorPrecision: priorPrecision,
            iterations: iterations, burnIn: burnIn, thinning: thinning)
        return Configuration(
            sampler: sampler, chains: chains, laboratories: included.map(\.laboratory), centre: c, scale: s,
            tauPriorMedian: tauMedian, sigmaPriorMedian: sigmaMedian, notes: notes)
    }

    /// Runs the chains in parallel (chain c on stream c) and back-transforms the draws.
    func sample(_ setup: Configuration, seed: UInt64) -> HierarchicalBayesPosterior {
        let sampler = setup.sampler
        let chainCount = setup.chains
        var runs = [HierarchicalSampler.Chain](repeating: HierarchicalSampler.Chain(), count: chainCount)
        runs.withUnsafeMutableBufferPointer { buffer in
            let slots = ChainSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: chainCount) { chain in
                slots.store(sampler.run(chain: chain, seed: seed), at: chain)
            }
        }
        let c = setup.centre
        let s = setup.scale
        let n = setup.laboratories.count
        let kept = sampler.drawsPerChain
        let mu = runs.flatMap { $0.mu.map { c + s * $0 } }
        let tau = runs.flatMap { $0.tau.map { s * $0 } }
        let conditionalMeans = runs.flatMap { $0.conditionalMean.map { c + s * $0 } }
        let conditionalVariances = runs.flatMap { $0.conditionalVariance.map { s * s * $0 } }
        let sigma = (0..<n).map { i in runs.flatMap { run in (0..<kept).map { s * run.sigma[$0 * n + i] } } }
        let diagnostics = MarkovChainDiagnostics(
            chains: chainCount, iterations: sampler.iterations, burnIn: sampler.burnIn, thinning: sampler.thinning,
            drawsPerChain: kept,
            parameters: [
                .init(parameter: "mu", chains: runs.map { $0.mu.map { c + s * $0 } }),
                .init(parameter: "tau", chains: runs.map { $0.tau.map { s * $0 } }),
            ], convergenceThreshold: convergenceThreshold)
        return HierarchicalBayesPosterior(
            laboratories: setup.laboratories, laboratoryEffects: laboratoryEffects, referenceValue: mu,
            conditionalMeans: conditionalMeans, conditionalVariances: conditionalVariances, tau: tau,
            withinLaboratoryStandardDeviations: sigma, tauPriorMedian: setup.tauPriorMedian,
            sigmaPriorMedian: setup.sigmaPriorMedian, diagnostics: diagnostics)
    }

    // MARK: - Summaries

    /// Cochran's Q of the included results about their weighted mean, with τ̂ = the posterior mean.
    static func cochran(_ comparison: Comparison, tau: Double) -> Heterogeneity {
        let included = comparison.includedResults
        let weights = included.map { 1 / $0.variance }
        let total = weights.reduce(0, +)
        let mean = zip(weights, included).reduce(0) { $0 + $1.0 * $1.1.value } / total
        let q = zip(weights, included).reduce(0) { $0 + $1.0 * ($1.1.value - mean) * ($1.1.value - mean) }
        let nu = included.count - 1
        return Heterogeneity(
            tau: tau, tauSquared: tau * tau, cochranQ: q, degreesOfFreedom: nu,
            pValue: ChiSquaredDistribution(degreesOfFreedom: Double(nu)).survivalProbability(q))
    }

    /// Six significant digits, for the notes.
    static func format(_ value: Double) -> String {
        String(format: "%.6g", value)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    /// Every number of the evaluation is finite, or the sampler failed.
    static func requireFinite(_ evaluation: Evaluation, method: String) throws(KeyComparisonError) {
        let rv = evaluation.referenceValue
        var numbers = [rv.value, rv.standardUncertainty, rv.expandedUncertainty]
        numbers += evaluation.heterogeneity.map { [$0.tau, $0.tauSquared] } ?? []
        for d in evaluation.degreesOfEquivalence {
            numbers += [d.difference, d.expandedUncertainty, d.standardUncertainty ?? 0]
        }
        for p in evaluation.pairwise ?? [] { numbers += [p.expandedUncertainty, p.standardUncertainty ?? 0] }
        if numbers.contains(where: { !$0.isFinite }) {
            throw .didNotConverge(method: method, detail: "the sampler produced a non-finite draw")
        }
    }
}

/// Disjoint output slots for chains that run on different threads: chain c writes slot c only.
private struct ChainSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<HierarchicalSampler.Chain>

    func store(_ chain: HierarchicalSampler.Chain, at index: Int) {
        buffer[index] = chain
    }
}
