import LinearAlgebra

/// A key comparison: the results of the participants for one measurand, in one unit, with
/// optional correlations between them.
///
/// The initializers validate everything a later evaluation relies on — finite values, positive
/// uncertainties, unique laboratory names, a covariance matrix that is symmetric, consistent with
/// the uncertainties and positive definite — so an evaluation never meets bad data halfway.
///
///     let comparison = try Comparison(identifier: "CCQM-K25", unit: "ng/g", results: [
///         LaboratoryResult(laboratory: "IRMM", value: 34.30, standardUncertainty: 1.03),
///         LaboratoryResult(laboratory: "NRC", value: 35.80, standardUncertainty: 0.38),
///     ])
public struct Comparison: Sendable, Hashable {
    /// The comparison's identifier, e.g. "CCQM-K25".
    public var identifier: String
    /// The measurand in words.
    public var measurand: String?
    /// The unit of every value and uncertainty, e.g. "ng/g" ("1" for a dimensionless quantity).
    public var unit: String?
    /// The results in report order.
    public private(set) var results: [LaboratoryResult]
    /// The full covariance matrix of the results, in result order; nil when they are independent.
    public private(set) var covariance: Matrix?

    /// Creates a comparison from results and an optional full covariance matrix.
    ///
    /// - Throws: ``KeyComparisonError`` naming the laboratory at fault.
    public init(
        identifier: String, measurand: String? = nil, unit: String? = nil, results: [LaboratoryResult],
        covariance: Matrix? = nil
    ) throws(KeyComparisonError) {
        self.identifier = identifier
        self.measurand = measurand
        self.unit = unit
        self.results = results
        self.covariance = covariance
        try validate()
    }

    /// Creates a comparison whose covariance is built from pairwise correlation coefficients:
    /// u(x_i, x_j) = r_ij·u_i·u_j (GUM 5.2.2).
    public init(
        identifier: String, measurand: String? = nil, unit: String? = nil, results: [LaboratoryResult],
        correlations: [Correlation]
    ) throws(KeyComparisonError) {
        self.identifier = identifier
        self.measurand = measurand
        self.unit = unit
        self.results = results
        self.covariance = nil
        for result in results { try result.validate() }
        if !correlations.isEmpty {
            var v = Matrix.diagonal(results.map(\.variance))
            let index = try Self.indexByLaboratory(results)
            for (number, correlation) in correlations.enumerated() {
                guard correlation.laboratories.count == 2 else {
                    throw .malformedFile(
                        location: "correlations[\(number)].laboratories",
                        reason: "name exactly two laboratories, found \(correlation.laboratories.count)")
                }
                let (a, b) = (correlation.first, correlation.second)
                guard let i = index[a] else { throw .unknownLaboratory(a) }
                guard let j = index[b] else { throw .unknownLaboratory(b) }
                let r = correlation.coefficient
                guard i != j, r.isFinite, abs(r) <= 1 else {
                    throw .invalidCorrelation(first: a, second: b, coefficient: r)
                }
                let c = r * results[i].standardUncertainty * results[j].standardUncertainty
                v[i, j] = c
                v[j, i] = c
            }
            self.covariance = v
        }
        try validate()
    }

    private static func indexByLaboratory(_ results: [LaboratoryResult]) throws(KeyComparisonError) -> [LaboratoryID:
        Int]
    {
        var index: [LaboratoryID: Int] = [:]
        for (i, result) in results.enumerated() {
            guard result.laboratory.name.contains(where: { !$0.isWhitespace }) else {
                throw .emptyLaboratoryName(index: i + 1)
            }
            if index.updateValue(i, forKey: result.laboratory) != nil { throw .duplicateLaboratory(result.laboratory) }
        }
        return index
    }

