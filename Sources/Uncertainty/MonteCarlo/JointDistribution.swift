import LinearAlgebra

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The joint probability distribution of the N input quantities of a measurement model, from
/// which the Monte Carlo method draws (JCGM 101:2008 §6.4, §7.3).
///
/// Each input has a marginal ``InputDistribution``. Inputs with no correlation are drawn
/// independently by the procedures of JCGM 101 §6.4. Inputs that are correlated are drawn
/// together:
///
/// * **Gaussian inputs** form a multivariate Gaussian N(μ, V), V = D·R·D with D the diagonal of
///   standard deviations and R the correlation matrix, drawn as x = μ + D·A·z with z standard
///   normal and A·Aᵀ = R (JCGM 101 6.4.8.4). A is the Cholesky factor of R (LAPACK `dpotrf`);
///   when R is only positive semi-definite (a correlation of ±1, say), A = Q·Λ^½ from its
///   eigendecomposition, as JCGM 101 6.4.8.4 Note 2 allows.
/// * **Non-Gaussian inputs** that are correlated are joined by a **Gaussian copula**: the
///   correlated standard normal w = A·z is mapped to each marginal by x = G⁻¹(Φ(w)), where G is
///   that input's distribution function (``InputDistribution/quantile(_:)``). The marginals are
///   then exactly the stated distributions and the dependence is that of the Gaussian with
///   correlation R. JCGM 101 does not prescribe a joint distribution for correlated non-Gaussian
///   inputs; the Gaussian copula is the usual choice (suncal, metrolopy). Its Pearson
///   correlation equals R only between Gaussian inputs: between two rectangular inputs it is
///   (6/π)·arcsin(r/2), e.g. 0.483 for r = 0.5.
///
///     let inputs = try JointDistribution(
///         [("V", .gaussian(mean: 5, standardDeviation: 0.003)),
///          ("I", .gaussian(mean: 0.0197, standardDeviation: 1e-5))],
///         correlation: Matrix(rows: 2, columns: 2, rowMajor: [1, -0.36, -0.36, 1]))
///
/// Every parameter is checked when the value is created, so that a Monte Carlo run never starts
/// on an invalid specification.
public struct JointDistribution: Sendable, Hashable {
    /// The names of the input quantities, in the model's input order.
    public let names: [String]
    /// The marginal distribution of each input.
    public let marginals: [InputDistribution]
    /// The correlation matrix R of the inputs, nil when they are independent.
    public let correlation: Matrix?
    /// The indices of the inputs that are correlated with at least one other input.
    let correlatedIndices: [Int]
    /// A with A·Aᵀ = R restricted to ``correlatedIndices``.
    let correlationFactor: Matrix
    /// True when ``correlationFactor`` is lower triangular (a Cholesky factor).
    let factorIsTriangular: Bool

    /// The number of input quantities, N.
    public var count: Int { names.count }

    /// A joint distribution of named inputs, independent unless a correlation matrix is given.
    ///
    /// - Parameters:
    ///   - quantities: the name and marginal distribution of each input, in the model's order.
    ///   - correlation: the N × N correlation matrix R (symmetric, unit diagonal, positive
    ///     semi-definite); nil for independent inputs.
    /// - Throws: ``UncertaintyError/invalidDistribution(quantity:parameter:reason:)`` for a bad
    ///   marginal, ``UncertaintyError/correlationOrderMismatch(expected:found:)``,
    ///   ``UncertaintyError/invalidCorrelation(quantities:coefficient:)``,
    ///   ``UncertaintyError/correlationNotPositiveSemidefinite(quantities:smallestEigenvalue:)``.
    /// - Complexity: O(N) without correlation, O(n³) for the n correlated inputs.
    public init(_ quantities: [(name: String, distribution: InputDistribution)], correlation: Matrix? = nil)
        throws(UncertaintyError)
    {
        let names = quantities.map(\.name)
        let marginals = quantities.map(\.distribution)
        for (name, distribution) in zip(names, marginals) { try distribution.validate(quantity: name) }
        self.names = names
        self.marginals = marginals
        guard let r = correlation else {
            self.correlation = nil
            (correlatedIndices, correlationFactor, factorIsTriangular) = ([], Matrix(rows: 0, columns: 0), true)
            return
        }
        let n = names.count
        guard r.rows == n, r.columns == n else {
            throw .correlationOrderMismatch(expected: n, found: r.rows == n ? r.columns : r.rows)
        }
        for j in 0..<n {
            for i in 0..<n {
                let value = r[i, j]
                let valid =
                    value.isFinite && abs(value) <= 1 && abs(value - r[j, i]) <= 1e-12 && (i != j || value == 1)
                guard valid else { throw .invalidCorrelation(quantities: [names[i], names[j]], coefficient: value) }
            }
        }
        let correlated = (0..<n).filter { i in (0..<n).contains { j in j != i && r[i, j] != 0 } }
        self.correlation = correlated.isEmpty ? nil : r
        self.correlatedIndices = correlated
        (correlationFactor, factorIsTriangular) = try Self.squareRoot(of: r, indices: correlated, names: names)
    }

