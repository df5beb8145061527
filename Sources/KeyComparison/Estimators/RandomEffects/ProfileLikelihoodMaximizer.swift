#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The global maximum over τ² ≥ 0 of a profile (or restricted) log-likelihood of the
/// laboratory-effects model, found by a bracketing search that cannot stop at the wrong
/// stationary point.
///
/// 1. Every local maximum lies in [0, B] with B = 2R² + 2·max u_i² (R the range of the values):
///    beyond B the score is negative for ML and REML (each w_i*(x_i − μ̂)² ≤ ½, and the REML term
///    Σw*²/Σw* is outweighed for n ≥ 3; n = 2 has the single root ((x₁ − x₂)² − u₁² − u₂²)/2).
/// 2. The score (the derivative in τ²) is evaluated on a grid that is uniform in τ and geometric
///    in τ² (down to 10⁻¹⁶·B), so narrow maxima near zero are seen.
/// 3. Each sign change + → − of the score brackets a local maximum, solved to machine precision
///    by Brent's method; τ² = 0 is a candidate when the score there is ≤ 0.
/// 4. The candidate with the largest log-likelihood wins (the smallest τ² on a tie).
///
/// Fisher scoring from a single start (metafor's default) can instead stop at a boundary local
/// maximum: on the Kudzu As data the ML likelihood has one at τ² = 0 and its global maximum at
/// τ² = 3.80e-4 (NIST Decision Tree manual §4.2).
enum ProfileLikelihoodMaximizer {
    /// The maximizing τ² of `logLikelihood`, given its score (any positive multiple of the derivative).
    static func maximize(
        _ model: RandomEffectsModel, method: EvaluationMethod, score: (Double) -> Double,
        logLikelihood: (Double) -> Double
    ) throws(KeyComparisonError) -> Double {
        let range = model.range
        let upper = 2 * range * range + 2 * (model.variances.max() ?? 0)
        guard upper > 0, upper.isFinite else {
            throw .didNotConverge(method: method.rawValue, detail: "no finite search interval for τ²")
        }
        let grid = searchGrid(upper: upper)
        var candidates: [Double] = []
        var previous = (tau2: grid[0], score: score(grid[0]))
        if previous.score <= 0 { candidates.append(0) }
        for tau2 in grid.dropFirst() {
            let current = (tau2: tau2, score: score(tau2))
            if previous.score > 0 && current.score <= 0 {
                guard let root = BracketedRoot.find(in: (previous.tau2, current.tau2), score) else {
                    throw .didNotConverge(
                        method: method.rawValue,
                        detail: "Brent's method failed on the score in [\(previous.tau2), \(current.tau2)]")
                }
                candidates.append(root)
            }
            previous = current
        }
        guard var best = candidates.first else {
            throw .didNotConverge(method: method.rawValue, detail: "no maximum of the likelihood in [0, \(upper)]")
        }
        var bestValue = logLikelihood(best)
        for tau2 in candidates.dropFirst() {
            let value = logLikelihood(tau2)
            if value > bestValue {
                best = tau2
                bestValue = value
            }
        }
        return best
    }

    /// 0, 128 points uniform in τ on (0, √B], and 64 points geometric in τ² over [10⁻¹⁶B, B], sorted.
    static func searchGrid(upper: Double) -> [Double] {
        var grid: [Double] = [0]
        let uniform = 128
        for j in 1...uniform {
            let s = Double(j) / Double(uniform)
            grid.append(upper * s * s)
        }
        let geometric = 64
        for j in 0..<geometric {
            let exponent = -16 * Double(geometric - j) / Double(geometric)
            grid.append(upper * pow(10, exponent))
        }
        return grid.sorted()
    }
}
