#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The laboratory-effects (random-effects) model of the included results of a comparison.
///
/// Each result is x_i = μ + λ_i + ε_i with λ_i ~ (0, τ²), the laboratory effect whose standard
/// deviation τ is the "dark uncertainty" (Thompson & Ellison, Accred. Qual. Assur. 16 (2011) 483),
/// and ε_i ~ (0, u_i²). For a given τ² the generalized least-squares estimate of μ is
///
///     μ̂(τ²) = Σ w_i* x_i / Σ w_i*,   w_i* = 1/(u_i² + τ²),   u(μ̂) = (Σ w_i*)^(-1/2)
///
/// (DerSimonian & Laird, Control. Clin. Trials 7 (1986) 177). The τ² estimators
/// (``BetweenLaboratoryVarianceEstimator``) are functions of this model: Cochran's Q, the generalized
/// Q of Paule–Mandel, the profile (restricted) log-likelihoods of ML and REML and their scores.
///
/// Values are held centred at their arithmetic mean (as metafor does), so sums of squares keep
/// their precision when the spread is small compared with the values.
///
///     let model = try RandomEffectsModel(pcb28)
///     model.cochranQ                      // 68.2
///     model.mean(tauSquared: 2.1541)      // 33.5890, the REML KCRV of PCB 28
///
/// - Complexity: every statistic is O(n) for n included results.
public struct RandomEffectsModel: Sendable, Hashable {
    /// The included values x_i, in result order.
    public let values: [Double]
    /// Their variances u_i².
    public let variances: [Double]
    /// The arithmetic mean of the values; computations use x_i − centre.
    let centre: Double
    /// x_i − centre.
    let centred: [Double]

    /// The model of the results a comparison includes in its reference value.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included result;
    ///   ``KeyComparisonError/correlationsNotSupported(method:)`` when the comparison gives correlations.
    public init(_ comparison: Comparison) throws(KeyComparisonError) {
        guard !comparison.isCorrelated else { throw .correlationsNotSupported(method: "the random-effects model") }
        let included = comparison.includedResults
        guard !included.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        self.init(uncheckedValues: included.map(\.value), variances: included.map(\.variance))
    }

    /// A model from values and variances that are known to be finite, positive and of equal count
    /// (bootstrap replicates, leave-one-out subsets).
    init(uncheckedValues values: [Double], variances: [Double]) {
        precondition(  // allowed: internal; built from a validated model
            values.count == variances.count && !values.isEmpty, "RandomEffectsModel: one variance per value")
        self.values = values
        self.variances = variances
        let centre = values.reduce(0, +) / Double(values.count)
        self.centre = centre
        self.centred = values.map { $0 - centre }
    }

    /// The number n of results.
    public var count: Int { values.count }

    /// A model without the result at `index` (the leave-one-out model).
    func removing(_ index: Int) -> RandomEffectsModel {
        var x = values
        var v = variances
        x.remove(at: index)
        v.remove(at: index)
        return RandomEffectsModel(uncheckedValues: x, variances: v)
    }

    // MARK: Estimates for a given τ²

    /// Σ w_i* and Σ w_i* (x_i − centre), with w_i* = 1/(u_i² + τ²).
    @inline(__always)
    private func weightedSums(tauSquared tau2: Double) -> (weights: Double, weightedValues: Double) {
        var sw = 0.0
        var swx = 0.0
        for i in 0..<centred.count {
            let w = 1 / (variances[i] + tau2)
            sw += w
            swx += w * centred[i]
        }
        return (sw, swx)
    }

    /// μ̂(τ²) = Σ w_i* x_i / Σ w_i*.
    public func mean(tauSquared tau2: Double) -> Double {
        let (sw, swx) = weightedSums(tauSquared: tau2)
        return centre + swx / sw
    }

    /// Σ w_i* = 1/u²(μ̂), the total weight for a given τ².
    public func totalWeight(tauSquared tau2: Double) -> Double {
        weightedSums(tauSquared: tau2).weights
    }

    /// u(μ̂) = (Σ w_i*)^(-1/2), the model-based ("naive") standard uncertainty of μ̂(τ²).
    public func standardUncertainty(tauSquared tau2: Double) -> Double {
        (1 / totalWeight(tauSquared: tau2)).squareRoot()
    }

    /// The generalized Q(τ²) = Σ w_i* (x_i − μ̂(τ²))² (Paule & Mandel 1982; Q(0) is Cochran's Q).
    public func generalizedQ(tauSquared tau2: Double) -> Double {
        let (sw, swx) = weightedSums(tauSquared: tau2)
        let m = swx / sw
        var q = 0.0
        for i in 0..<centred.count {
            let r = centred[i] - m
            q += r * r / (variances[i] + tau2)
        }
        return q
    }

