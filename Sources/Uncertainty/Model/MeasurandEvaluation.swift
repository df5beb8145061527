/// The first-order result for one measurand: y, u(y), ν_eff, k_p, U = k_p·u(y) and the budget
/// (GUM 5, 6 and G.6.4).
public struct MeasurandEvaluation: Sendable, Hashable {
    /// The measurand's name.
    public var name: String
    /// Its unit, when the model gives one.
    public var unit: String?
    /// y.
    public var value: Double
    /// u(y).
    public var standardUncertainty: Double
    /// ν_eff (Welch–Satterthwaite, Willink's ensembles); infinite when every input's is.
    public var effectiveDegreesOfFreedom: Double
    /// p.
    public var coverageProbability: Double
    /// k_p = t_{(1+p)/2}(ν_eff).
    public var coverageFactor: Double
    /// U = k_p·u(y).
    public var expandedUncertainty: Double
    /// One component per quantity the measurand depends on, in model order.
    public var budget: [UncertaintyComponent]

    public init(
        name: String, unit: String?, value: Double, standardUncertainty: Double, effectiveDegreesOfFreedom: Double,
        coverageProbability: Double, coverageFactor: Double, expandedUncertainty: Double,
        budget: [UncertaintyComponent]
    ) {
        self.name = name
        self.unit = unit
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.effectiveDegreesOfFreedom = effectiveDegreesOfFreedom
        self.coverageProbability = coverageProbability
        self.coverageFactor = coverageFactor
        self.expandedUncertainty = expandedUncertainty
        self.budget = budget
    }

    /// The coverage interval y ± U.
    public var coverageInterval: ClosedRange<Double> { (value - expandedUncertainty)...(value + expandedUncertainty) }
}
