extension GeneralizedLeastSquares {
    /// Fits y = X·β + e, cov(e) = V, subject to the linear constraints C·β = d (White,
    /// Metrologia 41 (2004) 122): the form a comparison takes when its design is rank deficient
    /// by construction and the reference value is defined by a constraint on the laboratory biases.
    ///
    /// With V = L·Lᵀ the problem is whitened to Z = L⁻¹X, w = L⁻¹y and the estimate is the
    /// equality-constrained least-squares solution min ‖Z·β − w‖ subject to C·β = d (LAPACK
    /// `dgglse`). Its covariance is the one of the reparameterized problem: with N an orthonormal
    /// basis of the null space of C (from the eigenvectors of CᵀC, `dsyevd`),
    ///
    ///     cov(β̂) = N (Nᵀ ZᵀZ N)⁻¹ Nᵀ,   χ² = ‖w − Z·β̂‖²,   ν = n − (p − q)
    ///
    /// where (NᵀZᵀZN)⁻¹ comes from the triangular factor of the QR of Z·N (`dgels`, `dpotri`).
    /// Without constraints (q = 0) this is ``fit(design:observations:cholesky:)``.
    ///
    ///     // y = μ + b_i for two laboratories, constrained by b_1 + b_2 = 0:
    ///     let fit = try GeneralizedLeastSquares.fit(
    ///         design: Matrix(rows: 2, columns: 3, rowMajor: [1, 1, 0, 1, 0, 1]), observations: [10, 12],
    ///         cholesky: CholeskyFactorization(.identity(order: 2)),
    ///         constraints: Matrix(rows: 1, columns: 3, rowMajor: [0, 1, 1]), constraintValues: [0])
    ///     fit.coefficients           // [11, -1, 1]
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rank:columns:)`` when C lacks full row rank or
    ///   the stacked [Z; C] lacks full column rank (a parameter no observation or constraint fixes),
    ///   ``LinearAlgebraError/dimensionMismatch(expected:found:)`` and
    ///   ``LinearAlgebraError/nonFiniteEntry(row:column:)`` for shapes and data that do not fit.
    /// - Complexity: O(n²·p) for the whitening plus O(n·p²) for the solves; the factorization of V
    ///   (done by the caller) dominates when n ≫ p.
    public static func fit(
        design x: Matrix, observations y: [Double], cholesky: CholeskyFactorization, constraints c: Matrix,
        constraintValues d: [Double]
    ) throws(LinearAlgebraError) -> GeneralizedLeastSquares {
        guard c.rows > 0 else { return try fit(design: x, observations: y, cholesky: cholesky) }
        guard x.rows == y.count else { throw .dimensionMismatch(expected: x.rows, found: y.count) }
        guard cholesky.order == y.count else { throw .dimensionMismatch(expected: y.count, found: cholesky.order) }
        guard c.columns == x.columns else { throw .dimensionMismatch(expected: x.columns, found: c.columns) }
        guard d.count == c.rows else { throw .dimensionMismatch(expected: c.rows, found: d.count) }
        if let (i, j) = x.firstNonFiniteEntry { throw .nonFiniteEntry(row: i, column: j) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: i, column: 0) }
        let solution = try LeastSquares.solve(
            design: try cholesky.whiten(x), observations: try cholesky.whiten(y), constraints: c, constraintValues: d,
            withCovariance: ())
        return GeneralizedLeastSquares(
            coefficients: solution.coefficients,
            covariance: solution.covariance,
            residuals: zip(y, x * solution.coefficients).map(-),
            chiSquared: solution.residualSumOfSquares,
            degreesOfFreedom: y.count - (x.columns - c.rows))
    }
}

extension LeastSquares {
    /// The solution of an equality-constrained least-squares problem with the covariance of its
    /// estimates for unit-variance observations.
    public struct ConstrainedSolution: Sendable, Hashable {
        /// β̂, minimising ‖X·β − y‖ subject to C·β = d.
        public var coefficients: [Double]
        /// N (NᵀXᵀXN)⁻¹ Nᵀ, with N an orthonormal basis of the null space of C.
        public var covariance: Matrix
        /// ‖y − X·β̂‖².
        public var residualSumOfSquares: Double
    }

    /// Minimises ‖X·β − y‖² subject to C·β = d (LAPACK `dgglse`) and gives the covariance of β̂
    /// when the observations are independent with unit variance (whitened): with N an orthonormal
    /// basis of the null space of C (``Matrix/nullSpaceBasis(relativeTolerance:)``),
    /// cov(β̂) = N (NᵀXᵀXN)⁻¹ Nᵀ from the QR of X·N (`dgels`, `dpotri`).
    ///
    /// The trailing `withCovariance: ()` distinguishes it from
    /// ``solve(design:observations:constraints:constraintValues:)``, which returns β̂ alone.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rank:columns:)`` when C lacks full row rank or
    ///   [X; C] lacks full column rank (the QR of X·N finds a zero pivot).
    /// - Complexity: O(m·p²) plus O(p³) for the null space.
    public static func solve(
        design x: Matrix, observations y: [Double], constraints c: Matrix, constraintValues d: [Double],
        withCovariance: Void
    ) throws(LinearAlgebraError) -> ConstrainedSolution {
        guard c.rows > 0 else {
            let solution = try solve(design: x, observations: y)
            return ConstrainedSolution(
                coefficients: solution.coefficients,
                covariance: try solution.triangularFactor.inverseOfGramFromUpperFactor(),
                residualSumOfSquares: solution.residualSumOfSquares)
        }
        let coefficients = try solve(design: x, observations: y, constraints: c, constraintValues: d)
        let basis = try c.nullSpaceBasis()
        guard basis.columns == x.columns - c.rows else {
            throw .rankDeficient(rank: x.columns - basis.columns, columns: c.rows)
        }
        var covariance = Matrix(rows: x.columns, columns: x.columns)
        if basis.columns > 0 {
            let reduced = try solve(design: x * basis, observations: y)
            covariance = basis.sandwich(try reduced.triangularFactor.inverseOfGramFromUpperFactor())
        }
        let residuals = zip(y, x * coefficients).map(-)
        return ConstrainedSolution(
            coefficients: coefficients, covariance: covariance,
            residualSumOfSquares: residuals.reduce(0) { $0 + $1 * $1 })
    }
}

extension Matrix {
    /// An orthonormal basis of the null space {v : A·v = 0} of this matrix, as the columns of a
    /// p × (p − rank) matrix: the eigenvectors of AᵀA (LAPACK `dsyevd`) whose eigenvalues are at
    /// most `relativeTolerance` times the largest.
    ///
    ///     Matrix(rows: 1, columns: 2, rowMajor: [1, 1]).nullSpaceBasis()   // ±[0.7071, −0.7071]ᵀ
    ///
    /// - Complexity: O(m·p² + p³).
    public func nullSpaceBasis(relativeTolerance: Double = 1e-12) throws(LinearAlgebraError) -> Matrix {
        guard columns > 0 else { return Matrix(rows: 0, columns: 0) }
        let gram = rows == 0 ? Matrix(rows: columns, columns: columns) : gramian()
        let eigen = try SymmetricEigendecomposition(gram)
        let largest = eigen.eigenvalues.last ?? 0
        let null = eigen.eigenvalues.indices.filter { eigen.eigenvalues[$0] <= relativeTolerance * largest }
        var basis = Matrix(rows: columns, columns: null.count)
        for (k, j) in null.enumerated() {
            for i in 0..<columns { basis[i, k] = eigen.eigenvectors[i, j] }
        }
        return basis
    }
}
