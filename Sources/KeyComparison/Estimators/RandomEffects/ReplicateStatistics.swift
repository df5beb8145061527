import Dispatch
import Uncertainty

/// Summaries of a Monte Carlo or bootstrap sample: mean, standard deviation, quantiles (R's
/// default, type 7) and the half-length of the shortest interval symmetric about a given value.
///
/// Order statistics are found by selection (Uncertainty's quickselect with a median-of-three pivot
/// and a sorting fall-back) on a scratch buffer, O(K) on average instead of the O(K log K) of a sort.
enum ReplicateStatistics {
    /// The arithmetic mean.
    static func mean(_ x: some Collection<Double>) -> Double {
        x.reduce(0, +) / Double(x.count)
    }

    /// The sample standard deviation (divisor K − 1; 0 for a single value), by two passes.
    static func standardDeviation(_ x: some Collection<Double>) -> Double {
        guard x.count > 1 else { return 0 }
        let m = mean(x)
        let ss = x.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (ss / Double(x.count - 1)).squareRoot()
    }

    /// Type-7 quantiles for several probabilities, on one scratch copy.
    static func quantiles(_ x: some Collection<Double>, _ probabilities: [Double]) -> [Double] {
        var scratch = Array(x)
        return scratch.withUnsafeMutableBufferPointer { buffer in
            probabilities.map { quantile(inPlace: buffer, $0) }
        }
    }

    /// The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7,
    /// R's default): h = (K − 1)p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based order
    /// statistics. Reorders `x`.
    static func quantile(inPlace x: UnsafeMutableBufferPointer<Double>, _ p: Double) -> Double {
        let n = x.count
        guard n > 1 else { return n == 1 ? x[0] : 0 }
        let h = Double(n - 1) * Swift.min(Swift.max(p, 0), 1)
        let lo = Swift.min(Int(h), n - 1)
        let fraction = h - Double(lo)
        let low = select(x, lo)
        guard fraction > 0, lo + 1 < n else { return low }
        var high = x[lo + 1]
        for i in (lo + 2)..<n where x[i] < high { high = x[i] }
        return low + fraction * (high - low)
    }

    /// The half-length U of the shortest interval [c − U, c + U] that contains at least a fraction
    /// p of the sample: the ⌈pK⌉-th smallest |x_k − c| (NICOB's `symmetricalBootstrapCI`, solved
    /// exactly instead of by bisection).
    static func symmetricHalfWidth(_ x: some Collection<Double>, about centre: Double, coverage p: Double) -> Double {
        var deviations = x.map { abs($0 - centre) }
        return deviations.withUnsafeMutableBufferPointer { select($0, rank(coverage: p, count: $0.count)) }
    }

    /// The 0-based rank ⌈pK⌉ − 1, robust to p·K being an integer up to rounding.
    static func rank(coverage p: Double, count k: Int) -> Int {
        let target = p * Double(k)
        var rank = Int(target.rounded(.up))
        if Double(rank - 1) >= target - 1e-9 { rank -= 1 }
        return Swift.min(Swift.max(rank, 1), Swift.max(k, 1)) - 1
    }

    /// The k-th smallest element (0-based); afterwards x[..<k] ≤ x[k] ≤ x[(k+1)...].
    static func select(_ x: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        precondition(  // allowed: internal; ranks come from rank(coverage:count:) of K ≥ 2 replicates
            k >= 0 && k < x.count, "ReplicateStatistics.select: rank out of range")
        Uncertainty.OrderStatistics.select(x, index: k, in: 0..<x.count)
        return x[k]
    }

    /// The summary of the replicates of a difference: sd, the symmetric half-width about `centre`
    /// and the (1 ∓ p)/2 quantiles.
    struct Summary: Sendable {
        var standardDeviation: Double
        var halfWidth: Double
        var interval: [Double]
    }

    /// Summaries of the differences of columns, column(first) − column(second) (or a single column
    /// when `second` is nil), for every requested pair, computed concurrently. `columns` holds
    /// column j at [j·K, (j + 1)·K). Deterministic: no random numbers, each pair has its own slot.
    ///
    /// - Complexity: O(K) per pair on average.
    static func summaries(
        columns: [Double], replicates k: Int, pairs: [(first: Int, second: Int?, centre: Double)], coverage p: Double,
        parallel: Bool
    ) -> [Summary] {
        let chunk = 8
        let chunks = (pairs.count + chunk - 1) / chunk
        var output = [Summary?](repeating: nil, count: pairs.count)
        let requests = pairs.map { Request(first: $0.first, second: $0.second, centre: $0.centre) }
        output.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let work: @Sendable (Int) -> Void = { c in
                var values = [Double](repeating: 0, count: k)
                var deviations = [Double](repeating: 0, count: k)
                for index in (c * chunk)..<Swift.min((c + 1) * chunk, requests.count) {
                    out[index] = summary(
                        columns: columns, replicates: k, request: requests[index], coverage: p, values: &values,
                        deviations: &deviations)
                }
            }
            if parallel && chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else {
                for c in 0..<chunks { work(c) }
            }
        }
        return output.map { $0 ?? Summary(standardDeviation: 0, halfWidth: 0, interval: [0, 0]) }
    }

    private struct Request: Sendable {
        var first: Int
        var second: Int?
        var centre: Double
    }

    private static func summary(
        columns: [Double], replicates k: Int, request: Request, coverage p: Double, values: inout [Double],
        deviations: inout [Double]
    ) -> Summary {
        columns.withUnsafeBufferPointer { all in
            values.withUnsafeMutableBufferPointer { b in
                deviations.withUnsafeMutableBufferPointer { d in
                    let first = request.first * k
                    var sum = 0.0
                    if let second = request.second.map({ $0 * k }) {
                        for r in 0..<k {
                            b[r] = all[first + r] - all[second + r]
                            sum += b[r]
                        }
                    } else {
                        for r in 0..<k {
                            b[r] = all[first + r]
                            sum += b[r]
                        }
                    }
                    let mean = sum / Double(k)
                    var ss = 0.0
                    for r in 0..<k {
                        let e = b[r] - mean
                        ss += e * e
                        d[r] = abs(b[r] - request.centre)
                    }
                    let halfWidth = select(d, rank(coverage: p, count: k))
                    let lower = quantile(inPlace: b, (1 - p) / 2)
                    let upper = quantile(inPlace: b, (1 + p) / 2)
                    return Summary(
                        standardDeviation: k > 1 ? (ss / Double(k - 1)).squareRoot() : 0, halfWidth: halfWidth,
                        interval: [lower, upper])
                }
            }
        }
    }
}
