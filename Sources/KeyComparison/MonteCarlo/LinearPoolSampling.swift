import Uncertainty

/// The sampling part of the linear pool (``LinearPool``): K draws z_k from the mixture, and for
/// every laboratory the simulated D_jk − D_j = e_jk − (z_k − μ).
///
/// Values are centred on the pool mean μ (c_j = x_j − μ) and samples kept in single precision,
/// as in ``ProcedureBSimulation``. The pool draws come from stream 0 of the seed, laboratory j's
/// errors from stream j + 1, in simulation order.
struct LinearPoolSampling: Sendable {
    /// c_j = x_j − μ in simulation order.
    var centredValues: [Double]
    /// Each component's error distribution, in simulation order.
    var samplers: [ResultSampler]
    /// Normalised mixture weights (0 for excluded results), in simulation order.
    var weights: [Double]

    /// The summaries of one run.
    struct Outcome: Sendable {
        /// The pool draws z_k − μ.
        var pool: SampleSummary
        /// D_jk − D_j for every laboratory, in simulation order, with the half-width about zero.
        var differences: [SampleSummary]
    }

    func run(trials: Int, seed: UInt64, coverageProbability p: Double, runsInParallel: Bool) -> Outcome {
        let n = centredValues.count
        var cumulative = [Double](repeating: 0, count: n)
        var total = 0.0
        for j in 0..<n {
            total += weights[j]
            cumulative[j] = total
        }
        var pool = [Float](repeating: 0, count: trials)
        var random = Xoshiro256(seed: seed, stream: 0)
        for k in 0..<trials {
            let j = component(for: random.nextUniform() * total, cumulative: cumulative)
            pool[k] = Float(centredValues[j] + samplers[j].error(standardNormal: random.nextStandardNormal(), &random))
        }
        let drawn = pool
        var summaries = [SampleSummary?](repeating: nil, count: n)
        summaries.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer)
            ParallelBlocks(trials: 1, runsInParallel: runsInParallel).forEach(n) { j in
                var random = Xoshiro256(seed: seed, stream: UInt64(j + 1))
                var deviations = [Float](repeating: 0, count: trials)
                for k in 0..<trials {
                    let error = samplers[j].error(standardNormal: random.nextStandardNormal(), &random)
                    deviations[k] = Float(error - Double(drawn[k]))
                }
                out[j] = deviations.withUnsafeMutableBufferPointer {
                    SampleSummary($0, coverageProbability: p, halfWidthAboutZero: true)
                }
            }
        }
        let poolSummary = pool.withUnsafeMutableBufferPointer { SampleSummary($0, coverageProbability: p) }
        return Outcome(pool: poolSummary, differences: summaries.compactMap { $0 })
    }

    /// F(y) = Σ w_j G_j(y − c_j), the distribution function of the centred mixture.
    func cumulativeProbability(_ y: Double) -> Double {
        var total = 0.0
        for j in weights.indices where weights[j] > 0 {
            total += weights[j] * samplers[j].cumulativeProbability(ofError: y - centredValues[j])
        }
        return total
    }

    /// The p-quantile of the centred mixture, F⁻¹(p), by bisection to the resolution of a double
    /// (F is continuous and increasing, so the root is unique): exact where a sample would add
    /// Monte Carlo noise.
    func quantile(_ p: Double) -> Double {
        var lower = Double.infinity
        var upper = -Double.infinity
        for j in weights.indices where weights[j] > 0 {
            lower = Swift.min(lower, centredValues[j] - samplers[j].scale)
            upper = Swift.max(upper, centredValues[j] + samplers[j].scale)
        }
        // Widen the bracket until it holds p (doubling steps: at most ~1000 before overflow).
        var step = upper - lower
        while cumulativeProbability(lower) > p && lower.isFinite {
            lower -= step
            step *= 2
        }
        step = upper - lower
        while cumulativeProbability(upper) < p && upper.isFinite {
            upper += step
            step *= 2
        }
        for _ in 0..<2_000 {
            let middle = lower + (upper - lower) / 2
            guard middle > lower, middle < upper else { break }
            if cumulativeProbability(middle) < p { lower = middle } else { upper = middle }
        }
        return lower + (upper - lower) / 2
    }

    /// The first component j with cumulative weight above `target` (binary search); components
    /// of weight zero are never chosen.
    private func component(for target: Double, cumulative: [Double]) -> Int {
        var lo = 0
        // The last component of positive weight: a target rounded up to the total lands there.
        var hi = cumulative.count - 1
        while hi > 0 && cumulative[hi - 1] == cumulative[hi] { hi -= 1 }
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
