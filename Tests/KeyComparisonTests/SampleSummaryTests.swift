import Numerics
import Testing
import Uncertainty

@testable import KeyComparison

/// The Monte Carlo summaries (JCGM 101 7.7) against the definitions applied to a fully sorted
/// copy: both paths (one-pass tails from thresholds, and selection) must give the same order
/// statistics exactly, also with a point mass (a laboratory that is the median in many trials).
@Suite("Monte Carlo sample summaries")
struct SampleSummaryTests {
    /// JCGM 101 7.7 on a sorted copy: q = ⌊pM + ½⌋, r = ⌊(M − q + 1)/2⌋, [y_(r), y_(r+q)], and the
    /// shortest [y_(s), y_(s+q)].
    static func reference(_ values: [Float], p: Double) -> (symmetric: [Double], shortest: [Double]) {
        let y = values.sorted().map(Double.init)
        let m = y.count
        let q = Int((p * Double(m) + 0.5).rounded(.down))
        let r = (m - q + 1) / 2
        var best = 1
        for s in 1...(m - q) where y[s + q - 1] - y[s - 1] < y[best + q - 1] - y[best - 1] { best = s }
        return ([y[r - 1], y[r + q - 1]], [y[best - 1], y[best + q - 1]])
    }

    @Test(arguments: [100_003, 2_000])
    func bothPathsMatchTheDefinition(trials: Int) {
        var random = Xoshiro256(seed: 42)
        // A skewed sample with a point mass at 0 (a quarter of the values), as for BAM in CCQM-K88.
        let values: [Float] = (0..<trials).map { _ in
            let z = random.nextStandardNormal()
            return random.nextUniform() < 0.25 ? 0 : Float(z < 0 ? 0.5 * z : 2 * z)
        }
        for p in [0.95, 0.99, 0.5] {
            var copy = values
            let summary = copy.withUnsafeMutableBufferPointer { SampleSummary($0, coverageProbability: p) }
            let expected = Self.reference(values, p: p)
            #expect(summary.symmetricInterval == expected.symmetric, "p = \(p), M = \(trials)")
            #expect(
                summary.shortestInterval[1] - summary.shortestInterval[0] == expected.shortest[1] - expected.shortest[0]
            )
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(trials)
            #expect(summary.mean.isApproximatelyEqual(to: mean, relativeTolerance: 1e-12))
        }
    }

    @Test func tailsAreNilWhenTheShortcutCannotApply() {
        var small: [Float] = Array(repeating: 1, count: 1_000)
        #expect(small.withUnsafeMutableBufferPointer { OrderStatistics.tails($0, count: 25) } == nil)
        // A constant sample: the thresholds coincide, the shortcut declines, selection is used.
        var constant: [Float] = Array(repeating: 3, count: 100_000)
        #expect(constant.withUnsafeMutableBufferPointer { OrderStatistics.tails($0, count: 2_500) } == nil)
        let summary = constant.withUnsafeMutableBufferPointer { SampleSummary($0, coverageProbability: 0.95) }
        #expect(summary.symmetricInterval == [3, 3] && summary.standardDeviation == 0)
    }

    @Test func radixSortOrdersLikeTheStandardSort() {
        var random = Xoshiro256(seed: 5)
        var values: [Float] = (0..<5_000).map { _ in Float(random.nextStandardNormal() * 1e3) }
        values += [
            0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.infinity, 1, 1,
        ]
        var sorted = values
        OrderStatistics.radixSort(&sorted)
        #expect(sorted == values.sorted())
    }

    @Test func medianOfATrialIsExact() {
        var values: [Double] = [5, 1, 4, 2, 3]
        #expect(values.withUnsafeMutableBufferPointer { OrderStatistics.median($0) } == 3)
        var even: [Double] = [0.1, 0.7, 0.3, 0.2]
        #expect(even.withUnsafeMutableBufferPointer { OrderStatistics.median($0) } == (0.2 + 0.3) / 2)
        var random = Xoshiro256(seed: 9)
        for n in 1...41 {
            let draws = (0..<n).map { _ in random.nextStandardNormal() }
            let sorted = draws.sorted()
            let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            var copy = draws
            #expect(copy.withUnsafeMutableBufferPointer { OrderStatistics.median($0) } == expected, "n = \(n)")
        }
    }
}
