import LinearAlgebra

/// Known covariances between the readings of a comparison model, within a laboratory or between
/// laboratories, as the three forms a pilot meets them in.
///
/// V starts as diag(u_r²); each term adds its covariance to the off-diagonal entries it names
/// (covariances from separate shared effects add, GUM 5.2.2 and F.1.2.3):
///
/// - a **correlation** r between two readings adds r·u_a·u_b;
/// - a **block** adds the off-diagonal entries of a covariance matrix among listed readings (its
///   diagonal must repeat their u_r²);
/// - a **shared component** of standard uncertainty u_s (a common reference standard, a
///   linking laboratory's systematic effect present in both of its results) adds u_s² to every
///   pair of the listed readings.
///
/// A covariance derived from a traceability graph reaches a model as blocks.
///
///     var covariance = ReadingCovariance()
///     covariance.correlations.append(.init("PTB/CCM", "PTB/EURAMET", coefficient: 0.7))
public struct ReadingCovariance: Sendable, Hashable {
    /// A correlation coefficient between two readings.
    public struct ReadingCorrelation: Sendable, Hashable, Codable {
        /// The two readings' identifiers.
        public var readings: [String]
        /// r in [−1, 1].
        public var coefficient: Double

        public init(_ first: String, _ second: String, coefficient: Double) {
            self.readings = [first, second]
            self.coefficient = coefficient
        }
    }

    /// A covariance matrix among some readings.
    public struct Block: Sendable, Hashable {
        /// The readings of the rows (and columns), in order.
        public var readings: [String]
        /// Their covariance matrix.
        public var covariance: Matrix

        public init(readings: [String], covariance: Matrix) {
            self.readings = readings
            self.covariance = covariance
        }
    }

    /// An effect common to several readings: u_s² is their pairwise covariance.
    public struct SharedComponent: Sendable, Hashable, Codable {
        /// The readings that share the effect.
        public var readings: [String]
        /// u_s, in the unit of the readings.
        public var standardUncertainty: Double

        public init(readings: [String], standardUncertainty: Double) {
            self.readings = readings
            self.standardUncertainty = standardUncertainty
        }
    }

    /// Pairwise correlation coefficients.
    public var correlations: [ReadingCorrelation]
    /// Covariance blocks.
    public var blocks: [Block]
    /// Shared components.
    public var sharedComponents: [SharedComponent]

    public init(correlations: [ReadingCorrelation] = [], blocks: [Block] = [], sharedComponents: [SharedComponent] = [])
    {
        self.correlations = correlations
        self.blocks = blocks
        self.sharedComponents = sharedComponents
    }

    /// True when no term is given: the readings are independent.
    public var isEmpty: Bool { correlations.isEmpty && blocks.isEmpty && sharedComponents.isEmpty }

    /// The covariance matrix V of the readings, in their order.
    ///
    /// - Throws: ``KeyComparisonError/unknownReading(_:)``,
    ///   ``KeyComparisonError/invalidReadingCorrelation(first:second:coefficient:)``,
    ///   ``KeyComparisonError/invalidModel(field:reason:)`` for a block of the wrong shape or with a
    ///   diagonal that contradicts the readings' uncertainties.
    /// - Complexity: O(n²) to allocate, plus the size of the terms.
    public func matrix(for readings: [ComparisonReading]) throws(KeyComparisonError) -> Matrix {
        try accumulate(for: readings, building: true) ?? Matrix.diagonal(readings.map(\.variance))
    }

    /// Checks every term against the readings without building V (O(size of the terms), not O(n²)).
    ///
    /// - Throws: as ``matrix(for:)``.
    func validate(for readings: [ComparisonReading]) throws(KeyComparisonError) {
        _ = try accumulate(for: readings, building: false)
    }

    /// V when `building`, else nil after the same checks.
    private func accumulate(for readings: [ComparisonReading], building: Bool) throws(KeyComparisonError) -> Matrix? {
        var index: [String: Int] = [:]
        for (i, reading) in readings.enumerated() { index[reading.identifier] = i }
        func position(_ name: String) throws(KeyComparisonError) -> Int {
            guard let i = index[name] else { throw .unknownReading(name) }
            return i
        }
        var v = building ? Matrix.diagonal(readings.map(\.variance)) : nil
        for (number, term) in correlations.enumerated() {
            guard term.readings.count == 2 else {
                throw .invalidModel(
                    field: "correlations[\(number)].readings",
                    reason: "name exactly two readings, found \(term.readings.count)")
            }
            let (i, j) = (try position(term.readings[0]), try position(term.readings[1]))
            let r = term.coefficient
            guard i != j, r.isFinite, abs(r) <= 1 else {
                throw .invalidReadingCorrelation(first: term.readings[0], second: term.readings[1], coefficient: r)
            }
            let c = r * readings[i].standardUncertainty * readings[j].standardUncertainty
            v?[i, j] += c
            v?[j, i] += c
        }
        for (number, block) in blocks.enumerated() {
            let m = block.readings.count
            guard block.covariance.rows == m, block.covariance.columns == m else {
                throw .invalidModel(
                    field: "covarianceBlocks[\(number)]",
                    reason:
                        "a \(m) × \(m) matrix is needed for \(m) readings, found \(block.covariance.rows) × \(block.covariance.columns)"
                )
            }
            let positions = try block.readings.map { (name: String) throws(KeyComparisonError) in try position(name) }
            for (p, i) in positions.enumerated() {
                let u2 = readings[i].variance
                let diagonal = block.covariance[p, p]
                guard diagonal.isFinite, abs(diagonal - u2) <= 1e-6 * u2 else {
                    throw .invalidModel(
                        field: "covarianceBlocks[\(number)]",
                        reason:
                            "the diagonal entry \(diagonal) of reading \(readings[i].identifier) differs from its u² = \(u2)"
                    )
                }
                for (q, j) in positions.enumerated() where q != p {
                    let c = block.covariance[p, q]
                    guard c.isFinite, abs(c - block.covariance[q, p]) <= 1e-9 * (u2 * readings[j].variance).squareRoot()
                    else {
                        throw .invalidModel(
                            field: "covarianceBlocks[\(number)]",
                            reason:
                                "the entry between \(readings[i].identifier) and \(readings[j].identifier) is not finite or not symmetric"
                        )
                    }
                    v?[i, j] += c
                }
            }
        }
        for (number, shared) in sharedComponents.enumerated() {
            let u = shared.standardUncertainty
            guard u.isFinite, u >= 0, u <= LaboratoryResult.magnitudeRange.upperBound else {
                throw .invalidModel(
                    field: "sharedComponents[\(number)].standardUncertainty",
                    reason: "must be a finite non-negative number, found \(u)")
            }
            let positions = try shared.readings.map { (name: String) throws(KeyComparisonError) in try position(name) }
            guard Set(positions).count == positions.count else {
                throw .invalidModel(field: "sharedComponents[\(number)].readings", reason: "a reading is listed twice")
            }
            // Unwrapped once, with the optional emptied, so that the O(m²) update does not copy V.
            guard var matrix = v else { continue }
            v = nil
            matrix.addToOffDiagonalEntries(among: positions, value: u * u)
            v = matrix
        }
        return v
    }
}
