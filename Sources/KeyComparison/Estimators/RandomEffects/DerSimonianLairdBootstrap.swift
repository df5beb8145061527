import Dispatch
import Uncertainty

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NICOB's parametric bootstrap for the DerSimonian–Laird consensus value: it recognises the
/// uncertainty of τ̂ and the degrees of freedom ν_i of the reported uncertainties (NIST Consensus
/// Builder manual, Koepke, Lafarge, Possolo & Toman 2020, §A.2; Metrologia 54 (2017) S34).
///
/// For each replicate k = 1…K:
/// 1. τ²_k = max{0, (Q*_k − (n − 1))/c} with Q*_k drawn from the gamma approximation of Cochran's Q
///    (``CochranQGammaApproximation``, Biggerstaff & Tweedie 1997);
/// 2. x_ik ~ N(μ̂_DL, τ²_k + u_i²) for every included result;
/// 3. u_ik = u_i·√(ν_i/χ²_{ν_i}) when ν_i is finite, else u_ik = u_i;
/// 4. μ_k = the DerSimonian–Laird estimate from (x_·k, u_·k), and D_ik = x_ik − μ_k.
///
/// u(μ̂) is the standard deviation of the μ_k and the coverage interval their 2.5 and 97.5 %
/// percentiles (NICOB's defaults: K = 10 000). The D_ik give the MRA degrees of equivalence (NICOB
/// manual §3.2.8, §A.5): each column is recentred at D_i = x_i − μ̂_DL and U(D_i) is the half-length of
/// the shortest interval symmetric about D_i that holds 95 % of it. Results excluded from the KCRV get
/// D_jk = x_j + e_jk − μ_k with e_jk ~ N(0, u_j² + τ̂²), consistent with NICOB's
/// U(D_j) = 1.96·√(u_j² + var(μ_k) + τ̂²).
///
/// The replicates are cut into fixed blocks of 1 000; block b always draws from
/// `Xoshiro256(seed: seed, stream: b)` (and results excluded from the KCRV from stream 2⁴⁰ + b), so
/// the blocks run in parallel and the results do not depend on the number of threads.
///
///     let sample = try DerSimonianLairdBootstrap(replicates: 10_000).sample(pcb28)
///     sample.referenceValues.count   // 10 000 replicated KCRVs, sd ≈ 0.75 ng/g (NICOB: 0.77)
///
/// - Complexity: O(K·n) time; O(K·n) memory when the differences are recorded.
public struct DerSimonianLairdBootstrap: Sendable, Hashable {
    /// NICOB's default number of replicates.
    public static let defaultReplicates = 10_000
    /// Replicates per block (one random stream each).
    static let blockSize = 1_000

    /// K, the number of bootstrap replicates.
    public var replicates: Int
    /// The seed of the random streams.
    public var seed: UInt64
    /// Whether the blocks run concurrently (the result is the same either way).
    public var runsInParallel: Bool

    public init(
        replicates: Int = DerSimonianLairdBootstrap.defaultReplicates, seed: UInt64 = Xoshiro256.defaultSeed,
        runsInParallel: Bool = true
    ) {
        self.replicates = replicates
        self.seed = seed
        self.runsInParallel = runsInParallel
    }

    /// The bootstrap replicates of one comparison.
    public struct Sample: Sendable, Hashable {
        /// μ_k, k = 1…K.
        public var referenceValues: [Double]
        /// The number of results n (included or not).
        public var resultCount: Int
        /// D_jk for result j (comparison order) at `differences[j·K + k]`, recentred at
        /// D_j = x_j − μ̂_DL; empty unless differences were recorded.
        public var differences: [Double]

        /// The K differences D_j· of the result at `index`.
        public func differences(ofResult index: Int) -> ArraySlice<Double> {
            let k = referenceValues.count
            return differences[(index * k)..<((index + 1) * k)]
        }
    }

