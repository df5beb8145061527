#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Gaussian (normal) distribution N(μ, σ²) (JCGM 101 6.4.7).
///
///     NormalDistribution.standard.quantile(0.975)    // 1.959963984540054
public struct NormalDistribution: Sendable, Hashable, Codable {
    /// The expectation μ.
    public var mean: Double
    /// The standard deviation σ > 0.
    public var standardDeviation: Double

    public init(mean: Double = 0, standardDeviation: Double = 1) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// N(0, 1).
    public static let standard = NormalDistribution()

    /// The density φ((x − μ)/σ)/σ.
    public func density(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return exp(-0.5 * z * z) / (standardDeviation * (2 * Double.pi).squareRoot())
    }

    /// The distribution function Φ((x − μ)/σ) = ½ erfc(−z/√2).
    public func cumulativeProbability(_ x: Double) -> Double {
        0.5 * erfc(-(x - mean) / (standardDeviation * 2.0.squareRoot()))
    }

    /// The upper-tail probability 1 − Φ((x − μ)/σ), accurate far in the tail.
    public func survivalProbability(_ x: Double) -> Double {
        0.5 * erfc((x - mean) / (standardDeviation * 2.0.squareRoot()))
    }

    /// The quantile Φ⁻¹(p)·σ + μ: Acklam's rational approximation refined by one Halley step on
    /// erfc, which brings it to full double precision.
    public func quantile(_ p: Double) -> Double {
        mean + standardDeviation * Self.standardQuantile(p)
    }

    static func standardQuantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x =
                -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement, using the tail that keeps relative accuracy.
        for _ in 0..<2 {
            let e: Double
            if x < 0 {
                e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
            } else {
                e = (1 - p) - 0.5 * erfc(x / 2.0.squareRoot())
            }
            let u = e * (2 * Double.pi).squareRoot() * exp(0.5 * x * x)
            x -= u / (1 + 0.5 * x * u)
        }
        return x
    }
}
