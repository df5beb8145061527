import LinearAlgebra

extension KeyComparisonError {
    /// The error for a Cholesky factorization of a covariance (or correlation) matrix that failed:
    /// ``covarianceNotPositiveDefinite(laboratory:leadingMinor:)`` naming the laboratory whose row
    /// ends the first leading minor that is not positive (LAPACK `dpotrf`'s `info`), or the first
    /// laboratory when LAPACK gives no minor (non-finite entries).
    ///
    /// - Parameter laboratories: the laboratories of the matrix's rows, in order.
    static func notPositiveDefinite(_ error: LinearAlgebraError, laboratories: [LaboratoryID]) -> KeyComparisonError {
        var minor = 1
        if case .notPositiveDefinite(let leading) = error, (1...Swift.max(1, laboratories.count)).contains(leading) {
            minor = leading
        }
        let laboratory = laboratories.indices.contains(minor - 1) ? laboratories[minor - 1] : LaboratoryID("")
        return .covarianceNotPositiveDefinite(laboratory: laboratory, leadingMinor: minor)
    }
}
