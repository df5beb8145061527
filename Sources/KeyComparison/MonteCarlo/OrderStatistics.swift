/// Order statistics by selection (Hoare's FIND, Comm. ACM 4 (1961) 321), without a full sort.
///
/// The Monte Carlo estimators need, per trial, the median of a handful of simulated results,
/// and, per output quantity, a few order statistics of 10⁵–10⁶ simulated values (JCGM 101 §7.7).
/// Selection does both in expected linear time: quickselect with a median-of-three pivot,
/// insertion sort below 16 elements, and a fall-back to sorting if the partitioning degenerates
/// (introselect, Musser 1997), so the worst case stays O(n log n).
///
/// Simulated values are single precision (`Float`): they are deviations from the estimate, of
/// the size of the uncertainties, so 24 bits (relative 6·10⁻⁸) are far below the Monte Carlo
/// noise, and one concrete type keeps the inner loops free of generic dispatch.
enum OrderStatistics {
    /// Rearranges `buffer[range]` so that `buffer[k]` holds the value a full sort of the range
    /// would put there, with no larger value before it and no smaller value after it.
    ///
    /// - Precondition: `range` lies within the buffer and contains `k`; no element is NaN.
    /// - Complexity: O(n) expected, O(n log n) worst case, for n = `range.count`.
    static func select(_ k: Int, in buffer: UnsafeMutableBufferPointer<Float>, range: Range<Int>) {
        precondition(  // allowed: k is an order-statistic index computed from the buffer's own size
            range.contains(k), "OrderStatistics.select: k outside the range")
        var lo = range.lowerBound
        var hi = range.upperBound - 1
        var budget = 2 * (Int.bitWidth - range.count.leadingZeroBitCount) + 4
        while hi - lo > 16 {
            if budget == 0 {
                sort(buffer, range: lo..<(hi + 1))
                return
            }
            budget -= 1
            let mid = lo + (hi - lo) / 2
            if buffer[mid] < buffer[lo] { buffer.swapAt(mid, lo) }
            if buffer[hi] < buffer[lo] { buffer.swapAt(hi, lo) }
            if buffer[hi] < buffer[mid] { buffer.swapAt(hi, mid) }
            let pivot = buffer[mid]
            var i = lo
            var j = hi
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // buffer[lo...j] ≤ pivot, buffer[i...hi] ≥ pivot, and everything strictly between is the pivot.
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return
            }
        }
        insertionSort(buffer, lo, hi)
    }

    /// The median of the few simulated results of one trial (the mean of the two middle values
    /// for an even count), found by selection in double precision; the buffer is rearranged.
    ///
    /// The same quickselect as ``select(_:in:range:)``, on `Double`: the draws of a trial keep
    /// full precision, so a laboratory's simulated difference to a median it is itself is exactly 0.
    ///
    /// - Precondition: the buffer is not empty and holds no NaN.
    static func median(_ buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        let m = buffer.count
        precondition(  // allowed: a trial holds the draws of the included results, at least one (validated)
            m > 0, "OrderStatistics.median of an empty buffer")
        let k = m / 2
        var lo = 0
        var hi = m - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if buffer[mid] < buffer[lo] { buffer.swapAt(mid, lo) }
            if buffer[hi] < buffer[lo] { buffer.swapAt(hi, lo) }
            if buffer[hi] < buffer[mid] { buffer.swapAt(hi, mid) }
            let pivot = buffer[mid]
            var i = lo
            var j = hi
            // Indices stay within lo…hi (the pivot and the median-of-three sentinels stop the
            // scans), so wrapping arithmetic only drops the overflow checks from the hot loop.
            while i <= j {
                while buffer[i] < pivot { i &+= 1 }
                while pivot < buffer[j] { j &-= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i &+= 1
                    j &-= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                break
            }
        }
        guard m % 2 == 0 else { return buffer[k] }
        // After selection every value before k is ≤ buffer[k]: the lower middle value is their maximum.
        var lower = buffer[0]
        for i in 1..<k where buffer[i] > lower { lower = buffer[i] }
        return (lower + buffer[k]) / 2
    }

    /// The t smallest and the t largest values of a large sample, each sorted ascending, in one
    /// pass and without rearranging the sample; nil when the shortcut does not apply (then use
    /// ``select(_:in:range:)``).
    ///
    /// Thresholds L and H come from a sorted systematic subsample of about 2¹⁵ values, placed
    /// beyond the t/M and 1 − t/M quantiles by four binomial standard errors (the sample is in
    /// trial order, so the subsample is as random as the draws). One pass collects every value
    /// ≤ L and ≥ H; when there are at least t of each they contain the tails exactly (the t-th
    /// smallest value is then ≤ L), otherwise nil is returned. Floyd & Rivest (Comm. ACM 18
    /// (1975) 165) use the same idea for selection.
    ///
    /// - Complexity: O(M + t log t), against about 2M comparisons for two selections.
    static func tails(_ sample: UnsafeMutableBufferPointer<Float>, count t: Int) -> (low: [Float], high: [Float])? {
        let m = sample.count
        guard m >= 65_536, t >= 1, 2 * t < m else { return nil }
        let step = m / 32_768
        var probe = [Float]()
        probe.reserveCapacity(m / step + 1)
        for i in stride(from: 0, to: m, by: step) { probe.append(sample[i]) }
        probe.sort()
        let s = probe.count
        let fraction = Double(t) / Double(m)
        let margin = 4 * (fraction * (1 - fraction) / Double(s)).squareRoot() + 2 / Double(s)
        let index = Swift.min(s / 2, Int(((fraction + margin) * Double(s)).rounded(.up)))
        let lowThreshold = probe[index]
        let highThreshold = probe[s - 1 - index]
        guard lowThreshold < highThreshold else { return nil }
        var low = [Float]()
        var high = [Float]()
        let expected = Int((fraction + 2 * margin) * Double(m)) + 16
        low.reserveCapacity(expected)
        high.reserveCapacity(expected)
        for i in 0..<m {
            let value = sample[i]
            if value <= lowThreshold {
                low.append(value)
            } else if value >= highThreshold {
                high.append(value)
            }
        }
        guard low.count >= t, high.count >= t else { return nil }
        radixSort(&low)
        radixSort(&high)
        return (Array(low[0..<t]), Array(high[(high.count - t)...]))
    }

    /// Sorts ascending by a least-significant-digit radix sort on the IEEE 754 bits (three
    /// passes of 11 bits; the bits of negative values are inverted, of positive ones the sign is
    /// set, so that unsigned order is numeric order). No NaN may be present.
    ///
    /// - Complexity: O(n), against O(n log n) comparisons (a third of the Procedure B time went
    ///   to sorting the interval tails before).
    static func radixSort(_ values: inout [Float]) {
        let n = values.count
        guard n > 1_024 else {
            values.sort()
            return
        }
        var keys = values.map { value -> UInt32 in
            let bits = value.bitPattern
            return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        }
        var scratch = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2_049)
        for shift: UInt32 in [0, 11, 22] {
            for i in counts.indices { counts[i] = 0 }
            for key in keys { counts[Int((key >> shift) & 0x7FF) + 1] += 1 }
            for digit in 1..<counts.count { counts[digit] += counts[digit - 1] }
            for key in keys {
                let digit = Int((key >> shift) & 0x7FF)
                scratch[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&keys, &scratch)
        }
        for i in 0..<n {
            let key = keys[i]
            values[i] = Float(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)
        }
    }

    /// Sorts `buffer[range]` in place.
    static func sort(_ buffer: UnsafeMutableBufferPointer<Float>, range: Range<Int>) {
        var part = UnsafeMutableBufferPointer(rebasing: buffer[range])
        part.sort()
    }

    private static func insertionSort(_ buffer: UnsafeMutableBufferPointer<Float>, _ lo: Int, _ hi: Int) {
        guard hi > lo else { return }
        for i in (lo + 1)...hi {
            let value = buffer[i]
            var j = i - 1
            while j >= lo && value < buffer[j] {
                buffer[j + 1] = buffer[j]
                j -= 1
            }
            buffer[j + 1] = value
        }
    }
}
