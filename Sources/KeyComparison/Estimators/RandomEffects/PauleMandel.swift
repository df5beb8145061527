/// The Paule–Mandel (Mandel–Paule) estimator of τ² (metafor `method = "PM"`, its "EB" for this
/// model): the τ² at which the generalized Q statistic equals its expectation,
///
///     Σ w_i*(τ²) (x_i − μ̂(τ²))² = n − 1,   w_i* = 1/(u_i² + τ²),
///
/// and τ̂² = 0 when Q(0) ≤ n − 1 (R. C. Paule & J. Mandel, J. Res. NBS 87 (1982) 377; J. Mandel &
/// R. C. Paule, Anal. Chem. 42 (1970) 1194). Q(τ²) decreases strictly in τ², so the root is unique;
/// it is bracketed and solved by Brent's method to machine precision (loose tolerances, such as
/// metafor's default, differ from the converged value at the 1e-6 level).
///
///     try PauleMandel().tauSquared(RandomEffectsModel(pcb28))   // 1.9745 (ng/g)²
///
/// - Throws: ``KeyComparisonError/didNotConverge(method:detail:)`` only if no bracket is found,
///   which cannot happen for finite data.
/// - Complexity: O(n) per iteration, about 10–40 iterations.
public struct PauleMandel: BetweenLaboratoryVarianceEstimator {
    public init() {}

    public var method: EvaluationMethod { .pauleMandel }

    public func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double {
        try model.requireTwoResults()
        let target = Double(model.count - 1)
        func excess(_ tau2: Double) -> Double { model.generalizedQ(tauSquared: tau2) - target }
        if excess(0) <= 0 { return 0 }
        // Q(τ²) ≤ Σ(x_i − x̄)²/τ²·… : start from the unweighted spread and double until Q < n − 1.
        var upper = Swift.max(model.unweightedSumOfSquares / target, model.variances.max() ?? 1)
        var doublings = 0
        while excess(upper) > 0 {
            upper *= 2
            doublings += 1
            guard doublings < 2000, upper.isFinite else {
                throw .didNotConverge(method: method.rawValue, detail: "no upper bracket for τ²")
            }
        }
        guard let root = BracketedRoot.find(in: (0, upper), excess) else {
            throw .didNotConverge(method: method.rawValue, detail: "Brent's method did not converge on [0, \(upper)]")
        }
        return root
    }
}
