/// Grubbs' tests for one or two outlying laboratory values (ISO 5725-2:1994 §7.3.4; Grubbs,
/// Technometrics 11 (1969) 1).
///
/// With x̄ and s the mean and standard deviation (n − 1 divisor) of the p values sorted
/// x₍₁₎ ≤ … ≤ x₍p₎:
///
/// - **Single**: G_p = (x₍p₎ − x̄)/s for the largest value, G_1 = (x̄ − x₍₁₎)/s for the smallest.
///   Critical value G_crit = ((p − 1)/√p)·√(t²/(p − 2 + t²)), t the upper α/(2p) quantile of
///   Student's t with p − 2 degrees of freedom; at α = 5 % and 1 % this reproduces ISO 5725-2
///   Table 5 (e.g. 2.290 and 2.482 for p = 10). The p-value is the matching Bonferroni bound
///   min(1, 2p·Pr{T_{p−2} > t}), t² = p(p − 2)G²/((p − 1)² − pG²), exact once G is in the range of
///   the critical values.
/// - **Double**: G = s²₍p−1,p₎/s²₀ for the two largest values, with s²₀ = Σ(x_i − x̄)² and
///   s²₍p−1,p₎ the same sum over the other p − 2 values about their own mean (and likewise for
///   the two smallest). Small G signals outliers. Its null distribution has no closed form, so
///   the critical values (the 2.5 % and 0.5 % lower quantiles, which are what ISO 5725-2 Table 5
///   tabulates as its 5 % and 1 % values, e.g. 0.1864 and 0.1150 for p = 10) and the p-value
///   min(1, 2·Pr{G* ≤ G}) are simulated from p standard normal values: the ratio does not depend
///   on location or scale.
///
/// The verdicts follow ISO 5725-2 §7.3.2: straggler beyond the 5 % value, outlier beyond the 1 %.
public struct GrubbsTest: Sendable, Hashable, Codable {
    /// Single or double.
    public enum Kind: String, Sendable, Hashable, Codable {
        case single, double
    }

    /// Which end of the ordered values is tested.
    public enum Side: String, Sendable, Hashable, Codable {
        case largest, smallest
    }

    /// Single or double test.
    public var kind: Kind
    /// The end tested.
    public var side: Side
    /// The laboratory (single) or the two laboratories (double) under test.
    public var laboratories: [LaboratoryID]
    /// G.
    public var statistic: Double
    /// The critical values at 5 % and 1 % (upper for single, lower for double).
    public var criticalValues: CriticalValues
    /// The p-value (Bonferroni bound for single, simulated for double).
    public var pValue: Double
    /// The ISO 5725-2 verdict.
    public var classification: OutlierClassification
    /// For the double test: the number of simulated samples behind the critical values.
    public var trials: Int?

    public init(
        kind: Kind, side: Side, laboratories: [LaboratoryID], statistic: Double, criticalValues: CriticalValues,
        pValue: Double, classification: OutlierClassification, trials: Int? = nil
    ) {
        self.kind = kind
        self.side = side
        self.laboratories = laboratories
        self.statistic = statistic
        self.criticalValues = criticalValues
        self.pValue = pValue
        self.classification = classification
        self.trials = trials
    }

    /// The single Grubbs test applied to the largest and to the smallest included value.
    ///
    /// - Returns: two tests, largest first.
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 3
    ///   included results; ``KeyComparisonError/zeroDispersion(statistic:)`` when all are equal.
    public static func single(_ comparison: Comparison) throws(KeyComparisonError) -> [GrubbsTest] {
        let population = Population(comparison)
        try population.require(3)
        let (mean, s) = population.meanAndStandardDeviation
        guard population.hasSpread else { throw .zeroDispersion(statistic: "Grubbs' test") }
        let p = population.count
        let critical = try singleCriticalValues(laboratories: p)
        let order = population.values.indices.sorted { population.values[$0] < population.values[$1] }
        guard let low = order.first, let high = order.last else { throw .insufficientParticipants(needed: 3, found: 0) }
        func test(_ index: Int, _ side: Side) throws(KeyComparisonError) -> GrubbsTest {
            let g = abs(population.values[index] - mean) / s
            return GrubbsTest(
                kind: .single, side: side, laboratories: [population.laboratories[index]], statistic: g,
                criticalValues: critical, pValue: try singlePValue(statistic: g, laboratories: p),
                classification: OutlierClassification(upperTailStatistic: g, criticalValues: critical))
        }
        return [try test(high, .largest), try test(low, .smallest)]
    }

