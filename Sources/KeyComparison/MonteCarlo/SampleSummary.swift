/// The summary of a Monte Carlo sample of one output quantity: mean, standard deviation and
/// 95 % coverage intervals, as JCGM 101:2008 §7.6–7.7 defines them.
///
/// With the M values sorted, y_(1) ≤ … ≤ y_(M), and q = pM (pM + ½ rounded down when pM is not
/// an integer):
/// - the probabilistically symmetric interval is [y_(r), y_(r+q)] with r = (M − q)/2 (rounded
///   up when M − q is odd; JCGM 101 7.7.2);
/// - the shortest interval is the [y_(r*), y_(r*+q)] of least length, r* in 1…M − q (JCGM 101 7.7.3);
/// - optionally the half-width h of the shortest interval symmetric about zero, the q-th
///   smallest |y| (NICOB's `symmetricalBootstrapCI`, used for degrees of equivalence about D_j).
///
/// Only the 2(M − q) values of the two tails need sorting: they are gathered in one pass with
/// thresholds read from a subsample, or moved into place by selection (``OrderStatistics``), so
/// the cost is O(M) plus O((M − q) log(M − q)).
struct SampleSummary: Sendable, Hashable {
    /// The arithmetic mean of the sample.
    var mean: Double
    /// The sample standard deviation (divisor M − 1).
    var standardDeviation: Double
    /// The probabilistically symmetric coverage interval.
    var symmetricInterval: [Double]
    /// The shortest coverage interval.
    var shortestInterval: [Double]
    /// The q-th smallest |y|, when requested.
    var halfWidthAboutZero: Double?

    /// The number of values a coverage interval must hold, q (JCGM 101 7.7.1).
    static func coveredCount(trials m: Int, coverageProbability p: Double) -> Int {
        Int((p * Double(m) + 0.5).rounded(.down))
    }

    /// The least number of trials for which both tails of a p-interval are non-empty (M − q ≥ 1).
    static func minimumTrials(coverageProbability p: Double) -> Int {
        var m = 2
        while m - coveredCount(trials: m, coverageProbability: p) < 1 { m += 1 }
        return m
    }

    /// Summarises the sample; the buffer is rearranged (and overwritten with |y| when
    /// `halfWidthAboutZero` is requested).
    ///
    /// - Precondition: at least ``minimumTrials(coverageProbability:)`` finite values.
    /// - Complexity: O(M + (M − q) log(M − q)).
    init(_ sample: UnsafeMutableBufferPointer<Float>, coverageProbability p: Double, halfWidthAboutZero: Bool = false) {
        let m = sample.count
        let q = Self.coveredCount(trials: m, coverageProbability: p)
        let tail = m - q
        precondition(  // allowed: callers check --trials with MonteCarloLimits.validate first
            m >= 2 && tail >= 1 && q >= 1, "SampleSummary: too few trials for the coverage probability")

        var sum = 0.0
        for value in sample { sum += Double(value) }
        let mean = sum / Double(m)
        var squares = 0.0
        for value in sample {
            let deviation = Double(value) - mean
            squares += deviation * deviation
        }
        self.mean = mean
        self.standardDeviation = (squares / Double(m - 1)).squareRoot()

        let r = (tail + 1) / 2
        if 2 * tail < m, let (low, high) = OrderStatistics.tails(sample, count: tail) {
            // low = y_(1…t), high = y_(q+1…M): y_(r) = low[r − 1], y_(r+q) = high[r − 1].
            symmetricInterval = [Double(low[r - 1]), Double(high[r - 1])]
            var best = 0
            for s in 1..<tail where Double(high[s]) - Double(low[s]) < Double(high[best]) - Double(low[best]) {
                best = s
            }
            shortestInterval = [Double(low[best]), Double(high[best])]
        } else {
            if 2 * tail >= m {
                OrderStatistics.sort(sample, range: 0..<m)
            } else {
                OrderStatistics.select(tail, in: sample, range: 0..<m)
                OrderStatistics.select(q, in: sample, range: tail..<m)
                OrderStatistics.sort(sample, range: 0..<tail)
                OrderStatistics.sort(sample, range: q..<m)
            }
            symmetricInterval = [Double(sample[r - 1]), Double(sample[r + q - 1])]
            var best = 0
            for s in 1..<tail
            where Double(sample[s + q]) - Double(sample[s]) < Double(sample[best + q]) - Double(sample[best]) {
                best = s
            }
            shortestInterval = [Double(sample[best]), Double(sample[best + q])]
        }

        if halfWidthAboutZero {
            for i in 0..<m { sample[i] = abs(sample[i]) }
            OrderStatistics.select(q - 1, in: sample, range: 0..<m)
            self.halfWidthAboutZero = Double(sample[q - 1])
        } else {
            self.halfWidthAboutZero = nil
        }
    }

    /// True when every figure is a finite number.
    var isFinite: Bool {
        mean.isFinite && standardDeviation.isFinite && (symmetricInterval + shortestInterval).allSatisfy(\.isFinite)
            && (halfWidthAboutZero?.isFinite ?? true)
    }
}
