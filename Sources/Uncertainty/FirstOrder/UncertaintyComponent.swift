/// One line of an uncertainty budget: an influence quantity (an input or an intermediate result),
/// its sensitivity coefficient and the uncertainty component it contributes (GUM 5.1.3, Table H.1).
///
/// The component is u_i(y) = c_i·u(x_i), signed; ``contribution`` is its magnitude |c_i|·u(x_i),
/// the entry of the GUM's budget tables; ``varianceFraction`` is u_i²(y)/u²(y).
public struct UncertaintyComponent: Sendable, Hashable, Codable {
    /// The name of the influence quantity.
    public var quantity: String
    /// Its estimate x_i.
    public var value: Double
    /// Its standard uncertainty u(x_i).
    public var standardUncertainty: Double
    /// Its degrees of freedom ν_i (infinite when known exactly; for an intermediate result, its
    /// effective degrees of freedom).
    public var degreesOfFreedom: Double
    /// The sensitivity coefficient c_i = ∂y/∂x_i at the estimates (GUM 5.1.3).
    public var sensitivity: Double
    /// u_i(y) = c_i·u(x_i), signed (GUM 5.1.3, eq. 11b).
    public var component: Double
    /// u_i(y)²/u²(y): the share of the variance, zero when u(y) = 0. With correlated inputs the
    /// shares do not add up to one.
    public var varianceFraction: Double

    public init(
        quantity: String, value: Double, standardUncertainty: Double, degreesOfFreedom: Double, sensitivity: Double,
        component: Double, varianceFraction: Double
    ) {
        self.quantity = quantity
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.degreesOfFreedom = degreesOfFreedom
        self.sensitivity = sensitivity
        self.component = component
        self.varianceFraction = varianceFraction
    }

    /// |u_i(y)| = |c_i|·u(x_i), the magnitude of the component.
    public var contribution: Double { Swift.abs(component) }
}
