import LinearAlgebra

/// What a Monte Carlo propagation (JCGM 101:2008 §7, JCGM 102:2011 §7) produces: for each
/// measurand its estimate, standard uncertainty and coverage intervals, and for several
/// measurands their covariance matrix and hyper-ellipsoidal coverage region.
///
///     let result = try MonteCarloMethod(seed: 1).propagate(model, inputs: inputs, measurands: ["dm"])
///     result["dm"]?.standardUncertainty          // 0.0754 mg (JCGM 101 9.3)
///     result["dm"]?.shortestInterval.width       // 0.299 mg
///
/// Encodes as `{"measurands": [{"name", "monteCarlo": {…}}], "covariance": [[…]],
/// "coverageProbability", "trials", "undefinedTrials", "seed", "adaptive"?, "coverageRegion"?}`;
/// the `monteCarlo` block is ``MonteCarloSummary``.
public struct MonteCarloResult: Sendable, Hashable, Codable {
    /// The names of the measurands, in the model's output order.
    public var measurands: [String]
    /// The results for each measurand, in the same order.
    public var summaries: [MonteCarloSummary]
    /// U_y, the m × m sample covariance matrix 1/(M − 1)·Σ (y_r − y)(y_r − y)ᵀ (JCGM 102 7.6).
    public var covariance: Matrix
    /// p, the coverage probability of the intervals and of the region.
    public var coverageProbability: Double
    /// M, the number of trials used (undefined ones excluded).
    public var trials: Int
    /// The number of trials dropped because the model was undefined (NaN or infinite).
    public var undefinedTrials: Int
    /// The seed of the random generator: the same seed gives the same result, bit for bit,
    /// whatever the number of threads.
    public var seed: UInt64
    /// For the adaptive procedure (JCGM 101 7.9): the number of significant digits, the batch
    /// size and count, and how stable each measurand was when it stopped; nil for a fixed M.
    public var adaptive: AdaptiveProcedure?
    /// The hyper-ellipsoidal coverage region of JCGM 102 7.7.2 for m ≥ 2 measurands; nil for a
    /// single measurand, or when U_y is singular (linearly dependent measurands).
    public var coverageRegion: HyperEllipsoidalCoverageRegion?

    /// The adaptive procedure's record (JCGM 101 7.9.4).
    public struct AdaptiveProcedure: Sendable, Hashable, Codable {
        /// n_dig, the number of significant decimal digits regarded as meaningful in u(y).
        public var significantDigits: Int
        /// M of one batch: max(J, 10⁴), J the smallest integer ≥ 100/(1 − p) (7.9.4 b).
        public var batchSize: Int
        /// h, the number of batches run.
        public var batches: Int
        /// The stability of each measurand when the procedure stopped.
        public var stabilization: [AdaptiveStabilization]
    }

    /// The results for the measurand with this name.
    public subscript(measurand: String) -> MonteCarloSummary? {
        measurands.firstIndex(of: measurand).map { summaries[$0] }
    }

    /// The correlation matrix r_ij = U_ij/(u_i·u_j) of the measurands (0 where a u_i is 0).
    public var correlation: Matrix {
        let m = covariance.rows
        var r = Matrix.identity(order: m)
        for j in 0..<m {
            for i in 0..<m where i != j {
                let scale = (covariance[i, i] * covariance[j, j]).squareRoot()
                r[i, j] = scale > 0 ? covariance[i, j] / scale : 0
            }
        }
        return r
    }

