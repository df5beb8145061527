import LinearAlgebra
import Uncertainty

/// Cox 2002 Procedure B: the median of the included results as reference value, with its
/// uncertainty and the degrees of equivalence evaluated by Monte Carlo.
///
/// KCRV y = med{x_i : i included} (the mean of the two middle values for an even count). Each
/// result is assigned a distribution, N(x_i, u_i²), or when ν_i is finite the scaled and
/// shifted t_ν of JCGM 101:2008 6.4.9 with scale u_i (standard deviation u_i·√(ν_i/(ν_i − 2));
/// the convention of the GUM Supplement that Cox co-wrote, and the only one defined for
/// ν_i ≤ 2). In each of M trials (default 10⁶) every result is drawn, y^(r) is the median of
/// the included draws and d_i^(r) = x_i^(r) − y^(r) for every laboratory, so an excluded
/// result is automatically uncorrelated with the KCRV and an included one carries its share of
/// it (M. G. Cox, Metrologia 39 (2002) 589, §6 Procedure B; JCGM 101 §7).
///
/// Reported: u(y) = standard deviation of the y^(r); U(y) = half-width of the probabilistically
/// symmetric 95 % interval of y^(r), which is also given, with the shortest one. For every
/// laboratory d_i = x_i − y, u(d_i) = standard deviation of the d_i^(r), and U(d_i) = half-width
/// of their probabilistically symmetric 95 % interval (the interval and the shortest interval
/// are reported). Bilateral DoE do not involve the KCRV: d_ij = x_i − x_j with
/// U = k·√(u_i² + u_j² − 2u_ij).
///
/// With a covariance matrix the draws are correlated through the Cholesky factor of the
/// correlation matrix (JCGM 101 6.4.8), each t-distributed result then divided by its own
/// √(χ²_ν/ν): the marginals are exactly the distributions above.
///
/// The simulation runs in fixed blocks of 16 384 trials, block b drawing from stream b of
/// `Xoshiro256(seed:stream:)`, on all cores; results do not depend on the thread count, and the
/// laboratories are drawn in the order of their names, so permuting the results does not change
/// the outcome. The median of each trial is found by selection, without allocation. Simulated
/// values are kept in single precision as deviations from the estimates (relative 6·10⁻⁸, far
/// below the Monte Carlo noise). Memory: 4·(n + 1)·M bytes (84 MB for 20 laboratories and 10⁶ trials).
///
/// Supplying ``referenceExpandedUncertainty`` replaces the simulation by the formula of final
/// reports that treat the median as uncorrelated with every result, U(d_i) = √(U_i² + U_ref²)
/// (CCQM-K88, Hioki et al., Metrologia 50 (2013) Tech. Suppl. 08002), with U_i the reported
/// expanded uncertainty (k·u_i when none was reported).
///
///     let evaluation = try Median().evaluate(ccqmK88)   // y = 197.2, u(y) ≈ 0.58 mg/kg
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included
///   result; ``KeyComparisonError/invalidSetting(_:value:reason:)`` for too few or too many trials;
///   ``KeyComparisonError/unsupportedDegreesOfFreedom(laboratory:value:minimum:method:)`` for ν < 1.
/// - Complexity: O(M·n) time (O(M·n²) with correlations), O(M·n) memory.
public struct Median: ReferenceValueEstimator {
    /// The default number of Monte Carlo trials, 10⁶.
    public static let defaultTrials = 1_000_000

    /// U_ref, when supplied: the degrees of equivalence are then U(d_i) = √(U_i² + U_ref²)
    /// without simulation.
    public var referenceExpandedUncertainty: Double?

    /// Whether the simulation may use several threads (the result is the same either way).
    public var runsInParallel = true

    public init(referenceExpandedUncertainty: Double? = nil) {
        self.referenceExpandedUncertainty = referenceExpandedUncertainty
    }

    public var method: EvaluationMethod { .median }

    public func validateSettings() throws(KeyComparisonError) {
        if let referenceU = referenceExpandedUncertainty, !(referenceU.isFinite && referenceU >= 0) {
            throw .invalidSetting(
                .referenceExpandedUncertainty, value: "\(referenceU)", reason: "must be a finite number ≥ 0")
        }
    }

    /// The median of the included values (the mean of the two middle ones for an even count).
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with no included result.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Double {
        try Self.value(of: comparison)
    }

    /// The median of the included values.
    static func value(of comparison: Comparison) throws(KeyComparisonError) -> Double {
        let values = comparison.includedResults.map(\.value).sorted()
        guard !values.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        let m = values.count
        return m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        try validateSettings()
        let y = try Self.value(of: comparison)
        if let referenceU = referenceExpandedUncertainty {
            return try evaluate(comparison, median: y, suppliedReferenceUncertainty: referenceU, options: options)
        }
        return try simulate(comparison, median: y, options: options)
    }

