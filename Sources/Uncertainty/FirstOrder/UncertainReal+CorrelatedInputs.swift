import LinearAlgebra

extension UncertainReal {
    /// Input quantities created together with a correlation matrix R (GUM 5.2; JCGM 101 6.4.8):
    /// cov(x_i, x_j) = u(x_i)·r_ij·u(x_j).
    ///
    ///     // GUM H.2: the means of V, I and φ from five simultaneous sets, one ensemble with ν = 4
    ///     let r = Matrix(rows: 3, columns: 3, rowMajor: [1, -0.36, 0.86, -0.36, 1, -0.65, 0.86, -0.65, 1])
    ///     let inputs = try UncertainReal.correlatedInputs(
    ///         values: [4.999, 19.661e-3, 1.04446], standardUncertainties: [3.2e-3, 9.5e-6, 7.5e-4],
    ///         correlation: r, degreesOfFreedom: 4, labels: ["V", "I", "phi"])
    ///
    /// R must be symmetric with a unit diagonal, |r_ij| ≤ 1, and positive semi-definite (its
    /// smallest eigenvalue, from LAPACK `dsyevd`, is ≥ −10⁻¹² times the largest).
    ///
    /// Degrees of freedom: members with finite ν joined by non-zero correlations form an
    /// ensemble (Willink, Metrologia 44 (2007) 340, §4.1): they must share one ν, as inputs
    /// estimated from the same observations do, and count as one component in the
    /// Welch–Satterthwaite formula. A non-zero correlation between a finite-ν input and an input
    /// with another ν (finite or infinite) has no valid effective degrees of freedom and is
    /// refused, as GUM Tree Calculator refuses it.
    ///
    /// - Parameters:
    ///   - degreesOfFreedom: ν of each member; nil means all infinite.
    ///   - labels: the names of the members (used in budgets and errors).
    /// - Throws: ``UncertaintyError/dimensionMismatch(quantity:expected:found:)``,
    ///   ``UncertaintyError/invalidCorrelation(quantities:coefficient:)``,
    ///   ``UncertaintyError/correlationNotPositiveSemidefinite(quantities:smallestEigenvalue:)``,
    ///   ``UncertaintyError/correlatedInputsNotAnEnsemble(first:second:)`` and the errors of
    ///   ``input(value:standardUncertainty:degreesOfFreedom:label:)``.
    /// - Complexity: O(m³) for the eigenvalue check of an m × m correlation matrix.
    public static func correlatedInputs(
        values: [Double], standardUncertainties: [Double], correlation: Matrix, degreesOfFreedom: [Double]? = nil,
        labels: [String]? = nil
    ) throws(UncertaintyError) -> [UncertainReal] {
        try makeInputs(
            values: values, standardUncertainties: standardUncertainties, correlation: correlation,
            degreesOfFreedom: degreesOfFreedom, labels: labels, oneEnsemble: false)
    }

    /// Input quantities with a common ν: when ν is finite they form one ensemble, correlated or
    /// not (GTC's `multiple_ureal`; the real and imaginary parts of a complex input). See
    /// ``correlatedInputs(values:standardUncertainties:correlation:degreesOfFreedom:labels:)``.
    public static func correlatedInputs(
        values: [Double], standardUncertainties: [Double], correlation: Matrix, degreesOfFreedom: Double,
        labels: [String]? = nil
    ) throws(UncertaintyError) -> [UncertainReal] {
        try makeInputs(
            values: values, standardUncertainties: standardUncertainties, correlation: correlation,
            degreesOfFreedom: [Double](repeating: degreesOfFreedom, count: values.count), labels: labels,
            oneEnsemble: true)
    }

    private static func makeInputs(
        values: [Double], standardUncertainties: [Double], correlation: Matrix, degreesOfFreedom: [Double]?,
        labels: [String]?, oneEnsemble: Bool
    ) throws(UncertaintyError) -> [UncertainReal] {
        let m = values.count
        let names = labels ?? (0..<m).map { "input \($0 + 1)" }
        let nu = degreesOfFreedom ?? [Double](repeating: .infinity, count: m)
        guard standardUncertainties.count == m else {
            throw .dimensionMismatch(quantity: "standardUncertainties", expected: m, found: standardUncertainties.count)
        }
        guard names.count == m else { throw .dimensionMismatch(quantity: "labels", expected: m, found: names.count) }
        guard nu.count == m else {
            throw .dimensionMismatch(quantity: "degreesOfFreedom", expected: m, found: nu.count)
        }
        guard correlation.rows == m, correlation.columns == m else {
            throw .dimensionMismatch(quantity: "correlation", expected: m, found: correlation.rows)
        }
        for k in 0..<m {
            try InputValidation.check(
                value: values[k], standardUncertainty: standardUncertainties[k], quantity: names[k])
            try InputValidation.check(degreesOfFreedom: nu[k], quantity: names[k])
        }
        let group = try makeGroup(
            correlation: correlation, degreesOfFreedom: nu, names: names, oneEnsemble: oneEnsemble)
        return (0..<m).map { k in
            let properties = InputProperties(
                label: labels?[k], value: values[k], standardUncertainty: standardUncertainties[k],
                degreesOfFreedom: nu[k], group: group, member: k)
            return UncertainReal(value: values[k], node: .input(properties))
        }
    }

