/// What can be wrong with a measurement model, its inputs, or a propagation request.
///
/// Every case names the quantity (or expression position) at fault.
public enum UncertaintyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A distribution parameter is out of its domain (e.g. lower ≥ upper for a rectangular
    /// distribution, a non-positive scale): the quantity, the parameter and why.
    case invalidDistribution(quantity: String, parameter: String, reason: String)
    /// A standard uncertainty is negative, NaN or infinite.
    case invalidUncertainty(quantity: String, value: Double)
    /// A value (estimate) is NaN or infinite.
    case nonFiniteValue(quantity: String)
    /// Degrees of freedom must be positive (absent means infinite).
    case invalidDegreesOfFreedom(quantity: String, value: Double)
    /// The distribution has no finite variance (e.g. Student t with ν ≤ 2), so a first-order
    /// (GUM) evaluation cannot use it.
    case infiniteVariance(quantity: String)

    public var description: String {
        switch self {
        case .invalidDistribution(let quantity, let parameter, let reason):
            "\(quantity): distribution parameter '\(parameter)' \(reason)"
        case .invalidUncertainty(let quantity, let value):
            "\(quantity): the standard uncertainty must be a non-negative finite number, found \(value)"
        case .nonFiniteValue(let quantity):
            "\(quantity): the value is not a finite number"
        case .invalidDegreesOfFreedom(let quantity, let value):
            "\(quantity): degreesOfFreedom must be positive (omit it for infinity), found \(value)"
        case .infiniteVariance(let quantity):
            "\(quantity): the distribution has no finite variance, so it has no standard uncertainty"
        }
    }
}
