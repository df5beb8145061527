internal import EquivalenceSupport

/// An input quantity of a model file: a name with either an estimate and its standard
/// uncertainty, or a probability distribution (JCGM 101 §6.4), and optional degrees of freedom.
///
///     { "name": "l_s", "value": 50000623.6, "standardUncertainty": 25, "degreesOfFreedom": 18 }
///     { "name": "d_theta", "distribution": { "type": "rectangular", "lower": -0.05, "upper": 0.05 },
///       "degreesOfFreedom": 2 }
///
/// For the first-order method a distribution gives its mean and standard deviation, except a
/// Student t t_ν(μ, s²), which gives μ, u = s (its scale) and ν, as a Type A evaluation from
/// n = ν + 1 observations does (GUM G.3; JCGM 101 6.4.9 and the GUF column of 9.5).
public struct ModelQuantity: Sendable, Hashable, Codable {
    /// The name used in expressions: [A-Za-z_][A-Za-z0-9_]*.
    public var name: String
    /// The estimate x (with ``standardUncertainty``).
    public var value: Double?
    /// u(x) ≥ 0 (with ``value``).
    public var standardUncertainty: Double?
    /// ν > 0; absent means infinite.
    public var degreesOfFreedom: Double?
    /// The distribution, instead of value and standard uncertainty.
    public var distribution: InputDistribution?
    /// The unit, for reports only.
    public var unit: String?
    /// A description, for reports only.
    public var description: String?

    public init(
        name: String, value: Double? = nil, standardUncertainty: Double? = nil, degreesOfFreedom: Double? = nil,
        distribution: InputDistribution? = nil, unit: String? = nil, description: String? = nil
    ) {
        self.name = name
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.degreesOfFreedom = degreesOfFreedom
        self.distribution = distribution
        self.unit = unit
        self.description = description
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, value, standardUncertainty, degreesOfFreedom, distribution, unit, description
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "a quantity")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            value: try container.decodeIfPresent(Double.self, forKey: .value),
            standardUncertainty: try container.decodeIfPresent(Double.self, forKey: .standardUncertainty),
            degreesOfFreedom: try container.decodeIfPresent(Double.self, forKey: .degreesOfFreedom),
            distribution: try container.decodeIfPresent(InputDistribution.self, forKey: .distribution),
            unit: try container.decodeIfPresent(String.self, forKey: .unit),
            description: try container.decodeIfPresent(String.self, forKey: .description))
    }

    /// The estimate, standard uncertainty and degrees of freedom a first-order evaluation uses.
    ///
    /// - Throws: ``UncertaintyError/incompleteQuantity(quantity:reason:)`` when neither or both
    ///   specifications are given, ``UncertaintyError/invalidDistribution(quantity:parameter:reason:)``,
    ///   ``UncertaintyError/invalidUncertainty(quantity:value:)`` for a negative u,
    ///   ``UncertaintyError/nonFiniteValue(quantity:)``, ``UncertaintyError/invalidDegreesOfFreedom(quantity:value:)``,
    ///   ``UncertaintyError/infiniteVariance(quantity:)``.
    public func firstOrderSpecification() throws(UncertaintyError) -> (
        value: Double, standardUncertainty: Double, degreesOfFreedom: Double
    ) {
        let nu = degreesOfFreedom ?? .infinity
        try InputValidation.check(degreesOfFreedom: nu, quantity: name)
        if let distribution {
            guard value == nil, standardUncertainty == nil else {
                throw .incompleteQuantity(
                    quantity: name, reason: "give either value and standardUncertainty or a distribution, not both")
            }
            try distribution.validate(quantity: name)
            if case .studentT(let location, let scale, let tNu) = distribution {
                if let given = degreesOfFreedom, given != tNu {
                    throw .incompleteQuantity(
                        quantity: name,
                        reason: "degreesOfFreedom \(given) differs from the Student t distribution's \(tNu)")
                }
                return (location, scale, tNu)
            }
            let u = distribution.standardDeviation
            guard u.isFinite else { throw .infiniteVariance(quantity: name) }
            return (distribution.mean, u, nu)
        }
        guard let value else {
            throw .incompleteQuantity(quantity: name, reason: "value is missing (or give a distribution)")
        }
        guard let u = standardUncertainty else {
            throw .incompleteQuantity(quantity: name, reason: "standardUncertainty is missing (or give a distribution)")
        }
        try InputValidation.check(value: value, standardUncertainty: u, quantity: name)
        return (value, u, nu)
    }
}
