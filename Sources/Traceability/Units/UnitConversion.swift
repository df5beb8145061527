/// The affine map from values in one unit to values in another: y = factor · x + offset.
///
/// Built by ``MeasurementUnit/conversion(to:)``. For units without an offset this is a pure
/// scale (kBq → `\mega\becquerel`: factor 10⁻³). For the degree Celsius, T/K = t/°C + 273.15
/// (SI Brochure, 9th ed., §2.3.1), so a value converts with the offset while an uncertainty or
/// a difference converts with the factor only (a temperature interval of 1 °C equals 1 K).
///
///     let c = try MeasurementUnit(parsing: "°C").conversion(to: MeasurementUnit(parsing: "K"))
///     c.value(20)          // 293.15
///     c.uncertainty(0.03)  // 0.03
public struct UnitConversion: Hashable, Sendable {
    /// The ratio of the source unit to the target unit, as mantissa × 10ⁿ.
    public var scale: UnitScale
    /// Added after scaling, in the target unit (0 unless a °C-type unit is involved).
    public var offset: Double

    /// The map y = scale · x + offset.
    public init(scale: UnitScale, offset: Double = 0) {
        self.scale = scale
        self.offset = offset
    }

    /// The map y = factor · x + offset, the factor kept as one mantissa.
    public init(factor: Double, offset: Double = 0) {
        self.init(scale: UnitScale(mantissa: factor), offset: offset)
    }

    /// The ratio of the source unit to the target unit as one number.
    public var factor: Double { scale.value }

    /// y = x: between a unit and itself.
    public static let identity = UnitConversion(factor: 1)

    /// Whether the map is a pure scale.
    public var isLinear: Bool { offset == 0 }

    /// A quantity value: factor · x + offset.
    public func value(_ x: Double) -> Double { scale.scaling(x) + offset }

    /// An uncertainty (standard or expanded): |factor| · u, without the offset.
    public func uncertainty(_ u: Double) -> Double { abs(scale.scaling(u)) }

    /// A difference of two values (an error, a DoE, a tolerance): factor · d, without the offset.
    public func difference(_ d: Double) -> Double { scale.scaling(d) }
}