    /// The double Grubbs test applied to the two largest and to the two smallest included values,
    /// with simulated critical values and p-values.
    ///
    /// - Parameters:
    ///   - trials: simulated samples of p standard normal values.
    ///   - seed: the seed of the simulation (streams 2⁴⁰ + b for block b).
    /// - Returns: two tests, largest pair first.
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 4
    ///   included results; ``KeyComparisonError/zeroDispersion(statistic:)``;
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` for trials < 100.
    /// - Complexity: O(trials·p log p), in parallel blocks.
    public static func double(_ comparison: Comparison, trials: Int, seed: UInt64) throws(KeyComparisonError)
        -> [GrubbsTest]
    {
        let population = Population(comparison)
        try population.require(4)
        guard trials >= 100 else {
            throw .invalidSetting(.trials, value: "\(trials)", reason: "the double Grubbs test needs at least 100")
        }
        guard population.hasSpread else { throw .zeroDispersion(statistic: "the double Grubbs test") }
        let p = population.count
        let order = population.values.indices.sorted { population.values[$0] < population.values[$1] }
        let sorted = order.map { population.values[$0] }
        guard let (largest, smallest) = doubleStatistics(sorted) else {
            throw .zeroDispersion(statistic: "the double Grubbs test")
        }
        let null = ParametricBootstrap(standardNormalOrder: p).run(
            trials: trials, seed: seed, firstStream: 1 << 40, statisticCount: 1, scratchCount: p
        ) { x, output, scratch in
            for i in 0..<p { scratch[i] = x[i] }
            let values = UnsafeMutableBufferPointer(rebasing: scratch[0..<p])
            DistributionQuantiles.sortInPlace(values)
            output[0] = doubleStatistic(UnsafeBufferPointer(values), droppingLargest: true)
        }[0]
        let critical = CriticalValues(
            fivePercent: ParametricBootstrap.quantile(null, 0.025),
            onePercent: ParametricBootstrap.quantile(null, 0.005))
        func test(_ g: Double, _ side: Side, _ labs: [LaboratoryID]) -> GrubbsTest {
            GrubbsTest(
                kind: .double, side: side, laboratories: labs, statistic: g, criticalValues: critical,
                pValue: Swift.min(1, 2 * ParametricBootstrap.lowerTailFraction(null, atMost: g)),
                classification: OutlierClassification(lowerTailStatistic: g, criticalValues: critical), trials: trials)
        }
        let labs = order.map { population.laboratories[$0] }
        return [
            test(largest, .largest, [labs[p - 1], labs[p - 2]]),
            test(smallest, .smallest, [labs[0], labs[1]]),
        ]
    }

    /// ((p − 1)/√p)·√(t²/(p − 2 + t²)), t = t_{α/(2p), p−2}, at α = 5 % and 1 %.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for p < 3.
    public static func singleCriticalValues(laboratories p: Int) throws(KeyComparisonError) -> CriticalValues {
        guard p >= 3 else { throw .insufficientParticipants(needed: 3, found: p) }
        func value(_ alpha: Double) -> Double {
            let t = DistributionQuantiles.studentTUpper(alpha / (2 * Double(p)), degreesOfFreedom: Double(p - 2))
            return Double(p - 1) / Double(p).squareRoot() * (t * t / (Double(p - 2) + t * t)).squareRoot()
        }
        return CriticalValues(fivePercent: value(0.05), onePercent: value(0.01))
    }

    /// The p-value of a single Grubbs statistic G among p values: min(1, 2p·Pr{T_{p−2} > t}) with
    /// t² = p(p − 2)G²/((p − 1)² − pG²) (0 when G reaches its largest possible value (p − 1)/√p).
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for p < 3.
    public static func singlePValue(statistic g: Double, laboratories p: Int) throws(KeyComparisonError) -> Double {
        guard p >= 3 else { throw .insufficientParticipants(needed: 3, found: p) }
        let n = Double(p)
        let denominator = (n - 1) * (n - 1) - n * g * g
        guard denominator > 0 else { return 0 }  // G at its largest possible value (p − 1)/√p
        let t = (n * (n - 2) * g * g / denominator).squareRoot()
        return Swift.min(1, 2 * n * DistributionQuantiles.studentTUpperTail(t, degreesOfFreedom: n - 2))
    }

    /// The double statistics (two largest, two smallest) of sorted values; nil when s²₀ = 0.
    static func doubleStatistics(_ sorted: [Double]) -> (largest: Double, smallest: Double)? {
        sorted.withUnsafeBufferPointer { values in
            let largest = doubleStatistic(values, droppingLargest: true)
            let smallest = doubleStatistic(values, droppingLargest: false)
            return largest.isFinite && smallest.isFinite ? (largest, smallest) : nil
        }
    }

    /// s²₍p−1,p₎/s²₀ (or s²₍1,2₎/s²₀) for sorted values; infinite when s²₀ = 0.
    static func doubleStatistic(_ sorted: UnsafeBufferPointer<Double>, droppingLargest: Bool) -> Double {
        let p = sorted.count
        var mean = 0.0
        for x in sorted { mean += x }
        mean /= Double(p)
        var total = 0.0
        for x in sorted { total += (x - mean) * (x - mean) }
        let kept = droppingLargest ? 0..<(p - 2) : 2..<p
        var keptMean = 0.0
        for i in kept { keptMean += sorted[i] }
        keptMean /= Double(p - 2)
        var remainder = 0.0
        for i in kept { remainder += (sorted[i] - keptMean) * (sorted[i] - keptMean) }
        return total > 0 ? remainder / total : .infinity
    }
}
