import LinearAlgebra

/// An uncertain real number of the GUM (JCGM 100:2008): an estimate that remembers how it depends
/// on the independent input quantities, so that its standard uncertainty, its degrees of freedom,
/// its uncertainty budget and its covariance with other results follow by the law of propagation
/// of uncertainty (GUM 5.1.2 and 5.2.2).
///
/// Input quantities are created with a value, a standard uncertainty u(x_i) and degrees of
/// freedom ν_i; results are computed with ordinary arithmetic and elementary functions:
///
///     let v = try UncertainReal.input(value: 4.999, standardUncertainty: 0.0032, label: "V")
///     let i = try UncertainReal.input(value: 0.019661, standardUncertainty: 0.0000095, label: "I")
///     let z = v / i                  // 254.26 Ω
///     z.standardUncertainty          // √((u_V/I)² + (V u_I/I²)²)
///     z.budget().components          // V: c = 1/I, I: c = −V/I²
///
/// ## Design: reverse accumulation over a shared graph
///
/// Each number holds its value and a reference to an immutable node of a dependency graph: a
/// leaf for an input, or an operation node that records its operands and the partial derivatives
/// of the operation at the estimate. An operation therefore costs O(1), however many inputs its
/// operands depend on; nodes are shared between all the numbers computed from them (structure
/// sharing), so the type keeps value semantics. The sensitivities c_i = ∂y/∂x_i of a result to
/// *all* its inputs come from one reverse sweep over its graph (reverse-mode automatic
/// differentiation), O(size of the graph).
///
/// The alternative, forward accumulation where every number carries its vector of sensitivities
/// (GTC, `uncertainties`), copies and merges that vector at each operation: a sum of n terms costs
/// O(n²), and a model with 1000 inputs pays it at every step. Here a model with n inputs costs
/// O(n) per result. The price is paid when an uncertainty is asked for (one sweep): ask for
/// ``budget()`` once rather than ``standardUncertainty`` and ``effectiveDegreesOfFreedom`` separately.
///
/// Derivatives are exact (to rounding), never finite differences.
///
/// ## Correlations and degrees of freedom
///
/// Correlated inputs are created together (``correlatedInputs(values:standardUncertainties:correlation:degreesOfFreedom:labels:)``),
/// with a correlation matrix checked to be positive semi-definite. Effective degrees of freedom
/// follow the Welch–Satterthwaite formula (GUM G.4.1) with Willink's extension: correlated inputs
/// with finite ν must form an *ensemble* (estimated together from the same observations, sharing
/// one ν), which enters the formula as a single component (R. Willink, Metrologia 44 (2007)
/// 340–349, §4.1; the rule of GUM Tree Calculator). Correlated inputs with finite and different ν
/// are refused with a typed error.
public struct UncertainReal: Sendable, CustomStringConvertible {
    /// The estimate.
    public let value: Double
    /// The node of the dependency graph; nil for an exact number.
    let node: DependencyNode?

    init(value: Double, node: DependencyNode?) {
        self.value = value
        self.node = node
    }

    /// An exact number (no uncertainty).
    public init(_ value: Double) {
        self.init(value: value, node: nil)
    }

    /// An independent input quantity with estimate x, standard uncertainty u(x) and ν degrees of
    /// freedom (GUM 4.2, 4.3; ν = ∞ when u is known exactly, as for most Type B evaluations).
    ///
    ///     let ls = try UncertainReal.input(value: 50_000_623, standardUncertainty: 25,
    ///                                      degreesOfFreedom: 18, label: "l_s")
    ///
    /// - Throws: ``UncertaintyError/nonFiniteValue(quantity:)``,
    ///   ``UncertaintyError/invalidUncertainty(quantity:value:)`` for a negative or non-finite u,
    ///   ``UncertaintyError/invalidDegreesOfFreedom(quantity:value:)`` for ν ≤ 0.
    public static func input(
        value: Double, standardUncertainty: Double, degreesOfFreedom: Double = .infinity, label: String? = nil
    ) throws(UncertaintyError) -> UncertainReal {
        let name = label ?? "input"
        try InputValidation.check(value: value, standardUncertainty: standardUncertainty, quantity: name)
        try InputValidation.check(degreesOfFreedom: degreesOfFreedom, quantity: name)
        let properties = InputProperties(
            label: label, value: value, standardUncertainty: standardUncertainty, degreesOfFreedom: degreesOfFreedom,
            group: nil, member: 0)
        return UncertainReal(value: value, node: .input(properties))
    }

