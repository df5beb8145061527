import LinearAlgebra
import Numerics
import Testing

@testable import Uncertainty

/// Complex uncertain numbers against GUM Tree Calculator 1.5.1 (an independent implementation,
/// run on this machine: `ucomplex`, `willink_hall`, `reporting.k2_factor_sq`). Values and
/// covariances agree to rounding (1e-12 relative); degrees of freedom to 1e-12.
@Suite("Uncertain complex numbers")
struct UncertainComplexTests {
    let z1: UncertainComplex
    let z2: UncertainComplex
    let x: UncertainReal

    init() throws {
        // GTC: z1 = ucomplex(1.5+0.8j, (0.05, 0.03), df=7)
        //      z2 = ucomplex(0.9-0.2j, [0.02², 0.3·0.02·0.04, 0.3·0.02·0.04, 0.04²], df=12)
        //      x  = ureal(2.0, 0.1, df=5)
        z1 = try .input(real: 1.5, imaginary: 0.8, standardUncertainty: (0.05, 0.03), degreesOfFreedom: 7, label: "z1")
        z2 = try .input(
            real: 0.9, imaginary: -0.2, standardUncertainty: (0.02, 0.04), correlation: 0.3, degreesOfFreedom: 12,
            label: "z2")
        x = try .input(value: 2, standardUncertainty: 0.1, degreesOfFreedom: 5, label: "x")
    }

