import LinearAlgebra

/// An uncertain complex number: real and imaginary parts that are uncertain real numbers, with
/// their 2 × 2 covariance matrix, the Willink–Hall degrees of freedom and an elliptical coverage
/// region (R. Willink and B. D. Hall, Metrologia 39 (2002) 361–369; B. D. Hall, Metrologia 41
/// (2004) 173; the `ucomplex` of GUM Tree Calculator).
///
///     let z = try UncertainComplex.input(real: 1.5, imaginary: 0.8,
///                                        standardUncertainty: (0.05, 0.03), label: "Γ")
///     let w = z * z.conjugate                     // |Γ|², exact imaginary part
///     try w.coverageRegion().coverageFactorSquared  // −2 ln 0.05 = 5.99 for ν = ∞
///
/// Arithmetic is built from the operations of ``UncertainReal``, so sensitivities, budgets and
/// correlations with other results come for free.
public struct UncertainComplex: Sendable, CustomStringConvertible {
    /// The real part.
    public var real: UncertainReal
    /// The imaginary part.
    public var imaginary: UncertainReal

    /// A complex number from its parts.
    public init(real: UncertainReal, imaginary: UncertainReal) {
        self.real = real
        self.imaginary = imaginary
    }

    /// An exact complex number.
    public init(_ real: Double, _ imaginary: Double) {
        self.init(real: UncertainReal(real), imaginary: UncertainReal(imaginary))
    }

    /// An uncertain complex input: u of the real and imaginary parts, their correlation r and a
    /// common ν; the labels of the parts are `label_re` and `label_im`.
    ///
    /// As in GTC's `ucomplex`, correlated parts (r ≠ 0) count as one component in the degrees of
    /// freedom of results (an ensemble, Willink & Hall 2002), and uncorrelated parts as two
    /// independent components with ν each.
    ///
    /// - Throws: the errors of ``UncertainReal/correlatedInputs(values:standardUncertainties:correlation:degreesOfFreedom:labels:)``.
    public static func input(
        real: Double, imaginary: Double, standardUncertainty u: (real: Double, imaginary: Double),
        correlation r: Double = 0, degreesOfFreedom: Double = .infinity, label: String? = nil
    ) throws(UncertaintyError) -> UncertainComplex {
        let name = label ?? "z"
        let parts = try UncertainReal.correlatedInputs(
            values: [real, imaginary], standardUncertainties: [u.real, u.imaginary],
            correlation: Matrix(rows: 2, columns: 2, rowMajor: [1, r, r, 1]),
            degreesOfFreedom: [degreesOfFreedom, degreesOfFreedom], labels: [name + "_re", name + "_im"])
        return UncertainComplex(real: parts[0], imaginary: parts[1])
    }

    /// The 2 × 2 covariance matrix [[u²(re), u(re, im)], [u(re, im), u²(im)]].
    public var covariance: Matrix {
        UncertainReal.covarianceMatrix([real, imaginary])
    }

    /// The Willink–Hall effective degrees of freedom of the total variance (Willink & Hall,
    /// Metrologia 39 (2002) 361, eq. 29; GTC `willink_hall`):
    ///
    ///     ν = (2 S₁₁² + S₁₁S₂₂ + S₁₂² + 2 S₂₂²) / Σ_g (2 v₁₁² + v₁₁v₂₂ + v₁₂² + 2 v₂₂²)/ν_g
    ///
    /// with S the covariance of (re, im) and v_g the 2 × 2 contribution of each finite-ν
    /// component g (an input, or an ensemble such as the two parts of a complex input).
    /// Infinite when no component has finite ν or S = 0. For an input (both parts inputs, or
    /// one an input and the other exact), the input's own ν, as in GTC.
    public var effectiveDegreesOfFreedom: Double {
        switch (real.node?.inputProperties, imaginary.node?.inputProperties) {
        case (let re?, _?): return re.degreesOfFreedom
        case (let re?, nil) where imaginary.isExact: return re.degreesOfFreedom
        case (nil, let im?) where real.isExact: return im.degreesOfFreedom
        default: break
        }
        let (a, b) = (SensitivityProfile(real), SensitivityProfile(imaginary))
        let s11 = a.variance
        let s22 = b.variance
        let s12 = SensitivityProfile.covariance(a, b)
        guard s11 > 0 || s22 > 0 else { return .infinity }
        let scale = (s11 + s22) * (s11 + s22) / 4  // normalisation, as in GTC, against overflow
        let numerator = (2 * s11 * s11 + s11 * s22 + s12 * s12 + 2 * s22 * s22) / scale
        var denominator = 0.0
        for block in BivariateComponents(a, b).blocks {
            let (v11, v12, v22) = (block.v11, block.v12, block.v22)
            denominator += (2 * v11 * v11 + v11 * v22 + v12 * v12 + 2 * v22 * v22) / scale / block.degreesOfFreedom
        }
        return denominator > 0 ? numerator / denominator : .infinity
    }

    /// The elliptical region that covers the value with probability p (Willink & Hall 2002;
    /// JCGM 102 6.5.3 for two dimensions): {z : (z − ẑ)ᵀ S⁻¹ (z − ẑ) ≤ k²} with
    /// k² = −2 ln(1 − p) for ν = ∞ and k² = 2ν/(ν − 1)·F_{2, ν−1}(p) for finite ν (Hotelling's T²;
    /// GTC `k2_factor_sq`).
    ///
    /// - Throws: ``UncertaintyError/insufficientDegreesOfFreedom(quantity:needed:found:)`` for
    ///   ν ≤ 1, ``UncertaintyError/invalidCoverageProbability(_:)`` for p outside (0, 1).
    public func coverageRegion(coverageProbability p: Double = 0.95) throws(UncertaintyError)
        -> EllipticalCoverageRegion
    {
        guard p > 0, p < 1 else { throw .invalidCoverageProbability(p) }
        let nu = effectiveDegreesOfFreedom
        let k2: Double
        if nu.isInfinite {
            k2 = -2 * Math.logarithm(1 - p)
        } else {
            guard nu > 1 else { throw .insufficientDegreesOfFreedom(quantity: "complex result", needed: 1, found: nu) }
            k2 = 2 * nu / (nu - 1) * FDistribution(numerator: 2, denominator: nu - 1).quantile(p)
        }
        return EllipticalCoverageRegion(
            center: (real.value, imaginary.value), covariance: covariance, coverageFactorSquared: k2,
            coverageProbability: p, degreesOfFreedom: nu)
    }

    /// "(re ± u) + (im ± u)i".
    public var description: String { "(\(real)) + (\(imaginary))i" }
}
