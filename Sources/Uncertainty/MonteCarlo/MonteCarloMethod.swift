/// The Monte Carlo method for the propagation of distributions (JCGM 101:2008 §7; several
/// measurands, JCGM 102:2011 §7), with a fixed number of trials or adaptively (7.9).
///
/// The M trials are cut into fixed blocks of ``blockSize`` draws. Block b always draws from
/// `Xoshiro256(seed: seed, stream: b)` and is always generated whole, so trial t has the same
/// inputs and output in every run with the same seed, whatever M and whatever the number of
/// threads: the blocks are spread over all cores (Dispatch `concurrentPerform`), and the results
/// are bit-for-bit those of a run on one thread. A run with M trials is the first M trials of a
/// run with more.
///
/// For each block the inputs are drawn from their ``JointDistribution`` (JCGM 101 §6.4) and the
/// ``VectorizedModel`` is evaluated on the whole block (7.4). Trials where the model is undefined
/// (NaN or infinite) are counted and dropped (``MonteCarloResult/undefinedTrials``). From the
/// M defined values the estimate y, its standard uncertainty u(y) (7.6), and the
/// probabilistically symmetric and shortest coverage intervals (7.7) are computed; for several
/// measurands also their covariance matrix (JCGM 102 7.6) and hyper-ellipsoidal coverage region
/// (JCGM 102 7.7.2).
///
///     // JCGM 101 9.3: mass calibration, 10⁶ trials
///     let model = MeasurementFunction(inputCount: 5) { x in
///         (x[0] + x[1]) * (1 + (x[2] - 1.2) * (1 / x[3] - 1 / x[4])) - 100_000
///     }
///     let inputs = try JointDistribution([
///         ("m_Rc", .gaussian(mean: 100_000, standardDeviation: 0.050)),
///         ("dm_Rc", .gaussian(mean: 1.234, standardDeviation: 0.020)),
///         ("rho_a", .rectangular(lower: 1.10, upper: 1.30)),
///         ("rho_W", .rectangular(lower: 7_000, upper: 9_000)),
///         ("rho_R", .rectangular(lower: 7_950, upper: 8_050)),
///     ])
///     let result = try MonteCarloMethod().propagate(model, inputs: inputs, measurands: ["dm"], trials: 1_000_000)
///     result["dm"]?.standardUncertainty     // ≈ 0.0754 mg; shortest 95 % interval ≈ [1.0844, 1.3837] mg
///
/// - Complexity: O(M·(N + cost of f)) to draw and evaluate, spread over the cores; O(M) on
///   average for the intervals (selection, then sorting the two tails of (1 − p)M values).
public struct MonteCarloMethod: Sendable, Hashable {
    /// p, the coverage probability of the intervals (and of the region).
    public var coverageProbability: Double
    /// The seed of the random generator (``Xoshiro256/defaultSeed`` unless given).
    public var seed: UInt64
    /// The number of trials per block: a block is the unit of work and of random streams. The
    /// results depend on it (it decides which stream each trial draws from), so keep the default
    /// when runs are to be compared.
    public var blockSize: Int
    /// The number of threads; nil uses every processor. Results do not depend on it.
    public var threadCount: Int?

    /// The default block: 8192 trials (64 KiB per input), small enough to stay in cache.
    public static let defaultBlockSize = 8192

    /// The most simulated values a run keeps in memory, trials × measurands: 2²⁸ (2 GiB of
    /// doubles). A larger request is refused with a typed error rather than left to overflow an
    /// integer or exhaust memory; JCGM 101's 10⁶ trials, or the adaptive procedure's default limit
    /// of 5·10⁷, are far below it for a few measurands. The bootstraps of the key-comparison
    /// methods use the same limit.
    public static let maximumStoredValues = 1 << 28

    /// Checks that `trials` trials of `quantities` simulated quantities fit in
    /// ``maximumStoredValues``, without overflowing the product.
    ///
    /// - Returns: false when they do not (or when either count is negative).
    public static func fitsInMemory(trials: Int, quantities: Int) -> Bool {
        guard trials >= 0, quantities >= 0 else { return false }
        let (stored, overflow) = trials.multipliedReportingOverflow(by: Swift.max(quantities, 1))
        return !overflow && stored <= maximumStoredValues
    }

    /// A Monte Carlo method with these settings; a block size or thread count below 1 is taken as 1.
    public init(
        coverageProbability: Double = 0.95, seed: UInt64 = Xoshiro256.defaultSeed, blockSize: Int = defaultBlockSize,
        threadCount: Int? = nil
    ) {
        self.coverageProbability = coverageProbability
        self.seed = seed
        self.blockSize = max(1, blockSize)
        self.threadCount = threadCount.map { max(1, $0) }
    }

