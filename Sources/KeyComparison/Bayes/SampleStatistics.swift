/// Summaries of a sample of draws (posterior or Monte Carlo): mean, standard deviation,
/// quantiles, coverage intervals (JCGM 101:2008 §7.7) and the half-width of the interval centred
/// on an estimate.
enum SampleStatistics {
    /// The arithmetic mean.
    static func mean(_ draws: [Double]) -> Double {
        draws.reduce(0, +) / Double(draws.count)
    }

    /// The standard deviation with divisor N − 1 (0 for a single draw).
    static func standardDeviation(_ draws: [Double], mean: Double) -> Double {
        guard draws.count > 1 else { return 0 }
        return (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)).squareRoot()
    }

    /// The p-quantile of sorted draws, linear interpolation between order statistics
    /// (Hyndman & Fan, Am. Stat. 50 (1996) 361, definition 7, R's default).
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// The probabilistically symmetric coverage interval [q_{(1−p)/2}, q_{(1+p)/2}] (JCGM 101 §7.7.1).
    static func symmetricInterval(sorted: [Double], coverage p: Double) -> [Double] {
        [quantile(sorted: sorted, (1 - p) / 2), quantile(sorted: sorted, (1 + p) / 2)]
    }

    /// The shortest interval containing ⌈pN⌉ of the N sorted draws (JCGM 101 §7.7.2).
    ///
    /// - Complexity: O(N).
    static func shortestInterval(sorted: [Double], coverage p: Double) -> [Double] {
        let count = sorted.count
        let inside = Swift.min(count, Swift.max(1, Int((p * Double(count)).rounded(.up))))
        var best = 0
        var width = Double.infinity
        for start in 0...(count - inside) where sorted[start + inside - 1] - sorted[start] < width {
            width = sorted[start + inside - 1] - sorted[start]
            best = start
        }
        return [sorted[best], sorted[best + inside - 1]]
    }

    /// The half-width U of the shortest interval [c − U, c + U] centred on the estimate c that
    /// contains at least the fraction p of the draws: the ⌈pN⌉-th smallest |draw − c| (the
    /// "symmetric" interval of the NIST Consensus Builder's degrees of equivalence, Koepke et al.,
    /// Metrologia 54 (2017) S34, §A.5).
    ///
    /// - Complexity: O(N) expected (selection, not a full sort).
    static func centredHalfWidth(_ draws: [Double], centre c: Double, coverage p: Double) -> Double {
        var deviations = draws.map { abs($0 - c) }
        let rank = Swift.min(deviations.count, Swift.max(1, Int((p * Double(deviations.count)).rounded(.up)))) - 1
        return select(&deviations, rank: rank)
    }

    /// The element of rank k (0-based) of the values, by Hoare's selection with a median-of-three
    /// pivot and a three-way partition (so that ties cost nothing); reorders the array.
    static func select(_ values: inout [Double], rank k: Int) -> Double {
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            while low < high {
                let a = buffer[low]
                let b = buffer[low + (high - low) / 2]
                let c = buffer[high]
                let pivot = Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
                // buffer[low..<less] < pivot, buffer[less..<i] == pivot, buffer[greater + 1...high] > pivot.
                var less = low
                var i = low
                var greater = high
                while i <= greater {
                    let value = buffer[i]
                    if value < pivot {
                        buffer.swapAt(i, less)
                        less += 1
                        i += 1
                    } else if value > pivot {
                        buffer.swapAt(i, greater)
                        greater -= 1
                    } else {
                        i += 1
                    }
                }
                if k < less {
                    high = less - 1
                } else if k > greater {
                    low = greater + 1
                } else {
                    return pivot
                }
            }
            return buffer[k]
        }
    }
}
