/// One factor of a unit expression: an optional prefix, a named unit and a power.
///
/// `\milli\metre\tothe{-2}` and `mm-2` are both the factor (milli, metre, −2), i.e. (10⁻³ m)⁻²:
/// the power applies to the prefixed unit (SI Brochure, 9th ed., §3: "the prefix and the unit
/// symbol form a new inseparable symbol").
public struct UnitFactor: Hashable, Sendable, CustomStringConvertible {
    /// The SI or IEC prefix, if any (`milli` in mm).
    public var prefix: UnitPrefix?
    /// The named unit (`metre` in mm).
    public var unit: NamedUnit
    /// The power of the prefixed unit (−2 in mm⁻²); negated for a factor after `\per`.
    public var exponent: UnitExponent

    /// Creates (prefix · unit)^exponent.
    public init(prefix: UnitPrefix? = nil, unit: NamedUnit, exponent: UnitExponent = .one) {
        self.prefix = prefix
        self.unit = unit
        self.exponent = exponent
    }

    /// (prefix · unit scale)^exponent.
    public var scale: UnitScale {
        var base = unit.scale
        if let prefix {
            base =
                base
                * (prefix.decimalPower.map { UnitScale(decimalExponent: $0) }
                    ?? UnitScale(mantissa: prefix.factor))
        }
        return base.raised(to: exponent)
    }

    /// The SI Reference Point spelling, e.g. `mm-2`.
    public var siReferencePoint: String {
        let symbol = (prefix?.symbol ?? "") + unit.symbol
        return exponent == .one ? symbol : symbol + exponent.siReferencePointSpelling
    }

    /// The D-SI spelling, e.g. `\milli\metre\tothe{-2}`.
    public var dsi: String {
        let name = (prefix.map { "\\" + $0.dsiName } ?? "") + "\\" + unit.dsiName
        return exponent == .one ? name : name + "\\tothe{\(exponent.dsiSpelling)}"
    }

    /// The SI Reference Point spelling (``siReferencePoint``).
    public var description: String { siReferencePoint }
}

extension UnitExponent {
    /// A decimal when p/q has one of at most nine digits (`0.5`), otherwise `p/q`.
    var dsiSpelling: String {
        if isInteger { return "\(numerator)" }
        var q = denominator
        while q % 2 == 0 { q /= 2 }
        while q % 5 == 0 { q /= 5 }
        if q == 1 {
            var text = "\(doubleValue)"
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        return "\(numerator)/\(denominator)"
    }

    /// Integers as is (`-1`); a fractional power in parentheses (`(1/2)`), which SI Reference
    /// Point has no syntax for and the SI Reference Point parser accepts back.
    var siReferencePointSpelling: String { isInteger ? "\(numerator)" : "(\(numerator)/\(denominator))" }
}