    private func evaluate(
        _ comparison: Comparison, median y: Double, suppliedReferenceUncertainty referenceU: Double,
        options: EvaluationOptions
    ) throws(KeyComparisonError) -> Evaluation {
        let k = options.coverageFactor
        let degrees = comparison.results.map { result in
            let expanded = (result.reportedCoverageFactor ?? k) * result.standardUncertainty
            return DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                difference: result.value - y, standardUncertainty: nil,
                expandedUncertainty: (expanded * expanded + referenceU * referenceU).squareRoot())
        }
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: y, standardUncertainty: referenceU / k, expandedUncertainty: referenceU, coverageFactor: k),
            includedLaboratories: comparison.includedResults.map(\.laboratory),
            degreesOfEquivalence: degrees,
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: EvaluationDetails(notes: [
                "KCRV = median of the included results; U_ref = \(referenceU) supplied, "
                    + "U(d_i) = √(U_i² + U_ref²) for every laboratory (the KCRV treated as uncorrelated with each result)"
            ]))
    }

    private func simulate(_ comparison: Comparison, median y: Double, options: EvaluationOptions)
        throws(KeyComparisonError) -> Evaluation
    {
        let p = options.coverageProbability
        let trials = options.trials ?? Self.defaultTrials
        let n = comparison.results.count
        try MonteCarloLimits.validate(trials: trials, quantities: n + 1, coverageProbability: p)
        for result in comparison.results {
            if let nu = result.degreesOfFreedom, nu < ResultSampler.minimumDegreesOfFreedom {
                throw .unsupportedDegreesOfFreedom(
                    laboratory: result.laboratory, value: nu, minimum: ResultSampler.minimumDegreesOfFreedom,
                    method: method.rawValue)
            }
        }
        // Simulate in the order of the laboratory names, so that permuting the results changes nothing.
        let order = comparison.results.indices.sorted {
            comparison.results[$0].laboratory < comparison.results[$1].laboratory
        }
        let simulation = ProcedureBSimulation(
            centredValues: order.map { comparison.results[$0].value - y },
            samplers: order.map {
                ResultSampler.jcgm101(
                    standardUncertainty: comparison.results[$0].standardUncertainty,
                    degreesOfFreedom: comparison.results[$0].degreesOfFreedom)
            },
            included: order.indices.filter { comparison.results[order[$0]].includedInReferenceValue },
            correlationFactor: try Self.correlationFactor(comparison, order: order))
        let blocks = ParallelBlocks(trials: trials, runsInParallel: runsInParallel)
        let outcome = simulation.run(blocks: blocks, seed: options.seed, coverageProbability: p)

        let reference = outcome.referenceValue
        guard reference.isFinite, outcome.differences.allSatisfy(\.isFinite) else {
            throw .nonFiniteResult(method: method.rawValue, quantity: "a simulated median or difference")
        }
        var degrees = [DegreeOfEquivalence?](repeating: nil, count: n)
        for (position, index) in order.enumerated() {
            let result = comparison.results[index]
            let summary = outcome.differences[position]
            let d = result.value - y
            let interval = summary.symmetricInterval
            degrees[index] = DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                difference: d, standardUncertainty: summary.standardDeviation,
                expandedUncertainty: (interval[1] - interval[0]) / 2,
                coverageInterval: interval.map { d + $0 },
                shortestCoverageInterval: summary.shortestInterval.map { d + $0 })
        }
        var notes = [
            "Procedure B (Cox 2002): KCRV = median of \(simulation.included.count) included results; "
                + "u(KCRV) and U(d_i) from \(trials) Monte Carlo trials, U = half-width of the probabilistically symmetric "
                + "\(MonteCarloLimits.percent(p)) interval"
        ]
        if comparison.results.contains(where: { $0.degreesOfFreedom != nil }) {
            notes.append("results with finite ν drawn from t_ν with scale u_i (JCGM 101 6.4.9)")
        }
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: y, standardUncertainty: reference.standardDeviation,
                expandedUncertainty: (reference.symmetricInterval[1] - reference.symmetricInterval[0]) / 2,
                coverageInterval: reference.symmetricInterval.map { y + $0 },
                shortestCoverageInterval: reference.shortestInterval.map { y + $0 }, coverageProbability: p),
            includedLaboratories: comparison.includedResults.map(\.laboratory),
            degreesOfEquivalence: degrees.compactMap { $0 },
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: EvaluationDetails(trials: trials, seed: options.seed, notes: notes))
    }

    /// The lower Cholesky factor of the correlation matrix in simulation order (column-major,
    /// n × n), or nil for independent results.
    static func correlationFactor(_ comparison: Comparison, order: [Int]) throws(KeyComparisonError) -> [Double]? {
        guard comparison.isCorrelated else { return nil }
        let n = order.count
        var r = Matrix(rows: n, columns: n)
        for (a, i) in order.enumerated() {
            for (b, j) in order.enumerated() {
                r[a, b] =
                    comparison.covariance(i, j)
                    / (comparison.results[i].standardUncertainty * comparison.results[j].standardUncertainty)
            }
        }
        // Comparison's initializer checked that V is positive definite, hence so is D⁻¹VD⁻¹.
        do {
            return try CholeskyFactorization(r, symmetryTolerance: nil).lowerFactor.elements
        } catch {
            throw .notPositiveDefinite(error, laboratories: order.map { comparison.results[$0].laboratory })
        }
    }
}
