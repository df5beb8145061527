/// The uncertainty budget of a result y: its estimate, combined standard uncertainty, effective
/// degrees of freedom and one ``UncertaintyComponent`` per influence quantity (GUM 7.2.5 and
/// Table H.1).
///
///     let budget = l.budget(influences: [ls, d, alphaS, theta, dAlpha, dTheta])  // GUM H.1
///     budget.standardUncertainty                 // 31.66 nm
///     budget["d_theta"]?.contribution            // 16.6 nm
public struct UncertaintyBudget: Sendable, Hashable {
    /// The estimate y.
    public var value: Double
    /// u(y).
    public var standardUncertainty: Double
    /// ν_eff (Welch–Satterthwaite with Willink's ensembles); infinite when every component is.
    public var effectiveDegreesOfFreedom: Double
    /// The components, in the order the influences were given (by default the order in which
    /// the inputs were created).
    public var components: [UncertaintyComponent]

    public init(
        value: Double, standardUncertainty: Double, effectiveDegreesOfFreedom: Double,
        components: [UncertaintyComponent]
    ) {
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.effectiveDegreesOfFreedom = effectiveDegreesOfFreedom
        self.components = components
    }

    /// The first component for the influence named `quantity`.
    public subscript(quantity: String) -> UncertaintyComponent? {
        components.first { $0.quantity == quantity }
    }

    /// The coverage factor k_p = t_{(1+p)/2}(ν_eff) (GUM G.3.4, G.6.4).
    public func coverageFactor(coverageProbability p: Double = 0.95) -> Double {
        StudentTDistribution(degreesOfFreedom: effectiveDegreesOfFreedom).coverageFactor(coverageProbability: p)
    }

    /// U = k_p·u(y) (GUM 6.2.1).
    public func expandedUncertainty(coverageProbability p: Double = 0.95) -> Double {
        coverageFactor(coverageProbability: p) * standardUncertainty
    }

    /// The budget with the largest contributions first (ties keep their order).
    public func sortedByContribution() -> UncertaintyBudget {
        var sorted = self
        sorted.components = components.enumerated().sorted {
            $0.element.contribution != $1.element.contribution
                ? $0.element.contribution > $1.element.contribution : $0.offset < $1.offset
        }.map(\.element)
        return sorted
    }
}
