import Foundation
import LinearAlgebra
import Numerics
import Testing
import Uncertainty

/// Several measurands from one model (JCGM 102): covariance, correlation, hyper-ellipsoidal
/// coverage region.
@Suite("Multivariate Monte Carlo (JCGM 102)")
struct MultivariateMonteCarloTests {
    /// √χ²_{m;0.95} from SciPy (`sqrt(chi2.ppf(0.95, m))`), to 1e-12 (the χ² quantile is good to
    /// ~1e-13, DistributionTests).
    @Test(arguments: [(1, 1.9599639845400538), (2, 2.447746830680816), (3, 2.7954834829151074)])
    func gaussianCoverageFactor(dimension: Int, expected: Double) {
        #expect(
            HyperEllipsoidalCoverageRegion.gaussianCoverageFactor(dimension: dimension, coverageProbability: 0.95)
                .isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
    }

    /// Y₁ = X₁ + X₂, Y₂ = X₁ − X₂ with X ~ N(0, I): Y is bivariate Gaussian with covariance 2I, so
    /// the Monte Carlo k_p (JCGM 102 7.7.2) must approach √χ²_{2;0.95} = 2.4477. The 95 %
    /// quantile of the Mahalanobis distance from 10⁶ trials has a relative standard error of
    /// about 0.1 %; 1 % is the bound. Covariance: 2 ± 1 %, correlation 0 ± 0.005 (s.e. 0.001).
    @Test func linearGaussianModelGivesTheChiSquaredEllipse() throws {
        let model = MeasurementFunction(inputCount: 2, outputCount: 2) { x, y, count in
            for t in 0..<count {
                y[0][t] = x[0][t] + x[1][t]
                y[1][t] = x[0][t] - x[1][t]
            }
        }
        let inputs = try JointDistribution([
            ("X_1", .gaussian(mean: 0, standardDeviation: 1)), ("X_2", .gaussian(mean: 0, standardDeviation: 1)),
        ])
        let result = try MonteCarloMethod(seed: 102).propagate(model, inputs: inputs, trials: 1_000_000)
        let region = try #require(result.coverageRegion)
        #expect(region.coverageFactor.isApproximatelyEqual(to: 2.447746830680816, relativeTolerance: 0.01))
        #expect(result.covariance[0, 0].isApproximatelyEqual(to: 2, relativeTolerance: 0.01))
        #expect(result.covariance[1, 1].isApproximatelyEqual(to: 2, relativeTolerance: 0.01))
        #expect(abs(result.correlation[0, 1]) < 0.005)
        #expect(region.contains([0, 0]))
        // A point on an axis at 0.99·k_p·√2 is inside, at 1.01·k_p·√2 outside.
        #expect(region.contains([0.99 * region.coverageFactor * 2.0.squareRoot(), 0]))
        #expect(!region.contains([1.01 * region.coverageFactor * 2.0.squareRoot(), 0]))
    }

    /// GUM H.2 / JCGM 102 9.4: resistance, reactance and impedance from the five sets of V, I, φ
    /// (input covariance = sample covariance of the means, ν = 4). The model is nearly linear
    /// at these uncertainties (u/value ~ 10⁻³), so Monte Carlo must give the GUM's
    /// u(R) = 0.071 Ω, u(X) = 0.295 Ω, u(Z) = 0.236 Ω [S: suncal "Table H.4"] within 3 %, and
    /// its correlations r(R,X) = −0.588, r(R,Z) = −0.485, r(X,Z) = 0.993 [R] within 0.01
    /// (Monte Carlo standard error ≈ (1 − r²)/√M ≤ 0.001 at M = 2·10⁵; the GUM rounds to 3 digits).
    @Test func resistanceAndReactanceFromTheRawData() throws {
        let observations: [[Double]] = [
            [5.007, 19.663, 1.0456], [4.994, 19.639, 1.0438], [5.005, 19.640, 1.0468], [4.990, 19.685, 1.0428],
            [4.999, 19.678, 1.0433],
        ]
        let n = Double(observations.count)
        let means = (0..<3).map { j in observations.reduce(0) { $0 + $1[j] } / n }
        var covariance = Matrix(rows: 3, columns: 3)
        for i in 0..<3 {
            for j in 0..<3 {
                let s = observations.reduce(0) { $0 + ($1[i] - means[i]) * ($1[j] - means[j]) } / (n - 1)
                covariance[i, j] = s / n
            }
        }
        let inputs = try JointDistribution.multivariateGaussian(
            names: ["V", "I", "phi"], mean: means, covariance: covariance)
        let model = MeasurementFunction(inputCount: 3, outputCount: 3) { x, y in
            let z = x[0] / (1e-3 * x[1])
            y[0] = z * cos(x[2])
            y[1] = z * sin(x[2])
            y[2] = z
        }
        let result = try MonteCarloMethod(seed: 1995).propagate(
            model, inputs: inputs, measurands: ["R", "X", "Z"], trials: 200_000)
        let expectedU = ["R": 0.071, "X": 0.295, "Z": 0.236]
        let expectedValue = ["R": 127.732, "X": 219.847, "Z": 254.260]
        for (name, u) in expectedU {
            let summary = try #require(result[name])
            #expect(summary.standardUncertainty.isApproximatelyEqual(to: u, relativeTolerance: 0.03), "\(name)")
            #expect(abs(summary.value - (expectedValue[name] ?? 0)) <= 0.03 * u, "\(name)")
        }
        let r = result.correlation
        #expect(abs(r[0, 1] - -0.588) < 0.01)
        #expect(abs(r[0, 2] - -0.485) < 0.01)
        #expect(abs(r[1, 2] - 0.993) < 0.01)
        // R, X and Z depend on V/I and φ only, and Z = √(R² + X²): to first order U_y has rank 2,
        // and only second-order terms give it a third dimension. The Monte Carlo region exists, but
        // its k_p (about 3.1) is not the χ² value 2.795 of a Gaussian Y: the GUF ellipsoid of
        // JCGM 102 6.5.3 would not apply here.
        let region = try #require(result.coverageRegion)
        #expect(
            region.coverageFactor
                > HyperEllipsoidalCoverageRegion.gaussianCoverageFactor(dimension: 3, coverageProbability: 0.95))
    }

    /// Linearly dependent measurands have a singular covariance: no region, and a typed error
    /// when one is asked for directly.
    @Test func dependentMeasurandsHaveNoRegion() throws {
        let model = MeasurementFunction(inputCount: 1, outputCount: 2) { x, y in
            y[0] = x[0]
            y[1] = 2 * x[0]
        }
        let inputs = try JointDistribution([("X", .rectangular(lower: 0, upper: 1))])
        let result = try MonteCarloMethod(seed: 5).propagate(model, inputs: inputs, trials: 10_000)
        #expect(result.coverageRegion == nil)
        #expect(abs(result.correlation[0, 1] - 1) < 1e-12)
        #expect(throws: UncertaintyError.self) {
            try HyperEllipsoidalCoverageRegion(
                center: [0, 0], covariance: result.covariance, coverageFactor: 2, coverageProbability: 0.95)
        }
    }
}
