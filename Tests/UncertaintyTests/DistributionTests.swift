import Numerics
import Testing
import Uncertainty

/// Reference values from SciPy 1.17.1 (scipy.stats, scipy.special): an independent
/// implementation (Cephes/Boost). The functions here are accurate to a few ulp, so 1e-12
/// relative is a tolerance with room to spare; quantiles that are solved iteratively are held
/// to the same.
@Suite("Special functions and reference distributions")
struct DistributionTests {
    @Test(arguments: [
        (5.0, 0.95, 11.070497693516351), (1.0, 0.95, 3.841458820694124), (20.0, 0.95, 31.410432844230918),
        (3.0, 0.01, 0.11483180189911707),
    ])
    func chiSquaredQuantile(nu: Double, p: Double, expected: Double) {
        #expect(
            ChiSquaredDistribution(degreesOfFreedom: nu).quantile(p).isApproximatelyEqual(
                to: expected, relativeTolerance: 1e-12))
    }

    @Test func chiSquaredTailKeepsRelativeAccuracyFarOut() {
        // The Procedure A p-value of CCQM-K25 PCB 28 (expected.json: 2.408866837229205e-13).
        let p = ChiSquaredDistribution(degreesOfFreedom: 5).survivalProbability(68.21539802784476)
        #expect(p.isApproximatelyEqual(to: 2.408866837229205e-13, relativeTolerance: 1e-10))
        #expect(
            ChiSquaredDistribution(degreesOfFreedom: 2.5).cumulativeProbability(3.5)
                .isApproximatelyEqual(to: 0.7555697493187187, relativeTolerance: 1e-13))
    }

    @Test(arguments: [
        (16.0, 0.975, 2.1199052992212546), (1.0, 0.975, 12.706204736174694), (2.5, 0.995, 7.163728138948783),
        (16.752, 0.975, 2.112197386755856),
    ])
    func studentTQuantile(nu: Double, p: Double, expected: Double) {
        #expect(
            StudentTDistribution(degreesOfFreedom: nu).quantile(p).isApproximatelyEqual(
                to: expected, relativeTolerance: 1e-12))
        #expect(
            StudentTDistribution(degreesOfFreedom: nu).quantile(1 - p).isApproximatelyEqual(
                to: -expected, relativeTolerance: 1e-12))
    }

    @Test func studentTDistributionFunction() {
        #expect(
            StudentTDistribution(degreesOfFreedom: 7).cumulativeProbability(-2.3)
                .isApproximatelyEqual(to: 0.027495547602185796, relativeTolerance: 1e-12))
        #expect(
            StudentTDistribution(degreesOfFreedom: .infinity).quantile(0.975)
                .isApproximatelyEqual(to: 1.959963984540054, relativeTolerance: 1e-14))
    }

    @Test(arguments: [
        (0.975, 1.959963984540054), (1e-10, -6.361340902404056), (0.3, -0.5244005127080409),
        (0.999999, 4.753424308817087),
    ])
    func normalQuantile(p: Double, expected: Double) {
        #expect(NormalDistribution.standard.quantile(p).isApproximatelyEqual(to: expected, relativeTolerance: 1e-13))
    }

    @Test func specialFunctions() {
        #expect(SpecialFunctions.logGamma(0.5).isApproximatelyEqual(to: 0.5723649429247001, relativeTolerance: 1e-13))
        #expect(SpecialFunctions.logGamma(100.5).isApproximatelyEqual(to: 361.43554046777757, relativeTolerance: 1e-13))
        #expect(
            SpecialFunctions.regularizedBeta(2.5, 0.5, 0.3).isApproximatelyEqual(
                to: 0.018927124071945658, relativeTolerance: 1e-12))
        #expect(
            SpecialFunctions.regularizedGammaQ(30, 60).isApproximatelyEqual(
                to: 6.876264968732136e-06, relativeTolerance: 1e-11))
    }
}