    /// Marks this result as an *intermediate result* (GUM H.1: d = d̄ + d₁ + d₂), so that budgets
    /// of later results can be expressed with respect to it (``budget(influences:)``) — the
    /// `result()` of GUM Tree Calculator. The value and uncertainty are unchanged.
    public func intermediate(label: String) -> UncertainReal {
        guard let node else { return self }
        return UncertainReal(value: value, node: .intermediate(label: label, value: value, over: node))
    }

    /// The label of an input or intermediate result; nil for other numbers.
    public var label: String? {
        switch node?.role {
        case .input(let properties): properties.label
        case .intermediate(let label, _): label
        default: nil
        }
    }

    /// True when the number has no uncertainty by construction (it depends on no input).
    public var isExact: Bool { node == nil }

    /// True when the number is an independent input quantity.
    public var isInput: Bool { node?.inputProperties != nil }

    /// u²(y) = Σ_i Σ_j c_i u(x_i) r(x_i, x_j) u(x_j) c_j (GUM 5.2.2, eq. 13).
    ///
    /// - Complexity: one reverse sweep, O(size of the graph), plus O(m²) for each group of m
    ///   correlated inputs.
    public var variance: Double { SensitivityProfile(self).variance }

    /// u(y) = √u²(y), the combined standard uncertainty (GUM 5.1.2).
    public var standardUncertainty: Double { variance.squareRoot() }

    /// ν_eff by the Welch–Satterthwaite formula (GUM G.4.1, eq. G.2b), u⁴(y)/Σ_g v_g²/ν_g, with
    /// each ensemble of correlated inputs counted as one component (Willink 2007); infinite when
    /// every input has infinite ν (or u(y) = 0). For an input, its own ν.
    public var effectiveDegreesOfFreedom: Double {
        let profile = SensitivityProfile(self)
        return profile.effectiveDegreesOfFreedom(variance: profile.variance)
    }

    /// The coverage factor k_p = t_{(1+p)/2}(ν_eff) (GUM G.3.4, G.6.4).
    public func coverageFactor(coverageProbability p: Double = 0.95) -> Double {
        StudentTDistribution(degreesOfFreedom: effectiveDegreesOfFreedom).coverageFactor(coverageProbability: p)
    }

    /// U = k_p·u(y) (GUM 6.2.1), with k_p from ``coverageFactor(coverageProbability:)``.
    public func expandedUncertainty(coverageProbability p: Double = 0.95) -> Double {
        let profile = SensitivityProfile(self)
        let variance = profile.variance
        let nu = profile.effectiveDegreesOfFreedom(variance: variance)
        return StudentTDistribution(degreesOfFreedom: nu).coverageFactor(coverageProbability: p) * variance.squareRoot()
    }

    /// The value and its standard uncertainty, e.g. `50000838.0 ± 31.66387910998`.
    public var description: String {
        let u = standardUncertainty
        guard u > 0, u.isFinite, value.isFinite else { return "\(value)" }
        return "\(value) ± \(u)"
    }
}

/// Checks shared by every constructor of input quantities.
enum InputValidation {
    static func check(value: Double, standardUncertainty u: Double, quantity: String) throws(UncertaintyError) {
        guard value.isFinite else { throw .nonFiniteValue(quantity: quantity) }
        guard u.isFinite, u >= 0 else { throw .invalidUncertainty(quantity: quantity, value: u) }
    }

    static func check(degreesOfFreedom nu: Double, quantity: String) throws(UncertaintyError) {
        // Positive and not subnormal: ν/2 (a χ² shape) and 1/ν (Welch–Satterthwaite) stay finite and non-zero.
        guard nu > 0, nu.isNormal || nu == .infinity else {
            throw .invalidDegreesOfFreedom(quantity: quantity, value: nu)
        }
    }
}
