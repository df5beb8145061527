/// The dimension of a quantity as powers of the seven base dimensions of the SI.
///
/// dim Q = L^α M^β T^γ I^δ Θ^ε N^ζ J^η (SI Brochure, 9th ed., 2019, §2.3.3; ISO 80000-1). Two
/// units can be converted into each other exactly when their dimensions are equal. The plane and
/// solid angle (rad, sr) are dimensionless in the SI and are therefore not part of this vector;
/// ``MeasurementUnit`` tracks them as quantity kinds (``QuantityKind/planeAngle``).
///
///     try MeasurementUnit(parsing: "kg.m2.s-2").dimension   // L² M T⁻²  (energy)
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    /// α, the power of length (metre).
    public var length: UnitExponent
    /// β, the power of mass (kilogram).
    public var mass: UnitExponent
    /// γ, the power of time (second).
    public var time: UnitExponent
    /// δ, the power of electric current (ampere).
    public var electricCurrent: UnitExponent
    /// ε, the power of thermodynamic temperature (kelvin).
    public var thermodynamicTemperature: UnitExponent
    /// ζ, the power of amount of substance (mole).
    public var amountOfSubstance: UnitExponent
    /// η, the power of luminous intensity (candela).
    public var luminousIntensity: UnitExponent

    /// A dimension from integer powers in the SI order (L, M, T, I, Θ, N, J).
    public init(
        length: Int = 0, mass: Int = 0, time: Int = 0, electricCurrent: Int = 0, thermodynamicTemperature: Int = 0,
        amountOfSubstance: Int = 0, luminousIntensity: Int = 0
    ) {
        self.length = UnitExponent(length)
        self.mass = UnitExponent(mass)
        self.time = UnitExponent(time)
        self.electricCurrent = UnitExponent(electricCurrent)
        self.thermodynamicTemperature = UnitExponent(thermodynamicTemperature)
        self.amountOfSubstance = UnitExponent(amountOfSubstance)
        self.luminousIntensity = UnitExponent(luminousIntensity)
    }

    /// Dimension one (all powers zero): ratios, counts, %, rad, sr.
    public static let dimensionless = Dimension()

    /// True for dimension one (every power zero).
    public var isDimensionless: Bool { self == .dimensionless }

    /// The powers in SI order (L, M, T, I, Θ, N, J).
    public var exponents: [UnitExponent] {
        [length, mass, time, electricCurrent, thermodynamicTemperature, amountOfSubstance, luminousIntensity]
    }

    /// dim(A·B) = dim A · dim B: the powers add.
    public static func * (a: Dimension, b: Dimension) -> Dimension {
        var product = a
        product.length = a.length + b.length
        product.mass = a.mass + b.mass
        product.time = a.time + b.time
        product.electricCurrent = a.electricCurrent + b.electricCurrent
        product.thermodynamicTemperature = a.thermodynamicTemperature + b.thermodynamicTemperature
        product.amountOfSubstance = a.amountOfSubstance + b.amountOfSubstance
        product.luminousIntensity = a.luminousIntensity + b.luminousIntensity
        return product
    }

    /// dim(Aⁿ) = (dim A)ⁿ: every power is multiplied by n.
    public func raised(to power: UnitExponent) -> Dimension {
        var result = self
        result.length = length * power
        result.mass = mass * power
        result.time = time * power
        result.electricCurrent = electricCurrent * power
        result.thermodynamicTemperature = thermodynamicTemperature * power
        result.amountOfSubstance = amountOfSubstance * power
        result.luminousIntensity = luminousIntensity * power
        return result
    }

    /// The ISO 80000 notation, e.g. `L2 M T-2`; `1` for dimension one.
    public var description: String {
        let symbols = ["L", "M", "T", "I", "Θ", "N", "J"]
        let parts = zip(symbols, exponents).compactMap { symbol, power -> String? in
            if power.isZero { return nil }
            return power == .one ? symbol : "\(symbol)\(power)"
        }
        return parts.isEmpty ? "1" : parts.joined(separator: " ")
    }
}
