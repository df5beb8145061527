/// The order statistics of a Monte Carlo sample that JCGM 101:2008 7.5 and 7.7 need, without
/// sorting the whole sample.
///
/// The coverage intervals of 7.7 use y₍r₎ for r ≤ M − q and y₍r+q₎ for r + q > q: only the
/// (1 − p)M smallest and the (1 − p)M largest values, in order. Two selections (Hoare's
/// quickselect) put those tails at the two ends of the buffer; sorting the tails alone then gives
/// exactly the order statistics a full sort would, at a fraction of the cost (at p = 0.95, 10 %
/// of the sample is sorted).
enum OrderStatistics {
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

    /// The probabilistically symmetric and the shortest coverage intervals of the values in
    /// `values`, which are reordered.
    static func coverageIntervals(_ values: UnsafeMutableBufferPointer<Double>, coverageProbability p: Double)
        throws(UncertaintyError) -> (symmetric: CoverageInterval, shortest: CoverageInterval)
    {
        let m = values.count
        let (q, r) = try indices(count: m, coverageProbability: p)
        let lowerCount = m - q
        if lowerCount >= q {
            sort(values, 0..<m)
        } else {
            select(values, index: lowerCount, in: 0..<m)
            select(values, index: q, in: lowerCount..<m)
            sort(values, 0..<lowerCount)
            sort(values, q..<m)
        }
        // 0-based: y₍i₎ is values[i − 1].
        let symmetric = CoverageInterval(lower: values[r - 1], upper: values[r + q - 1])
        var best = 0
        var bestWidth = values[q] - values[0]
        for start in 1..<lowerCount {
            let width = values[start + q] - values[start]
            if width < bestWidth {
                bestWidth = width
                best = start
            }
        }
        return (symmetric, CoverageInterval(lower: values[best], upper: values[best + q]))
    }

    /// Sorts `values[range]` in place.
    static func sort(_ values: UnsafeMutableBufferPointer<Double>, _ range: Range<Int>) {
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
    static func select(_ values: UnsafeMutableBufferPointer<Double>, index rank: Int, in range: Range<Int>) {
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
