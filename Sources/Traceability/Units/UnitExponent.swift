import Foundation

/// A rational power to which a unit or a dimension is raised: 2 in m², −1 in s⁻¹, 1/2 in Hz^(−1/2).
///
/// D-SI writes powers as `\tothe{n}` with n an integer, a decimal (`0.5`) or, in this parser, a
/// fraction (`1/2`); SI Reference Point writes integers after the symbol (`m2`, `s-1`). Exponents
/// are kept as reduced fractions p/q (q > 0) so that dimension vectors compare exactly: a product
/// of m^(1/3) three times is m¹, never m^0.9999999 (D-SI guide v1.3 §3; SI Brochure, 9th ed., 2.3.4).
///
///     UnitExponent(parsing: "0.5")   // 1/2
///     UnitExponent(parsing: "-2")    // −2
public struct UnitExponent: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// p, carrying the sign.
    public let numerator: Int
    /// q > 0, with gcd(p, q) = 1.
    public let denominator: Int

    /// The largest numerator or denominator an exponent read from a file may have, and the
    /// largest the powers of a parsed unit may reach: 2³⁰. Below it the sum or product of two
    /// exponents cannot overflow `Int`, so the arithmetic of parsed units is safe; a unit whose
    /// powers would exceed it is refused when it is read (``MeasurementUnit/init(parsing:)``).
    public static let magnitudeLimit = 1 << 30

    /// p/q reduced to lowest terms; `denominator` must be non-zero and both must be greater than
    /// `Int.min` (programmer errors otherwise: readers use ``init(parsing:)``, which checks).
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "UnitExponent: zero denominator")  // allowed: parsers reject q = 0 first
        let divisor = Self.greatestCommonDivisor(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Swift.max(divisor, 1)
        self.denominator = sign * denominator / Swift.max(divisor, 1)
    }

    /// Reads an integer (`-2`, `+3`), a decimal (`0.5`, `-1.25`) or a fraction (`1/3`, `-2/3`);
    /// nil for anything else, including a zero denominator, more than nine decimals, or a
    /// numerator or denominator beyond ``magnitudeLimit``.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        func bounded(_ n: Int) -> Bool { n.magnitude <= UInt(Self.magnitudeLimit) }
        if let slash = text.firstIndex(of: "/") {
            guard let p = Int(text[..<slash]), let q = Int(text[text.index(after: slash)...]), q != 0,
                bounded(p), bounded(q)
            else { return nil }
            self.init(p, q)
            return
        }
        if let whole = Int(text) {
            guard bounded(whole) else { return nil }
            self.init(whole)
            return
        }
        // A finite decimal d.ddd is an exact fraction over a power of ten.
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let integerPart = String(text[..<dot])
        let fractionPart = String(text[text.index(after: dot)...])
        guard !fractionPart.isEmpty, fractionPart.count <= 9, fractionPart.allSatisfy(\.isASCIIDigit),
            integerPart.isEmpty || integerPart == "-" || integerPart == "+" || Int(integerPart) != nil
        else { return nil }
        let negative = integerPart.hasPrefix("-")
        let magnitude = Int(integerPart.trimmingCharacters(in: CharacterSet(charactersIn: "+-"))) ?? 0
        var scale = 1
        for _ in fractionPart { scale *= 10 }
        guard let fraction = Int(fractionPart), bounded(magnitude) else { return nil }
        // |magnitude| ≤ 2³⁰ and scale ≤ 10⁹: the numerator stays below 2⁶⁰.
        let reduced = UnitExponent(magnitude * scale + fraction, scale)
        guard bounded(reduced.numerator), bounded(reduced.denominator) else { return nil }
        self = negative ? -reduced : reduced
    }

    /// 0: the factor is absent (x⁰ = 1).
    public static let zero = UnitExponent(0)
    /// 1: the factor to its own power.
    public static let one = UnitExponent(1)

    /// True for p = 0.
    public var isZero: Bool { numerator == 0 }
    /// True for q = 1: the powers SI Reference Point writes without parentheses.
    public var isInteger: Bool { denominator == 1 }
    /// p/q as a floating-point number.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// Whether numerator and denominator are within ``magnitudeLimit``.
    public var isWithinLimit: Bool {
        numerator.magnitude <= UInt(Self.magnitudeLimit) && denominator <= Self.magnitudeLimit
    }

    /// The sum, as `+`, or nil when the result is not within ``magnitudeLimit`` (or an
    /// intermediate product overflows `Int`).
    public func adding(_ other: UnitExponent) -> UnitExponent? {
        let (a, o1) = numerator.multipliedReportingOverflow(by: other.denominator)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: denominator)
        let (p, o3) = a.addingReportingOverflow(b)
        let (q, o4) = denominator.multipliedReportingOverflow(by: other.denominator)
        guard !(o1 || o2 || o3 || o4), p != .min else { return nil }
        let sum = UnitExponent(p, q)
        return sum.isWithinLimit ? sum : nil
    }

    /// The product, as `*`, or nil when the result is not within ``magnitudeLimit``.
    public func multiplied(by other: UnitExponent) -> UnitExponent? {
        let (p, o1) = numerator.multipliedReportingOverflow(by: other.numerator)
        let (q, o2) = denominator.multipliedReportingOverflow(by: other.denominator)
        guard !(o1 || o2), p != .min else { return nil }
        let product = UnitExponent(p, q)
        return product.isWithinLimit ? product : nil
    }

    /// a + b, for exponents within ``magnitudeLimit`` (the powers of parsed units), where it
    /// cannot overflow; beyond it, use ``adding(_:)``.
    public static func + (a: UnitExponent, b: UnitExponent) -> UnitExponent {
        UnitExponent(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    /// a · b, for exponents within ``magnitudeLimit``; beyond it, use ``multiplied(by:)``.
    public static func * (a: UnitExponent, b: UnitExponent) -> UnitExponent {
        UnitExponent(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    /// −p/q: the power of the factor in a denominator.
    public static prefix func - (a: UnitExponent) -> UnitExponent { UnitExponent(-a.numerator, a.denominator) }

    /// Compares p₁/q₁ < p₂/q₂ as p₁·q₂ < p₂·q₁ (q > 0), exactly, for exponents within ``magnitudeLimit``.
    public static func < (a: UnitExponent, b: UnitExponent) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// `2`, `-1`, `1/2`.
    public var description: String { isInteger ? "\(numerator)" : "\(numerator)/\(denominator)" }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
