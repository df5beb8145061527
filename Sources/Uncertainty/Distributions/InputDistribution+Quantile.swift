#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension InputDistribution {
    /// The distribution function G(x) = Pr(X ≤ x) (JCGM 101:2008 §6.4, the "probability
    /// density function" subclauses integrated).
    ///
    /// For the curvilinear trapezoid CTrap(a, b, d), X = c + W·(R − ½) with c = (a + b)/2 and the
    /// width W rectangular on [w − 2d, w + 2d], w = b − a (JCGM 101 6.4.3.4); for t = x − c ≥ 0,
    /// G = [(m − w₁) + (w₂ − m)/2 + t·ln(w₂/m)]/(4d) with m = clamp(2t, w₁, w₂).
    ///
    /// The distribution must be valid (``validate(quantity:)``); for a gamma distribution with a
    /// non-positive shape the result is NaN.
    ///
    ///     InputDistribution.arcsine(lower: -1, upper: 1).cumulativeProbability(0.5)   // 2/3
    public func cumulativeProbability(_ x: Double) -> Double {
        switch self {
        case .gaussian(let mean, let s):
            return s > 0
                ? NormalDistribution(mean: mean, standardDeviation: s).cumulativeProbability(x) : x < mean ? 0 : 1
        case .rectangular(let a, let b):
            return min(max((x - a) / (b - a), 0), 1)
        case .curvilinearTrapezoid(let a, let b, let d):
            guard d > 0 else { return Self.rectangular(lower: a, upper: b).cumulativeProbability(x) }
            let t = x - (a + b) / 2
            let upperTail = Self.curvilinearTrapezoidUpperHalf(abs(t), width: b - a, limitSemiWidth: d)
            return t >= 0 ? upperTail : 1 - upperTail
        case .trapezoidal(let a, let b, let beta):
            let half = (b - a) / 2
            let top = beta * half
            let height = 1 / (half + top)
            let t = abs(x - (a + b) / 2)
            let upper: Double
            if t <= top {
                upper = 0.5 + t * height
            } else if t < half {
                upper = 1 - (half - t) * (half - t) * height / (2 * (half - top))
            } else {
                upper = 1
            }
            return x >= (a + b) / 2 ? upper : 1 - upper
        case .triangular(let a, let b, let mode):
            let c = mode ?? (a + b) / 2
            if x <= a { return 0 }
            if x >= b { return 1 }
            return x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .arcsine(let a, let b):
            let s = min(max((2 * x - a - b) / (b - a), -1), 1)
            return 0.5 + asin(s) / Double.pi
        case .studentT(let location, let scale, let nu):
            return StudentTDistribution(degreesOfFreedom: nu).cumulativeProbability((x - location) / scale)
        case .exponential(let mean):
            return x <= 0 ? 0 : -expm1(-x / mean)
        case .gamma(let shape, let scale):
            guard shape > 0 else { return .nan }
            return SpecialFunctions.regularizedGammaP(shape, max(x, 0) / scale)
        }
    }

    /// The quantile G⁻¹(p), the inverse of ``cumulativeProbability(_:)``, for 0 < p < 1.
    ///
    /// Closed forms where they exist (Gaussian through Φ⁻¹, rectangular, trapezoidal,
    /// triangular, arc sine x = c + (w/2)·sin(π(p − ½)), exponential −x·ln(1 − p)); the
    /// Student t through ``StudentTDistribution/quantile(_:)``; the gamma through the χ²
    /// quantile (G(α, θ) = θ·χ²_{2α}/2); the curvilinear trapezoid by safeguarded Newton
    /// iteration on its distribution function.
    ///
    /// This is what turns a correlated standard normal variate z into a draw from the marginal
    /// distribution, x = G⁻¹(Φ(z)), in the Gaussian copula of ``JointDistribution``.
    ///
    ///     InputDistribution.rectangular(lower: 1, upper: 3).quantile(0.25)   // 1.5
    public func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? support.lower : p == 1 ? support.upper : .nan }
        switch self {
        case .gaussian(let mean, let s):
            return mean + s * NormalDistribution.standardQuantile(p)
        case .rectangular(let a, let b):
            return a + (b - a) * p
        case .curvilinearTrapezoid(let a, let b, let d):
            guard d > 0 else { return a + (b - a) * p }
            let t = Self.curvilinearTrapezoidHalfQuantile(max(p, 1 - p), width: b - a, limitSemiWidth: d)
            return (a + b) / 2 + (p >= 0.5 ? t : -t)
        case .trapezoidal(let a, let b, let beta):
            let half = (b - a) / 2
            let top = beta * half
            let height = 1 / (half + top)
            let upper = max(p, 1 - p)
            let t: Double
            if upper - 0.5 <= top * height {
                t = (upper - 0.5) / height
            } else {
                t = half - (2 * (half - top) * (1 - upper) / height).squareRoot()
            }
            return (a + b) / 2 + (p >= 0.5 ? t : -t)
        case .triangular(let a, let b, let mode):
            return Self.triangularQuantile(p, a, b, mode ?? (a + b) / 2)
        case .arcsine(let a, let b):
            return (a + b) / 2 + (b - a) / 2 * sin(Double.pi * (p - 0.5))
        case .studentT(let location, let scale, let nu):
            return location + scale * StudentTDistribution(degreesOfFreedom: nu).quantile(p)
        case .exponential(let mean):
            return -mean * log1p(-p)
        case .gamma(let shape, let scale):
            guard shape > 0 else { return .nan }
            return scale * ChiSquaredDistribution(degreesOfFreedom: 2 * shape).quantile(p) / 2
        }
    }

    /// The smallest and largest values the distribution can take.
    var support: (lower: Double, upper: Double) {
        switch self {
        case .gaussian(let mean, let s): s > 0 ? (-.infinity, .infinity) : (mean, mean)
        case .rectangular(let a, let b), .trapezoidal(let a, let b, _), .triangular(let a, let b, _),
            .arcsine(let a, let b):
            (a, b)
        case .curvilinearTrapezoid(let a, let b, let d): (a - d, b + d)
        case .studentT: (-.infinity, .infinity)
        case .exponential, .gamma: (0, .infinity)
        }
    }

    /// x = G⁻¹(p) of the triangular distribution T(a, b) with mode c:
    /// a + √(p(b − a)(c − a)) below the mode, b − √((1 − p)(b − a)(b − c)) above.
    static func triangularQuantile(_ p: Double, _ a: Double, _ b: Double, _ c: Double) -> Double {
        p * (b - a) < c - a
            ? a + (p * (b - a) * (c - a)).squareRoot()
            : b - ((1 - p) * (b - a) * (b - c)).squareRoot()
    }

    /// Pr(X ≤ c + t) for t ≥ 0 of the curvilinear trapezoid (d > 0).
    private static func curvilinearTrapezoidUpperHalf(_ t: Double, width w: Double, limitSemiWidth d: Double)
        -> Double
    {
        let w1 = w - 2 * d
        let w2 = w + 2 * d
        if t <= 0 { return 0.5 }
        if 2 * t >= w2 { return 1 }
        let m = min(max(2 * t, w1), w2)
        return min(((m - w1) + (w2 - m) / 2 + t * log(w2 / m)) / (4 * d), 1)
    }

    /// The t ≥ 0 with Pr(X ≤ c + t) = p ≥ ½ for the curvilinear trapezoid: Newton steps on
    /// G(t) − p with the density ln(w₂/m)/(4d), kept inside a shrinking bracket by bisection.
    private static func curvilinearTrapezoidHalfQuantile(_ p: Double, width w: Double, limitSemiWidth d: Double)
        -> Double
    {
        var low = 0.0
        var high = (w + 2 * d) / 2
        var t = (p - 0.5) * w
        for _ in 0..<200 {
            if !(t > low && t < high) { t = (low + high) / 2 }
            let excess = curvilinearTrapezoidUpperHalf(t, width: w, limitSemiWidth: d) - p
            if excess == 0 { return t }
            if excess > 0 { high = t } else { low = t }
            let m = min(max(2 * t, w - 2 * d), w + 2 * d)
            let density = log((w + 2 * d) / m) / (4 * d)
            let step = density > 0 ? excess / density : .infinity
            t -= step
            if abs(step) <= 1e-15 * abs(t) || high - low <= 4 * Double.ulpOfOne * high { break }
        }
        return min(max(t, low), high)
    }
}