    // MARK: Cochran's Q and the moment quantities (τ² = 0)

    /// S_r = Σ w_i^r with w_i = 1/u_i², r = 1, 2, 3.
    var weightPowerSums: (s1: Double, s2: Double, s3: Double) {
        var s1 = 0.0
        var s2 = 0.0
        var s3 = 0.0
        for v in variances {
            let w = 1 / v
            s1 += w
            s2 += w * w
            s3 += w * w * w
        }
        return (s1, s2, s3)
    }

    /// Cochran's Q = Σ w_i (x_i − ȳ)², w_i = 1/u_i², ȳ the weighted mean (Cochran, Biometrics 10
    /// (1954) 101). Under τ² = 0 it follows χ²(n − 1).
    public var cochranQ: Double { generalizedQ(tauSquared: 0) }

    /// c = S1 − S2/S1 = tr(P), the coefficient of τ² in E[Q] = (n − 1) + c·τ² (DerSimonian & Laird 1986).
    public var momentCoefficient: Double {
        let (s1, s2, _) = weightPowerSums
        return s1 - s2 / s1
    }

    /// s̃² = (n − 1)/c, the "typical" within-laboratory variance of Higgins & Thompson (Stat. Med. 21
    /// (2002) 1539), as metafor computes it for I² and H².
    public var typicalVariance: Double { Double(count - 1) / momentCoefficient }

    // MARK: Likelihoods

    /// Σ log(u_i² + τ²) and the weighted residual sum of squares RSS = Σ w_i*(x_i − μ̂)², with Σ w_i*.
    private func likelihoodTerms(tauSquared tau2: Double) -> (logDet: Double, rss: Double, totalWeight: Double) {
        let (sw, swx) = weightedSums(tauSquared: tau2)
        let m = swx / sw
        var logDet = 0.0
        var rss = 0.0
        for i in 0..<centred.count {
            let v = variances[i] + tau2
            let r = centred[i] - m
            logDet += log(v)
            rss += r * r / v
        }
        return (logDet, rss, sw)
    }

    /// The profile log-likelihood of τ² (μ replaced by μ̂(τ²)), with metafor's constants:
    /// ℓ(τ²) = −½ n log 2π − ½ Σ log(u_i² + τ²) − ½ Σ w_i*(x_i − μ̂)² (Hardy & Thompson, Stat. Med. 15
    /// (1996) 619).
    public func logLikelihood(tauSquared tau2: Double) -> Double {
        let (logDet, rss, _) = likelihoodTerms(tauSquared: tau2)
        return -0.5 * Double(count) * log(2 * Double.pi) - 0.5 * logDet - 0.5 * rss
    }

    /// The restricted log-likelihood of τ², with metafor's constants (`REMLf = TRUE`):
    /// ℓ_R(τ²) = −½ (n − 1) log 2π + ½ log n − ½ Σ log(u_i² + τ²) − ½ log Σ w_i* − ½ Σ w_i*(x_i − μ̂)²
    /// (Viechtbauer, J. Educ. Behav. Stat. 30 (2005) 261).
    public func restrictedLogLikelihood(tauSquared tau2: Double) -> Double {
        let (logDet, rss, sw) = likelihoodTerms(tauSquared: tau2)
        let n = Double(count)
        return -0.5 * (n - 1) * log(2 * Double.pi) + 0.5 * log(n) - 0.5 * logDet - 0.5 * log(sw) - 0.5 * rss
    }

    /// 2·dℓ/dτ² = Σ w_i*² (x_i − μ̂)² − Σ w_i* (the ML score; the μ̂ term vanishes at μ̂(τ²)), and
    /// 2·dℓ_R/dτ² = the ML score + Σ w_i*²/Σ w_i* (the REML score).
    func scores(tauSquared tau2: Double) -> (maximumLikelihood: Double, restricted: Double) {
        let (sw, swx) = weightedSums(tauSquared: tau2)
        let m = swx / sw
        var sw2r2 = 0.0
        var sw2 = 0.0
        for i in 0..<centred.count {
            let w = 1 / (variances[i] + tau2)
            let r = centred[i] - m
            sw2r2 += w * w * r * r
            sw2 += w * w
        }
        let ml = sw2r2 - sw
        return (ml, ml + sw2 / sw)
    }

    // MARK: Unweighted quantities

    /// Σ (x_i − x̄)², the unweighted sum of squares about the arithmetic mean.
    var unweightedSumOfSquares: Double { centred.reduce(0) { $0 + $1 * $1 } }

    /// The range max x_i − min x_i.
    var range: Double { (values.max() ?? 0) - (values.min() ?? 0) }
}
