import Uncertainty

/// The linear opinion pool (Toman 2007): the reference value is the mean of the mixture of the
/// included laboratories' distributions.
///
/// The consensus distribution is f = Σ w_j φ_j over the included results, with φ_j = N(x_j, u_j²),
/// or, when ν_j is finite, a Student t_ν rescaled to standard deviation u_j; the weights w_j
/// are equal unless given. Closed form (B. Toman, Technometrics 49 (2007) 81, eq. 20):
///
///     KCRV = μ = Σ w_j x_j,    u² = Σ w_j (u_j² + (x_j − μ)²).
///
/// The probabilistically symmetric 95 % interval [F⁻¹(0.025), F⁻¹(0.975)], whose half-width is
/// U(KCRV), is computed exactly from the mixture's distribution function F = Σ w_j G_j (where the
/// NIST Consensus Builder takes percentiles of a sample); a sample of K draws (default 10⁵;
/// component j with probability w_j) gives the shortest interval, which for a multimodal mixture
/// (CCT-K7) can differ markedly. The degrees of equivalence follow the NIST
/// Consensus Builder (manual §3.2.8, MRA version): D_j = x_j − μ, simulated as
/// D_jk = x_j + e_jk − z_k with z_k the k-th pool draw and e_jk a draw from φ_j − x_j, and
/// U(D_j) the half-width of the shortest interval symmetric about D_j holding 95 % of the D_jk;
/// the interval between the 2.5 % and 97.5 % points and the shortest interval are also given,
/// and u(D_j) is the standard deviation of the D_jk. Bilateral DoE do not involve the pool:
/// d_ij = x_i − x_j with U = k·√(u_i² + u_j² − 2u_ij). Correlations between results play no part
/// in a mixture and are not used.
///
/// A t component with ν_j ≤ 2 has no variance, so it cannot be rescaled to u_j: it is scaled to
/// the Gaussian's 95 % half-width instead (central 95 % interval x_j ± 1.96·u_j), and the
/// closed-form u uses u_j for it.
///
/// The laboratories are sampled in the order of their names, from stream 0 (pool) and streams
/// 1… (one per laboratory) of `Xoshiro256(seed:stream:)`, so permuting the results changes nothing.
///
///     let evaluation = try LinearPool().evaluate(cctK7)   // μ = 22.14 µK, u = 84.13 µK
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included
///   result; ``KeyComparisonError/invalidSetting(_:value:reason:)`` for unusable weights or
///   trials; ``KeyComparisonError/unknownLaboratory(_:)`` for a weight without a result;
///   ``KeyComparisonError/unsupportedDegreesOfFreedom(laboratory:value:minimum:method:)`` for ν < 1.
/// - Complexity: O(K·n) time and memory.
public struct LinearPool: ReferenceValueEstimator {
    /// The default sample size K, 10⁵ (as the NIST Consensus Builder).
    public static let defaultTrials = 100_000

    /// Mixture weights by laboratory (normalised to sum 1); nil for equal weights. When given,
    /// every included laboratory needs one, and no excluded laboratory may have one.
    public var weights: [LaboratoryID: Double]?

    /// Whether the laboratories' samples may be drawn on several threads (same result either way).
    public var runsInParallel = true

    public init(weights: [LaboratoryID: Double]? = nil) {
        self.weights = weights
    }

    public var method: EvaluationMethod { .linearPool }

    /// The closed-form mixture moments (Toman 2007, eq. 20).
    public struct Moments: Sendable, Hashable {
        /// μ = Σ w_j x_j.
        public var mean: Double
        /// √(Σ w_j (u_j² + (x_j − μ)²)).
        public var standardDeviation: Double
        /// The normalised weight of every result, in result order (0 for excluded results).
        public var weights: [Double]
    }