    private func validate() throws(KeyComparisonError) {
        for result in results { try result.validate() }
        _ = try Self.indexByLaboratory(results)
        guard let v = covariance else { return }
        let n = results.count
        guard v.rows == n, v.columns == n else { throw .covarianceShape(expected: n, rows: v.rows, columns: v.columns) }
        guard n > 0 else { return }
        for j in 0..<n {
            for i in 0..<n where !v[i, j].isFinite {
                throw .nonFiniteValue(laboratory: results[i].laboratory, field: "covariance[\(results[j].laboratory)]")
            }
        }
        for i in 0..<n {
            let u2 = results[i].variance
            if abs(v[i, i] - u2) > 1e-6 * u2 {
                throw .covarianceDiagonalMismatch(
                    laboratory: results[i].laboratory, covariance: v[i, i], uncertaintySquared: u2)
            }
        }
        if let (i, j) = v.firstAsymmetricEntry(relativeTolerance: 1e-9) {
            throw .covarianceNotSymmetric(first: results[i].laboratory, second: results[j].laboratory)
        }
        do {
            _ = try CholeskyFactorization(v, symmetryTolerance: nil)
        } catch {
            throw .notPositiveDefinite(error, laboratories: results.map(\.laboratory))
        }
    }

    /// The participants in result order.
    public var laboratories: [LaboratoryID] { results.map(\.laboratory) }

    /// The position of a laboratory's result, or nil.
    public func index(of laboratory: LaboratoryID) -> Int? {
        results.firstIndex { $0.laboratory == laboratory }
    }

    /// The result of a laboratory, or nil.
    public func result(for laboratory: LaboratoryID) -> LaboratoryResult? {
        index(of: laboratory).map { results[$0] }
    }

    /// Positions of the results included in the reference value.
    public var includedIndices: [Int] { results.indices.filter { results[$0].includedInReferenceValue } }

    /// The results included in the reference value.
    public var includedResults: [LaboratoryResult] { results.filter(\.includedInReferenceValue) }

    /// True when a covariance with non-zero off-diagonal entries was given.
    public var isCorrelated: Bool {
        guard let v = covariance else { return false }
        for j in 0..<v.columns {
            for i in 0..<v.rows where i != j && v[i, j] != 0 { return true }
        }
        return false
    }

    /// The full covariance matrix V of the results: the given one, or diag(u_i²).
    public var covarianceMatrix: Matrix { covariance ?? .diagonal(results.map(\.variance)) }

    /// The covariance between results i and j (u_i² on the diagonal).
    public func covariance(_ i: Int, _ j: Int) -> Double {
        if let v = covariance { return v[i, j] }
        return i == j ? results[i].variance : 0
    }

    /// A copy in which exactly the given laboratories are included in the reference value.
    ///
    /// - Throws: ``KeyComparisonError/unknownLaboratory(_:)`` for a name without a result.
    public func including(only laboratories: Set<LaboratoryID>) throws(KeyComparisonError) -> Comparison {
        for lab in laboratories where index(of: lab) == nil { throw .unknownLaboratory(lab) }
        var copy = self
        for i in copy.results.indices {
            copy.results[i].includedInReferenceValue = laboratories.contains(copy.results[i].laboratory)
        }
        return copy
    }

    /// A copy with the values and uncertainties (and covariance) transformed: x → a·x + b,
    /// u → |a|·u. Useful for unit changes and for invariance checks.
    public func rescaled(by a: Double, shiftedBy b: Double = 0) -> Comparison {
        var copy = self
        for i in copy.results.indices {
            copy.results[i].value = a * copy.results[i].value + b
            copy.results[i].standardUncertainty *= abs(a)
        }
        if let v = covariance { copy.covariance = (a * a) * v }
        return copy
    }
}

/// A correlation coefficient r(x_a, x_b) between the results of two laboratories.
public struct Correlation: Sendable, Hashable, Codable {
    /// The two laboratories.
    public var laboratories: [LaboratoryID]
    /// r in [−1, 1].
    public var coefficient: Double

    public init(_ first: LaboratoryID, _ second: LaboratoryID, coefficient: Double) {
        self.laboratories = [first, second]
        self.coefficient = coefficient
    }

    var first: LaboratoryID { laboratories.first ?? "" }
    var second: LaboratoryID { laboratories.count > 1 ? laboratories[1] : "" }
}
