/// Summaries of a Monte Carlo or bootstrap sample: mean, standard deviation, quantiles (R's
/// default, type 7) and the half-length of the shortest interval symmetric about a given value.
///
/// Order statistics are found by selection (Hoare's quickselect with a median-of-three pivot) on a
/// scratch copy, O(K) on average instead of the O(K log K) of a sort.
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

    /// The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7,
    /// R's default): h = (K − 1)p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based order statistics.
    static func quantile(_ x: some Collection<Double>, _ p: Double) -> Double {
        var scratch = Array(x)
        return quantile(inPlace: &scratch, p)
    }

    /// Type-7 quantiles for several probabilities, reusing one scratch copy.
    static func quantiles(_ x: some Collection<Double>, _ probabilities: [Double]) -> [Double] {
        var scratch = Array(x)
        return probabilities.map { quantile(inPlace: &scratch, $0) }
    }

    /// The type-7 quantile; reorders `x`.
    static func quantile(inPlace x: inout [Double], _ p: Double) -> Double {
        let n = x.count
        guard n > 1 else { return x.first ?? 0 }
        let h = Double(n - 1) * Swift.min(Swift.max(p, 0), 1)
        let lo = Swift.min(Int(h), n - 1)
        let fraction = h - Double(lo)
        let low = select(&x, lo)
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
        let k = deviations.count
        guard k > 0 else { return 0 }
        let target = p * Double(k)
        var rank = Int(target.rounded(.up))
        if Double(rank - 1) >= target - 1e-9 { rank -= 1 }
        rank = Swift.min(Swift.max(rank, 1), k)
        return select(&deviations, rank - 1)
    }

    /// The k-th smallest element (0-based); afterwards x[..<k] ≤ x[k] ≤ x[(k+1)...].
    static func select(_ x: inout [Double], _ k: Int) -> Double {
        precondition(k >= 0 && k < x.count, "ReplicateStatistics.select: rank out of range")
        var low = 0
        var high = x.count - 1
        while high > low {
            // Median of three as pivot, moved to `low`.
            let middle = low + (high - low) / 2
            if x[middle] < x[low] { x.swapAt(middle, low) }
            if x[high] < x[low] { x.swapAt(high, low) }
            if x[high] < x[middle] { x.swapAt(high, middle) }
            let pivot = x[middle]
            // Hoare partition.
            var i = low
            var j = high
            while i <= j {
                while x[i] < pivot { i += 1 }
                while x[j] > pivot { j -= 1 }
                if i <= j {
                    x.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return x[k]
            }
        }
        return x[k]
    }
}
