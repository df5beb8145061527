/// The chi-squared distribution χ²(ν), the reference distribution of the consistency test of
/// Cox 2002 Procedure A and of Cochran's Q.
///
///     ChiSquaredDistribution(degreesOfFreedom: 5).quantile(0.95)            // 11.070497693516351
///     ChiSquaredDistribution(degreesOfFreedom: 5).survivalProbability(68.2) // ≈ 2.4e-13
public struct ChiSquaredDistribution: Sendable, Hashable, Codable {
    /// ν > 0 (not necessarily an integer).
    public var degreesOfFreedom: Double

    /// - Precondition: the degrees of freedom are positive (not NaN); they come validated from files
    ///   and options, so a failure is a programmer error.
    public init(degreesOfFreedom: Double) {
        precondition(  // allowed: documented contract; callers pass a validated ν > 0 and p in [0, 1]
            degreesOfFreedom > 0, "ChiSquaredDistribution: ν must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Pr{χ²(ν) ≤ x} = P(ν/2, x/2).
    public func cumulativeProbability(_ x: Double) -> Double {
        SpecialFunctions.regularizedGammaP(degreesOfFreedom / 2, x / 2)
    }

    /// Pr{χ²(ν) > x} = Q(ν/2, x/2): the p-value of an observed χ², accurate in the far tail.
    public func survivalProbability(_ x: Double) -> Double {
        SpecialFunctions.regularizedGammaQ(degreesOfFreedom / 2, x / 2)
    }

    /// The p-quantile: the x with Pr{χ²(ν) ≤ x} = p.
    ///
    /// - Precondition: 0 ≤ p ≤ 1.
    public func quantile(_ p: Double) -> Double {
        precondition(  // allowed: documented contract; callers pass a validated ν > 0 and p in [0, 1]
            p >= 0 && p <= 1, "ChiSquaredDistribution.quantile: p outside [0, 1]")
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        var upper = Swift.max(1, degreesOfFreedom)
        while cumulativeProbability(upper) < p { upper *= 2 }
        if p > 0.5 {
            // Invert the survival function in the upper half to keep relative accuracy.
            return SpecialFunctions.invertIncreasing(
                { -self.survivalProbability($0) }, target: -(1 - p), lower: 0, upper: upper)
        }
        return SpecialFunctions.invertIncreasing(cumulativeProbability, target: p, lower: 0, upper: upper)
    }
}
