import LinearAlgebra

/// The elliptical coverage region of a bivariate estimate (a complex number): the points z with
/// (z − ẑ)ᵀ S⁻¹ (z − ẑ) ≤ k², for the covariance S and the squared coverage factor k²
/// (Willink & Hall, Metrologia 39 (2002) 361; JCGM 102:2011 6.5.3 in two dimensions).
///
/// Its semi-axes are k·√λᵢ along the eigenvectors of S.
public struct EllipticalCoverageRegion: Sendable {
    /// The estimate ẑ = (re, im).
    public var center: (real: Double, imaginary: Double)
    /// S, the 2 × 2 covariance of (re, im).
    public var covariance: Matrix
    /// k², the bound on the quadratic form.
    public var coverageFactorSquared: Double
    /// p, the coverage probability.
    public var coverageProbability: Double
    /// ν, the degrees of freedom used for k² (infinite for a normal model).
    public var degreesOfFreedom: Double

    public init(
        center: (real: Double, imaginary: Double), covariance: Matrix, coverageFactorSquared: Double,
        coverageProbability: Double, degreesOfFreedom: Double
    ) {
        self.center = center
        self.covariance = covariance
        self.coverageFactorSquared = coverageFactorSquared
        self.coverageProbability = coverageProbability
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The eigenvalues λ₁ ≥ λ₂ ≥ 0 of S and the angle θ of the first axis from the real axis
    /// (closed form for a symmetric 2 × 2 matrix).
    private var principalAxes: (major: Double, minor: Double, angle: Double) {
        let (a, b, d) = (covariance[0, 0], covariance[0, 1], covariance[1, 1])
        let mean = (a + d) / 2
        let radius = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        return (mean + radius, Swift.max(mean - radius, 0), Math.arctangent2(2 * b, a - d) / 2)
    }

    /// The semi-axes k·√λ₁ (major) and k·√λ₂ (minor).
    public var semiAxes: (major: Double, minor: Double) {
        let axes = principalAxes
        let k = coverageFactorSquared.squareRoot()
        return (k * axes.major.squareRoot(), k * axes.minor.squareRoot())
    }

    /// The angle of the major axis from the real axis, in radians, in (−π/2, π/2].
    public var orientation: Double { principalAxes.angle }

    /// True when the point (re, im) lies in the region (on the segment, for a degenerate S).
    public func contains(real: Double, imaginary: Double) -> Bool {
        let axes = principalAxes
        let (c, s) = (Math.cosine(axes.angle), Math.sine(axes.angle))
        let (x, y) = (real - center.real, imaginary - center.imaginary)
        let along = c * x + s * y
        let across = -s * x + c * y
        func term(_ projection: Double, _ lambda: Double) -> Double {
            lambda > 0 ? projection * projection / lambda : (projection == 0 ? 0 : .infinity)
        }
        return term(along, axes.major) + term(across, axes.minor) <= coverageFactorSquared
    }
}
