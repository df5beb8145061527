internal import EquivalenceSupport
import Uncertainty

/// Everything that can be said about the consistency of a comparison's results: the performance
/// scores of each laboratory against a reference value, the classical consistency and outlier
/// statistics, the pair-based statistics with bootstrap p-values, and two robust estimates of
/// location — what `equivalence diagnose` prints.
///
/// The diagnostics look at the results included in the reference value (or at every result with
/// ``DiagnosticOptions/includesAllLaboratories``); scores are given for every result. A statistic
/// that needs more results than there are (Mandel's h and Grubbs need 3, the double Grubbs test 4)
/// or that is undefined for the data (no spread at all) is omitted with a note saying why; the
/// individual types throw a typed error in those cases.
///
/// - Consistency (Birge ratio): Cox 2002 Procedure A's χ² with R_B = √(χ²/ν) (Birge, Phys. Rev. 40
///   (1932) 207), on the population, with correlations (GLS) when given.
/// - ``MandelStatistics`` h (and k with ``WithinLaboratorySpread``s), ``GrubbsTest`` single and
///   double, ``CochranTest`` (ISO 5725-2:1994 §7.3).
/// - ``MedianScaledDifference`` (Ellison 2018) and ``PairDifferenceChiSquared`` (Douglas & Steele
///   2006), from one parametric bootstrap.
/// - ``AlgorithmA`` (ISO 13528 Annex C.3) and ``HuberMEstimate`` (metRology `huber.estimate`).
///
///     let diagnostics = try ComparisonDiagnostics.diagnose(pcb28)
///     diagnostics.consistency?.birgeRatio    // 3.69
public struct ComparisonDiagnostics: Sendable, Hashable, Codable {
    /// The comparison's identifier.
    public var comparison: String
    /// The unit of values and differences.
    public var unit: String?
    /// The method of the reference value the scores refer to (``EvaluationMethod`` name), or
    /// "assigned-value" for a given one.
    public var method: String
    /// The reference value the scores refer to.
    public var referenceValue: ReferenceValue
    /// The laboratories the consistency diagnostics looked at.
    public var laboratories: [LaboratoryID]
    /// E_n, ζ, z and z′ of every result.
    public var scores: [LaboratoryScore]
    /// Procedure A's χ² and Birge ratio on ``laboratories``.
    public var consistency: ConsistencyCheck?
    /// Mandel's h.
    public var mandelH: MandelStatistics?
    /// Mandel's k, when within-laboratory spreads were given.
    public var mandelK: MandelStatistics?
    /// Grubbs' single tests (largest, smallest) then double tests (largest pair, smallest pair).
    public var grubbs: [GrubbsTest]?
    /// Cochran's test.
    public var cochran: CochranTest?
    /// MSD per laboratory with bootstrap p-values.
    public var medianScaledDifference: MedianScaledDifference?
    /// The pair-difference χ² per laboratory with bootstrap p-values.
    public var pairDifferenceChiSquared: PairDifferenceChiSquared?
    /// ISO 13528 Algorithm A on the values.
    public var algorithmA: AlgorithmA.Estimate?
    /// The Huber M-estimate on the values and uncertainties.
    public var huber: HuberMEstimate.Estimate?
    /// Bootstrap replicates and double-Grubbs samples.
    public var trials: Int
    /// The seed of the simulations.
    public var seed: UInt64
    /// What was omitted and why, and how to read the statistics.
    public var notes: [String]

