import Foundation
import Numerics
import Testing
import Uncertainty

@testable import KeyComparison

/// Split-R̂ and the effective sample size (Gelman et al., BDA3 §11.4–11.5), and the sample
/// summaries behind the Monte Carlo degrees of equivalence.
@Suite("Markov chain diagnostics and sample statistics")
struct MarkovChainDiagnosticsTests {
    /// Two deterministic, autocorrelated chains; the expected values come from an independent numpy
    /// implementation of BDA3's formulas (split-R̂ 0.9968771831135185, ESS 90.42456600065015).
    /// Same arithmetic on the same inputs: 1e-12 relative.
    @Test func reproducesAnIndependentImplementation() {
        var a: [Double] = []
        var b: [Double] = []
        for k in 0..<200 {
            let t = Double(k)
            let slow = sin(0.37 * t) + 0.5 * sin(2.1 * t)
            a.append(slow)
            let shifted: Double = sin(0.37 * t + 1) + 0.5 * sin(2.1 * t + 0.5)
            b.append(shifted + 0.1)
        }
        let diagnostic = MarkovChainDiagnostics.ParameterDiagnostic(parameter: "x", chains: [a, b])
        #expect(
            diagnostic.potentialScaleReduction.isApproximatelyEqual(to: 0.9968771831135185, relativeTolerance: 1e-12))
        #expect(diagnostic.effectiveSampleSize.isApproximatelyEqual(to: 90.42456600065015, relativeTolerance: 1e-12))
    }

    /// Chains that sample different places: chain 1 alternates ±1, chain 2 is chain 1 + 2. The four
    /// halves have means 0, 0, 2, 2 and variances 100/99, so B = 100·4/3, W = 100/99 and
    /// R̂ = √((99/100·W + B/100)/W) = √(7/3·99/100) exactly.
    @Test func separatedChainsHaveALargeRHat() {
        let a = (0..<200).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        let b = a.map { $0 + 2 }
        let rHat = MarkovChainDiagnostics.ParameterDiagnostic.splitPotentialScaleReduction([a, b])
        #expect(rHat.isApproximatelyEqual(to: (7.0 / 3 * 0.99).squareRoot(), relativeTolerance: 1e-12))
        let diagnostics = MarkovChainDiagnostics(
            chains: 2, iterations: 200, burnIn: 0, thinning: 1, drawsPerChain: 200,
            parameters: [.init(parameter: "mu", chains: [a, b])], convergenceThreshold: 1.05)
        #expect(!diagnostics.converged)
        // Antithetic draws (±1 alternating, in opposite phases): ρ̂₁ = −1, so 1 + 2Σρ̂ = −1 and the
        // effective sample size is capped at mn·log₁₀(mn).
        let ess = MarkovChainDiagnostics.ParameterDiagnostic.effectiveSampleSize([a, a.map { -$0 }])
        #expect(ess.isApproximatelyEqual(to: 400 * log10(400.0), relativeTolerance: 1e-12))
    }

    /// Independent draws: R̂ close to 1 and an effective sample size close to the number of draws
    /// (statistical bounds: R̂ − 1 and ESS/N − 1 have standard deviations of about 1/N and √(2/N)·…;
    /// 0.01 and 20 % are far outside them for N = 4 × 5 000).
    @Test func independentDrawsHaveRHatNearOneAndFullSampleSize() {
        var random = Xoshiro256(seed: 5)
        let chains = (0..<4).map { _ in (0..<5_000).map { _ in random.nextStandardNormal() } }
        let diagnostic = MarkovChainDiagnostics.ParameterDiagnostic(parameter: "z", chains: chains)
        #expect(abs(diagnostic.potentialScaleReduction - 1) < 0.01)
        #expect(abs(diagnostic.effectiveSampleSize / 20_000 - 1) < 0.2)
        let constant = MarkovChainDiagnostics.ParameterDiagnostic(
            parameter: "c", chains: [[1, 1, 1, 1], [1, 1, 1, 1]])
        #expect(constant.potentialScaleReduction == 1)
    }

    @Test func diagnosticsEncodeWithTheEvaluation() throws {
        let diagnostics = MarkovChainDiagnostics(
            chains: 2, iterations: 10, burnIn: 2, thinning: 1, drawsPerChain: 8,
            parameters: [.init(parameter: "tau", potentialScaleReduction: 1.01, effectiveSampleSize: 15)],
            convergenceThreshold: 1.05)
        let data = try JSONEncoder().encode(EvaluationDetails(trials: 16, markovChain: diagnostics))
        let decoded = try JSONDecoder().decode(EvaluationDetails.self, from: data)
        #expect(decoded.markovChain == diagnostics)
        #expect(diagnostics.converged)
    }

    // MARK: - Sample statistics

    /// Quantiles by Hyndman & Fan's definition 7 (numpy's and R's default): numpy.quantile of
    /// [3, 1, 4, 1, 5, 9, 2, 6] at 0.1, 0.5, 0.975 gives 1.0, 3.5, 8.475.
    @Test func quantilesFollowDefinitionSeven() {
        let sorted = [3.0, 1, 4, 1, 5, 9, 2, 6].sorted()
        #expect(SampleStatistics.quantile(sorted: sorted, 0.1).isApproximatelyEqual(to: 1.0, relativeTolerance: 1e-15))
        #expect(SampleStatistics.quantile(sorted: sorted, 0.5) == 3.5)
        #expect(
            SampleStatistics.quantile(sorted: sorted, 0.975).isApproximatelyEqual(to: 8.475, relativeTolerance: 1e-14))
        #expect(SampleStatistics.quantile(sorted: sorted, 1) == 9)
        #expect(SampleStatistics.quantile(sorted: sorted, 0) == 1)
    }

    @Test func intervals() {
        let draws = (1...100).map(Double.init)
        #expect(SampleStatistics.shortestInterval(sorted: draws, coverage: 0.95) == [1, 95])
        // Skewed: the shortest interval sits where the draws are dense.
        let skewed = (0..<1000).map { pow(Double($0) / 1000, 3) }
        let shortest = SampleStatistics.shortestInterval(sorted: skewed, coverage: 0.5)
        #expect(shortest[0] == 0 && shortest[1] == skewed[499])
        // Centred half-width: |d − 0| sorted is 0, 1, 1, 2, 2, 3, 3; ⌈0.5·7⌉ = 4th is 2.
        #expect(SampleStatistics.centredHalfWidth([-3, -2, -1, 0, 1, 2, 3], centre: 0, coverage: 0.5) == 2)
        #expect(SampleStatistics.centredHalfWidth([5, 5, 5, 5], centre: 5, coverage: 0.95) == 0)
    }

    /// Selection agrees with sorting, ties included.
    @Test func selectionAgreesWithSorting() {
        var random = Xoshiro256(seed: 6)
        for count in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<count).map { _ in (random.nextUniform() * 10).rounded() }
            let sorted = values.sorted()
            for rank in Set([0, count / 3, count / 2, count - 1]) {
                var copy = values
                #expect(SampleStatistics.select(&copy, rank: rank) == sorted[rank])
            }
        }
    }

    /// Inverse Gaussian variates (Michael, Schucany & Haas 1976) have mean m and variance m³/s;
    /// Laplace variates with scale b have variance 2b². 200 000 draws: 5 standard errors.
    @Test func mixingVariatesHaveTheirMoments() {
        var random = Xoshiro256(seed: 7)
        let count = 200_000
        for (m, s) in [(1.0, 2.0), (0.3, 50.0), (20.0, 0.5)] {
            let draws = (0..<count).map { _ in random.nextInverseGaussian(mean: m, shape: s) }
            let mean = draws.reduce(0, +) / Double(count)
            let variance = m * m * m / s
            #expect(abs(mean - m) <= 5 * (variance / Double(count)).squareRoot(), "IG(\(m), \(s)) mean \(mean)")
            #expect(draws.allSatisfy { $0 > 0 && $0.isFinite })
        }
        let laplace = (0..<count).map { _ in random.nextLaplace(scale: 2) }
        let variance = laplace.reduce(0) { $0 + $1 * $1 } / Double(count)
        // Var of x² for Laplace(b): E x⁴ − (E x²)² = 24b⁴ − 4b⁴ = 20b⁴.
        #expect(abs(variance - 8) <= 5 * (20 * 16 / Double(count)).squareRoot())
    }
}
