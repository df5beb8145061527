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

    /// The magnitudes an evaluation can work with: 10⁻¹⁵⁰ ≤ u(x_i) ≤ 10¹⁵⁰ and |x_i| ≤ 10¹⁵⁰.
    ///
    /// Inside this range u², 1/u² and squared differences of values are normal double-precision
    /// numbers (the largest is 1.8·10³⁰⁸, the smallest normal 2.2·10⁻³⁰⁸), so weights and χ² do
    /// not overflow or vanish; results outside it belong in another unit (a value of 10²⁰⁰ kg is
    /// better given in other units, and no uncertainty is 10⁻²⁰⁰ of anything measurable).
    public static let magnitudeRange: ClosedRange<Double> = 1e-150...1e150

    /// Checks that the result is usable: finite value, positive finite uncertainty, positive
    /// (not subnormal) degrees of freedom, magnitudes within ``magnitudeRange``.
    public func validate() throws(KeyComparisonError) {
        guard value.isFinite else { throw .nonFiniteValue(laboratory: laboratory, field: "value") }
        guard standardUncertainty.isFinite else {
            throw .nonFiniteValue(laboratory: laboratory, field: "standardUncertainty")
        }
        guard standardUncertainty > 0 else {
            throw .nonPositiveUncertainty(laboratory: laboratory, value: standardUncertainty)
        }
        guard Self.magnitudeRange.contains(standardUncertainty) else {
            throw .magnitudeOutOfRange(laboratory: laboratory, field: "standardUncertainty", value: standardUncertainty)
        }
        guard value.magnitude <= Self.magnitudeRange.upperBound else {
            throw .magnitudeOutOfRange(laboratory: laboratory, field: "value", value: value)
        }
        // Positive and not subnormal: the bootstrap draws χ² with shape ν/2, which must not vanish.
        if let nu = degreesOfFreedom, !(nu > 0 && (nu.isNormal || nu == .infinity)) {
            throw .invalidDegreesOfFreedom(laboratory: laboratory, value: nu)
        }
    }
}
