/// The Huber M-estimate of location with weights 1/u_i², as metRology's `huber.estimate` computes
/// it: `MASS::rlm(x ~ 1, weights = 1/u^2, k = 1.345, method = "M")` and its `summary`.
///
/// MASS's iteratively reweighted least squares (Venables & Ripley, *Modern Applied Statistics with
/// S*, 4th ed. (2002) §8.3; Huber, *Robust Statistics* (1981)), for the location model with
/// inverse-variance weights, works on the scaled residuals r_i = (x_i − μ)/u_i:
///
/// 1. μ₀ = Σ (x_i/u_i²) / Σ (1/u_i²) (the weighted mean, `init = "ls"`).
/// 2. s = median|r_i| / 0.6745 (`scale.est = "MAD"`), ψ-weights w_i = min(1, k·s/|r_i|), and
///    μ = Σ (w_i x_i/u_i²) / Σ (w_i/u_i²).
/// 3. Repeat 2 until ‖r_old − r_new‖/‖r_old‖ ≤ 10⁻⁴ (MASS's `acc`, at most `maxit` = 20 steps).
///
/// The standard uncertainty is `summary.rlm`'s: with ψ_i = r_i·w_i (at the final residuals and
/// scale) and ψ′_i = [|r_i| ≤ k·s], S = Σ ψ_i²/(n − 1), m = mean(ψ′), κ = 1 + var(ψ′)/(n·m²),
/// u(μ) = √S·(κ/m) / √(Σ 1/u_i²). It measures the scatter of the results, scaled by s, not the
/// stated u_i alone; metRology reports the effective uncertainties u_i·s beside it.
///
/// As a reference value (`huber`), μ depends on the data through s and through which results are
/// down-weighted, so a linear-combination DoE would pretend; the degrees of equivalence take μ as
/// uncorrelated with each result, u²(d_i) = u_i² + u²(μ) (ISO 13528:2015 §9.6), as for ``AlgorithmA``.
///
///     let huber = try HuberMEstimate().estimate(values: pcb28.values, standardUncertainties: pcb28.u)
///     // μ = 32.9731, u(μ) = 0.5646, s = 2.8044; NRC weighted 0.507 (R 4.2.2, MASS 7.3-58.2)
///
/// - Complexity: O(n log n) per iteration.
public struct HuberMEstimate: ReferenceValueEstimator {
    /// Huber's k: residuals beyond k·s are down-weighted (1.345, 95 % efficiency at the normal).
    public var tuningConstant: Double
    /// MASS's `acc`: the relative change of the residuals that ends the iteration.
    public var tolerance: Double
    /// MASS's `maxit`; not converging within it is an error (MASS warns and returns).
    public var maximumIterations: Int

