/// The probability distribution assigned to an input quantity, with the parameterisations of
/// JCGM 101:2008 §6.4 (Table 1).
///
/// This type is the specification shared by the first-order (GUM) and the Monte Carlo methods:
/// the former uses ``mean`` and ``standardDeviation``, the latter draws from the distribution.
/// It reads and writes the JSON of model files, e.g.
/// `{"type": "rectangular", "lower": -1e-6, "upper": 1e-6}`.
///
///     InputDistribution.arcsine(lower: -0.5, upper: 0.5).standardDeviation   // 0.5/√2 = 0.35355
public enum InputDistribution: Sendable, Hashable {
    /// N(μ, σ²), JCGM 101 6.4.7.
    case gaussian(mean: Double, standardDeviation: Double)
    /// R(a, b), JCGM 101 6.4.2: mean (a + b)/2, s.d. (b − a)/√12.
    case rectangular(lower: Double, upper: Double)
    /// CTrap(a, b, d), JCGM 101 6.4.3: a rectangular distribution whose limits are each known
    /// only to ±d; mean (a + b)/2, variance (b − a)²/12 + d²/9.
    case curvilinearTrapezoid(lower: Double, upper: Double, limitSemiWidth: Double)
    /// Trap(a, b, β), JCGM 101 6.4.4: symmetric trapezoid on [a, b] whose top has half-width
    /// β(b − a)/2, 0 ≤ β ≤ 1; variance (b − a)²(1 + β²)/24.
    case trapezoidal(lower: Double, upper: Double, beta: Double)
    /// T(a, b), JCGM 101 6.4.5, with an optional mode c (symmetric when nil);
    /// variance (a² + b² + c² − ab − ac − bc)/18.
    case triangular(lower: Double, upper: Double, mode: Double?)
    /// U(a, b), JCGM 101 6.4.6 (arc sine): mean (a + b)/2, s.d. (b − a)/(2√2).
    case arcsine(lower: Double, upper: Double)
    /// t_ν(μ, s²), JCGM 101 6.4.9: X = μ + s·T_ν (scale s, not the standard deviation);
    /// s.d. s·√(ν/(ν − 2)) for ν > 2.
    case studentT(location: Double, scale: Double, degreesOfFreedom: Double)
    /// Ex(λ), JCGM 101 6.4.10, given by its expectation x = 1/λ; s.d. x.
    case exponential(mean: Double)
    /// G(α, β), JCGM 101 6.4.11, with shape α and scale θ (= 1/β): mean αθ, variance αθ².
    case gamma(shape: Double, scale: Double)

    /// The expectation E(X).
    public var mean: Double {
        switch self {
        case .gaussian(let mean, _): mean
        case .rectangular(let a, let b), .arcsine(let a, let b): (a + b) / 2
        case .curvilinearTrapezoid(let a, let b, _), .trapezoidal(let a, let b, _): (a + b) / 2
        case .triangular(let a, let b, let c): (a + b + (c ?? (a + b) / 2)) / 3
        case .studentT(let location, _, _): location
        case .exponential(let mean): mean
        case .gamma(let shape, let scale): shape * scale
        }
    }

    /// The standard deviation √V(X), the standard uncertainty a first-order evaluation uses;
    /// infinite for a Student t with ν ≤ 2.
    public var standardDeviation: Double {
        switch self {
        case .gaussian(_, let s): s
        case .rectangular(let a, let b): (b - a) / 12.0.squareRoot()
        case .curvilinearTrapezoid(let a, let b, let d): ((b - a) * (b - a) / 12 + d * d / 9).squareRoot()
        case .trapezoidal(let a, let b, let beta): ((b - a) * (b - a) * (1 + beta * beta) / 24).squareRoot()
        case .triangular(let a, let b, let mode):
            {
                let c = mode ?? (a + b) / 2
                return ((a * a + b * b + c * c - a * b - a * c - b * c) / 18).squareRoot()
            }()
        case .arcsine(let a, let b): (b - a) / (2 * 2.0.squareRoot())
        case .studentT(_, let s, let nu): nu > 2 ? s * (nu / (nu - 2)).squareRoot() : .infinity
        case .exponential(let mean): mean
        case .gamma(let shape, let scale): shape.squareRoot() * scale
        }
    }

    /// Checks the parameters of the distribution of `quantity`.
    ///
    /// - Throws: ``UncertaintyError/invalidDistribution(quantity:parameter:reason:)`` naming the
    ///   quantity and the parameter.
    public func validate(quantity: String) throws(UncertaintyError) {
        func finite(_ value: Double, _ name: String) throws(UncertaintyError) {
            guard value.isFinite else {
                throw .invalidDistribution(quantity: quantity, parameter: name, reason: "is not a finite number")
            }
        }
        func positive(_ value: Double, _ name: String) throws(UncertaintyError) {
            try finite(value, name)
            guard value > 0 else {
                throw .invalidDistribution(
                    quantity: quantity, parameter: name, reason: "must be positive, found \(value)")
            }
        }
        func ordered(_ a: Double, _ b: Double) throws(UncertaintyError) {
            try finite(a, "lower")
            try finite(b, "upper")
            guard a < b else {
                throw .invalidDistribution(
                    quantity: quantity, parameter: "lower", reason: "must be less than upper (\(a) ≥ \(b))")
            }
        }
        switch self {
        case .gaussian(let mean, let s):
            try finite(mean, "mean")
            try finite(s, "standardDeviation")
            guard s >= 0 else {
                throw .invalidDistribution(
                    quantity: quantity, parameter: "standardDeviation", reason: "must not be negative, found \(s)")
            }
        case .rectangular(let a, let b), .arcsine(let a, let b):
            try ordered(a, b)
        case .curvilinearTrapezoid(let a, let b, let d):
            try ordered(a, b)
            try finite(d, "limitSemiWidth")
            guard d >= 0, d <= (b - a) / 2 else {
                throw .invalidDistribution(
                    quantity: quantity, parameter: "limitSemiWidth",
                    reason: "must lie in [0, (upper − lower)/2], found \(d)")
            }
        case .trapezoidal(let a, let b, let beta):
            try ordered(a, b)
            try finite(beta, "beta")
            guard beta >= 0, beta <= 1 else {
                throw .invalidDistribution(
                    quantity: quantity, parameter: "beta", reason: "must lie in [0, 1], found \(beta)")
            }
        case .triangular(let a, let b, let mode):
            try ordered(a, b)
            if let c = mode {
                try finite(c, "mode")
                guard c >= a, c <= b else {
                    throw .invalidDistribution(
                        quantity: quantity, parameter: "mode", reason: "must lie in [lower, upper], found \(c)")
                }
            }
        case .studentT(let location, let scale, let nu):
            try finite(location, "location")
            try positive(scale, "scale")
            // A subnormal ν would vanish in ν/2, the shape of the χ² draws.
            guard nu > 0, nu.isNormal || nu == .infinity else {
                throw .invalidDistribution(
                    quantity: quantity, parameter: "degreesOfFreedom",
                    reason: "must be positive and not subnormal, found \(nu)")
            }
        case .exponential(let mean):
            try positive(mean, "mean")
        case .gamma(let shape, let scale):
            try positive(shape, "shape")
            try positive(scale, "scale")
        }
    }
}
