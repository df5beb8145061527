import Foundation

/// A unit of measurement read from D-SI (`\kilogram\metre\tothe{2}`) or SI Reference Point
/// (`kg.m2`) syntax: its factors, dimension, scale to coherent SI, °C offset and quantity kinds.
///
/// A unit is the product of its ``factors`` (prefix · named unit)^power. From the table of
/// ``NamedUnit`` (SI Brochure, 9th ed., Tables 2, 4 and 8) it has
/// - a ``dimension`` (L M T I Θ N J powers): units convert into each other iff these are equal;
/// - a ``scale`` to the coherent SI unit of that dimension: `kBq` = 10³ s⁻¹, `\minute` = 60 s;
/// - an ``affineOffset`` when it is a lone degree Celsius (T/K = t/°C + 273.15, §2.3.1);
/// - ``kinds``: the kinds named by special units (Hz, Bq, Gy, Sv, rad, sr, Np, B, bit), which
///   tell apart quantities of equal dimension (§2.3.4).
///
/// Equality and hashing compare the factors, not the spelling: `kg.m2` == `\kilogram\metre\tothe{2}`.
/// In JSON a unit is its spelling, read back with ``init(parsing:)``.
///
///     let activity = try MeasurementUnit(parsing: "kBq")
///     let doe = try MeasurementUnit(parsing: #"\mega\becquerel"#)
///     try activity.conversion(to: doe).value(54530)   // 54.53
public struct MeasurementUnit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The spelling that was read, kept for messages and for writing the unit back.
    public let expression: String
    /// The syntax the expression was written in.
    public let notation: Notation
    /// The factors in the order written; a `\per` denominator has its powers negated.
    public let factors: [UnitFactor]

    /// The two unit grammars this type reads.
    public enum Notation: String, Hashable, Sendable, Codable {
        /// D-SI: `\milli\metre\tothe{2}`, `\per`, `\one` (D-SI guide v1.3).
        case dsi
        /// BIPM SI Reference Point: `mm2`, `m.s-1`, `1`, `%`, `°C` (SI Digital Framework).
        case siReferencePoint
    }

    /// A unit from its factors; `expression` defaults to the SI Reference Point spelling.
    public init(factors: [UnitFactor], expression: String? = nil, notation: Notation = .siReferencePoint) {
        self.factors = factors
        self.notation = notation
        self.expression = expression ?? Self.siReferencePoint(of: factors)
    }

    /// Reads D-SI when the text starts with `\` or `|`, SI Reference Point otherwise.
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` naming the
    ///   offending token and its column (1-based).
    public init(parsing text: String) throws(TraceabilityError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("\\") || trimmed.hasPrefix("|") {
            try self.init(dsi: text)
        } else {
            try self.init(siReferencePoint: text)
        }
    }

    /// Reads a unit from its spelling, D-SI or SI Reference Point (``init(parsing:)``).
    ///
    /// - Throws: `DecodingError.dataCorrupted` with the parser's message (token and column).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Writes the unit as it was spelled (``expression``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(expression)
    }

    /// `\one` / `1`.
    public static let one = MeasurementUnit(factors: [UnitFactor(unit: .one)], expression: "1")

    // MARK: Properties

    /// dim = Π dim(unitᵢ)^(powerᵢ).
    public var dimension: Dimension {
        factors.reduce(Dimension.dimensionless) { $0 * $1.unit.dimension.raised(to: $1.exponent) }
    }

    /// The value of one of this unit in coherent SI units: Π (prefixᵢ · scaleᵢ)^(powerᵢ).
    public var scale: UnitScale { factors.reduce(UnitScale.unity) { $0 * $1.scale } }

    /// The kinds of quantity named by special units, with their summed powers (zero powers dropped).
    public var kinds: [QuantityKind: UnitExponent] {
        var kinds: [QuantityKind: UnitExponent] = [:]
        for factor in factors {
            for (kind, power) in factor.unit.kinds {
                kinds[kind, default: .zero] = kinds[kind, default: .zero] + power * factor.exponent
            }
        }
        return kinds.filter { !$0.value.isZero }
    }

    /// The offset of the interval scale, in kelvin, when the unit is a single (possibly prefixed)
    /// degree Celsius to the first power; nil otherwise. A °C inside a compound unit
    /// (`\watt\per\degreecelsius`) is a temperature interval and has no offset.
    public var affineOffset: Double? {
        guard factors.count == 1, let factor = factors.first, factor.exponent == .one else { return nil }
        return factor.unit.affineOffset
    }

    /// Whether the unit is a logarithmic level (Np, B, dB), which converts only within its family.
    public var isLogarithmic: Bool { kinds.keys.contains { $0.isLogarithmic } }

    /// The SI Reference Point spelling of the factors (`kg.m2.s-2`, `1` for no factor).
    public var siReferencePoint: String { Self.siReferencePoint(of: factors) }

    /// The D-SI spelling of the factors with negative powers instead of `\per`.
    public var dsi: String { factors.isEmpty ? "\\one" : factors.map(\.dsi).joined() }

    /// The spelling that was read (``expression``).
    public var description: String { expression }

    static func siReferencePoint(of factors: [UnitFactor]) -> String {
        factors.isEmpty ? "1" : factors.map(\.siReferencePoint).joined(separator: ".")
    }

    /// The magnitudes a parsed unit's scale may have: 10⁻¹⁵⁰ … 10¹⁵⁰ (a quettametre to the fifth
    /// power is 10¹⁵⁰ m⁵), so that the factor converting between any two units is a finite,
    /// non-zero double.
    public static let scaleRange: ClosedRange<Double> = 1e-150...1e150

    /// Checks what the parsers cannot see factor by factor: that the powers of the dimension and
    /// of the kinds stay within ``UnitExponent/magnitudeLimit`` (so that ``dimension`` and
    /// ``kinds`` cannot overflow) and that the scale lies in ``scaleRange``.
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` with
    ///   ``UnitSyntaxIssue/outOfRange``.
    func checkArithmetic() throws(TraceabilityError) {
        // The same operations as `dimension` and `kinds`, in the same order, checked.
        var dimension = Dimension.dimensionless.exponents
        var kinds: [QuantityKind: UnitExponent] = [:]
        var representable = true
        for factor in factors where representable {
            for (i, power) in factor.unit.dimension.exponents.enumerated() {
                guard let raised = power.multiplied(by: factor.exponent), let sum = dimension[i].adding(raised) else {
                    representable = false
                    break
                }
                dimension[i] = sum
            }
            for (kind, power) in factor.unit.kinds {
                guard let raised = power.multiplied(by: factor.exponent),
                    let sum = kinds[kind, default: .zero].adding(raised)
                else {
                    representable = false
                    break
                }
                kinds[kind] = sum
            }
        }
        guard representable, Self.scaleRange.contains(scale.value) else {
            throw .invalidUnit(expression: expression, token: expression, column: 1, issue: .outOfRange)
        }
    }

    // MARK: Comparison and conversion

    /// Whether values in the two units can be converted (equal dimensions, and for logarithmic
    /// units, the same family).
    public func isCommensurable(with other: MeasurementUnit) -> Bool {
        dimension == other.dimension && logarithmicKinds == other.logarithmicKinds
    }

    /// The map from values in this unit to values in `target`.
    ///
    /// factor = scale(self)/scale(target) (computed decade apart, so prefix ratios are exact);
    /// offset = (offset(self) − offset(target))/scale(target), non-zero only with °C.
    ///
    ///     try MeasurementUnit(parsing: "kBq").conversion(to: MeasurementUnit(parsing: #"\mega\becquerel"#)).factor   // 0.001
    ///
    /// - Throws: ``TraceabilityError/incommensurableUnits(from:to:fromDimension:toDimension:)`` when the
    ///   dimensions differ, or a logarithmic unit meets a unit of another family.
    public func conversion(to target: MeasurementUnit) throws(TraceabilityError) -> UnitConversion {
        guard isCommensurable(with: target) else {
            throw .incommensurableUnits(
                from: expression, to: target.expression, fromDimension: dimension, toDimension: target.dimension)
        }
        let offset = ((affineOffset ?? 0) - (target.affineOffset ?? 0)) / target.scale.value
        return UnitConversion(scale: scale / target.scale, offset: offset)
    }

    /// The kinds of quantity on which the two units disagree, when their dimensions are equal;
    /// nil when they agree or cannot be compared at all (different dimensions).
    ///
    /// Angles must match in power (rad/s vs Hz, cd vs lm). Labels (Hz, Bq, Gy, Sv, bit) conflict
    /// only when both units carry one and they differ: s⁻¹ fits both Hz and Bq, Hz vs Bq does not.
    public func quantityKindConflict(with other: MeasurementUnit) -> QuantityKindConflict? {
        guard dimension == other.dimension else { return nil }
        let mine = kinds
        let theirs = other.kinds
        let angles: (([QuantityKind: UnitExponent]) -> [QuantityKind: UnitExponent]) = { $0.filter { $0.key.isAngle } }
        let labels: (([QuantityKind: UnitExponent]) -> [QuantityKind: UnitExponent]) = { $0.filter { !$0.key.isAngle } }
        let anglesDiffer = angles(mine) != angles(theirs)
        let labelsDiffer = !labels(mine).isEmpty && !labels(theirs).isEmpty && labels(mine) != labels(theirs)
        let levelsDiffer = logarithmicKinds != other.logarithmicKinds
        return anglesDiffer || labelsDiffer || levelsDiffer ? QuantityKindConflict(first: mine, second: theirs) : nil
    }

    private var logarithmicKinds: Set<QuantityKind> { Set(kinds.keys.filter(\.isLogarithmic)) }

    /// Equal when the factors (prefix, unit, power, in order) are equal, however spelled:
    /// `kg.m2` == `\kilogram\metre\tothe{2}`, but `J` != `kg.m2.s-2` (compare magnitudes with
    /// ``conversion(to:)``).
    public static func == (a: MeasurementUnit, b: MeasurementUnit) -> Bool { a.factors == b.factors }

    /// Hashes the factors, consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) { hasher.combine(factors) }
}