    public init(tuningConstant: Double = 1.345, tolerance: Double = 1e-4, maximumIterations: Int = 20) {
        self.tuningConstant = tuningConstant
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    public var method: EvaluationMethod { .huber }

    /// The outcome of the Huber estimation.
    public struct Estimate: Sendable, Hashable, Codable {
        /// μ, the location estimate.
        public var value: Double
        /// u(μ), `summary.rlm`'s standard error.
        public var standardUncertainty: Double
        /// s, the MAD scale of the scaled residuals (`rlm$s`).
        public var scale: Double
        /// The ψ-weights w_i of the final step (`rlm$w`), in input order: 1 inside k·s, below 1 outside.
        public var weights: [Double]
        /// The IRLS steps taken.
        public var iterations: Int
    }

    /// The Huber estimate of values with standard uncertainties.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for fewer than 2
    ///   values; ``KeyComparisonError/zeroDispersion(statistic:)`` when more than half the results
    ///   sit exactly on the estimate (s = 0); ``KeyComparisonError/didNotConverge(method:detail:)``;
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` for bad settings,
    ///   ``KeyComparisonError/invalidArgument(_:value:reason:)`` for unusable inputs.
    public func estimate(values x: [Double], standardUncertainties u: [Double]) throws(KeyComparisonError) -> Estimate {
        try validateSettings()
        let n = x.count
        guard u.count == n else {
            throw .invalidArgument(
                "standardUncertainties", value: "\(u.count) entries", reason: "need one per value (\(n))")
        }
        guard n >= 2 else { throw .insufficientParticipants(needed: 2, found: n) }
        guard x.allSatisfy(\.isFinite), u.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw .invalidArgument(
                "values", value: "\(n) values", reason: "values must be finite and uncertainties positive and finite")
        }
        let k = tuningConstant
        func weightedMean(_ w: [Double]) -> Double {
            var numerator = 0.0
            var denominator = 0.0
            for i in 0..<n {
                let a = w[i] / (u[i] * u[i])
                numerator += a * x[i]
                denominator += a
            }
            return numerator / denominator
        }
        func residuals(_ mu: Double) -> [Double] { (0..<n).map { (x[$0] - mu) / u[$0] } }
        func psiWeights(_ r: [Double], _ s: Double) -> [Double] {
            r.map { ri in
                let z = abs(ri / s)
                return z > 0 ? Swift.min(1, k / z) : 1
            }
        }

        var mu = weightedMean([Double](repeating: 1, count: n))
        var r = residuals(mu)
        var scale = 0.0
        var weights = [Double](repeating: 1, count: n)
        var converged = false
        var iterations = 0
        for iteration in 1...maximumIterations {
            iterations = iteration
            let old = r
            scale = Population.median(r.map(abs)) / 0.6745
            guard scale > 0 else { throw .zeroDispersion(statistic: "the Huber estimate's MAD scale") }
            weights = psiWeights(r, scale)
            mu = weightedMean(weights)
            r = residuals(mu)
            var change = 0.0
            var size = 0.0
            for i in 0..<n {
                change += (old[i] - r[i]) * (old[i] - r[i])
                size += old[i] * old[i]
            }
            if (change / Swift.max(1e-20, size)).squareRoot() <= tolerance {
                converged = true
                break
            }
        }
        guard converged else {
            throw .didNotConverge(
                method: method.rawValue, detail: "residuals still changing after \(maximumIterations) IRLS steps")
        }
        // summary.rlm (wt.method = "inv.var"): ψ at the final residuals and scale.
        let finalWeights = psiWeights(r, scale)
        var sumPsi2 = 0.0
        var inside = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let psi = r[i] * finalWeights[i]
            sumPsi2 += psi * psi
            inside[i] = abs(r[i] / scale) <= k ? 1 : 0
        }
        let nn = Double(n)
        let meanInside = inside.reduce(0, +) / nn
        let varianceInside = inside.reduce(0) { $0 + ($1 - meanInside) * ($1 - meanInside) } / (nn - 1)
        // At least half the |r_i|/s are ≤ 0.6745 < k, so meanInside ≥ 1/2 and never 0.
        let kappa = 1 + varianceInside / (nn * meanInside * meanInside)
        let stddev = (sumPsi2 / (nn - 1)).squareRoot() * kappa / meanInside
        let sumW = u.reduce(0) { $0 + 1 / ($1 * $1) }
        return Estimate(
            value: mu, standardUncertainty: stddev / sumW.squareRoot(), scale: scale, weights: weights,
            iterations: iterations)
    }

    public func validateSettings() throws(KeyComparisonError) {
        for (setting, value) in [(EvaluationSetting.tuningConstant, tuningConstant), (.tolerance, tolerance)]
        where !(value.isFinite && value > 0) {
            throw .invalidSetting(setting, value: "\(value)", reason: "must be positive and finite")
        }
        guard maximumIterations >= 1 else {
            throw .invalidSetting(.maximumIterations, value: "\(maximumIterations)", reason: "must be at least 1")
        }
    }

    /// The Huber estimate of the included results.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Estimate {
        let included = comparison.includedResults
        return try estimate(values: included.map(\.value), standardUncertainties: included.map(\.standardUncertainty))
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        let included = comparison.includedResults
        let estimate = try estimate(comparison, options: options)
        let k = options.coverageFactor
        let downWeighted = zip(included, estimate.weights).filter { $0.1 < 1 }
            .map { "\($0.0.laboratory) (\(($0.1 * 1000).rounded() / 1000))" }
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: estimate.value, standardUncertainty: estimate.standardUncertainty, coverageFactor: k),
            includedLaboratories: included.map(\.laboratory),
            degreesOfEquivalence: DegreeOfEquivalence.forIndependentReferenceValue(
                comparison, referenceValue: estimate.value, standardUncertainty: estimate.standardUncertainty,
                coverageFactor: k),
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: EvaluationDetails(notes: [
                "Huber M-estimate (metRology huber.estimate = MASS::rlm, k = \(tuningConstant), weights 1/u², MAD scale): scale s = \(estimate.scale), \(estimate.iterations) IRLS steps; down-weighted: \(downWeighted.isEmpty ? "none" : downWeighted.joined(separator: ", "))",
                "u(y) is summary.rlm's standard error; y is robust, not linear in the results: u²(d_i) = u_i² + u²(y), taking y as uncorrelated with each result (ISO 13528 §9.6)",
            ]))
    }
}
