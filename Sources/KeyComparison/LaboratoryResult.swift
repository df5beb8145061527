/// A participant's reported result: value, standard uncertainty, degrees of freedom.
///
/// Uncertainties are always held as *standard* uncertainties u(x_i) in the unit of the
/// comparison; a result reported as an expanded uncertainty U with coverage factor k is stored
/// as u = U/k, with `reportedCoverageFactor` recording k for the report.
public struct LaboratoryResult: Sendable, Hashable, Codable {
    /// The participant.
    public var laboratory: LaboratoryID
    /// The measured value x_i.
    public var value: Double
    /// The standard uncertainty u(x_i) > 0, same unit as `value`.
    public var standardUncertainty: Double
    /// The degrees of freedom ν_i of u(x_i); nil means effectively infinite.
    public var degreesOfFreedom: Double?
    /// Whether the result takes part in the key comparison reference value (KCRV). Excluded
    /// results still receive a degree of equivalence, computed as uncorrelated with the KCRV.
    public var includedInReferenceValue: Bool
    /// The coverage factor k with which the laboratory reported an expanded uncertainty, if it did.
    public var reportedCoverageFactor: Double?

    public init(
        laboratory: LaboratoryID, value: Double, standardUncertainty: Double, degreesOfFreedom: Double? = nil,
        includedInReferenceValue: Bool = true, reportedCoverageFactor: Double? = nil
    ) {
        self.laboratory = laboratory
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.degreesOfFreedom = degreesOfFreedom
        self.includedInReferenceValue = includedInReferenceValue
        self.reportedCoverageFactor = reportedCoverageFactor
    }

    /// u(x_i)², the variance attributed to the result.
    public var variance: Double { standardUncertainty * standardUncertainty }

    /// Checks that the result is usable: finite value, positive finite uncertainty, positive
    /// degrees of freedom.
    public func validate() throws(KeyComparisonError) {
        guard value.isFinite else { throw .nonFiniteValue(laboratory: laboratory, field: "value") }
        guard standardUncertainty.isFinite else {
            throw .nonFiniteValue(laboratory: laboratory, field: "standardUncertainty")
        }
        guard standardUncertainty > 0 else {
            throw .nonPositiveUncertainty(laboratory: laboratory, value: standardUncertainty)
        }
        if let nu = degreesOfFreedom, !(nu > 0) {
            throw .invalidDegreesOfFreedom(laboratory: laboratory, value: nu)
        }
    }
}
