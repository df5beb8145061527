/// Arithmetic on uncertain numbers: each operation records the partial derivatives of its result
/// at the estimates (GUM 5.1.3, the sensitivity coefficients), in O(1).
///
///     let l = ls + d - ls * (dAlpha * theta + alphaS * dTheta)     // GUM H.1
///
/// Mixed operations with `Double` treat the number as exact. (The type is deliberately not
/// expressible by literals: with literals, `[Double]().reduce(0, +)` would become ambiguous in
/// every module that imports this one.)
extension UncertainReal {
    /// x + y; ∂/∂x = 1, ∂/∂y = 1.
    public static func + (x: UncertainReal, y: UncertainReal) -> UncertainReal {
        UncertainReal(value: x.value + y.value, node: .operation(x.node, 1, y.node, 1))
    }

    /// x − y; ∂/∂x = 1, ∂/∂y = −1.
    public static func - (x: UncertainReal, y: UncertainReal) -> UncertainReal {
        UncertainReal(value: x.value - y.value, node: .operation(x.node, 1, y.node, -1))
    }

    /// x·y; ∂/∂x = y, ∂/∂y = x.
    public static func * (x: UncertainReal, y: UncertainReal) -> UncertainReal {
        UncertainReal(value: x.value * y.value, node: .operation(x.node, y.value, y.node, x.value))
    }

    /// x/y; ∂/∂x = 1/y, ∂/∂y = −x/y².
    public static func / (x: UncertainReal, y: UncertainReal) -> UncertainReal {
        let q = x.value / y.value
        return UncertainReal(value: q, node: .operation(x.node, 1 / y.value, y.node, -q / y.value))
    }

    /// −x.
    public static prefix func - (x: UncertainReal) -> UncertainReal {
        UncertainReal(value: -x.value, node: .operation(x.node, -1))
    }

    /// +x (x itself).
    public static prefix func + (x: UncertainReal) -> UncertainReal { x }

    public static func + (x: UncertainReal, y: Double) -> UncertainReal { x + UncertainReal(y) }
    public static func + (x: Double, y: UncertainReal) -> UncertainReal { UncertainReal(x) + y }
    public static func - (x: UncertainReal, y: Double) -> UncertainReal { x - UncertainReal(y) }
    public static func - (x: Double, y: UncertainReal) -> UncertainReal { UncertainReal(x) - y }
    public static func * (x: UncertainReal, y: Double) -> UncertainReal { x * UncertainReal(y) }
    public static func * (x: Double, y: UncertainReal) -> UncertainReal { UncertainReal(x) * y }
    public static func / (x: UncertainReal, y: Double) -> UncertainReal { x / UncertainReal(y) }
    public static func / (x: Double, y: UncertainReal) -> UncertainReal { UncertainReal(x) / y }

    public static func += (x: inout UncertainReal, y: UncertainReal) { x = x + y }
    public static func -= (x: inout UncertainReal, y: UncertainReal) { x = x - y }
    public static func *= (x: inout UncertainReal, y: UncertainReal) { x = x * y }
    public static func /= (x: inout UncertainReal, y: UncertainReal) { x = x / y }

    /// Σ x_k as one operation node with n operands (rather than a chain of n − 1 additions).
    ///
    /// - Complexity: O(n).
    public static func sum(_ terms: some Sequence<UncertainReal>) -> UncertainReal {
        var value = 0.0
        var nodes: [DependencyNode] = []
        for term in terms {
            value += term.value
            if let node = term.node { nodes.append(node) }
        }
        return UncertainReal(
            value: value, node: .linearCombination(nodes, [Double](repeating: 1, count: nodes.count)))
    }

    /// Σ a_k·x_k with exact coefficients a_k, as one operation node.
    ///
    /// - Precondition: as many coefficients as terms (a programmer error otherwise).
    /// - Complexity: O(n).
    public static func linearCombination(coefficients: [Double], _ terms: [UncertainReal]) -> UncertainReal {
        precondition(  // allowed: the counts are the calling code's, not data
            coefficients.count == terms.count,
            "linearCombination: \(coefficients.count) coefficients for \(terms.count) terms")
        var value = 0.0
        var nodes: [DependencyNode] = []
        var partials: [Double] = []
        for (a, term) in zip(coefficients, terms) {
            value += a * term.value
            if let node = term.node {
                nodes.append(node)
                partials.append(a)
            }
        }
        return UncertainReal(value: value, node: .linearCombination(nodes, partials))
    }
}