    /// Runs the bootstrap on the included results of a comparison.
    ///
    /// - Parameter recordingDifferences: whether to keep the D_jk of every result (for the MRA
    ///   degrees of equivalence); μ_k do not depend on it.
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than two
    ///   included results, ``KeyComparisonError/correlationsNotSupported(method:)``,
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` for K < 2 or more replicates than
    ///   fit in ``MonteCarloMethod/maximumStoredValues``.
    public func sample(_ comparison: Comparison, recordingDifferences: Bool = true) throws(KeyComparisonError)
        -> Sample
    {
        try checkReplicates(resultCount: comparison.results.count)
        let model = try RandomEffectsModel.requiringTwoResults(comparison)
        let tau2 = try DerSimonianLaird().tauSquared(model)
        let workload = Workload(
            comparison: comparison, model: model, tauSquared: tau2, replicates: replicates, seed: seed,
            recording: recordingDifferences)
        let k = replicates
        let n = comparison.results.count
        var mu = [Double](repeating: 0, count: k)
        var d = [Double](repeating: 0, count: recordingDifferences ? n * k : 0)
        let blocks = (k + Self.blockSize - 1) / Self.blockSize
        let parallel = runsInParallel && blocks > 1
        mu.withUnsafeMutableBufferPointer { muBuffer in
            d.withUnsafeMutableBufferPointer { dBuffer in
                nonisolated(unsafe) let muOut = muBuffer
                nonisolated(unsafe) let dOut = dBuffer
                if parallel {
                    DispatchQueue.concurrentPerform(iterations: blocks) { b in
                        workload.run(block: b, referenceValues: muOut, differences: dOut)
                    }
                } else {
                    for b in 0..<blocks { workload.run(block: b, referenceValues: muOut, differences: dOut) }
                }
            }
        }
        if recordingDifferences {
            // NICOB: centre each column at zero, then shift it to D_j = x_j − μ̂.
            for j in 0..<n {
                let column = d[(j * k)..<((j + 1) * k)]
                let shift = (comparison.results[j].value - workload.referenceValue) - ReplicateStatistics.mean(column)
                for index in (j * k)..<((j + 1) * k) { d[index] += shift }
            }
        }
        return Sample(referenceValues: mu, resultCount: n, differences: d)
    }

    /// Checks K: at least 2, and K·(n + 1) replicated values (the μ_k and a column per result)
    /// within ``MonteCarloMethod/maximumStoredValues``, so that a huge `--trials` is an error,
    /// not an integer overflow or an exhausted memory.
    func checkReplicates(resultCount n: Int) throws(KeyComparisonError) {
        guard replicates >= 2 else {
            throw .invalidSetting(.trials, value: "\(replicates)", reason: "the bootstrap needs at least 2 replicates")
        }
        guard MonteCarloMethod.fitsInMemory(trials: replicates, quantities: n + 1) else {
            throw .invalidSetting(
                .trials, value: "\(replicates)",
                reason:
                    "\(replicates) replicates of \(n + 1) quantities exceed the \(MonteCarloMethod.maximumStoredValues) values kept in memory"
            )
        }
    }

    /// Everything one block needs, immutable and shared by the threads.
    private struct Workload: Sendable {
        let referenceValue: Double  // μ̂_DL
        let tauSquared: Double  // τ̂²_DL
        let gamma: CochranQGammaApproximation
        let includedIndices: [Int]
        let includedVariances: [Double]
        let includedDegreesOfFreedom: [Double?]
        let excludedIndices: [Int]
        let excludedDifferences: [Double]  // x_j − μ̂
        let excludedStandardDeviations: [Double]  // √(u_j² + τ̂²)
        let replicates: Int
        let seed: UInt64
        let recording: Bool

        init(
            comparison: Comparison, model: RandomEffectsModel, tauSquared: Double, replicates: Int, seed: UInt64,
            recording: Bool
        ) {
            let mu = model.mean(tauSquared: tauSquared)
            referenceValue = mu
            self.tauSquared = tauSquared
            gamma = CochranQGammaApproximation(model)
            includedIndices = comparison.includedIndices
            includedVariances = includedIndices.map { comparison.results[$0].variance }
            includedDegreesOfFreedom = includedIndices.map { comparison.results[$0].degreesOfFreedom }
            excludedIndices = comparison.results.indices.filter { !comparison.results[$0].includedInReferenceValue }
            excludedDifferences = excludedIndices.map { comparison.results[$0].value - mu }
            excludedStandardDeviations = excludedIndices.map {
                (comparison.results[$0].variance + tauSquared).squareRoot()
            }
            self.replicates = replicates
            self.seed = seed
            self.recording = recording
        }

        func run(
            block: Int, referenceValues: UnsafeMutableBufferPointer<Double>,
            differences: UnsafeMutableBufferPointer<Double>
        ) {
            let start = block * DerSimonianLairdBootstrap.blockSize
            let end = Swift.min(start + DerSimonianLairdBootstrap.blockSize, replicates)
            let m = includedIndices.count
            var random = Xoshiro256(seed: seed, stream: UInt64(block))
            var normal = PolarNormalSampler()
            var delta = [Double](repeating: 0, count: m)
            var variance = [Double](repeating: 0, count: m)
            for k in start..<end {
                let tau2 = gamma.sample(using: &random)
                for i in 0..<m {
                    delta[i] = (tau2 + includedVariances[i]).squareRoot() * normal.next(&random)
                }
                for i in 0..<m {
                    if let nu = includedDegreesOfFreedom[i], nu.isFinite {
                        variance[i] = includedVariances[i] * nu / random.nextChiSquared(degreesOfFreedom: nu)
                    } else {
                        variance[i] = includedVariances[i]
                    }
                }
                let offset = DerSimonianLairdBootstrap.derSimonianLairdMean(delta, variance)
                referenceValues[k] = referenceValue + offset
                if recording {
                    for i in 0..<m { differences[includedIndices[i] * replicates + k] = delta[i] - offset }
                }
            }
            guard recording, !excludedIndices.isEmpty else { return }
            var excludedRandom = Xoshiro256(seed: seed, stream: (1 << 40) | UInt64(block))
            var excludedNormal = PolarNormalSampler()
            for k in start..<end {
                let shift = referenceValues[k] - referenceValue
                for (e, j) in excludedIndices.enumerated() {
                    let draw = excludedStandardDeviations[e] * excludedNormal.next(&excludedRandom)
                    differences[j * replicates + k] = excludedDifferences[e] + draw - shift
                }
            }
        }
    }

    /// The DerSimonian–Laird estimate for values x (here offsets from a centre) and variances v:
    /// the weighted mean with w = 1/(v + τ̂²_DL). Allocation-free; n ≥ 2.
    @inline(__always)
    static func derSimonianLairdMean(_ x: [Double], _ v: [Double]) -> Double {
        let n = x.count
        var s1 = 0.0
        var s2 = 0.0
        var swx = 0.0
        for i in 0..<n {
            let w = 1 / v[i]
            s1 += w
            s2 += w * w
            swx += w * x[i]
        }
        let fixed = swx / s1
        var q = 0.0
        for i in 0..<n {
            let r = x[i] - fixed
            q += r * r / v[i]
        }
        let tau2 = Swift.max(0, (q - Double(n - 1)) / (s1 - s2 / s1))
        var sw = 0.0
        var swxRandom = 0.0
        for i in 0..<n {
            let w = 1 / (v[i] + tau2)
            sw += w
            swxRandom += w * x[i]
        }
        return swxRandom / sw
    }
}

/// Standard normal variates by Marsaglia's polar method, using both variates of each accepted pair.
struct PolarNormalSampler {
    private var spare = 0.0
    private var hasSpare = false

    @inline(__always)
    mutating func next(_ random: inout Xoshiro256) -> Double {
        if hasSpare {
            hasSpare = false
            return spare
        }
        while true {
            let u = 2 * random.nextUniform() - 1
            let v = 2 * random.nextUniform() - 1
            let s = u * u + v * v
            if s < 1 && s > 0 {
                let factor = (-2 * log(s) / s).squareRoot()
                spare = v * factor
                hasSpare = true
                return u * factor
            }
        }
    }
}
