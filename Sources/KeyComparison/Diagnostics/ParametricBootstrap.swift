import Dispatch
import LinearAlgebra
import Uncertainty

/// The simulation engine behind the bootstrapped diagnostics: replicates x* ~ N(0, V) drawn in
/// fixed blocks, each block from its own generator `Xoshiro256(seed:stream:)`, so that the result
/// depends on the seed only, never on how many threads run the blocks.
///
/// Block b always holds replicates b·blockSize ..< (b + 1)·blockSize and draws them from stream
/// `firstStream + b`; blocks run in parallel (`DispatchQueue.concurrentPerform`) and write disjoint
/// ranges of one output buffer. Each replicate is a vector of n normal deviates z transformed to
/// x* = L·z (L the Cholesky factor of V), or to x*_i = σ_i·z_i when V is diagonal.
struct ParametricBootstrap {
    /// Replicates per block: large enough to amortise the scheduling, small enough to balance
    /// two to eight cores.
    static let blockSize = 1024

    /// n, the length of a replicate.
    let order: Int
    /// L, column-major, when V has off-diagonal entries.
    private let lowerFactor: [Double]?
    /// σ_i = √V_ii.
    private let standardDeviations: [Double]

    /// A bootstrap drawing from N(0, V), V the covariance of `laboratories`.
    ///
    /// - Precondition: V is square (a ``Population`` builds it so).
    /// - Throws: ``KeyComparisonError/covarianceNotPositiveDefinite(laboratory:leadingMinor:)`` when
    ///   the block of V fails its Cholesky factorization (a validated ``Comparison``'s V passed it,
    ///   but rounding may still fail a block of a nearly singular one).
    init(covariance: Matrix, laboratories: [LaboratoryID]) throws(KeyComparisonError) {
        precondition(  // allowed: Population builds V square
            covariance.isSquare, "ParametricBootstrap: V must be square")
        order = covariance.rows
        standardDeviations = covariance.diagonalEntries.map { $0.squareRoot() }
        var correlated = false
        for j in 0..<order {
            for i in 0..<order where i != j && covariance[i, j] != 0 { correlated = true }
        }
        guard correlated else {
            lowerFactor = nil
            return
        }
        do {
            lowerFactor = try CholeskyFactorization(covariance, symmetryTolerance: nil).lowerFactor.elements
        } catch {
            throw .notPositiveDefinite(error, laboratories: laboratories)
        }
    }

    /// A bootstrap of n independent standard normal deviates.
    init(standardNormalOrder n: Int) {
        order = n
        standardDeviations = [Double](repeating: 1, count: n)
        lowerFactor = nil
    }

    /// Runs `trials` replicates and returns, for each of `statisticCount` statistics, its simulated
    /// values sorted in increasing order.
    ///
    /// - Parameters:
    ///   - statistic: computes the statistics of one replicate `x` into `output`, using `scratch`
    ///     (`scratchCount` doubles, private to the calling block) as it likes. Called concurrently
    ///     from several threads on different buffers.
    /// - Complexity: O(trials·(n² + cost of `statistic`)), spread over the available cores.
    func run(
        trials: Int, seed: UInt64, firstStream: UInt64 = 0, statisticCount: Int, scratchCount: Int,
        statistic:
            @escaping @Sendable (
                _ x: UnsafeBufferPointer<Double>, _ output: UnsafeMutableBufferPointer<Double>,
                _ scratch: UnsafeMutableBufferPointer<Double>
            ) -> Void
    ) -> [[Double]] {
        precondition(  // allowed: diagnose checks trials ≥ 100 first; the statistics count is the library's
            trials > 0 && statisticCount > 0, "ParametricBootstrap: nothing to simulate")
        let n = order
        let blocks = (trials + Self.blockSize - 1) / Self.blockSize
        var samples = [Double](repeating: 0, count: statisticCount * trials)
        samples.withUnsafeMutableBufferPointer { all in
            // Blocks write disjoint ranges, [s·trials + t] for t in the block's own range.
            nonisolated(unsafe) let base = all
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                var random = Xoshiro256(seed: seed, stream: firstStream + UInt64(block))
                let z = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
                let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
                let output = UnsafeMutableBufferPointer<Double>.allocate(capacity: statisticCount)
                let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: Swift.max(1, scratchCount))
                defer {
                    z.deallocate()
                    x.deallocate()
                    output.deallocate()
                    scratch.deallocate()
                }
                let first = block * Self.blockSize
                let last = Swift.min(first + Self.blockSize, trials)
                for t in first..<last {
                    for i in 0..<n { z[i] = random.nextStandardNormal() }
                    if let l = lowerFactor {
                        for i in 0..<n {
                            var sum = 0.0
                            for k in 0...i { sum += l[i + k * n] * z[k] }
                            x[i] = sum
                        }
                    } else {
                        for i in 0..<n { x[i] = standardDeviations[i] * z[i] }
                    }
                    statistic(UnsafeBufferPointer(x), output, scratch)
                    for s in 0..<statisticCount { base[s * trials + t] = output[s] }
                }
            }
        }
        return (0..<statisticCount).map { s in
            var column = Array(samples[(s * trials)..<((s + 1) * trials)])
            column.sort()
            return column
        }
    }

    /// The fraction of sorted simulated values strictly greater than `observed` (metRology's
    /// `sum(t > t0)/B`).
    static func upperTailFraction(_ sorted: [Double], exceeding observed: Double) -> Double {
        // First index with value > observed, by binary search.
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] > observed { high = middle } else { low = middle + 1 }
        }
        return Double(sorted.count - low) / Double(sorted.count)
    }

    /// The fraction of sorted simulated values less than or equal to `observed`.
    static func lowerTailFraction(_ sorted: [Double], atMost observed: Double) -> Double {
        1 - upperTailFraction(sorted, exceeding: observed)
    }

    /// The type-7 quantile of sorted simulated values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.withUnsafeBufferPointer { DistributionQuantiles.sampleQuantile(sorted: $0, p) }
    }
}
