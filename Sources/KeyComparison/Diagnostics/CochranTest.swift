/// Cochran's test for one laboratory whose variance is too large compared with the others
/// (ISO 5725-2:1994 §7.3.2; Cochran, Ann. Eugen. 11 (1941) 47).
///
/// C = s²_max / Σ_i s_i² over the p laboratories. With n replicates each (ν = n − 1 degrees of
/// freedom per variance) the critical value is Cochran's bound
/// C_crit = 1/(1 + (p − 1)/F), F the upper α/p quantile of F(ν, (p − 1)ν), which is exact
/// whenever C_crit > 1/2 (then at most one variance can exceed it); at α = 5 % and 1 % it gives
/// ISO 5725-2 Table 4 (e.g. 0.602 for p = 10, n = 2 at 5 %).
///
/// ISO's test is for within-laboratory (repeatability) variances. A key comparison file has only
/// combined standard uncertainties; ``test(standardUncertaintiesOf:)`` uses u_i² in their place,
/// which flags a laboratory whose *stated uncertainty* dominates the set — useful, but a different
/// question, and reported as such (``VarianceSource/standardUncertainties``). Critical values are
/// then given only when every result states the same finite degrees of freedom ν (ν = n − 1).
public struct CochranTest: Sendable, Hashable, Codable {
    /// What the variances s_i² are.
    public enum VarianceSource: String, Sendable, Hashable, Codable {
        /// Within-laboratory standard deviations from replicates (ISO 5725-2's test).
        case withinLaboratorySpreads
        /// The squared standard uncertainties u_i² of the comparison.
        case standardUncertainties
    }

    /// The laboratory with the largest variance.
    public var laboratory: LaboratoryID
    /// C.
    public var statistic: Double
    /// The laboratories compared (p).
    public var laboratoryCount: Int
    /// What the variances are.
    public var source: VarianceSource
    /// ν = n − 1 of each variance, when known.
    public var degreesOfFreedom: Double?
    /// The critical values at 5 % and 1 %, when ν is known.
    public var criticalValues: CriticalValues?
    /// The ISO 5725-2 verdict, when ν is known.
    public var classification: OutlierClassification?

    public init(
        laboratory: LaboratoryID, statistic: Double, laboratoryCount: Int, source: VarianceSource,
        degreesOfFreedom: Double? = nil, criticalValues: CriticalValues? = nil,
        classification: OutlierClassification? = nil
    ) {
        self.laboratory = laboratory
        self.statistic = statistic
        self.laboratoryCount = laboratoryCount
        self.source = source
        self.degreesOfFreedom = degreesOfFreedom
        self.criticalValues = criticalValues
        self.classification = classification
    }

    /// Cochran's test on within-laboratory spreads; ν = n − 1 with n the median replicate count.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 2
    ///   spreads; ``KeyComparisonError/zeroDispersion(statistic:)`` when every s_i is 0.
    public static func test(_ spreads: [WithinLaboratorySpread]) throws(KeyComparisonError) -> CochranTest {
        guard spreads.count >= 2 else { throw .insufficientParticipants(needed: 2, found: spreads.count) }
        for spread in spreads { try spread.validate() }
        let nu = WithinLaboratorySpread.commonReplicates(spreads) - 1
        return try make(
            laboratories: spreads.map(\.laboratory),
            variances: spreads.map { $0.standardDeviation * $0.standardDeviation },
            source: .withinLaboratorySpreads, degreesOfFreedom: nu)
    }

    /// Cochran's statistic with the squared standard uncertainties of the included results as the
    /// variances (see the type's discussion for what this does and does not test).
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 2
    ///   included results.
    public static func test(standardUncertaintiesOf comparison: Comparison) throws(KeyComparisonError)
        -> CochranTest
    {
        let population = Population(comparison)
        try population.require(2)
        var nu: Double? = population.degreesOfFreedom.first ?? nil
        if population.degreesOfFreedom.contains(where: { $0 != nu }) { nu = nil }
        return try make(
            laboratories: population.laboratories, variances: population.standardUncertainties.map { $0 * $0 },
            source: .standardUncertainties, degreesOfFreedom: nu)
    }

    private static func make(
        laboratories: [LaboratoryID], variances: [Double], source: VarianceSource, degreesOfFreedom nu: Double?
    ) throws(KeyComparisonError) -> CochranTest {
        let total = variances.reduce(0, +)
        guard total > 0, let largest = variances.indices.max(by: { variances[$0] < variances[$1] }) else {
            throw .zeroDispersion(statistic: "Cochran's C")
        }
        let c = variances[largest] / total
        let p = variances.count
        var critical: CriticalValues?
        if let nu { critical = try criticalValues(laboratories: p, degreesOfFreedom: nu) }
        return CochranTest(
            laboratory: laboratories[largest], statistic: c, laboratoryCount: p, source: source,
            degreesOfFreedom: nu, criticalValues: critical,
            classification: critical.map { OutlierClassification(upperTailStatistic: c, criticalValues: $0) })
    }

    /// 1/(1 + (p − 1)/F_{α/p}(ν, (p − 1)ν)) at α = 5 % and 1 %.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for p < 2,
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` unless ν > 0 (and finite).
    public static func criticalValues(laboratories p: Int, degreesOfFreedom nu: Double) throws(KeyComparisonError)
        -> CriticalValues
    {
        guard p >= 2 else { throw .insufficientParticipants(needed: 2, found: p) }
        guard nu > 0, nu.isFinite else {
            throw .invalidArgument("degreesOfFreedom", value: "\(nu)", reason: "Cochran's C needs ν > 0")
        }
        func value(_ alpha: Double) -> Double {
            let f = DistributionQuantiles.fUpper(alpha / Double(p), nu, Double(p - 1) * nu)
            return 1 / (1 + Double(p - 1) / f)
        }
        return CriticalValues(fivePercent: value(0.05), onePercent: value(0.01))
    }
}
