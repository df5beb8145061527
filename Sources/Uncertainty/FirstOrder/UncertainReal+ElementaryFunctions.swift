/// The elementary functions of uncertain numbers, each with its exact derivative at the estimate.
///
/// Outside a function's domain the value is NaN, as for `Double`; where the derivative is
/// infinite (√x at 0, asin x at ±1) the partial derivative is infinite. The measurement-model
/// evaluator (``ExpressionModel``) turns both into typed errors naming the measurand.
///
///     let phase = UncertainReal.atan2(x, y)      // ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²)
extension UncertainReal {
    private static func apply(_ x: UncertainReal, value: Double, derivative: Double) -> UncertainReal {
        UncertainReal(value: value, node: .operation(x.node, derivative))
    }

    /// x^y for uncertain base and exponent: ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x (the latter only
    /// when y is uncertain, so that a negative base with an exact integer exponent is fine).
    public static func pow(_ x: UncertainReal, _ y: UncertainReal) -> UncertainReal {
        guard y.node != nil else { return pow(x, y.value) }
        let value = Math.power(x.value, y.value)
        return UncertainReal(
            value: value,
            node: .operation(
                x.node, y.value * Math.power(x.value, y.value - 1), y.node, value * Math.logarithm(x.value)))
    }

    /// x^n for an exact exponent n: ∂/∂x = n·x^(n−1) (0 for n = 0).
    public static func pow(_ x: UncertainReal, _ n: Double) -> UncertainReal {
        let derivative = n == 0 ? 0 : n == 1 ? 1 : n * Math.power(x.value, n - 1)
        return apply(x, value: Math.power(x.value, n), derivative: derivative)
    }

    /// a^y for an exact base a: ∂/∂y = a^y·ln a.
    public static func pow(_ a: Double, _ y: UncertainReal) -> UncertainReal {
        pow(UncertainReal(a), y)
    }

    /// √x; derivative 1/(2√x).
    public static func sqrt(_ x: UncertainReal) -> UncertainReal {
        let root = Math.squareRoot(x.value)
        return apply(x, value: root, derivative: 0.5 / root)
    }

    /// eˣ; derivative eˣ.
    public static func exp(_ x: UncertainReal) -> UncertainReal {
        let value = Math.exponential(x.value)
        return apply(x, value: value, derivative: value)
    }

    /// ln x (natural logarithm); derivative 1/x.
    public static func log(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.logarithm(x.value), derivative: 1 / x.value)
    }

    /// sin x; derivative cos x.
    public static func sin(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.sine(x.value), derivative: Math.cosine(x.value))
    }

    /// cos x; derivative −sin x.
    public static func cos(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.cosine(x.value), derivative: -Math.sine(x.value))
    }

    /// tan x; derivative 1 + tan²x.
    public static func tan(_ x: UncertainReal) -> UncertainReal {
        let value = Math.tangent(x.value)
        return apply(x, value: value, derivative: 1 + value * value)
    }

    /// asin x; derivative 1/√(1 − x²).
    public static func asin(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.arcsine(x.value), derivative: 1 / Math.squareRoot(1 - x.value * x.value))
    }

    /// acos x; derivative −1/√(1 − x²).
    public static func acos(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.arccosine(x.value), derivative: -1 / Math.squareRoot(1 - x.value * x.value))
    }

    /// atan x; derivative 1/(1 + x²).
    public static func atan(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.arctangent(x.value), derivative: 1 / (1 + x.value * x.value))
    }

    /// atan2(y, x), the angle of the point (x, y) in (−π, π]; ∂/∂y = x/(x² + y²),
    /// ∂/∂x = −y/(x² + y²).
    public static func atan2(_ y: UncertainReal, _ x: UncertainReal) -> UncertainReal {
        let r2 = x.value * x.value + y.value * y.value
        return UncertainReal(
            value: Math.arctangent2(y.value, x.value), node: .operation(y.node, x.value / r2, x.node, -y.value / r2))
    }

    /// sinh x; derivative cosh x.
    public static func sinh(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.hyperbolicSine(x.value), derivative: Math.hyperbolicCosine(x.value))
    }

    /// cosh x; derivative sinh x.
    public static func cosh(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Math.hyperbolicCosine(x.value), derivative: Math.hyperbolicSine(x.value))
    }

    /// tanh x; derivative 1 − tanh²x.
    public static func tanh(_ x: UncertainReal) -> UncertainReal {
        let value = Math.hyperbolicTangent(x.value)
        return apply(x, value: value, derivative: 1 - value * value)
    }

    /// |x|; derivative +1 for x ≥ 0 and −1 for x < 0 (the convention of GUM Tree Calculator; at
    /// x = 0 a first-order evaluation of |x| is not meaningful).
    public static func abs(_ x: UncertainReal) -> UncertainReal {
        apply(x, value: Swift.abs(x.value), derivative: x.value < 0 ? -1 : 1)
    }
}
