#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Special functions behind the probability distributions: the log-gamma function and the
/// regularized incomplete gamma and beta functions.
///
/// Written from their series and continued-fraction definitions (Abramowitz & Stegun 6.5.29,
/// 6.5.31, 26.5.8; the modified Lentz algorithm for continued fractions) and accurate to a few
/// units in the last place for the arguments met in metrology (a, b up to 10⁶).
public enum SpecialFunctions {
    private static let lanczos: [Double] = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ]

    /// log Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error below 1e-14).
    public static func logGamma(_ x: Double) -> Double {
        if x < 0.5 {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return log(Double.pi / abs(sin(Double.pi * x))) - logGamma(1 - x)
        }
        let z = x - 1
        var sum = lanczos[0]
        for i in 1..<9 { sum += lanczos[i] / (z + Double(i)) }
        let t = z + 7.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(sum)
    }

    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(  // allowed: the distributions pass ν/2 > 0
            a > 0, "regularizedGammaP: a must be positive")
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly
    /// in the upper tail so that tiny p-values (1e-13 and below) keep their relative accuracy.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(  // allowed: the distributions pass ν/2 > 0
            a > 0, "regularizedGammaQ: a must be positive")
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x)
    }

    /// Series for P(a, x): e^(−x) x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n))  (A&S 6.5.29).
    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<100_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(-x + a * log(x) - logGamma(a))
    }

    /// Continued fraction for Q(a, x) (A&S 6.5.31), modified Lentz.
    private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - logGamma(a)) * h
    }

    /// The regularized incomplete beta function I_x(a, b) (A&S 26.5.8, continued fraction).
    public static func regularizedBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        precondition(  // allowed: the distributions pass ν/2 > 0
            a > 0 && b > 0, "regularizedBeta: a and b must be positive")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(a, b, x) / a
        }
        return 1 - front * betaContinuedFraction(b, a, 1 - x) / b
    }

    private static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1..<100_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// Solves f(x) = target for an increasing f on [lower, upper] by bisection safeguarded
    /// Newton-free secant steps (Illinois variant of regula falsi), to `relativeTolerance`.
    static func invertIncreasing(
        _ f: (Double) -> Double, target: Double, lower: Double, upper: Double, relativeTolerance: Double = 1e-15
    ) -> Double {
        var (a, b) = (lower, upper)
        var fa = f(a) - target
        var fb = f(b) - target
        if fa >= 0 { return a }
        if fb <= 0 { return b }
        var side = 0
        for _ in 0..<400 {
            var c = (a * fb - b * fa) / (fb - fa)
            if !(c > a && c < b) { c = 0.5 * (a + b) }
            let fc = f(c) - target
            if fc == 0 { return c }
            if fc < 0 {
                a = c; fa = fc
                if side == -1 { fb /= 2 }
                side = -1
            } else {
                b = c; fb = fc
                if side == 1 { fa /= 2 }
                side = 1
            }
            if b - a <= relativeTolerance * Swift.max(abs(a), abs(b)) || b - a < 1e-300 { break }
        }
        return 0.5 * (a + b)
    }
}
