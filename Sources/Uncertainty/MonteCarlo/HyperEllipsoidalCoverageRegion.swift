import LinearAlgebra

/// A hyper-ellipsoidal coverage region for m measurands (JCGM 102:2011 6.5.3, 7.7.2):
/// the set of η with (η − y)ᵀ·U_y⁻¹·(η − y) ≤ k_p², centred on the estimate y and shaped by
/// the covariance matrix U_y.
///
/// * From the law of propagation of uncertainty, with a multivariate Gaussian for Y, the
///   coverage factor is k_p = √χ²_{m;p}, the square root of the p-quantile of the χ²
///   distribution with m degrees of freedom (JCGM 102 6.5.3):
///   ``gaussianCoverageFactor(dimension:coverageProbability:)``, e.g. 2.4477 for m = 2, p = 0.95.
/// * From a Monte Carlo sample (JCGM 102 7.7.2), y and U_y are the sample mean and covariance,
///   each y_r is transformed to d_r² = (y_r − y)ᵀ·U_y⁻¹·(y_r − y) (through the Cholesky factor
///   U_y = L·Lᵀ, d_r = ‖L⁻¹(y_r − y)‖), and k_p = d₍q₎, the q-th smallest of the d_r with q as
///   for a coverage interval (JCGM 101 7.7.1). ``MonteCarloResult/coverageRegion`` holds it.
///
///     let region = try HyperEllipsoidalCoverageRegion(
///         center: [0, 0], covariance: .identity(order: 2),
///         coverageFactor: HyperEllipsoidalCoverageRegion.gaussianCoverageFactor(dimension: 2, coverageProbability: 0.95),
///         coverageProbability: 0.95)
///     region.contains([1.5, 1.5])    // true: 1.5² + 1.5² = 4.5 ≤ 2.4477² = 5.99
public struct HyperEllipsoidalCoverageRegion: Sendable, Hashable, Codable {
    /// y, the centre (the estimate of the m measurands).
    public let center: [Double]
    /// U_y, the m × m covariance matrix that shapes the region.
    public let covariance: Matrix
    /// k_p: the region is the set of η whose Mahalanobis distance from y is at most k_p.
    public let coverageFactor: Double
    /// p, the coverage probability.
    public let coverageProbability: Double
    private let factor: CholeskyFactorization

    private enum CodingKeys: String, CodingKey { case center, covariance, coverageFactor, coverageProbability }

