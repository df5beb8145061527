extension MonteCarloMethod {
    /// Propagates distributions with the adaptive Monte Carlo procedure of JCGM 101:2008 7.9,
    /// which chooses the number of trials so that the results are stable to a numerical
    /// tolerance.
    ///
    /// The procedure (7.9.4): batches of M = max(J, 10⁴) trials, J the smallest integer
    /// ≥ 100/(1 − p); after each batch h ≥ 2, for every measurand, the standard deviations s of
    /// the averages of the h batch values of y, u(y), and the end points of the coverage
    /// intervals; the numerical tolerance δ of u(y) computed from all h·M values to
    /// `significantDigits` significant digits (7.9.2); stop when 2s ≤ δ for every quantity
    /// (here: the end points of both the symmetric and the shortest interval, for every
    /// measurand). The results then come from all h·M values (7.9.4 j), and are exactly those of
    /// ``propagate(_:inputs:measurands:trials:)`` with M = h·M_batch and the same seed.
    ///
    ///     let result = try MonteCarloMethod(seed: 1).propagateAdaptively(model, inputs: inputs, significantDigits: 2)
    ///     result.trials                           // h·10⁴, e.g. 1.2·10⁶ for JCGM 101 9.3
    ///     result.adaptive?.stabilization[0]       // 2s of y, u(y), y_low, y_high against δ
    ///
    /// Batches are generated several at a time on all cores; they are checked one after another,
    /// so the stopping point, like everything else, does not depend on the number of threads.
    ///
    /// - Parameters:
    ///   - significantDigits: n_dig, the number of significant decimal digits of u(y) regarded as
    ///     meaningful (1 or 2 usually; at most 6).
    ///   - maximumTrials: the limit on h·M; the values of every trial are kept in memory
    ///     (8 bytes per trial and measurand), so h·M also stays within
    ///     ``maximumStoredValues`` divided by the number of measurands.
    /// - Throws: the errors of ``propagate(_:inputs:measurands:trials:)``,
    ///   ``UncertaintyError/invalidSignificantDigits(_:)``, and
    ///   ``UncertaintyError/adaptiveProcedureDidNotStabilize(measurand:trials:)`` naming the first
    ///   measurand still unstable when the limit is reached.
    public func propagateAdaptively(
        _ model: some VectorizedModel, inputs: JointDistribution, measurands: [String]? = nil,
        significantDigits: Int = 2, maximumTrials: Int = 50_000_000
    ) throws(UncertaintyError) -> MonteCarloResult {
        let names = try measurandNames(measurands, model: model)
        guard model.inputCount == inputs.count else {
            throw .inputCountMismatch(expected: model.inputCount, found: inputs.count)
        }
        guard (1...6).contains(significantDigits) else { throw .invalidSignificantDigits(significantDigits) }
        let p = coverageProbability
        guard p > 0, p < 1 else { throw .invalidCoverageProbability(p) }
        let batchSize = Self.adaptiveBatchSize(coverageProbability: p)
        let m = model.outputCount
        // Every value is kept: beyond the memory limit the procedure stops as at maximumTrials.
        let maximumBatches = min(maximumTrials, Self.maximumStoredValues / max(m, 1)) / batchSize
        guard maximumBatches >= 2 else { throw .tooFewTrials(needed: 2 * batchSize, found: maximumTrials) }

        var values = [[Double]](repeating: [], count: m)
        var batches = [[MonteCarloSummary]](repeating: [], count: m)
        var generated = 0
        var checked = 0
        var stabilization: [AdaptiveStabilization] = []
        while true {
            if checked == generated {
                let round = min(max(2, generated / 4, 2 * resolvedThreadCount), 64, maximumBatches - generated)
                guard round > 0 else {
                    let unstable = stabilization.firstIndex { !$0.isStable } ?? 0
                    throw .adaptiveProcedureDidNotStabilize(measurand: names[unstable], trials: checked * batchSize)
                }
                let raw = generate(
                    model, inputs: inputs, trials: (generated * batchSize)..<((generated + round) * batchSize))
                let summaries = try summarizeBatches(
                    raw, outputCount: m, batches: round, batchSize: batchSize, names: names)
                for k in 0..<m {
                    values[k].append(contentsOf: raw[(k * round * batchSize)..<((k + 1) * round * batchSize)])
                    batches[k].append(contentsOf: summaries[k])
                }
                generated += round
            }
            checked += 1
            guard checked >= 2 else { continue }
            stabilization = (0..<m).map { k in
                let pooled = Self.pooledStandardUncertainty(batches[k][0..<checked])
                let tolerance = AdaptiveStabilization.numericalTolerance(
                    of: pooled, significantDigits: significantDigits)
                return AdaptiveStabilization(batches: batches[k][0..<checked], numericalTolerance: tolerance)
            }
            if stabilization.allSatisfy(\.isStable) { break }
        }

        let trials = checked * batchSize
        var raw = [Double]()
        raw.reserveCapacity(m * trials)
        for k in 0..<m { raw.append(contentsOf: values[k][0..<trials]) }
        values = []
        var result = try MonteCarloResult(
            summarizing: MonteCarloSample(raw: raw, outputCount: m, count: trials), measurands: names,
            coverageProbability: p, seed: seed)
        result.adaptive = .init(
            significantDigits: significantDigits, batchSize: batchSize, batches: checked, stabilization: stabilization)
        return result
    }

    /// M for one batch of the adaptive procedure: max(J, 10⁴), J = ⌈100/(1 − p)⌉ (JCGM 101 7.9.4 b).
    public static func adaptiveBatchSize(coverageProbability p: Double) -> Int {
        max(Int((100 / (1 - p)).rounded(.up)), 10_000)
    }

    /// The results of each batch (in parallel: each batch depends on its own values only).
    private func summarizeBatches(
        _ raw: [Double], outputCount m: Int, batches: Int, batchSize: Int, names: [String]
    ) throws(UncertaintyError) -> [[MonteCarloSummary]] {
        let total = batches * batchSize
        var outcomes = [Result<[MonteCarloSummary], UncertaintyError>](
            repeating: .success([]), count: batches)
        let p = coverageProbability
        outcomes.withUnsafeMutableBufferPointer { slots in
            let shared = SharedBuffer(base: slots.baseAddress.unsafelyUnwrapped)
            ParallelWork.forEachWorker(count: batches, threads: resolvedThreadCount) { items in
                for b in items {
                    var batch = [Double]()
                    batch.reserveCapacity(m * batchSize)
                    for k in 0..<m {
                        batch.append(contentsOf: raw[(k * total + b * batchSize)..<(k * total + (b + 1) * batchSize)])
                    }
                    let sample = MonteCarloSample(raw: batch, outputCount: m, count: batchSize)
                    shared.base[b] = Result { () throws(UncertaintyError) in
                        guard sample.trials > 0 else {
                            let worst = (0..<m).max { sample.undefinedByOutput[$0] < sample.undefinedByOutput[$1] } ?? 0
                            throw .undefinedForAllTrials(measurand: names[worst], trials: batchSize)
                        }
                        return try sample.values.withUnsafeBufferPointer { values throws(UncertaintyError) in
                            try (0..<m).map { k throws(UncertaintyError) in
                                let summary = try MonteCarloSummary(
                                    values: UnsafeBufferPointer(
                                        rebasing: values[(k * sample.trials)..<((k + 1) * sample.trials)]),
                                    coverageProbability: p)
                                // An overflowing average never stabilises: say so at once.
                                guard summary.value.isFinite, summary.standardUncertainty.isFinite else {
                                    throw .nonFiniteMonteCarloResult(measurand: names[k])
                                }
                                return summary
                            }
                        }
                    }
                }
            }
        }
        var perOutput = [[MonteCarloSummary]](repeating: [], count: m)
        for outcome in outcomes {
            let summaries = try outcome.get()
            for k in 0..<m { perOutput[k].append(summaries[k]) }
        }
        return perOutput
    }

    /// u(y) of the union of the batches, from their sizes, means and variances:
    /// [Σ (n_b − 1)·u_b² + Σ n_b·(ȳ_b − ȳ)²] / (N − 1).
    static func pooledStandardUncertainty(_ batches: ArraySlice<MonteCarloSummary>) -> Double {
        let total = batches.reduce(0) { $0 + Double($1.trials) }
        let mean = batches.reduce(0) { $0 + Double($1.trials) * $1.value } / total
        let sum = batches.reduce(0) {
            $0 + Double($1.trials - 1) * $1.standardUncertainty * $1.standardUncertainty + Double($1.trials)
                * ($1.value - mean) * ($1.value - mean)
        }
        return (sum / (total - 1)).squareRoot()
    }
}
