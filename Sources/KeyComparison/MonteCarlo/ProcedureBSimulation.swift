import Uncertainty

/// The Monte Carlo core of Cox 2002 Procedure B (``Median``): M trials of the median of the
/// included results and of every difference d_i = x_i − median.
///
/// Values are centred on the median y of the data (c_i = x_i − y), so a trial computes
/// y^(r) − y = med{c_i + e_i} and d_i^(r) − d_i = e_i − (y^(r) − y) without cancellation, whatever
/// the magnitude of the values. Draws and the median of each trial are computed in double
/// precision; the results are stored as `Float` deviations: their magnitude is that of the
/// uncertainties, so single precision (relative 6·10⁻⁸) is far below the Monte Carlo noise and
/// halves the memory.
struct ProcedureBSimulation: Sendable {
    /// c_i = x_i − y in simulation order.
    var centredValues: [Double]
    /// The distribution of each result's error, in simulation order.
    var samplers: [ResultSampler]
    /// Positions (in simulation order) of the results included in the median.
    var included: [Int]
    /// The lower Cholesky factor of the correlation matrix (column-major n × n), or nil.
    var correlationFactor: [Double]?

    /// The summaries of one run.
    struct Outcome: Sendable {
        /// The simulated y^(r) − y.
        var referenceValue: SampleSummary
        /// The simulated d_i^(r) − d_i, in simulation order.
        var differences: [SampleSummary]
    }

    /// Runs the trials in `blocks` (block b draws from stream b of the seed) and summarises them.
    func run(blocks: ParallelBlocks, seed: UInt64, coverageProbability p: Double) -> Outcome {
        let n = centredValues.count
        let m = included.count
        let trials = blocks.trials
        // Every slot is written by exactly one trial before anything reads it, so the arrays are
        // created uninitialized (no 4·(n + 1)·M-byte memset before the simulation writes them).
        var medians: [Float] = []
        var deviations = [Float](unsafeUninitializedCapacity: n * trials) { deviationBuffer, deviationCount in
            medians = [Float](unsafeUninitializedCapacity: trials) { medianBuffer, medianCount in
                let medianOut = DisjointWrites(medianBuffer)
                let deviationOut = DisjointWrites(deviationBuffer)
                blocks.forEachBlock { block, range in
                    var random = Xoshiro256(seed: seed, stream: UInt64(block))
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n + m) { scratch in
                        let normals = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
                        let errors = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
                        let draws = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n)..<(2 * n + m)])
                        for trial in range {
                            drawErrors(into: errors, normals: normals, &random)
                            for (slot, i) in included.enumerated() { draws[slot] = centredValues[i] + errors[i] }
                            let median = OrderStatistics.median(draws)
                            medianOut[trial] = Float(median)
                            for i in 0..<n {
                                // (c_i + e_i) − median − c_i, exactly 0 for the result that is the median.
                                deviationOut[i * trials + trial] = Float(
                                    (centredValues[i] + errors[i]) - median - centredValues[i])
                            }
                        }
                    }
                }
                medianCount = trials
            }
            deviationCount = n * trials
        }
        let reference = medians.withUnsafeMutableBufferPointer {
            SampleSummary($0, coverageProbability: p)
        }
        var summaries = [SampleSummary?](repeating: nil, count: n)
        summaries.withUnsafeMutableBufferPointer { summaryBuffer in
            deviations.withUnsafeMutableBufferPointer { deviationBuffer in
                let out = DisjointWrites(summaryBuffer)
                let rows = DisjointWrites(deviationBuffer)
                blocks.forEach(n) { i in
                    out[i] = SampleSummary(rows.slice((i * trials)..<((i + 1) * trials)), coverageProbability: p)
                }
            }
        }
        return Outcome(referenceValue: reference, differences: summaries.compactMap { $0 })
    }

    /// One draw of every result's error e_i, correlated through the factor when there is one.
    @inline(__always)
    private func drawErrors(
        into errors: UnsafeMutableBufferPointer<Double>, normals: UnsafeMutableBufferPointer<Double>,
        _ random: inout Xoshiro256
    ) {
        let n = errors.count
        random.fillStandardNormal(normals)
        if let factor = correlationFactor {
            // z ← L·z (L lower triangular), from the bottom so each entry is read before it is replaced.
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = 0.0
                for j in 0...i { sum += factor[i + j * n] * normals[j] }
                normals[i] = sum
            }
        }
        for i in 0..<n { errors[i] = samplers[i].error(standardNormal: normals[i], &random) }
    }
}