    /// A region from its centre, covariance matrix and coverage factor.
    ///
    /// - Throws: ``UncertaintyError/singularOutputCovariance(measurands:)`` when U_y is not
    ///   positive definite (the measurands are linearly dependent, and no ellipsoid of full
    ///   dimension exists), or its order differs from the number of centre coordinates.
    public init(center: [Double], covariance: Matrix, coverageFactor: Double, coverageProbability: Double)
        throws(UncertaintyError)
    {
        guard covariance.rows == center.count, covariance.columns == center.count,
            let factor = Self.factor(of: covariance)
        else {
            throw .singularOutputCovariance(measurands: (0..<center.count).map { "Y_\($0 + 1)" })
        }
        self.center = center
        self.covariance = covariance
        self.coverageFactor = coverageFactor
        self.coverageProbability = coverageProbability
        self.factor = factor
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            center: container.decode([Double].self, forKey: .center),
            covariance: container.decode(Matrix.self, forKey: .covariance),
            coverageFactor: container.decode(Double.self, forKey: .coverageFactor),
            coverageProbability: container.decode(Double.self, forKey: .coverageProbability))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(center, forKey: .center)
        try container.encode(covariance, forKey: .covariance)
        try container.encode(coverageFactor, forKey: .coverageFactor)
        try container.encode(coverageProbability, forKey: .coverageProbability)
    }

    /// The Mahalanobis distance [(η − y)ᵀ·U_y⁻¹·(η − y)]^½ of a point from the centre.
    ///
    /// - Precondition: `point` has one coordinate per measurand.
    public func distance(of point: [Double]) -> Double {
        precondition(  // allowed: the point's dimension is the calling code's
            point.count == center.count, "distance(of:): \(point.count) coordinates for \(center.count)")
        var d = 0.0
        forwardSubstitution(point, into: &d)
        return d.squareRoot()
    }

    /// True when the point lies in the region: its Mahalanobis distance is at most k_p.
    public func contains(_ point: [Double]) -> Bool { distance(of: point) <= coverageFactor }

    /// The semi-axes: half-lengths k_p·√λ_i along the eigenvectors of U_y (as columns), in
    /// increasing order of length.
    public var semiAxes: (lengths: [Double], directions: Matrix) {
        guard let eigen = try? SymmetricEigendecomposition(covariance) else { return ([], Matrix(rows: 0, columns: 0)) }
        return (eigen.eigenvalues.map { coverageFactor * max($0, 0).squareRoot() }, eigen.eigenvectors)
    }

    /// √χ²_{m;p}: the coverage factor of the hyper-ellipsoid for a multivariate Gaussian Y
    /// (JCGM 102 6.5.3); 1.95996 for m = 1, 2.44775 for m = 2, 2.79548 for m = 3 at p = 0.95.
    public static func gaussianCoverageFactor(dimension m: Int, coverageProbability p: Double) -> Double {
        ChiSquaredDistribution(degreesOfFreedom: Double(m)).quantile(p).squareRoot()
    }

    /// The Cholesky factor of U_y, or nil when U_y is not positive definite, counting as singular
    /// a measurand whose variance not explained by the ones before it (l_ii²) is below 10⁻¹² of
    /// its variance: rounding can leave such a pivot barely positive for exactly dependent outputs.
    private static func factor(of covariance: Matrix) -> CholeskyFactorization? {
        guard let factor = try? CholeskyFactorization(covariance) else { return nil }
        for i in 0..<covariance.rows {
            let pivot = factor.lowerFactor[i, i]
            guard pivot * pivot > 1e-12 * covariance[i, i] else { return nil }
        }
        return factor
    }

    /// ‖L⁻¹(η − y)‖², by forward substitution in the lower Cholesky factor.
    private func forwardSubstitution(_ point: [Double], into sum: inout Double) {
        let m = center.count
        let l = factor.lowerFactor
        var w = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var s = point[i] - center[i]
            for j in 0..<i { s -= l[i, j] * w[j] }
            w[i] = s / l[i, i]
            sum += w[i] * w[i]
        }
    }

    /// The Monte Carlo region of JCGM 102 7.7.2 from the m outputs of a sample (values output after
    /// output), their means and covariance; nil when the covariance is not positive definite.
    static func monteCarlo(
        values: UnsafeBufferPointer<Double>, trials: Int, means: [Double], covariance: Matrix,
        coverageProbability p: Double
    ) throws(UncertaintyError) -> HyperEllipsoidalCoverageRegion? {
        let m = means.count
        guard let factor = factor(of: covariance) else { return nil }
        let (q, _) = try OrderStatistics.indices(count: trials, coverageProbability: p)
        let l = factor.lowerFactor
        // w = L⁻¹(y_r − ȳ) for all r at once, one coordinate after another (forward substitution).
        var squared = [Double](repeating: 0, count: trials)
        var whitened: [[Double]] = []
        for i in 0..<m {
            let row = values.baseAddress.unsafelyUnwrapped + i * trials
            var wi = [Double](repeating: 0, count: trials)
            for r in 0..<trials { wi[r] = row[r] - means[i] }
            for j in 0..<i where l[i, j] != 0 {
                let lij = l[i, j]
                let wj = whitened[j]
                for r in 0..<trials { wi[r] -= lij * wj[r] }
            }
            let pivot = l[i, i]
            for r in 0..<trials {
                wi[r] /= pivot
                squared[r] += wi[r] * wi[r]
            }
            whitened.append(wi)
        }
        let kSquared = squared.withUnsafeMutableBufferPointer { OrderStatistics.value(ofRank: q, in: $0) }
        return try HyperEllipsoidalCoverageRegion(
            center: means, covariance: covariance, coverageFactor: kSquared.squareRoot(), coverageProbability: p)
    }
}
