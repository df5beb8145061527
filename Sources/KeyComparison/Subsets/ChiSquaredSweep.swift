/// For independent results, the subset of every size k with the smallest weighted-mean χ²,
/// found exactly in O(n³) by a sweep over the reference value.
///
/// For a subset S, χ²(S) = min_y Σ_{i∈S} w_i (x_i − y)² (the minimum is at the weighted mean).
/// Hence min_{|S|=k} χ²(S) = min_y g_k(y), where g_k(y) is the sum of the k smallest of the n
/// parabolas w_i (x_i − y)². Between two consecutive points where two parabolas cross
/// (√w_i |x_i − y| = √w_j |x_j − y|: at most two points per pair) the ranking of the parabolas is
/// fixed, so the k smallest form one candidate subset per interval and per k. If S* is optimal
/// with weighted mean y*, the k parabolas smallest at y* give g_k(y*) ≤ χ²(S*), so the prefix
/// set of the interval containing y* (or of an adjacent one, by continuity) is optimal too.
/// Evaluating every prefix of every interval's ranking therefore finds the exact minimum for
/// every k at once: n(n − 1) + 1 intervals × O(n) prefix sums, the ranking kept by an insertion
/// sort from the previous interval (consecutive rankings differ by one swap). This is the
/// "largest consistent subset having smallest chi-squared value" search of Cox 2007 without
/// enumerating 2ⁿ subsets.
///
/// Values are centred on their mean and the prefix sums use West's weighted update
/// (Comm. ACM 22 (1979) 532), so nothing cancels catastrophically.
enum ChiSquaredSweep {
    /// The best subset of one size.
    struct Candidate: Sendable, Hashable {
        /// χ² of the subset's weighted mean.
        var chiSquared: Double
        /// Σ w_i over the subset (1/u²(y)).
        var weightSum: Double
        /// Positions in the input arrays, ascending.
        var members: [Int]
    }

    /// The outcome of a sweep.
    struct Outcome: Sendable, Hashable {
        /// Element k − 1 is the best subset of size k (k = 1 has χ² = 0: the result of largest weight).
        var best: [Candidate]
        /// The number of rankings examined (each gives one candidate subset of every size).
        var rankings: Int
    }

    /// The smallest-χ² subset for every size.
    ///
    /// - Precondition: `values.count == weights.count`, at least one value, positive finite weights.
    /// - Complexity: O(n³) time (n² candidate rankings × n prefix sums), O(n²) memory.
    static func smallestChiSquared(values: [Double], weights: [Double]) -> Outcome {
        let n = values.count
        precondition(  // allowed: the caller passes the validated included results, at least one, one weight each
            n > 0 && weights.count == n, "ChiSquaredSweep: one weight per value")
        let centre = values.reduce(0, +) / Double(n)
        let x = values.map { $0 - centre }
        let root = weights.map { $0.squareRoot() }

        var crossings: [Double] = []
        crossings.reserveCapacity(n * (n - 1))
        for i in 0..<n {
            for j in (i + 1)..<Swift.max(i + 1, n) {
                let sum = (root[i] * x[i] + root[j] * x[j]) / (root[i] + root[j])
                if sum.isFinite { crossings.append(sum) }
                if root[i] != root[j] {
                    let difference = (root[i] * x[i] - root[j] * x[j]) / (root[i] - root[j])
                    if difference.isFinite { crossings.append(difference) }
                }
            }
        }
        crossings.sort()
        var points: [Double] = []
        if let first = crossings.first, let last = crossings.last {
            points.reserveCapacity(crossings.count + 1)
            points.append(first - Swift.max(1, abs(first)))
            for t in 1..<crossings.count where crossings[t] > crossings[t - 1] {
                points.append(crossings[t - 1] + (crossings[t] - crossings[t - 1]) / 2)
            }
            points.append(last + Swift.max(1, abs(last)))
        } else {
            points = [0]
        }

        var best = [Candidate?](repeating: nil, count: n)
        var order = Array(0..<n)
        var keys = [Double](repeating: 0, count: n)
        for y in points {
            for i in 0..<n { keys[i] = weights[i] * (x[i] - y) * (x[i] - y) }
            // Insertion sort of the previous ranking: almost sorted already.
            for t in 1..<Swift.max(1, n) {
                let item = order[t]
                var s = t - 1
                while s >= 0 && (keys[order[s]] > keys[item] || (keys[order[s]] == keys[item] && order[s] > item)) {
                    order[s + 1] = order[s]
                    s -= 1
                }
                order[s + 1] = item
            }
            var weightSum = 0.0
            var mean = 0.0
            var chiSquared = 0.0
            for t in 0..<n {
                let i = order[t]
                let w = weights[i]
                let total = weightSum + w
                let delta = x[i] - mean
                mean += delta * w / total
                chiSquared += w * delta * (x[i] - mean)
                weightSum = total
                if isBetter(chiSquared: chiSquared, weightSum: weightSum, prefix: order[0...t], than: best[t]) {
                    best[t] = Candidate(chiSquared: chiSquared, weightSum: weightSum, members: order[0...t].sorted())
                }
            }
        }
        return Outcome(best: best.compactMap { $0 }, rankings: points.count)
    }

    /// Cox's rule: smaller χ²; within a relative 10⁻¹² (a tie in exact arithmetic), the larger
    /// Σw (smaller u(y)), then the lexicographically smaller set.
    private static func isBetter(
        chiSquared: Double, weightSum: Double, prefix: ArraySlice<Int>, than current: Candidate?
    ) -> Bool {
        guard let current else { return true }
        let tolerance = 1e-12 * Swift.max(chiSquared, current.chiSquared, 1e-300)
        if chiSquared < current.chiSquared - tolerance { return true }
        if chiSquared > current.chiSquared + tolerance { return false }
        let members = prefix.sorted()
        if members == current.members { return false }
        if weightSum != current.weightSum { return weightSum > current.weightSum }
        return members.lexicographicallyPrecedes(current.members)
    }
}
