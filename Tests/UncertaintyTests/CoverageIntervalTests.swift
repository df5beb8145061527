import Foundation
import Testing
import Uncertainty

/// Coverage intervals from a sample (JCGM 101 7.7): the indices of 7.7.1/7.7.2 on small samples
/// worked by hand, and the selection-based computation against a plain full sort.
@Suite("Coverage intervals from a sample")
struct CoverageIntervalTests {
    /// M = 1000, p = 0.95: q = 950, r = (M − q)/2 = 25 → [y₍25₎, y₍975₎]; every window of 950
    /// values of 1…1000 has the same width, so the shortest is the first, [y₍1₎, y₍951₎].
    @Test func indicesForAnIntegerPM() throws {
        var random = Xoshiro256(seed: 1)
        let sample = (1...1000).map(Double.init).shuffled(using: &random)
        #expect(
            try CoverageInterval.probabilisticallySymmetric(of: sample, coverageProbability: 0.95)
                == .init(lower: 25, upper: 975))
        #expect(try CoverageInterval.shortest(of: sample, coverageProbability: 0.95) == .init(lower: 1, upper: 951))
    }

    /// M = 999, p = 0.95: pM = 949.05 → q = 949, (M − q)/2 = 25 → [y₍25₎, y₍974₎].
    /// M = 1000, p = 0.951: q = 951, M − q = 49 is odd → r = ⌊(49 + 1)/2⌋ = 25 → [y₍25₎, y₍976₎].
    @Test func indicesWhenPMOrTheTailIsNotAnInteger() throws {
        let odd = (1...999).map(Double.init).reversed()
        #expect(
            try CoverageInterval.probabilisticallySymmetric(of: Array(odd), coverageProbability: 0.95)
                == .init(lower: 25, upper: 974))
        let even = (1...1000).map(Double.init)
        #expect(
            try CoverageInterval.probabilisticallySymmetric(of: even, coverageProbability: 0.951)
                == .init(lower: 25, upper: 976))
    }

    /// For a right-skewed sample (y = i², i = 1…1000) the shortest interval starts at the minimum.
    @Test func shortestIntervalOfASkewedSample() throws {
        let sample = (1...1000).map { Double($0 * $0) }.reversed()
        #expect(
            try CoverageInterval.shortest(of: Array(sample), coverageProbability: 0.95)
                == .init(lower: 1, upper: 951 * 951))
    }

    /// The tails found by thresholds from a subsample (samples of 65 536 values and more) or by
    /// selection (smaller ones, or when a threshold misleads) give exactly what a full sort gives:
    /// random samples of random sizes (with ties), coverage probabilities and shapes, and a few
    /// large adversarial ones (sorted, reversed, constant, the subsample all equal to the median).
    @Test func tailsAgreeWithAFullSort() throws {
        var random = Xoshiro256(seed: 2024)
        var samples: [([Double], Double)] = []
        for index in 0..<120 {
            let m = index < 100 ? 50 + Int(random.next() % 5000) : 65_536 + Int(random.next() % 200_000)
            let p = [0.5, 0.68, 0.9, 0.95, 0.99][Int(random.next() % 5)]
            let sample = (0..<m).map { _ in
                let z = random.nextStandardNormal()
                return random.next() % 4 == 0 ? (z * 4).rounded() : exp(z)
            }
            samples.append((sample, p))
        }
        let large = (0..<100_000).map { Double($0 % 1000) / 7 }
        samples += [
            (large.sorted(), 0.95), (large.sorted().reversed(), 0.99), ([Double](repeating: 3, count: 70_000), 0.95),
            ((0..<131_072).map { $0 % 16 == 0 ? 0.5 : Double($0 % 977) / 977 }, 0.95),
        ]
        for (sample, p) in samples {
            let m = sample.count
            guard m >= Int(1 / (1 - p)) + 2 else { continue }
            let sorted = sample.sorted()
            let exact = p * Double(m)
            let q = exact == exact.rounded(.down) ? Int(exact) : Int((exact + 0.5).rounded(.down))
            let r = (m - q) % 2 == 0 ? (m - q) / 2 : (m - q + 1) / 2
            var best = 1
            for start in 1...(m - q)
            where sorted[start + q - 1] - sorted[start - 1] < sorted[best + q - 1] - sorted[best - 1] {
                best = start
            }
            #expect(
                try CoverageInterval.probabilisticallySymmetric(of: sample, coverageProbability: p)
                    == .init(lower: sorted[r - 1], upper: sorted[r + q - 1]), "M = \(m), p = \(p)")
            #expect(
                try CoverageInterval.shortest(of: sample, coverageProbability: p)
                    == .init(lower: sorted[best - 1], upper: sorted[best + q - 1]), "M = \(m), p = \(p)")
        }
    }

    @Test func badSamplesAreTypedErrors() {
        #expect(throws: UncertaintyError.nonFiniteValue(quantity: "sample value 2")) {
            try CoverageInterval.shortest(of: [1, .nan, 3], coverageProbability: 0.5)
        }
        #expect(throws: UncertaintyError.invalidCoverageProbability(0)) {
            try CoverageInterval.shortest(of: [1, 2, 3], coverageProbability: 0)
        }
        #expect(throws: UncertaintyError.self) {
            try CoverageInterval.shortest(of: [1, 2, 3], coverageProbability: 0.95)
        }
    }

    @Test func encodesAsATwoElementArray() throws {
        let data = try JSONEncoder().encode(CoverageInterval(lower: -1.5, upper: 2))
        #expect(String(data: data, encoding: .utf8) == "[-1.5,2]")
        #expect(try JSONDecoder().decode(CoverageInterval.self, from: data) == CoverageInterval(lower: -1.5, upper: 2))
    }
}