    /// The mean and standard deviation of the pool in closed form.
    ///
    /// - Throws: as ``evaluate(_:options:)`` for the weights and included results.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Moments {
        let w = try normalisedWeights(comparison)
        var shift = 0.0
        for i in comparison.includedIndices { shift += comparison.results[i].value }
        shift /= Double(comparison.includedIndices.count)
        // Centre on the plain mean first so that large values lose no digits.
        var mean = 0.0
        for (i, weight) in w.enumerated() where weight > 0 { mean += weight * (comparison.results[i].value - shift) }
        var variance = 0.0
        for (i, weight) in w.enumerated() where weight > 0 {
            let deviation = comparison.results[i].value - shift - mean
            variance += weight * (comparison.results[i].variance + deviation * deviation)
        }
        return Moments(mean: shift + mean, standardDeviation: variance.squareRoot(), weights: w)
    }

    private func normalisedWeights(_ comparison: Comparison) throws(KeyComparisonError) -> [Double] {
        let included = comparison.includedIndices
        guard !included.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        var w = [Double](repeating: 0, count: comparison.results.count)
        guard let given = weights else {
            for i in included { w[i] = 1 / Double(included.count) }
            return w
        }
        for (lab, weight) in given.sorted(by: { $0.key < $1.key }) {
            guard let i = comparison.index(of: lab) else { throw .unknownLaboratory(lab) }
            guard comparison.results[i].includedInReferenceValue else {
                throw .invalidSetting(
                    .laboratoryWeights, value: "\(lab)=\(weight)",
                    reason: "the laboratory is excluded from the reference value")
            }
            guard weight.isFinite, weight >= 0 else {
                throw .invalidSetting(
                    .laboratoryWeights, value: "\(lab)=\(weight)", reason: "a weight must be a finite number ≥ 0")
            }
            w[i] = weight
        }
        for i in included where given[comparison.results[i].laboratory] == nil {
            throw .invalidSetting(
                .laboratoryWeights, value: "no weight for \(comparison.results[i].laboratory)",
                reason: "every included laboratory needs a weight when weights are given")
        }
        let total = w.reduce(0, +)
        guard total > 0, total.isFinite else {
            throw .invalidSetting(
                .laboratoryWeights, value: "sum \(total)", reason: "the weights must have a positive finite sum")
        }
        return w.map { $0 / total }
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        let moments = try estimate(comparison, options: options)
        let p = options.coverageProbability
        let trials = options.trials ?? Self.defaultTrials
        let n = comparison.results.count
        try MonteCarloLimits.validate(trials: trials, quantities: n + 1, coverageProbability: p)
        for result in comparison.results {
            if let nu = result.degreesOfFreedom, nu < ResultSampler.minimumDegreesOfFreedom {
                throw .unsupportedDegreesOfFreedom(
                    laboratory: result.laboratory, value: nu, minimum: ResultSampler.minimumDegreesOfFreedom,
                    method: method.rawValue)
            }
        }
        let mu = moments.mean
        let order = comparison.results.indices.sorted {
            comparison.results[$0].laboratory < comparison.results[$1].laboratory
        }
        let sampling = LinearPoolSampling(
            centredValues: order.map { comparison.results[$0].value - mu },
            samplers: order.map {
                ResultSampler.rescaled(
                    standardUncertainty: comparison.results[$0].standardUncertainty,
                    degreesOfFreedom: comparison.results[$0].degreesOfFreedom)
            },
            weights: order.map { moments.weights[$0] })
        let outcome = sampling.run(
            trials: trials, seed: options.seed, coverageProbability: p, runsInParallel: runsInParallel)
        guard outcome.pool.isFinite, outcome.differences.allSatisfy(\.isFinite), moments.standardDeviation.isFinite
        else {
            throw .nonFiniteResult(method: method.rawValue, quantity: "a pooled draw or a simulated difference")
        }

        var degrees = [DegreeOfEquivalence?](repeating: nil, count: n)
        for (position, index) in order.enumerated() {
            let result = comparison.results[index]
            let summary = outcome.differences[position]
            let d = result.value - mu
            degrees[index] = DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                difference: d, standardUncertainty: summary.standardDeviation,
                expandedUncertainty: summary.halfWidthAboutZero ?? 0,
                coverageInterval: summary.symmetricInterval.map { d + $0 },
                shortestCoverageInterval: summary.shortestInterval.map { d + $0 })
        }
        let pool = outcome.pool
        let interval = [sampling.quantile((1 - p) / 2), sampling.quantile((1 + p) / 2)]
        guard interval.allSatisfy(\.isFinite) else {
            throw .nonFiniteResult(method: method.rawValue, quantity: "a quantile of the pool")
        }
        var notes = [
            "linear pool (Toman 2007) of \(comparison.includedIndices.count) results, "
                + (weights == nil ? "equal weights" : "given weights")
                + "; u(KCRV) and the probabilistically symmetric interval exact (mixture moments and distribution "
                + "function), the shortest interval and the DoE from \(trials) draws; "
                + "U(D_j) = half-width of the shortest interval about D_j holding \(MonteCarloLimits.percent(p)) of "
                + "D_jk = x_j + e_jk − z_k (NIST Consensus Builder, MRA version)"
        ]
        if comparison.results.contains(where: { $0.degreesOfFreedom != nil }) {
            notes.append(
                "components with finite ν are t_ν rescaled to standard deviation u_j (ν ≤ 2: to 95 % half-width 1.96·u_j)"
            )
        }
        if comparison.isCorrelated { notes.append("correlations between results are not used by the linear pool") }
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: mu, standardUncertainty: moments.standardDeviation,
                expandedUncertainty: (interval[1] - interval[0]) / 2, coverageInterval: interval.map { mu + $0 },
                shortestCoverageInterval: pool.shortestInterval.map { mu + $0 }, coverageProbability: p),
            includedLaboratories: comparison.includedResults.map(\.laboratory),
            degreesOfEquivalence: degrees.compactMap { $0 },
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: EvaluationDetails(trials: trials, seed: options.seed, notes: notes))
    }
}