    /// Draws M trials and evaluates the model on them (JCGM 101 7.3, 7.4), returning the model
    /// values with the undefined trials left out.
    ///
    /// - Throws: ``UncertaintyError/inputCountMismatch(expected:found:)`` when the model does not
    ///   take as many inputs as `inputs` describes; ``UncertaintyError/tooFewTrials(needed:found:)``
    ///   for M < 1; ``UncertaintyError/tooManyTrials(requested:quantities:limit:)`` beyond
    ///   ``maximumStoredValues``.
    public func sample(_ model: some VectorizedModel, inputs: JointDistribution, trials: Int)
        throws(UncertaintyError) -> MonteCarloSample
    {
        guard model.inputCount == inputs.count else {
            throw .inputCountMismatch(expected: model.inputCount, found: inputs.count)
        }
        guard trials >= 1 else { throw .tooFewTrials(needed: 1, found: trials) }
        guard Self.fitsInMemory(trials: trials, quantities: model.outputCount) else {
            throw .tooManyTrials(requested: trials, quantities: model.outputCount, limit: Self.maximumStoredValues)
        }
        let raw = generate(model, inputs: inputs, trials: 0..<trials)
        return MonteCarloSample(raw: raw, outputCount: model.outputCount, count: trials)
    }

    /// Propagates the distributions of the inputs through the model with M trials (JCGM 101 §7,
    /// JCGM 102 §7).
    ///
    /// - Parameters:
    ///   - measurands: the names of the model's outputs (for the result and for error messages);
    ///     nil names them Y_1, Y_2, ….
    ///   - trials: M; JCGM 101 7.2.2 suggests 10⁶, and at least 10⁴/(1 − p) for stable intervals.
    /// - Throws: ``UncertaintyError/inputCountMismatch(expected:found:)``,
    ///   ``UncertaintyError/measurandCountMismatch(expected:found:)``,
    ///   ``UncertaintyError/invalidCoverageProbability(_:)``, ``UncertaintyError/tooFewTrials(needed:found:)``,
    ///   ``UncertaintyError/tooManyTrials(requested:quantities:limit:)``,
    ///   ``UncertaintyError/undefinedForAllTrials(measurand:trials:)``.
    public func propagate(
        _ model: some VectorizedModel, inputs: JointDistribution, measurands: [String]? = nil, trials: Int = 1_000_000
    ) throws(UncertaintyError) -> MonteCarloResult {
        let names = try measurandNames(measurands, model: model)
        _ = try OrderStatistics.indices(count: max(trials, 1), coverageProbability: coverageProbability)
        let sample = try self.sample(model, inputs: inputs, trials: trials)
        return try MonteCarloResult(
            summarizing: sample, measurands: names, coverageProbability: coverageProbability, seed: seed)
    }

    /// The names of the outputs, checked against the model.
    func measurandNames(_ names: [String]?, model: some VectorizedModel) throws(UncertaintyError) -> [String] {
        let m = model.outputCount
        guard let names else {
            guard m >= 1 else { throw .measurandCountMismatch(expected: 1, found: 0) }
            return (1...m).map { "Y_\($0)" }
        }
        guard names.count == m, m >= 1 else { throw .measurandCountMismatch(expected: m, found: names.count) }
        return names
    }

    /// The number of threads to use.
    var resolvedThreadCount: Int { threadCount ?? ParallelWork.processorCount }

    /// The raw model values of the trials in `range`, output after output (NaN kept).
    ///
    /// Every block that overlaps the range is generated whole from its own stream and the part
    /// inside the range copied out, so trial t's values never depend on the range or the threads.
    func generate(_ model: some VectorizedModel, inputs: JointDistribution, trials range: Range<Int>) -> [Double] {
        let m = model.outputCount
        let n = inputs.count
        let count = range.count
        guard count > 0, m > 0 else { return [] }
        let size = blockSize
        let firstBlock = range.lowerBound / size
        let blockCount = (range.upperBound + size - 1) / size - firstBlock
        let seed = self.seed
        return [Double](unsafeUninitializedCapacity: m * count) { buffer, initialized in
            let destination = SharedBuffer(base: buffer.baseAddress.unsafelyUnwrapped)
            ParallelWork.forEachWorker(count: blockCount, threads: resolvedThreadCount) { blocks in
                let inputScratch = UnsafeMutablePointer<Double>.allocate(capacity: max(n * size, 1))
                let outputScratch = UnsafeMutablePointer<Double>.allocate(capacity: m * size)
                defer {
                    inputScratch.deallocate()
                    outputScratch.deallocate()
                }
                let inputColumns = (0..<n).map {
                    UnsafeMutableBufferPointer(start: inputScratch + $0 * size, count: size)
                }
                let readOnlyColumns = inputColumns.map { UnsafeBufferPointer($0) }
                let outputColumns = (0..<m).map {
                    UnsafeMutableBufferPointer(start: outputScratch + $0 * size, count: size)
                }
                for offset in blocks {
                    let block = firstBlock + offset
                    var random = Xoshiro256(seed: seed, stream: UInt64(block))
                    inputs.fill(inputColumns, random: &random)
                    model.evaluate(inputs: readOnlyColumns, outputs: outputColumns, count: size)
                    let start = block * size
                    let low = max(start, range.lowerBound)
                    let high = min(start + size, range.upperBound)
                    for k in 0..<m {
                        (destination.base + k * count + (low - range.lowerBound))
                            .initialize(from: outputScratch + k * size + (low - start), count: high - low)
                    }
                }
            }
            initialized = m * count
        }
    }
}
