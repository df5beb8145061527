/// One reading of a comparison model: what a laboratory measured on one artefact, at one point
/// of the measurand, at one time, with its standard uncertainty.
///
/// A reading's expectation is the artefact's value at that point and time plus the laboratory's
/// bias (Sutton, Metrologia 41 (2004) 272, eq. 1; White, Metrologia 41 (2004) 122, eq. 3):
///
///     x_r = μ(artefact, point) + β(artefact)·(t_r − t₀) + b(laboratory[, point]) + e_r,   cov(e) = V
///
/// A reading of kind ``Kind-swift.enum/degreeOfEquivalence`` is instead a degree of equivalence
/// the laboratory already holds against a reference value (its CIPM DoE, D_l = x_l − KCRV), whose
/// expectation is the bias b(laboratory) alone: the data through which a linked RMO comparison
/// keeps the CIPM KCRV invariant (Delahaye & Witt 2002; Elster, Link & Wöger, Metrologia 40
/// (2003) 189).
///
///     ComparisonReading(laboratory: "PTB", artefact: "T1", point: "10 Hz", time: 3,
///                       value: 1.000_012, standardUncertainty: 0.000_004)
public struct ComparisonReading: Sendable, Hashable, Codable {
    /// What a reading measures.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A measurement of an artefact: expectation μ + drift + b.
        case measurement
        /// A degree of equivalence already established against a reference value: expectation b.
        case degreeOfEquivalence
    }

    /// The reading's name, unique in the model; the errors and the covariance entries use it.
    public var identifier: String
    /// The laboratory that made the reading.
    public var laboratory: LaboratoryID
    /// The comparison the reading belongs to (e.g. "CCM.M-K1" and "APMP.M.M-K1" in a linked
    /// model); nil in a single comparison. Artefacts of different comparisons are different.
    public var comparison: String?
    /// The travelling standard measured; nil when the comparison has one.
    public var artefact: String?
    /// The point of the measurand (a frequency, a nominal value); nil when there is one.
    public var point: String?
    /// The time of the measurement, in the unit the model's drift uses (e.g. days); needed only
    /// for artefacts whose drift is modelled.
    public var time: Double?
    /// The circulation loop (for a drift that is linear within each loop).
    public var loop: String?
    /// The measured value x_r.
    public var value: Double
    /// u(x_r) > 0.
    public var standardUncertainty: Double
    /// ν_r, kept for the reports (the least-squares evaluation uses the covariance only).
    public var degreesOfFreedom: Double?
    /// A measurement (the default) or an established degree of equivalence.
    public var kind: Kind

    public init(
        identifier: String? = nil, laboratory: LaboratoryID, comparison: String? = nil, artefact: String? = nil,
        point: String? = nil, time: Double? = nil, loop: String? = nil, value: Double, standardUncertainty: Double,
        degreesOfFreedom: Double? = nil, kind: Kind = .measurement
    ) {
        self.identifier =
            identifier
            ?? ([laboratory.name, comparison, artefact, point, loop, time.map { "t=\($0)" }].compactMap { $0 }
                .joined(separator: "/"))
        self.laboratory = laboratory
        self.comparison = comparison
        self.artefact = artefact
        self.point = point
        self.time = time
        self.loop = loop
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.degreesOfFreedom = degreesOfFreedom
        self.kind = kind
    }

    /// u(x_r)².
    public var variance: Double { standardUncertainty * standardUncertainty }

    /// Checks the reading as ``LaboratoryResult/validate()`` checks a result: finite value, positive
    /// uncertainty within ``LaboratoryResult/magnitudeRange``, positive degrees of freedom, finite time.
    ///
    /// - Throws: ``KeyComparisonError`` naming the laboratory and the reading.
    public func validate() throws(KeyComparisonError) {
        do {
            try LaboratoryResult(
                laboratory: laboratory, value: value, standardUncertainty: standardUncertainty,
                degreesOfFreedom: degreesOfFreedom
            ).validate()
        } catch {
            throw error.naming(reading: identifier)
        }
        if let time, !time.isFinite {
            throw .nonFiniteValue(laboratory: laboratory, field: "time of reading \(identifier)")
        }
    }
}

extension KeyComparisonError {
    /// The same error with the field qualified by the reading it comes from.
    func naming(reading: String) -> KeyComparisonError {
        switch self {
        case .nonFiniteValue(let lab, let field):
            .nonFiniteValue(laboratory: lab, field: "\(field) of reading \(reading)")
        case .magnitudeOutOfRange(let lab, let field, let value):
            .magnitudeOutOfRange(laboratory: lab, field: "\(field) of reading \(reading)", value: value)
        default: self
        }
    }
}