    private enum CodingKeys: String, CodingKey {
        case measurands, covariance, coverageProbability, trials, undefinedTrials, seed, adaptive, coverageRegion
    }
    private struct Measurand: Codable {
        var name: String
        var monteCarlo: MonteCarloSummary
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let entries = try container.decode([Measurand].self, forKey: .measurands)
        measurands = entries.map(\.name)
        summaries = entries.map(\.monteCarlo)
        covariance = try Matrix(rowArrays: container.decode([[Double]].self, forKey: .covariance))
        coverageProbability = try container.decode(Double.self, forKey: .coverageProbability)
        trials = try container.decode(Int.self, forKey: .trials)
        undefinedTrials = try container.decode(Int.self, forKey: .undefinedTrials)
        seed = try container.decode(UInt64.self, forKey: .seed)
        adaptive = try container.decodeIfPresent(AdaptiveProcedure.self, forKey: .adaptive)
        coverageRegion = try container.decodeIfPresent(HyperEllipsoidalCoverageRegion.self, forKey: .coverageRegion)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            zip(measurands, summaries).map { Measurand(name: $0, monteCarlo: $1) }, forKey: .measurands)
        let m = covariance.rows
        try container.encode((0..<m).map { i in (0..<m).map { covariance[i, $0] } }, forKey: .covariance)
        try container.encode(coverageProbability, forKey: .coverageProbability)
        try container.encode(trials, forKey: .trials)
        try container.encode(undefinedTrials, forKey: .undefinedTrials)
        try container.encode(seed, forKey: .seed)
        try container.encodeIfPresent(adaptive, forKey: .adaptive)
        try container.encodeIfPresent(coverageRegion, forKey: .coverageRegion)
    }

    /// Summarises a sample: estimates, uncertainties, intervals, covariance and (m ≥ 2) region.
    ///
    /// - Throws: ``UncertaintyError/undefinedForAllTrials(measurand:trials:)`` when no trial is
    ///   defined, ``UncertaintyError/tooFewTrials(needed:found:)``,
    ///   ``UncertaintyError/invalidCoverageProbability(_:)``, ``UncertaintyError/nonFiniteMonteCarloResult(measurand:)``
    ///   when the average, standard deviation or a covariance of finite values overflows.
    public init(summarizing sample: MonteCarloSample, measurands: [String], coverageProbability p: Double, seed: UInt64)
        throws(UncertaintyError)
    {
        let m = sample.outputCount
        let trials = sample.trials
        guard measurands.count == m else { throw .measurandCountMismatch(expected: m, found: measurands.count) }
        guard trials > 0 else {
            let worst = sample.undefinedByOutput.indices.max {
                sample.undefinedByOutput[$0] < sample.undefinedByOutput[$1]
            }
            throw .undefinedForAllTrials(measurand: measurands[worst ?? 0], trials: sample.undefinedTrials)
        }
        var summaries: [MonteCarloSummary] = []
        var covariance = Matrix(rows: m, columns: m)
        var region: HyperEllipsoidalCoverageRegion?
        try sample.values.withUnsafeBufferPointer { values throws(UncertaintyError) in
            let base = values.baseAddress.unsafelyUnwrapped
            for k in 0..<m {
                let output = UnsafeBufferPointer(start: base + k * trials, count: trials)
                summaries.append(try MonteCarloSummary(values: output, coverageProbability: p))
            }
            let means = summaries.map(\.value)
            for j in 0..<m {
                covariance[j, j] = summaries[j].standardUncertainty * summaries[j].standardUncertainty
                for i in (j + 1)..<m {
                    var sum = 0.0
                    let yi = base + i * trials
                    let yj = base + j * trials
                    for r in 0..<trials { sum += (yi[r] - means[i]) * (yj[r] - means[j]) }
                    covariance[i, j] = trials > 1 ? sum / Double(trials - 1) : 0
                    covariance[j, i] = covariance[i, j]
                }
            }
            // Finite model values can still overflow a sum (values near 10³⁰⁸): no report may
            // print the resulting infinity.
            for k in 0..<m {
                let s = summaries[k]
                let numbers = [s.value, s.standardUncertainty] + (0..<m).map { covariance[k, $0] }
                guard numbers.allSatisfy(\.isFinite) else { throw .nonFiniteMonteCarloResult(measurand: measurands[k]) }
            }
            if m >= 2 {
                region = try HyperEllipsoidalCoverageRegion.monteCarlo(
                    values: values, trials: trials, means: means, covariance: covariance, coverageProbability: p)
            }
        }
        self.measurands = measurands
        self.summaries = summaries
        self.covariance = covariance
        self.coverageProbability = p
        self.trials = trials
        self.undefinedTrials = sample.undefinedTrials
        self.seed = seed
        self.adaptive = nil
        self.coverageRegion = region
    }
}
