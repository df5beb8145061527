/// The order statistics of a Monte Carlo sample that JCGM 101:2008 7.5 and 7.7 need, without
/// sorting the whole sample.
///
/// The coverage intervals of 7.7 use y₍r₎ for r ≤ M − q and y₍r+q₎ for r > 0: only the L = M − q
/// smallest and the L largest values, in order (L = (1 − p)M, 5 % of the sample at p = 0.95).
/// They are found in one pass: thresholds are read off a sorted systematic subsample of 8192
/// values, chosen a safe margin (five binomial standard deviations) beyond the L-th order
/// statistic, the values beyond them are collected, and the two small collections sorted. When a
/// collection turns out shorter than L (a rare, unlucky subsample, or heavy ties at a threshold),
/// two selections (Hoare's quickselect) on a copy do the same job. Either way the order
/// statistics are exactly those of a full sort.
///
/// ``select(_:index:in:)`` is shared within the package (the bootstrap summaries of
/// `KeyComparison` use it on their replicates).
package enum OrderStatistics {
    /// The (q, r) of JCGM 101 7.7.1/7.7.2 a for M values and probability p, 1-based.
    static func indices(count m: Int, coverageProbability p: Double) throws(UncertaintyError) -> (q: Int, r: Int) {
        guard p > 0, p < 1, p.isFinite else { throw .invalidCoverageProbability(p) }
        let exact = p * Double(m)
        let q = exact == exact.rounded(.down) ? Int(exact) : Int((exact + 0.5).rounded(.down))
        guard m - q >= 1, q >= 1 else {
            throw .tooFewTrials(needed: Int((1 / (1 - p)).rounded(.up)) + 1, found: m)
        }
        let r = (m - q) % 2 == 0 ? (m - q) / 2 : (m - q + 1) / 2
        return (q, r)
    }

    /// The probabilistically symmetric and the shortest coverage intervals of `values` (finite).
    static func coverageIntervals(_ values: UnsafeBufferPointer<Double>, coverageProbability p: Double)
        throws(UncertaintyError) -> (symmetric: CoverageInterval, shortest: CoverageInterval)
    {
        let m = values.count
        let (q, r) = try indices(count: m, coverageProbability: p)
        let tailCount = m - q
        let (lower, upper) = tails(values, count: tailCount)
        // lower[i] = y₍i+1₎ and upper[i] = y₍q+1+i₎, i = 0 ..< M − q.
        let symmetric = CoverageInterval(lower: lower[r - 1], upper: upper[r - 1])
        var best = 0
        var bestWidth = upper[0] - lower[0]
        for start in 1..<tailCount {
            let width = upper[start] - lower[start]
            if width < bestWidth {
                bestWidth = width
                best = start
            }
        }
        return (symmetric, CoverageInterval(lower: lower[best], upper: upper[best]))
    }

    /// The `count` smallest values in increasing order, and the `count` largest in increasing order.
    static func tails(_ values: UnsafeBufferPointer<Double>, count: Int) -> (lower: [Double], upper: [Double]) {
        let m = values.count
        let subsampleSize = 8192
        if m >= 8 * subsampleSize, count * 4 < m {
            let step = m / subsampleSize
            var subsample = (0..<subsampleSize).map { values[$0 * step] }
            subsample.sort()
            let expected = Double(subsampleSize) * Double(count) / Double(m)
            let margin = Int((expected + 5 * expected.squareRoot()).rounded(.up)) + 1
            if margin < subsampleSize / 2 {
                let low = subsample[margin]
                let high = subsample[subsampleSize - 1 - margin]
                var lower = [Double]()
                var upper = [Double]()
                let capacity = Int(Double(m) * Double(margin + 1) / Double(subsampleSize) * 1.25)
                lower.reserveCapacity(capacity)
                upper.reserveCapacity(capacity)
                for x in values {
                    if x < low {
                        lower.append(x)
                    } else if x > high {
                        upper.append(x)
                    }
                }
                if lower.count >= count, upper.count >= count {
                    lower.sort()
                    upper.sort()
                    return (Array(lower.prefix(count)), Array(upper.suffix(count)))
                }
            }
        }
        var copy = Array(values)
        return copy.withUnsafeMutableBufferPointer { all in
            if 2 * count >= m {
                sort(all, 0..<m)
            } else {
                select(all, index: count, in: 0..<m)
                select(all, index: m - count, in: count..<m)
                sort(all, 0..<count)
                sort(all, (m - count)..<m)
            }
            return (Array(all[0..<count]), Array(all[(m - count)..<m]))
        }
    }

    /// Sorts `values[range]` in place.
    package static func sort(_ values: UnsafeMutableBufferPointer<Double>, _ range: Range<Int>) {
        var part = UnsafeMutableBufferPointer(rebasing: values[range])
        part.sort()
    }

    /// The value of rank `rank` (1-based) among `values`, which are reordered.
    static func value(ofRank rank: Int, in values: UnsafeMutableBufferPointer<Double>) -> Double {
        select(values, index: rank - 1, in: 0..<values.count)
        return values[rank - 1]
    }

    /// Reorders `values[range]` so that the element at `index` is the one a sort would put there,
    /// with no larger element before it and no smaller one after it (Hoare's FIND with a
    /// median-of-three pivot; after 2·log₂ n rounds without convergence it sorts the remaining
    /// range, which bounds the worst case at O(n log n)).
    package static func select(_ values: UnsafeMutableBufferPointer<Double>, index rank: Int, in range: Range<Int>) {
        guard range.contains(rank) else { return }
        var low = range.lowerBound
        var high = range.upperBound - 1
        var budget = 2 * (Int.bitWidth - range.count.leadingZeroBitCount) + 8
        while high > low {
            if high - low < 24 || budget == 0 {
                sort(values, low..<(high + 1))
                return
            }
            budget -= 1
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[low...j] ≤ pivot ≤ values[i...high], and everything between equals the pivot.
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                return
            }
        }
    }
}