    /// The multivariate Gaussian N(μ, V) of JCGM 101 6.4.8, given by its expectation and
    /// covariance matrix (positive semi-definite).
    ///
    ///     // JCGM 101 9.4, x₁ = 0.010, r = 0.9
    ///     let x = try JointDistribution.multivariateGaussian(
    ///         names: ["X_1", "X_2"], mean: [0.010, 0],
    ///         covariance: Matrix(rows: 2, columns: 2, rowMajor: [2.5e-5, 2.25e-5, 2.25e-5, 2.5e-5]))
    ///
    /// - Throws: ``UncertaintyError/invalidUncertainty(quantity:value:)`` for a negative or
    ///   non-finite variance, ``UncertaintyError/nonFiniteValue(quantity:)``,
    ///   ``UncertaintyError/correlationNotPositiveSemidefinite(quantities:smallestEigenvalue:)``
    ///   when V is not positive semi-definite (including a covariance with a zero variance).
    public static func multivariateGaussian(names: [String], mean: [Double], covariance: Matrix)
        throws(UncertaintyError) -> JointDistribution
    {
        let n = names.count
        guard mean.count == n else { throw .inputCountMismatch(expected: n, found: mean.count) }
        guard covariance.rows == n, covariance.columns == n else {
            throw .correlationOrderMismatch(
                expected: n, found: covariance.rows == n ? covariance.columns : covariance.rows)
        }
        var deviations = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard mean[i].isFinite else { throw .nonFiniteValue(quantity: names[i]) }
            let variance = covariance[i, i]
            guard variance.isFinite, variance >= 0 else {
                throw .invalidUncertainty(quantity: names[i], value: variance.squareRoot())
            }
            deviations[i] = variance.squareRoot()
        }
        var r = Matrix.identity(order: n)
        for j in 0..<n {
            for i in 0..<n where i != j {
                let v = covariance[i, j]
                guard v.isFinite else { throw .invalidCorrelation(quantities: [names[i], names[j]], coefficient: v) }
                if deviations[i] == 0 || deviations[j] == 0 {
                    guard v == 0 else {
                        throw .correlationNotPositiveSemidefinite(
                            quantities: [names[i], names[j]], smallestEigenvalue: -abs(v))
                    }
                    r[i, j] = 0
                } else {
                    // Rounding can take a correlation of ±1 computed from a covariance a hair past 1.
                    let coefficient = v / (deviations[i] * deviations[j])
                    r[i, j] =
                        abs(coefficient) > 1 && abs(coefficient) < 1 + 1e-12
                        ? coefficient.sign == .minus ? -1 : 1 : coefficient
                }
            }
        }
        let quantities = (0..<n).map { i in
            (name: names[i], distribution: InputDistribution.gaussian(mean: mean[i], standardDeviation: deviations[i]))
        }
        return try JointDistribution(quantities, correlation: r)
    }

    /// A with A·Aᵀ = R[indices, indices]: the Cholesky factor, or Q·Λ^½ when R is singular.
    private static func squareRoot(of r: Matrix, indices: [Int], names: [String]) throws(UncertaintyError)
        -> (Matrix, Bool)
    {
        let n = indices.count
        guard n > 0 else { return (Matrix(rows: 0, columns: 0), true) }
        var sub = Matrix(rows: n, columns: n)
        for (b, j) in indices.enumerated() { for (a, i) in indices.enumerated() { sub[a, b] = r[i, j] } }
        let eigen: SymmetricEigendecomposition
        do {
            eigen = try SymmetricEigendecomposition(sub)
        } catch {
            throw .correlationNotPositiveSemidefinite(quantities: indices.map { names[$0] }, smallestEigenvalue: .nan)
        }
        guard eigen.isPositiveSemidefinite(relativeTolerance: 1e-10) else {
            let smallest = eigen.eigenvalues[0]
            let involved = (0..<n).filter { abs(eigen.eigenvectors[$0, 0]) > 0.05 }
            throw .correlationNotPositiveSemidefinite(
                quantities: involved.map { names[indices[$0]] }, smallestEigenvalue: smallest)
        }
        if let cholesky = try? CholeskyFactorization(sub, symmetryTolerance: nil) {
            return (cholesky.lowerFactor, true)
        }
        var a = eigen.eigenvectors
        for k in 0..<n {
            let root = max(eigen.eigenvalues[k], 0).squareRoot()
            for i in 0..<n { a[i, k] *= root }
        }
        return (a, false)
    }

    /// Fills `columns[j]` (one buffer per input, all of the same length) with draws of the inputs.
    ///
    /// Independent inputs are drawn first, in input order, then the standard normal variates of
    /// the correlated inputs; the order is fixed, so a block is a function of its generator alone.
    func fill(_ columns: [UnsafeMutableBufferPointer<Double>], random: inout Xoshiro256) {
        let count = columns.first?.count ?? 0
        var isCorrelated = [Bool](repeating: false, count: names.count)
        for i in correlatedIndices { isCorrelated[i] = true }
        for j in 0..<names.count where !isCorrelated[j] { marginals[j].fill(columns[j], random: &random) }
        let n = correlatedIndices.count
        guard n > 0, count > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n * count) { scratch in
            let base = scratch.baseAddress.unsafelyUnwrapped
            for k in 0..<n {
                NormalZiggurat.shared.fill(
                    UnsafeMutableBufferPointer(start: base + k * count, count: count), random: &random)
            }
            for (a, i) in correlatedIndices.enumerated() {
                let w = columns[i]
                for t in 0..<count { w[t] = 0 }
                let last = factorIsTriangular ? a : n - 1
                for b in 0...last {
                    let coefficient = correlationFactor[a, b]
                    if coefficient == 0 { continue }
                    let z = base + b * count
                    for t in 0..<count { w[t] += coefficient * z[t] }
                }
            }
        }
        for i in correlatedIndices {
            let w = columns[i]
            switch marginals[i] {
            case .gaussian(let mean, let s):
                for t in 0..<count { w[t] = mean + s * w[t] }
            case let marginal:
                for t in 0..<count {
                    // p = Φ(w), kept inside (0, 1) so that an unbounded marginal gives a finite draw.
                    let p = 0.5 * erfc(-w[t] / 2.0.squareRoot())
                    w[t] = marginal.quantile(min(max(p, 0x1p-60), 1 - 0x1p-53))
                }
            }
        }
    }
}
