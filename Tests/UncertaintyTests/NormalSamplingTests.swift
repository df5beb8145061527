import Numerics
import Testing
import Uncertainty

/// The ziggurat normal sampler (JCGM 101 C.4 asks that a generator pass statistical tests; these
/// are the ones that catch a wrong ziggurat table or a broken tail).
@Suite("Ziggurat normal sampler")
struct NormalSamplingTests {
    static let draws: [Double] = {
        var random = Xoshiro256(seed: 4242)
        return (0..<1_000_000).map { _ in random.nextStandardNormal() }
    }()

    /// Moments of 10⁶ draws against N(0, 1): standard errors √(1/M) = 0.001 (mean),
    /// √(2/M) = 0.0014 (variance), √(6/M) = 0.0024 (skewness), √(24/M) = 0.0049 (excess
    /// kurtosis). Each bound is five standard errors.
    @Test func momentsOfAMillionDraws() {
        let n = Double(Self.draws.count)
        let mean = Self.draws.reduce(0, +) / n
        let m2 = Self.draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let m3 = Self.draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) * ($1 - mean) } / n
        let m4 = Self.draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) * ($1 - mean) * ($1 - mean) } / n
        #expect(abs(mean) < 5 * 0.001)
        #expect(abs(m2 - 1) < 5 * 0.0014)
        #expect(abs(m3 / (m2 * m2.squareRoot())) < 5 * 0.0024)
        #expect(abs(m4 / (m2 * m2) - 3) < 5 * 0.0049)
    }

    /// Two-sided tail frequencies Pr(|Z| > z) against 2(1 − Φ(z)) (SciPy `2*norm.sf(z)`), from
    /// the body to beyond the ziggurat's base strip (r = 3.6542, where the tail algorithm takes
    /// over). Each count must lie within five binomial standard deviations of its expectation.
    @Test(arguments: [
        (1.0, 0.31731050786291415), (2.0, 0.04550026389635839), (3.0, 0.0026997960632601866),
        (3.654152885361009, 0.00025803248765390077), (4.0, 6.334248366623973e-05),
        (4.5, 6.795346249460107e-06),
    ])
    func tailFrequencies(z: Double, probability: Double) {
        let n = Double(Self.draws.count)
        let count = Double(Self.draws.count { abs($0) > z })
        let expected = n * probability
        #expect(abs(count - expected) <= 5 * (n * probability * (1 - probability)).squareRoot())
    }

    /// Kolmogorov–Smirnov distance between the empirical distribution function of the first
    /// 2·10⁵ draws and Φ: below 1.95/√M, the 0.1 % critical value.
    @Test func kolmogorovSmirnovAgainstPhi() {
        let sorted = Self.draws.prefix(200_000).sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        for (i, x) in sorted.enumerated() {
            let f = NormalDistribution.standard.cumulativeProbability(x)
            distance = max(distance, abs(f - Double(i) / n), abs(f - Double(i + 1) / n))
        }
        #expect(distance < 1.95 / n.squareRoot())
    }

    /// Successive draws are uncorrelated: the lag-1 correlation has standard error 1/√M = 0.001.
    @Test func successiveDrawsAreUncorrelated() {
        let n = Self.draws.count
        var sum = 0.0
        for i in 1..<n { sum += Self.draws[i - 1] * Self.draws[i] }
        #expect(abs(sum / Double(n - 1)) < 5e-3)
    }
}
