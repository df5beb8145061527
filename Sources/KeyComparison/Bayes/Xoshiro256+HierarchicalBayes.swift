import Uncertainty

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Xoshiro256 {
    /// An exponential variate with unit rate, −log U.
    mutating func nextStandardExponential() -> Double {
        -log(nextUniform())
    }

    /// A Laplace (double-exponential) variate with mean 0 and scale b, so standard deviation
    /// b·√2: the difference of two independent exponentials with mean b.
    mutating func nextLaplace(scale b: Double) -> Double {
        b * (nextStandardExponential() - nextStandardExponential())
    }

    /// An inverse Gaussian (Wald) variate with mean m > 0 and shape s > 0, by the transformation
    /// with multiple roots of J. R. Michael, W. R. Schucany & R. W. Haas, Am. Stat. 30 (1976) 88.
    ///
    /// With y = z², z ~ N(0, 1), and a = m·y/(2s), the smaller root is
    /// x₁ = m + m²y/(2s) − (m/(2s))·√(4msy + m²y²), written here as m/(1 + a + √(a(a + 2))) so that
    /// it does not cancel when a is large; x₁ is returned with probability m/(m + x₁), else m²/x₁.
    mutating func nextInverseGaussian(mean m: Double, shape s: Double) -> Double {
        let z = nextStandardNormal()
        let a = m * z * z / (2 * s)
        let root = m / (1 + a + (a * (a + 2)).squareRoot())
        return nextUniform() * (m + root) <= m ? root : m * (m / root)
    }
}