    /// Diagnoses a comparison.
    ///
    /// - Parameters:
    ///   - estimator: the reference-value method of the scores (default Procedure A).
    /// - Throws: the estimator's error; ``KeyComparisonError/invalidSetting(_:value:reason:)`` for
    ///   bad options; ``KeyComparisonError/nonFiniteResult(method:quantity:)`` when a statistic
    ///   overflows; ``KeyComparisonError/unknownLaboratory(_:)`` or
    ///   ``KeyComparisonError/duplicateLaboratory(_:)`` for within-laboratory spreads that do not
    ///   match the comparison.
    /// - Complexity: O(trials·n² log n) for the bootstrap, in parallel blocks.
    public static func diagnose(
        _ comparison: Comparison, using estimator: any ReferenceValueEstimator = WeightedMean(),
        options: DiagnosticOptions = DiagnosticOptions()
    ) throws(KeyComparisonError) -> ComparisonDiagnostics {
        guard options.trials >= 100 else {
            throw .invalidSetting(.trials, value: "\(options.trials)", reason: "must be at least 100")
        }
        // The pair statistics keep 2n simulated values per replicate.
        let statistics = 2 * comparison.results.count
        guard MonteCarloMethod.fitsInMemory(trials: options.trials, quantities: statistics) else {
            throw .invalidSetting(
                .trials, value: "\(options.trials)",
                reason:
                    "\(options.trials) replicates of \(statistics) statistics exceed the \(MonteCarloMethod.maximumStoredValues) values kept in memory"
            )
        }
        let k = options.coverageFactor
        guard k.isFinite, k > 0 else {
            throw .invalidSetting(.coverageFactor, value: "\(k)", reason: "must be positive")
        }
        var notes: [String] = []

        // Scores against the evaluation's reference value, or against a given assigned value.
        let method: String
        let referenceValue: ReferenceValue
        let scores: [LaboratoryScore]
        if let assigned = options.assignedValue {
            method = "assigned-value"
            referenceValue = assigned
            scores = try LaboratoryScore.scores(
                of: comparison, against: assigned, coverageFactor: k,
                proficiencyStandardDeviation: options.proficiencyStandardDeviation)
        } else {
            let evaluation = try estimator.evaluate(
                comparison, options: EvaluationOptions(coverageFactor: k, includesPairwise: false, seed: options.seed))
            method = evaluation.method.rawValue
            referenceValue = evaluation.referenceValue
            scores = try LaboratoryScore.scores(
                from: evaluation, proficiencyStandardDeviation: options.proficiencyStandardDeviation)
        }

        let population =
            options.includesAllLaboratories ? try comparison.including(only: Set(comparison.laboratories)) : comparison
        let labs = population.includedResults.map(\.laboratory)

        /// Runs one diagnostic; a shortage of results or of spread becomes a note, anything else is thrown.
        func attempt<T>(_ name: String, _ body: () throws(KeyComparisonError) -> T) throws(KeyComparisonError) -> T? {
            do {
                return try body()
            } catch {
                switch error {
                case .insufficientParticipants, .zeroDispersion:
                    notes.append("\(name) omitted: \(error.description)")
                    return nil
                default: throw error
                }
            }
        }

        let consistency =
            try attempt("Birge ratio") { () throws(KeyComparisonError) -> ConsistencyCheck? in
                let fit = try WeightedMean.weightedMean(population)
                return WeightedMean.consistency(chiSquared: fit.chiSquared, degreesOfFreedom: fit.degreesOfFreedom)
            } ?? nil
        let mandelH = try attempt("Mandel's h") { () throws(KeyComparisonError) in try MandelStatistics.h(population) }
        var mandelK: MandelStatistics?
        var cochran: CochranTest?
        if let spreads = options.withinLaboratorySpreads {
            var seen = Set<LaboratoryID>()
            for spread in spreads {
                guard comparison.index(of: spread.laboratory) != nil else {
                    throw .unknownLaboratory(spread.laboratory)
                }
                guard seen.insert(spread.laboratory).inserted else { throw .duplicateLaboratory(spread.laboratory) }
            }
            mandelK = try attempt("Mandel's k") { () throws(KeyComparisonError) in try MandelStatistics.k(spreads) }
            cochran = try attempt("Cochran's test") { () throws(KeyComparisonError) in try CochranTest.test(spreads) }
        } else {
            notes.append("Mandel's k needs within-laboratory spreads (replicate standard deviations): not computed")
            cochran = try attempt("Cochran's test") { () throws(KeyComparisonError) in
                try CochranTest.test(standardUncertaintiesOf: population)
            }
            if cochran != nil {
                notes.append(
                    "Cochran's C uses the squared standard uncertainties u_i² as the variances: it flags a dominant stated uncertainty, not a within-laboratory repeatability outlier"
                )
            }
        }
        var grubbs: [GrubbsTest] = []
        if let single = try attempt(
            "Grubbs' single test",
            { () throws(KeyComparisonError) in
                try GrubbsTest.single(population)
            })
        {
            grubbs += single
        }
        if let double = try attempt(
            "Grubbs' double test",
            { () throws(KeyComparisonError) in
                try GrubbsTest.double(population, trials: options.trials, seed: options.seed)
            })
        {
            grubbs += double
        }
        let pairwise = try attempt("MSD and pair-difference χ²") {
            () throws(KeyComparisonError) -> (MedianScaledDifference, PairDifferenceChiSquared) in
            try PairwiseStatistics(population).evaluate(trials: options.trials, seed: options.seed)
        }
        let values = population.includedResults.map(\.value)
        let algorithmA = try attempt("Algorithm A") { () throws(KeyComparisonError) in
            try AlgorithmA().estimate(values)
        }
        let huber = try attempt("Huber estimate") { () throws(KeyComparisonError) in
            try HuberMEstimate().estimate(
                values: values, standardUncertainties: population.includedResults.map(\.standardUncertainty))
        }
        let diagnostics = ComparisonDiagnostics(
            comparison: comparison.identifier, unit: comparison.unit, method: method, referenceValue: referenceValue,
            laboratories: labs, scores: scores, consistency: consistency, mandelH: mandelH, mandelK: mandelK,
            grubbs: grubbs.isEmpty ? nil : grubbs, cochran: cochran, medianScaledDifference: pairwise?.0,
            pairDifferenceChiSquared: pairwise?.1, algorithmA: algorithmA, huber: huber, trials: options.trials,
            seed: options.seed, notes: notes)
        // No report may print NaN or an infinity: name the first quantity that overflowed.
        if let found = JSONWriter.firstNonFiniteNumber(in: diagnostics) {
            let quantity = CodingPathKey.path(found.keys) { list, index in
                list == "scores" && scores.indices.contains(index) ? scores[index].laboratory.name : nil
            }
            throw .nonFiniteResult(method: "diagnose", quantity: quantity)
        }
        return diagnostics
    }
}