    /// Input quantities with the covariance matrix V: u(x_i) = √v_ii, r_ij = v_ij/(u_i u_j), e.g.
    /// the parameters of a least-squares fit with cov = (XᵀV⁻¹X)⁻¹.
    ///
    /// - Throws: as ``correlatedInputs(values:standardUncertainties:correlation:degreesOfFreedom:labels:)``;
    ///   a negative variance is ``UncertaintyError/invalidUncertainty(quantity:value:)``, a
    ///   covariance with a zero variance ``UncertaintyError/invalidCorrelation(quantities:coefficient:)``.
    public static func correlatedInputs(
        values: [Double], covariance: Matrix, degreesOfFreedom: Double = .infinity, labels: [String]? = nil
    ) throws(UncertaintyError) -> [UncertainReal] {
        let m = values.count
        let names = labels ?? (0..<m).map { "input \($0 + 1)" }
        guard covariance.rows == m, covariance.columns == m else {
            throw .dimensionMismatch(quantity: "covariance", expected: m, found: covariance.rows)
        }
        guard names.count == m else { throw .dimensionMismatch(quantity: "labels", expected: m, found: names.count) }
        var u = [Double](repeating: 0, count: m)
        for k in 0..<m {
            let v = covariance[k, k]
            guard v.isFinite, v >= 0 else { throw .invalidUncertainty(quantity: names[k], value: v) }
            u[k] = v.squareRoot()
        }
        var r = Matrix.identity(order: m)
        for j in 0..<m {
            for i in 0..<m where i != j {
                let v = covariance[i, j]
                if u[i] > 0, u[j] > 0 {
                    r[i, j] = v / (u[i] * u[j])
                } else if v != 0 {
                    throw .invalidCorrelation(quantities: [names[i], names[j]], coefficient: .infinity)
                }
            }
        }
        return try makeInputs(
            values: values, standardUncertainties: u, correlation: r,
            degreesOfFreedom: [Double](repeating: degreesOfFreedom, count: m), labels: labels, oneEnsemble: true)
    }

    /// Checks R and assigns ensembles; nil when R has no non-zero off-diagonal entry and the
    /// members need not form one ensemble.
    private static func makeGroup(
        correlation r: Matrix, degreesOfFreedom nu: [Double], names: [String], oneEnsemble: Bool
    ) throws(UncertaintyError) -> CorrelationGroup? {
        let m = r.rows
        var correlated = false
        for i in 0..<m {
            guard r[i, i] == 1 else {
                throw .invalidCorrelation(quantities: [names[i], names[i]], coefficient: r[i, i])
            }
            for j in 0..<i {
                let rij = r[i, j]
                guard rij.isFinite, Swift.abs(rij) <= 1, Swift.abs(rij - r[j, i]) <= 1e-12 else {
                    throw .invalidCorrelation(quantities: [names[i], names[j]], coefficient: rij)
                }
                if rij != 0 { correlated = true }
            }
        }
        let wholeEnsemble = oneEnsemble && m > 1 && nu.allSatisfy(\.isFinite)
        guard correlated || wholeEnsemble else { return nil }
        if correlated {
            let eigen: SymmetricEigendecomposition
            do {
                eigen = try SymmetricEigendecomposition(r)
            } catch {
                throw .linearAlgebra(error)
            }
            guard eigen.isPositiveSemidefinite(relativeTolerance: 1e-12) else {
                throw .correlationNotPositiveSemidefinite(quantities: names, smallestEigenvalue: eigen.eigenvalues[0])
            }
        }
        // Ensembles: connected components of finite-ν members under non-zero correlation.
        var parent = Array(0..<m)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var inEnsemble = [Bool](repeating: wholeEnsemble, count: m)
        for i in 0..<m {
            for j in 0..<i where r[i, j] != 0 && (nu[i].isFinite || nu[j].isFinite) {
                guard nu[i] == nu[j] else { throw .correlatedInputsNotAnEnsemble(first: names[j], second: names[i]) }
                parent[root(i)] = root(j)
                inEnsemble[i] = true
                inEnsemble[j] = true
            }
        }
        var ensembleOfRoot: [Int: Int] = [:]
        let ensemble: [Int?] = (0..<m).map { i in
            guard !wholeEnsemble else { return 0 }
            guard inEnsemble[i] else { return nil }
            let representative = root(i)
            if let e = ensembleOfRoot[representative] { return e }
            let e = ensembleOfRoot.count
            ensembleOfRoot[representative] = e
            return e
        }
        var rowMajor = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m { rowMajor[i * m + j] = i == j ? 1 : r[i, j] }
        }
        return CorrelationGroup(order: m, correlation: rowMajor, ensemble: ensemble)
    }
}
