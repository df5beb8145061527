#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far the adaptive Monte Carlo procedure (JCGM 101:2008 7.9) had stabilised one measurand
/// when it stopped.
///
/// The procedure runs batches of M trials; after h ≥ 2 batches it computes, for each of the
/// batch results y⁽ʳ⁾, u(y⁽ʳ⁾), y_low⁽ʳ⁾ and y_high⁽ʳ⁾, the standard deviation of their average,
/// s = [1/(h(h − 1))·Σ (z⁽ʳ⁾ − z̄)²]^½ (7.9.4 f). The results are stable when twice each of
/// these is at most the numerical tolerance δ of u(y) (7.9.2, 7.9.4 i). Here both the
/// probabilistically symmetric and the shortest interval end points must be stable, which is
/// stricter than either alone.
public struct AdaptiveStabilization: Sendable, Hashable, Codable {
    /// δ = ½·10^ℓ for u(y) = c·10^ℓ with c an integer of `significantDigits` digits (7.9.2).
    public var numericalTolerance: Double
    /// 2·s_y, twice the standard deviation of the average of the batch estimates.
    public var value: Double
    /// 2·s_u(y).
    public var standardUncertainty: Double
    /// 2·s of the lower and upper end points of the probabilistically symmetric interval.
    public var symmetricInterval: [Double]
    /// 2·s of the lower and upper end points of the shortest interval.
    public var shortestInterval: [Double]

    /// True when every doubled standard deviation is at most δ (JCGM 101 7.9.4 i).
    public var isStable: Bool {
        ([value, standardUncertainty] + symmetricInterval + shortestInterval).allSatisfy { $0 <= numericalTolerance }
    }

    /// The numerical tolerance δ of a value given to `significantDigits` significant decimal
    /// digits (JCGM 101 7.9.2): write the value as c·10^ℓ with c an integer of that many digits
    /// (after rounding); then δ = ½·10^ℓ.
    ///
    ///     AdaptiveStabilization.numericalTolerance(of: 0.0539, significantDigits: 1)   // 0.005 (JCGM 101 9.3)
    ///     AdaptiveStabilization.numericalTolerance(of: 2.0, significantDigits: 2)      // 0.05
    ///     AdaptiveStabilization.numericalTolerance(of: 0.0996, significantDigits: 2)   // 0.005 (0.0996 → 0.10)
    ///
    /// Zero, NaN or an infinite value give 0.
    public static func numericalTolerance(of value: Double, significantDigits: Int) -> Double {
        let magnitude = abs(value)
        guard magnitude > 0, magnitude.isFinite, significantDigits > 0 else { return 0 }
        var exponent = floor(log10(magnitude)) - Double(significantDigits - 1)
        let digits = (magnitude / pow(10, exponent)).rounded()
        if digits >= pow(10, Double(significantDigits)) { exponent += 1 }
        return 0.5 * pow(10, exponent)
    }

    /// The statistics of h ≥ 2 batches of one measurand.
    init(batches: ArraySlice<MonteCarloSummary>, numericalTolerance: Double) {
        func twiceDeviationOfAverage(_ z: (MonteCarloSummary) -> Double) -> Double {
            let h = Double(batches.count)
            let mean = batches.reduce(0) { $0 + z($1) } / h
            let sum = batches.reduce(0) { $0 + (z($1) - mean) * (z($1) - mean) }
            return 2 * (sum / (h * (h - 1))).squareRoot()
        }
        self.numericalTolerance = numericalTolerance
        value = twiceDeviationOfAverage(\.value)
        standardUncertainty = twiceDeviationOfAverage(\.standardUncertainty)
        symmetricInterval = [
            twiceDeviationOfAverage(\.symmetricInterval.lower), twiceDeviationOfAverage(\.symmetricInterval.upper),
        ]
        shortestInterval = [
            twiceDeviationOfAverage(\.shortestInterval.lower), twiceDeviationOfAverage(\.shortestInterval.upper),
        ]
    }
}