    @Test func combinationMatchesGTC() throws {
        let w = z1 * z2 / (z1 + UncertainComplex(real: x, imaginary: UncertainReal(0)))
        #expect(w.real.value.isApproximatelyEqual(to: 0.4360744763382468, relativeTolerance: 1e-14))
        #expect(w.imaginary.value.isApproximatelyEqual(to: 0.020325833979829306, relativeTolerance: 1e-12))
        let v = w.covariance
        #expect(v[0, 0].isApproximatelyEqual(to: 0.0002627433047775675, relativeTolerance: 1e-12))
        #expect(v[0, 1].isApproximatelyEqual(to: -6.335434071789112e-05, relativeTolerance: 1e-12))
        #expect(v[1, 1].isApproximatelyEqual(to: 0.0004030875815007281, relativeTolerance: 1e-12))
        // Willink–Hall total-variance ν and the F-based k² of the 95 % ellipse.
        #expect(w.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 16.259797459216994, relativeTolerance: 1e-12))
        let region = try w.coverageRegion(coverageProbability: 0.95)
        #expect(region.coverageFactorSquared.isApproximatelyEqual(to: 7.818870960213058, relativeTolerance: 1e-10))
        // The real and imaginary parts alone (Welch–Satterthwaite; a complex input is one component).
        #expect(w.real.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 14.39218026101796, relativeTolerance: 1e-12))
        #expect(
            w.imaginary.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 14.340345717177566, relativeTolerance: 1e-12)
        )
        // Magnitude and phase.
        #expect(w.magnitude.value.isApproximatelyEqual(to: 0.4365479222727463, relativeTolerance: 1e-14))
        #expect(w.magnitude.standardUncertainty.isApproximatelyEqual(to: 0.01603603278562632, relativeTolerance: 1e-12))
        #expect(
            w.magnitude.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 14.355797629877818, relativeTolerance: 1e-12)
        )
        #expect(w.phase.value.isApproximatelyEqual(to: 0.046577211965143604, relativeTolerance: 1e-13))
        #expect(w.phase.standardUncertainty.isApproximatelyEqual(to: 0.046308202923252044, relativeTolerance: 1e-12))
    }

    @Test func exponentialAndLogarithmMatchGTC() {
        let e = UncertainComplex.exp(z1)
        #expect(e.real.value.isApproximatelyEqual(to: 3.1224228445123896, relativeTolerance: 1e-14))
        #expect(e.imaginary.value.isApproximatelyEqual(to: 3.2149669521248305, relativeTolerance: 1e-14))
        #expect(e.covariance[0, 1].isApproximatelyEqual(to: 0.016061578009067108, relativeTolerance: 1e-12))
        #expect(e.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 9.97239143449373, relativeTolerance: 1e-12))
        let l = UncertainComplex.log(z2)
        #expect(l.real.value.isApproximatelyEqual(to: -0.08125946474888743, relativeTolerance: 1e-13))
        #expect(l.covariance[1, 1].isApproximatelyEqual(to: 0.001935501730103806, relativeTolerance: 1e-12))
        // A function of one complex input keeps its ν.
        #expect(l.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 12, relativeTolerance: 1e-12))
    }

    @Test func coverageRegionFactors() throws {
        // ν = ∞: k² = −2 ln 0.05 = 5.99146454710798 (GTC k2_factor_sq(inf)).
        let z = try UncertainComplex.input(real: 1, imaginary: 0, standardUncertainty: (0.1, 0.2))
        let region = try z.coverageRegion()
        #expect(region.coverageFactorSquared.isApproximatelyEqual(to: 5.99146454710798, relativeTolerance: 1e-14))
        // Axes: the larger variance lies along the imaginary axis.
        let k = region.coverageFactorSquared.squareRoot()
        #expect(region.semiAxes.major.isApproximatelyEqual(to: 0.2 * k, relativeTolerance: 1e-14))
        #expect(region.semiAxes.minor.isApproximatelyEqual(to: 0.1 * k, relativeTolerance: 1e-14))
        #expect(region.contains(real: 1, imaginary: 0.2 * k * 0.999))
        #expect(!region.contains(real: 1 + 0.1 * k * 1.001, imaginary: 0))
        // ν = 3: k² = 57 (GTC's docstring example), from F(2, 2).
        let small = try UncertainComplex.input(
            real: 1, imaginary: 0, standardUncertainty: (0.1, 0.1), degreesOfFreedom: 3)
        #expect(try small.coverageRegion().coverageFactorSquared.isApproximatelyEqual(to: 57, relativeTolerance: 1e-12))
        // ν ≤ 1 has no region.
        let tiny = try UncertainComplex.input(
            real: 1, imaginary: 0, standardUncertainty: (0.1, 0.1), degreesOfFreedom: 1)
        #expect(throws: UncertaintyError.insufficientDegreesOfFreedom(quantity: "complex result", needed: 1, found: 1))
        {
            try tiny.coverageRegion()
        }
    }

    @Test func typeAComplexEstimate() throws {
        // Five complex observations: the mean, the sample covariance of the mean, ν = 4.
        let re = [1.0, 1.2, 0.9, 1.1, 1.05]
        let im = [0.5, 0.45, 0.55, 0.52, 0.48]
        let z = try TypeA.estimate(real: re, imaginary: im, label: "G")
        #expect(z.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 4, relativeTolerance: 1e-12))
        // numpy: np.cov(re, im)/5 → [[0.0025, -0.0007], [-0.0007, 0.00029]] (to rounding).
        #expect(z.covariance[0, 0].isApproximatelyEqual(to: 0.0025, relativeTolerance: 1e-12))
        #expect(z.covariance[0, 1].isApproximatelyEqual(to: -0.0007, relativeTolerance: 1e-12))
        #expect(z.covariance[1, 1].isApproximatelyEqual(to: 0.00029, relativeTolerance: 1e-12))
    }

    @Test func fDistributionAgainstSciPy() {
        // scipy.stats.f.ppf(0.95, 2, 10) and f.cdf(3.1, 4, 7).
        #expect(
            FDistribution(numerator: 2, denominator: 10).quantile(0.95).isApproximatelyEqual(
                to: 4.102821015130399, relativeTolerance: 1e-12))
        #expect(
            FDistribution(numerator: 4, denominator: 7).cumulativeProbability(3.1).isApproximatelyEqual(
                to: 0.9086528506223335, relativeTolerance: 1e-12))
    }
}
