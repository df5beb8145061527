/// A laboratory's performance scores against a reference value: E_n, ζ, and — with a standard
/// deviation for proficiency assessment σ_pt — z and z′, each with its ISO 13528 verdict.
///
/// Against the reference value of an ``Evaluation`` (the key comparison form, d_i = x_i − y):
///
/// - E_n = d_i / U(d_i), the normalized error of the degree of equivalence (ISO/IEC 17043 Annex B;
///   ISO 13528:2015 §9.7); for Procedure A it is the `normalizedError` of the evaluation.
/// - ζ = d_i / u(d_i) (ISO 13528:2015 §9.6), with u(d_i) from the same degree of equivalence, so
///   the covariance between x_i and a reference value it contributed to is accounted for.
/// - z = d_i / σ_pt and z′ = d_i / √(σ_pt² + u²(y)) (ISO 13528:2015 §9.4, §9.5).
///
/// Against a given (independent) assigned value X with u(X), U(X):
/// E_n = (x_i − X)/√(U_i² + U(X)²), U_i = k_i·u_i with the laboratory's reported coverage factor
/// (else k); ζ = (x_i − X)/√(u_i² + u²(X)).
///
/// A score whose denominator is zero (a single included laboratory has U(d_i) = 0) is omitted,
/// never written as infinity or NaN.
///
///     let scores = try LaboratoryScore.scores(from: WeightedMean().evaluate(pcb28))
///     scores[5].normalizedError   // NRC: 3.03, .unsatisfactory
public struct LaboratoryScore: Sendable, Hashable, Codable {
    /// The laboratory.
    public var laboratory: LaboratoryID
    /// Whether the result took part in the reference value.
    public var includedInReferenceValue: Bool
    /// x_i − x_ref.
    public var difference: Double
    /// E_n.
    public var normalizedError: Double?
    /// The E_n verdict (|E_n| ≤ 1 satisfactory).
    public var normalizedErrorPerformance: PerformanceClassification?
    /// ζ.
    public var zeta: Double?
    /// The ζ verdict.
    public var zetaPerformance: PerformanceClassification?
    /// z = (x_i − x_ref)/σ_pt, when σ_pt is given.
    public var zScore: Double?
    /// The z verdict.
    public var zScorePerformance: PerformanceClassification?
    /// z′ = (x_i − x_ref)/√(σ_pt² + u²(x_ref)), when σ_pt is given.
    public var zPrimeScore: Double?
    /// The z′ verdict.
    public var zPrimeScorePerformance: PerformanceClassification?

    public init(
        laboratory: LaboratoryID, includedInReferenceValue: Bool, difference: Double, normalizedError: Double?,
        zeta: Double?, zScore: Double? = nil, zPrimeScore: Double? = nil
    ) {
        self.laboratory = laboratory
        self.includedInReferenceValue = includedInReferenceValue
        self.difference = difference
        self.normalizedError = normalizedError
        self.normalizedErrorPerformance = normalizedError.map { PerformanceClassification(normalizedError: $0) }
        self.zeta = zeta
        self.zetaPerformance = zeta.map { PerformanceClassification(zScore: $0) }
        self.zScore = zScore
        self.zScorePerformance = zScore.map { PerformanceClassification(zScore: $0) }
        self.zPrimeScore = zPrimeScore
        self.zPrimeScorePerformance = zPrimeScore.map { PerformanceClassification(zScore: $0) }
    }

    /// The scores of every laboratory against an evaluation's reference value, from its degrees of
    /// equivalence.
    ///
    /// - Parameter sigma: σ_pt for z and z′ (nil: no z scores).
    /// - Throws: ``KeyComparisonError/invalidSetting(_:value:reason:)`` for σ_pt ≤ 0 or not finite.
    public static func scores(from evaluation: Evaluation, proficiencyStandardDeviation sigma: Double? = nil)
        throws(KeyComparisonError) -> [LaboratoryScore]
    {
        try validate(sigma)
        let uRef = evaluation.referenceValue.standardUncertainty
        return evaluation.degreesOfEquivalence.map { doe in
            let d = doe.difference
            return LaboratoryScore(
                laboratory: doe.laboratory, includedInReferenceValue: doe.includedInReferenceValue, difference: d,
                normalizedError: ratio(d, doe.expandedUncertainty),
                zeta: doe.standardUncertainty.flatMap { ratio(d, $0) },
                zScore: sigma.flatMap { ratio(d, $0) },
                zPrimeScore: sigma.flatMap { ratio(d, ($0 * $0 + uRef * uRef).squareRoot()) })
        }
    }

    /// The scores of every laboratory against an assigned value that does not depend on the
    /// results (a reference laboratory's value, a certified value).
    ///
    /// - Parameters:
    ///   - reference: X with u(X) and U(X).
    ///   - coverageFactor: k for U_i = k·u_i when a result reports no coverage factor.
    ///   - sigma: σ_pt for z and z′ (nil: no z scores).
    /// - Throws: ``KeyComparisonError/invalidSetting(_:value:reason:)`` for a non-finite or
    ///   negative reference uncertainty, or σ_pt ≤ 0.
    public static func scores(
        of comparison: Comparison, against reference: ReferenceValue, coverageFactor: Double = 2,
        proficiencyStandardDeviation sigma: Double? = nil
    ) throws(KeyComparisonError) -> [LaboratoryScore] {
        try validate(sigma)
        guard reference.value.isFinite else {
            throw .invalidArgument("referenceValue", value: "\(reference.value)", reason: "must be finite")
        }
        for (name, value) in [
            ("referenceStandardUncertainty", reference.standardUncertainty),
            ("referenceExpandedUncertainty", reference.expandedUncertainty), ("coverageFactor", coverageFactor),
        ] where !(value.isFinite && value >= 0) {
            throw .invalidArgument(name, value: "\(value)", reason: "must be finite and not negative")
        }
        let uRef = reference.standardUncertainty
        let bigURef = reference.expandedUncertainty
        return comparison.results.map { result in
            let d = result.value - reference.value
            let bigU = (result.reportedCoverageFactor ?? coverageFactor) * result.standardUncertainty
            return LaboratoryScore(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue, difference: d,
                normalizedError: ratio(d, (bigU * bigU + bigURef * bigURef).squareRoot()),
                zeta: ratio(d, (result.variance + uRef * uRef).squareRoot()),
                zScore: sigma.flatMap { ratio(d, $0) },
                zPrimeScore: sigma.flatMap { ratio(d, ($0 * $0 + uRef * uRef).squareRoot()) })
        }
    }

    private static func validate(_ sigma: Double?) throws(KeyComparisonError) {
        if let sigma, !(sigma.isFinite && sigma > 0) {
            throw .invalidSetting(
                .proficiencyStandardDeviation, value: "\(sigma)", reason: "must be positive and finite")
        }
    }

    /// a/b, or nil when b is not positive (a score that does not exist, not an infinity).
    private static func ratio(_ a: Double, _ b: Double) -> Double? {
        b > 0 && b.isFinite ? a / b : nil
    }
}
