/// Student's t distribution with ν degrees of freedom (ν = ∞ is the standard normal).
///
/// Gives the coverage factor k_p = t_{(1+p)/2}(ν) of GUM G.3 and G.4 for an effective number of
/// degrees of freedom, and the scaled-and-shifted t of JCGM 101 6.4.9.
///
///     StudentTDistribution(degreesOfFreedom: 16).quantile(0.975)     // 2.1199052992210112
public struct StudentTDistribution: Sendable, Hashable, Codable {
    /// ν > 0; `.infinity` gives the standard normal.
    public var degreesOfFreedom: Double

    /// - Precondition: the degrees of freedom are positive (not NaN); they come validated from files
    ///   and options, so a failure is a programmer error.
    public init(degreesOfFreedom: Double) {
        precondition(  // allowed: documented contract; ν_eff > 0 and p in (0, 1) are checked upstream
            degreesOfFreedom > 0, "StudentTDistribution: ν must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Pr{T ≤ t} = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, symmetric otherwise.
    public func cumulativeProbability(_ t: Double) -> Double {
        if degreesOfFreedom.isInfinite || degreesOfFreedom > 1e10 {
            return NormalDistribution.standard.cumulativeProbability(t)
        }
        let x = degreesOfFreedom / (degreesOfFreedom + t * t)
        let tail = 0.5 * SpecialFunctions.regularizedBeta(degreesOfFreedom / 2, 0.5, x)
        return t >= 0 ? 1 - tail : tail
    }

    /// The p-quantile t_p(ν).
    ///
    /// - Precondition: 0 ≤ p ≤ 1.
    public func quantile(_ p: Double) -> Double {
        precondition(  // allowed: documented contract; ν_eff > 0 and p in (0, 1) are checked upstream
            p >= 0 && p <= 1, "StudentTDistribution.quantile: p outside [0, 1]")
        if degreesOfFreedom.isInfinite || degreesOfFreedom > 1e10 {
            return NormalDistribution.standard.quantile(p)
        }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        if p == 1 { return .infinity }
        // Upper half: solve ½ I_x(ν/2, ½) = 1 − p for t on a bracket that doubles until it holds p.
        let tail = 1 - p
        var upper = Swift.max(2, NormalDistribution.standard.quantile(p) * 2)
        while 1 - cumulativeProbability(upper) > tail { upper *= 2 }
        let upperTail: (Double) -> Double = { t in
            0.5
                * SpecialFunctions.regularizedBeta(
                    self.degreesOfFreedom / 2, 0.5, self.degreesOfFreedom / (self.degreesOfFreedom + t * t))
        }
        return SpecialFunctions.invertIncreasing({ -upperTail($0) }, target: -tail, lower: 0, upper: upper)
    }

    /// The coverage factor k = t_{(1+p)/2}(ν) for a two-sided coverage probability p (GUM G.3.4).
    public func coverageFactor(coverageProbability p: Double) -> Double {
        quantile((1 + p) / 2)
    }
}
