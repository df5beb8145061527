/// Mandel's between-laboratory consistency statistic h, or within-laboratory statistic k, with the
/// ISO 5725-2 indicator values at the 5 % and 1 % levels.
///
/// - h_i = (x_i − x̄)/s, x̄ and s the mean and standard deviation (n − 1 divisor) of the p
///   laboratory values (ISO 5725-2:1994 §7.3.1, eq. (6); metRology `mandel.h`). Its indicators are
///   two-sided: (1 + h·√p/(p − 1))/2 ~ Beta((p − 2)/2, (p − 2)/2) under normality, so
///   h_crit = ((p − 1)/√p)·(2·B_{1−α/2} − 1) (metRology `qmandelh`; ISO 5725-2 Table 6, e.g.
///   1.80 and 2.18 for p = 10).
/// - k_i = s_i / √(Σ s_j²/p), s_i the within-laboratory standard deviations from n replicates
///   (ISO 5725-2 §7.3.1, eq. (7); metRology `mandel.k`). One-sided:
///   k²/p ~ Beta((n − 1)/2, (p − 1)(n − 1)/2), so k_crit = √(p·B_{1−α}) (metRology `qmandelk`).
///
/// A key comparison file gives no replicate spreads, so k is computed only from
/// ``WithinLaboratorySpread`` values supplied separately.
///
///     let h = try MandelStatistics.h(pcb28)   // NRC: h = 1.458 (p = 6, 5 % indicator 1.66)
public struct MandelStatistics: Sendable, Hashable, Codable {
    /// Which of Mandel's statistics.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Between-laboratory consistency (lab values).
        case h
        /// Within-laboratory consistency (lab spreads).
        case k
    }

    /// h or k.
    public var kind: Kind
    /// One entry per laboratory, in result order, classified against ``criticalValues`` (|h| for h).
    public var laboratories: [LaboratoryStatistic]
    /// The indicator values at 5 % and 1 % (for h: the positive bound of the two-sided band).
    public var criticalValues: CriticalValues
    /// For k: the number of replicates n the indicators assume (the median of the n_i).
    public var replicates: Double?

    public init(
        kind: Kind, laboratories: [LaboratoryStatistic], criticalValues: CriticalValues, replicates: Double? = nil
    ) {
        self.kind = kind
        self.laboratories = laboratories
        self.criticalValues = criticalValues
        self.replicates = replicates
    }

    /// Mandel's h of the results included in the reference value.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 3
    ///   included results (the indicators need p ≥ 3); ``KeyComparisonError/zeroDispersion(statistic:)``
    ///   when all values are equal.
    public static func h(_ comparison: Comparison) throws(KeyComparisonError) -> MandelStatistics {
        let population = Population(comparison)
        try population.require(3)
        let (mean, s) = population.meanAndStandardDeviation
        guard population.hasSpread else { throw .zeroDispersion(statistic: "Mandel's h") }
        let critical = try hCriticalValues(laboratories: population.count)
        let rows = zip(population.laboratories, population.values).map { lab, x in
            let h = (x - mean) / s
            return LaboratoryStatistic(
                laboratory: lab, value: h, criticalValues: nil,
                classification: OutlierClassification(upperTailStatistic: abs(h), criticalValues: critical))
        }
        return MandelStatistics(kind: .h, laboratories: rows, criticalValues: critical)
    }

    /// Mandel's k of within-laboratory spreads.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 2
    ///   spreads; ``KeyComparisonError/zeroDispersion(statistic:)`` when every s_i is 0; the
    ///   validation error of a spread.
    public static func k(_ spreads: [WithinLaboratorySpread]) throws(KeyComparisonError) -> MandelStatistics {
        guard spreads.count >= 2 else { throw .insufficientParticipants(needed: 2, found: spreads.count) }
        for spread in spreads { try spread.validate() }
        let p = Double(spreads.count)
        let pooled = (spreads.reduce(0) { $0 + $1.standardDeviation * $1.standardDeviation } / p).squareRoot()
        guard pooled > 0 else { throw .zeroDispersion(statistic: "Mandel's k") }
        let n = WithinLaboratorySpread.commonReplicates(spreads)
        let critical = try kCriticalValues(laboratories: spreads.count, replicates: n)
        let rows = spreads.map { spread in
            let k = spread.standardDeviation / pooled
            return LaboratoryStatistic(
                laboratory: spread.laboratory, value: k,
                classification: OutlierClassification(upperTailStatistic: k, criticalValues: critical))
        }
        return MandelStatistics(kind: .k, laboratories: rows, criticalValues: critical, replicates: n)
    }

    /// The two-sided h indicators for p laboratories: ((p − 1)/√p)·(2·B_{1−α/2}((p−2)/2, (p−2)/2) − 1)
    /// at α = 5 % and 1 %.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for p < 3.
    public static func hCriticalValues(laboratories p: Int) throws(KeyComparisonError) -> CriticalValues {
        guard p >= 3 else { throw .insufficientParticipants(needed: 3, found: p) }
        let shape = Double(p - 2) / 2
        func value(_ alpha: Double) -> Double {
            Double(p - 1) / Double(p).squareRoot() * (2 * DistributionQuantiles.beta(1 - alpha / 2, shape, shape) - 1)
        }
        return CriticalValues(fivePercent: value(0.05), onePercent: value(0.01))
    }

    /// The k indicators for p laboratories with n replicates each: √(p·B_{1−α}((n−1)/2, (p−1)(n−1)/2))
    /// at α = 5 % and 1 %.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for p < 2,
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` unless n > 1 (and finite).
    public static func kCriticalValues(laboratories p: Int, replicates n: Double) throws(KeyComparisonError)
        -> CriticalValues
    {
        guard p >= 2 else { throw .insufficientParticipants(needed: 2, found: p) }
        guard n > 1, n.isFinite else {
            throw .invalidArgument("replicates", value: "\(n)", reason: "Mandel's k needs more than 1 replicate")
        }
        let a = (n - 1) / 2
        let b = Double(p - 1) * (n - 1) / 2
        func value(_ alpha: Double) -> Double { (Double(p) * DistributionQuantiles.beta(1 - alpha, a, b)).squareRoot() }
        return CriticalValues(fivePercent: value(0.05), onePercent: value(0.01))
    }
}
