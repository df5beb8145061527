import Foundation

/// A positive scale factor kept as mantissa × 10^exponent, so that products of SI prefixes stay exact.
///
/// Multiplying 1e-3 by 1e6 in binary floating point may leave a rounding error; keeping the
/// decade apart (`kBq` = 1 × 10³ s⁻¹, `\mega\becquerel` = 1 × 10⁶ s⁻¹) gives the ratio 10⁻³ with
/// one correctly rounded conversion at the end (SI Brochure, 9th ed., §3: prefixes are exact
/// powers of ten).
public struct UnitScale: Hashable, Sendable, CustomStringConvertible {
    /// The non-decimal part (π/180 for the degree, 1.602 176 634 × 10⁻¹⁹ for the electronvolt).
    public var mantissa: Double
    /// The decade.
    public var decimalExponent: Int

    /// The scale mantissa × 10^decimalExponent (1 by default).
    public init(mantissa: Double = 1, decimalExponent: Int = 0) {
        self.mantissa = mantissa
        self.decimalExponent = decimalExponent
    }

    /// 1 × 10⁰: the scale of a coherent SI unit.
    public static let unity = UnitScale()

    /// mantissa × 10^exponent as one number, correctly rounded when the mantissa is a short
    /// decimal (read back from the decimal spelling `1.602176634e-19`).
    public var value: Double {
        if decimalExponent == 0 { return mantissa }
        return Double("\(mantissa)e\(decimalExponent)") ?? mantissa * Self.powerOfTen(decimalExponent)
    }

    /// x · mantissa · 10^exponent, dividing by an exact power of ten for negative decades so that
    /// 35 % → 0.35 exactly as a decimal would (10ⁿ is exact in binary for |n| ≤ 22).
    public func scaling(_ x: Double) -> Double {
        let y = x * mantissa
        if decimalExponent < 0, decimalExponent >= -22 { return y / Self.powerOfTen(-decimalExponent) }
        return y * Self.powerOfTen(decimalExponent)
    }

    /// The scale of a product of units: mantissas multiply, decades add (exactly).
    public static func * (a: UnitScale, b: UnitScale) -> UnitScale {
        UnitScale(mantissa: a.mantissa * b.mantissa, decimalExponent: a.decimalExponent + b.decimalExponent)
    }

    /// The ratio of two scales: mantissas divide, decades subtract (exactly).
    public static func / (a: UnitScale, b: UnitScale) -> UnitScale {
        UnitScale(mantissa: a.mantissa / b.mantissa, decimalExponent: a.decimalExponent - b.decimalExponent)
    }

    /// sⁿ; a fractional power of the decade folds into the mantissa.
    public func raised(to power: UnitExponent) -> UnitScale {
        let m = Foundation.pow(mantissa, power.doubleValue)
        if power.isInteger {
            return UnitScale(mantissa: m, decimalExponent: decimalExponent * power.numerator)
        }
        return UnitScale(mantissa: m * Foundation.pow(10, Double(decimalExponent) * power.doubleValue))
    }

    /// 10ⁿ correctly rounded (read from its decimal spelling rather than by repeated products).
    static func powerOfTen(_ n: Int) -> Double { Double("1e\(n)") ?? Foundation.pow(10, Double(n)) }

    /// 2ⁿ, exact for the binary prefixes.
    static func powerOfTwo(_ n: Int) -> Double { Foundation.scalbn(1.0, n) }

    /// The mantissa alone for decade 0, else mantissa `e` decade, e.g. `60.0`, `1.0e-3`.
    public var description: String { decimalExponent == 0 ? "\(mantissa)" : "\(mantissa)e\(decimalExponent)" }
}
