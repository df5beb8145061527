import Foundation
import LinearAlgebra
import Numerics
import Testing
import Uncertainty

/// Specifications of the inputs: typed errors for bad ones, and the dependence of correlated
/// inputs (multivariate Gaussian, JCGM 101 6.4.8; Gaussian copula otherwise).
@Suite("Joint distribution of the inputs")
struct JointDistributionTests {
    static let identity2 = MeasurementFunction(inputCount: 2, outputCount: 2) { x, y, count in
        for t in 0..<count {
            y[0][t] = x[0][t]
            y[1][t] = x[1][t]
        }
    }

    @Test func rectangularWithLowerAboveUpperNamesTheQuantity() {
        #expect(throws: UncertaintyError.self) {
            try JointDistribution([("rho_a", .rectangular(lower: 1.3, upper: 1.1))])
        }
        do {
            _ = try JointDistribution([
                ("m", .gaussian(mean: 1, standardDeviation: 0.1)), ("rho_a", .rectangular(lower: 1.3, upper: 1.1)),
            ])
            Issue.record("no error")
        } catch {
            guard case .invalidDistribution(let quantity, let parameter, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(quantity == "rho_a")
            #expect(parameter == "lower")
            #expect(error.description.contains("rho_a"))
        }
    }

    @Test func negativeScaleAndShapeAreRefused() {
        #expect(
            throws: UncertaintyError.invalidDistribution(
                quantity: "g", parameter: "shape", reason: "must be positive, found -1.0")
        ) {
            try JointDistribution([("g", .gamma(shape: -1, scale: 1))])
        }
        #expect(throws: UncertaintyError.self) {
            try JointDistribution([("t", .studentT(location: 0, scale: 0, degreesOfFreedom: 3))])
        }
    }

    /// r₁₂ = r₁₃ = 0.9 with r₂₃ = −0.9 cannot hold together: the smallest eigenvalue is −0.8.
    @Test func nonPositiveSemidefiniteCorrelationNamesTheQuantities() throws {
        let r = try Matrix(rowArrays: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        let quantities: [(name: String, distribution: InputDistribution)] = ["a", "b", "c"].map {
            ($0, .gaussian(mean: 0, standardDeviation: 1))
        }
        do {
            _ = try JointDistribution(quantities, correlation: r)
            Issue.record("no error")
        } catch {
            guard case .correlationNotPositiveSemidefinite(let names, let eigenvalue) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(Set(names) == ["a", "b", "c"])
            #expect(eigenvalue.isApproximatelyEqual(to: -0.8, relativeTolerance: 1e-12))
        }
    }

    /// The same inconsistency stated as a covariance matrix (variances 4, 9, 1) for a multivariate
    /// Gaussian (JCGM 101 6.4.8): refused, naming the quantities of the offending direction.
    @Test func nonPositiveSemidefiniteCovarianceNamesTheQuantities() throws {
        let covariance = try Matrix(rowArrays: [
            [4, 0.9 * 6, 0.9 * 2], [0.9 * 6, 9, -0.9 * 3], [0.9 * 2, -0.9 * 3, 1],
        ])
        do {
            _ = try JointDistribution.multivariateGaussian(
                names: ["V", "I", "phi"], mean: [5, 20, 1], covariance: covariance)
            Issue.record("no error")
        } catch {
            guard case .correlationNotPositiveSemidefinite(let names, let eigenvalue) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(Set(names) == ["V", "I", "phi"])
            #expect(eigenvalue < 0)
            #expect(error.description.contains("phi"))
        }
    }

    @Test func invalidCoefficientsAreRefused() throws {
        let quantities: [(name: String, distribution: InputDistribution)] = [
            ("a", .rectangular(lower: 0, upper: 1)), ("b", .rectangular(lower: 0, upper: 1)),
        ]
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["b", "a"], coefficient: 1.2)) {
            try JointDistribution(quantities, correlation: try Matrix(rowArrays: [[1, 1.2], [1.2, 1]]))
        }
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["b", "a"], coefficient: 0.5)) {
            try JointDistribution(quantities, correlation: try Matrix(rowArrays: [[1, 0.4], [0.5, 1]]))
        }
        #expect(throws: UncertaintyError.correlationOrderMismatch(expected: 2, found: 3)) {
            try JointDistribution(quantities, correlation: .identity(order: 3))
        }
        // A zero variance with a non-zero covariance is not positive semi-definite.
        #expect(throws: UncertaintyError.self) {
            try JointDistribution.multivariateGaussian(
                names: ["a", "b"], mean: [0, 0], covariance: try Matrix(rowArrays: [[0, 0.1], [0.1, 1]]))
        }
    }

    /// Multivariate Gaussian (JCGM 101 6.4.8): the sample correlation of 2·10⁵ pairs has standard
    /// error (1 − r²)/√M ≈ 0.0004 at r = 0.7; 0.005 is over ten of them.
    @Test func multivariateGaussianHasTheStatedCorrelation() throws {
        let inputs = try JointDistribution.multivariateGaussian(
            names: ["a", "b"], mean: [1, -1], covariance: try Matrix(rowArrays: [[4, 0.7 * 2 * 3], [0.7 * 2 * 3, 9]]))
        let result = try MonteCarloMethod(seed: 3).propagate(Self.identity2, inputs: inputs, trials: 200_000)
        #expect(abs(result.correlation[0, 1] - 0.7) < 0.005)
        #expect(result.summaries[0].standardUncertainty.isApproximatelyEqual(to: 2, relativeTolerance: 0.01))
        #expect(result.summaries[1].standardUncertainty.isApproximatelyEqual(to: 3, relativeTolerance: 0.01))
    }

    /// A correlation of ±1 is positive semi-definite but has no Cholesky factor: the eigen square
    /// root (JCGM 101 6.4.8.4) makes the second input an exact linear function of the first.
    @Test(arguments: [1.0, -1.0])
    func perfectCorrelationUsesTheEigenSquareRoot(r: Double) throws {
        let inputs = try JointDistribution(
            [("a", .gaussian(mean: 0, standardDeviation: 1)), ("b", .gaussian(mean: 5, standardDeviation: 2))],
            correlation: try Matrix(rowArrays: [[1, r], [r, 1]]))
        let sample = try MonteCarloMethod(seed: 8).sample(Self.identity2, inputs: inputs, trials: 10_000)
        for t in 0..<sample.trials {
            // b = 5 + 2r·a up to rounding of the 2 × 2 eigenvectors (a few ulp of values ~ 5).
            #expect(abs(sample[output: 1][10_000 + t] - (5 + 2 * r * sample[output: 0][t])) < 1e-12)
        }
    }

    /// Gaussian copula between two R(0, 1) inputs with r = 0.5: the marginals stay rectangular
    /// (mean ½, s.d. 1/√12) and the Pearson correlation is (6/π)·arcsin(r/2) = 0.48253 (the
    /// Spearman correlation of the underlying Gaussian). Standard errors at M = 2·10⁵: 0.0006 on
    /// the mean, ~0.002 on the correlation; bounds of 0.003 and 0.01.
    @Test func gaussianCopulaKeepsTheMarginals() throws {
        let inputs = try JointDistribution(
            [("a", .rectangular(lower: 0, upper: 1)), ("b", .rectangular(lower: 0, upper: 1))],
            correlation: try Matrix(rowArrays: [[1, 0.5], [0.5, 1]]))
        let result = try MonteCarloMethod(seed: 21).propagate(Self.identity2, inputs: inputs, trials: 200_000)
        for summary in result.summaries {
            #expect(abs(summary.value - 0.5) < 0.003)
            #expect(
                summary.standardUncertainty.isApproximatelyEqual(to: 1 / 12.0.squareRoot(), relativeTolerance: 0.01))
            #expect(summary.symmetricInterval.lower.isApproximatelyEqual(to: 0.025, absoluteTolerance: 0.003))
            #expect(summary.symmetricInterval.upper.isApproximatelyEqual(to: 0.975, absoluteTolerance: 0.003))
        }
        #expect(abs(result.correlation[0, 1] - 6 / Double.pi * asin(0.25)) < 0.01)
    }
}
