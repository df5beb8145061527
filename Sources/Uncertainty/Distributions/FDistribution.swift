/// Fisher's F distribution F(d₁, d₂), the reference distribution of the elliptical coverage
/// region of a bivariate (complex) quantity with finite degrees of freedom (Willink & Hall,
/// Metrologia 39 (2002) 361; JCGM 102 6.5.3 in two dimensions).
///
///     FDistribution(numerator: 2, denominator: 10).quantile(0.95)   // 4.102821015130399
public struct FDistribution: Sendable, Hashable, Codable {
    /// d₁ > 0.
    public var numerator: Double
    /// d₂ > 0.
    public var denominator: Double

    /// - Precondition: the degrees of freedom are positive (not NaN); they come validated from files
    ///   and options, so a failure is a programmer error.
    public init(numerator: Double, denominator: Double) {
        precondition(  // allowed: documented contract; callers pass a validated ν > 0 and p in [0, 1]
            numerator > 0 && denominator > 0, "FDistribution: degrees of freedom must be positive")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Pr{F ≤ x} = I_{d₁x/(d₁x + d₂)}(d₁/2, d₂/2) (A&S 26.6.2).
    public func cumulativeProbability(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        if x.isInfinite { return 1 }
        let t = numerator * x / (numerator * x + denominator)
        return SpecialFunctions.regularizedBeta(numerator / 2, denominator / 2, t)
    }

    /// Pr{F > x} = I_{d₂/(d₂ + d₁x)}(d₂/2, d₁/2), accurate in the upper tail.
    public func survivalProbability(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        if x.isInfinite { return 0 }
        let t = denominator / (denominator + numerator * x)
        return SpecialFunctions.regularizedBeta(denominator / 2, numerator / 2, t)
    }

    /// The p-quantile: the x with Pr{F ≤ x} = p.
    ///
    /// - Precondition: 0 ≤ p ≤ 1.
    public func quantile(_ p: Double) -> Double {
        precondition(  // allowed: documented contract; callers pass a validated ν > 0 and p in [0, 1]
            p >= 0 && p <= 1, "FDistribution.quantile: p outside [0, 1]")
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        var upper = 1.0
        while cumulativeProbability(upper) < p { upper *= 2 }
        if p > 0.5 {
            return SpecialFunctions.invertIncreasing(
                { -self.survivalProbability($0) }, target: -(1 - p), lower: 0, upper: upper)
        }
        return SpecialFunctions.invertIncreasing(cumulativeProbability, target: p, lower: 0, upper: upper)
    }
}
