/// One laboratory's value of a per-laboratory consistency statistic (Mandel h or k, MSD,
/// pair-difference χ²), with its p-value and critical values where the statistic has them, and
/// the ISO 5725-2 verdict.
public struct LaboratoryStatistic: Sendable, Hashable, Codable {
    /// The laboratory.
    public var laboratory: LaboratoryID
    /// The statistic's value for this laboratory.
    public var value: Double
    /// The probability of a value at least as large under the hypothesis that every result is
    /// consistent (a parametric-bootstrap estimate for MSD and the pair-difference χ²).
    public var pValue: Double?
    /// The critical values, when they depend on the laboratory (simulated ones do: each
    /// laboratory has its own uncertainty).
    public var criticalValues: CriticalValues?
    /// The verdict against the critical values.
    public var classification: OutlierClassification?

    public init(
        laboratory: LaboratoryID, value: Double, pValue: Double? = nil, criticalValues: CriticalValues? = nil,
        classification: OutlierClassification? = nil
    ) {
        self.laboratory = laboratory
        self.value = value
        self.pValue = pValue
        self.criticalValues = criticalValues
        self.classification = classification
    }
}
