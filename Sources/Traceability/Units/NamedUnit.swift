import Foundation

/// A unit with its own name: the SI base units, the coherent derived units with special names,
/// the non-SI units accepted for use with the SI, and the dimensionless markers of D-SI.
///
/// Written from the SI Brochure, 9th edition (BIPM 2019): Table 2 (base units), Table 4 (the 22
/// coherent derived units with special names and symbols), Table 8 (non-SI units accepted for use
/// with the SI) and §5.4.7 (the percent); plus `\one`, `\percent` and `\ppm` of the D-SI guide
/// (SmartCom D-SI v1.3, doi:10.5281/zenodo.3522631) and bit/byte of IEC 80000-13. Each entry gives
/// its D-SI name, its symbol, its dimension, the scale to the coherent SI unit of that dimension
/// and the quantity kinds it marks.
///
///     NamedUnit.electronvolt.scale.value   // 1.602176634e-19 (J)
///     NamedUnit.becquerel.kinds            // [.activity: 1]
public enum NamedUnit: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    // SI base units (Table 2); the gram carries the prefixes of mass (§3).
    /// The metre, m: SI base unit of length.
    case metre
    /// The kilogram, kg: SI base unit of mass; takes no prefix (mass prefixes go on the gram).
    case kilogram
    /// The gram, g = 10⁻³ kg: the unit that carries the prefixes of mass (§3.2).
    case gram
    /// The second, s: SI base unit of time.
    case second
    /// The ampere, A: SI base unit of electric current.
    case ampere
    /// The kelvin, K: SI base unit of thermodynamic temperature.
    case kelvin
    /// The mole, mol: SI base unit of amount of substance.
    case mole
    /// The candela, cd: SI base unit of luminous intensity.
    case candela
    // Coherent derived units with special names (Table 4).
    /// The radian, rad = m/m: plane angle (dimension one, kind ``QuantityKind/planeAngle``).
    case radian
    /// The steradian, sr = m²/m²: solid angle (dimension one, kind ``QuantityKind/solidAngle``).
    case steradian
    /// The hertz, Hz = s⁻¹: frequency, for periodic phenomena only.
    case hertz
    /// The newton, N = kg m s⁻²: force.
    case newton
    /// The pascal, Pa = N/m²: pressure, stress.
    case pascal
    /// The joule, J = N m: energy, work, amount of heat.
    case joule
    /// The watt, W = J/s: power, radiant flux.
    case watt
    /// The coulomb, C = A s: electric charge.
    case coulomb
    /// The volt, V = W/A: electric potential difference, voltage.
    case volt
    /// The farad, F = C/V: capacitance.
    case farad
    /// The ohm, Ω = V/A: electric resistance.
    case ohm
    /// The siemens, S = A/V: electric conductance.
    case siemens
    /// The weber, Wb = V s: magnetic flux.
    case weber
    /// The tesla, T = Wb/m²: magnetic flux density.
    case tesla
    /// The henry, H = Wb/A: inductance.
    case henry
    /// The degree Celsius, °C: Celsius temperature, t/°C = T/K − 273.15 (an interval of 1 °C is 1 K).
    case degreecelsius
    /// The lumen, lm = cd sr: luminous flux.
    case lumen
    /// The lux, lx = lm/m²: illuminance.
    case lux
    /// The becquerel, Bq = s⁻¹: activity referred to a radionuclide.
    case becquerel
    /// The gray, Gy = J/kg: absorbed dose, specific energy imparted, kerma.
    case gray
    /// The sievert, Sv = J/kg: dose equivalent.
    case sievert
    /// The katal, kat = mol/s: catalytic activity.
    case katal
    // Non-SI units accepted for use with the SI (Table 8).
    /// The minute, min = 60 s.
    case minute
    /// The hour, h = 3600 s.
    case hour
    /// The day, d = 86 400 s.
    case day
    /// The astronomical unit, au = 149 597 870 700 m (IAU 2012 Resolution B2).
    case astronomicalunit
    /// The degree of arc, ° = (π/180) rad.
    case degree
    /// The minute of arc, ′ = (1/60)° = (π/10 800) rad.
    case arcminute
    /// The second of arc, ″ = (1/60)′ = (π/648 000) rad.
    case arcsecond
    /// The hectare, ha = 10⁴ m² (area).
    case hectare
    /// The litre, L or l = 10⁻³ m³ (volume).
    case litre
    /// The tonne, t = 10³ kg (mass).
    case tonne
    /// The dalton, Da = 1.660 539 040(20) × 10⁻²⁷ kg (mass; the value of Table 8, not exact).
    case dalton
    /// The electronvolt, eV = 1.602 176 634 × 10⁻¹⁹ J exactly (energy).
    case electronvolt
    /// The neper, Np: a level, a logarithmic ratio with natural logarithms.
    case neper
    /// The bel, B: a level, a logarithmic ratio with decimal logarithms.
    case bel
    /// The decibel, dB = 0.1 B: already prefixed, so it takes no other prefix.
    case decibel
    // Dimensionless markers of D-SI and the units of information (IEC 80000-13).
    /// The unit one, `\one` or `1`: ratios and counts (dimension one).
    case one
    /// The percent, % = 10⁻² (SI Brochure §5.4.7; D-SI `\percent`).
    case percent
    /// Parts per million, ppm = 10⁻⁶ (D-SI `\ppm`).
    case ppm
    /// The bit: information content (IEC 80000-13); takes binary prefixes.
    case bit
    /// The byte = 8 bit (IEC 80000-13, 13-9.c); takes binary prefixes.
    case byte

    /// The D-SI identifier without its backslash (`degreecelsius`, all lower case).
    public var dsiName: String { rawValue }

    /// The symbol used in SI Reference Point expressions (`°C`, `Ω`, `L`).
    public var symbol: String {
        switch self {
        case .metre: "m"
        case .kilogram: "kg"
        case .gram: "g"
        case .second: "s"
        case .ampere: "A"
        case .kelvin: "K"
        case .mole: "mol"
        case .candela: "cd"
        case .radian: "rad"
        case .steradian: "sr"
        case .hertz: "Hz"
        case .newton: "N"
        case .pascal: "Pa"
        case .joule: "J"
        case .watt: "W"
        case .coulomb: "C"
        case .volt: "V"
        case .farad: "F"
        case .ohm: "Ω"
        case .siemens: "S"
        case .weber: "Wb"
        case .tesla: "T"
        case .henry: "H"
        case .degreecelsius: "°C"
        case .lumen: "lm"
        case .lux: "lx"
        case .becquerel: "Bq"
        case .gray: "Gy"
        case .sievert: "Sv"
        case .katal: "kat"
        case .minute: "min"
        case .hour: "h"
        case .day: "d"
        case .astronomicalunit: "au"
        case .degree: "°"
        case .arcminute: "′"
        case .arcsecond: "″"
        case .hectare: "ha"
        case .litre: "L"
        case .tonne: "t"
        case .dalton: "Da"
        case .electronvolt: "eV"
        case .neper: "Np"
        case .bel: "B"
        case .decibel: "dB"
        case .one: "1"
        case .percent: "%"
        case .ppm: "ppm"
        case .bit: "bit"
        case .byte: "byte"
        }
    }

    /// Other spellings of the symbol that SI Reference Point input may use: `l` for the litre
    /// (Table 8 allows both), U+2126 OHM SIGN, U+2103 DEGREE CELSIUS, ASCII primes.
    var alternativeSymbols: [String] {
        switch self {
        case .litre: ["l"]
        case .ohm: ["\u{2126}"]
        case .degreecelsius: ["\u{2103}"]
        case .arcminute: ["'"]
        case .arcsecond: ["\""]
        default: []
        }
    }

    /// The dimension of the unit (Table 4, column "expressed in terms of SI base units").
    public var dimension: Dimension {
        switch self {
        case .metre, .astronomicalunit: Dimension(length: 1)
        case .kilogram, .gram, .tonne, .dalton: Dimension(mass: 1)
        case .second, .minute, .hour, .day: Dimension(time: 1)
        case .ampere: Dimension(electricCurrent: 1)
        case .kelvin, .degreecelsius: Dimension(thermodynamicTemperature: 1)
        case .mole: Dimension(amountOfSubstance: 1)
        case .candela, .lumen: Dimension(luminousIntensity: 1)
        case .lux: Dimension(length: -2, luminousIntensity: 1)
        case .hertz, .becquerel: Dimension(time: -1)
        case .newton: Dimension(length: 1, mass: 1, time: -2)
        case .pascal: Dimension(length: -1, mass: 1, time: -2)
        case .joule, .electronvolt: Dimension(length: 2, mass: 1, time: -2)
        case .watt: Dimension(length: 2, mass: 1, time: -3)
        case .coulomb: Dimension(time: 1, electricCurrent: 1)
        case .volt: Dimension(length: 2, mass: 1, time: -3, electricCurrent: -1)
        case .farad: Dimension(length: -2, mass: -1, time: 4, electricCurrent: 2)
        case .ohm: Dimension(length: 2, mass: 1, time: -3, electricCurrent: -2)
        case .siemens: Dimension(length: -2, mass: -1, time: 3, electricCurrent: 2)
        case .weber: Dimension(length: 2, mass: 1, time: -2, electricCurrent: -1)
        case .tesla: Dimension(mass: 1, time: -2, electricCurrent: -1)
        case .henry: Dimension(length: 2, mass: 1, time: -2, electricCurrent: -2)
        case .gray, .sievert: Dimension(length: 2, time: -2)
        case .katal: Dimension(time: -1, amountOfSubstance: 1)
        case .hectare: Dimension(length: 2)
        case .litre: Dimension(length: 3)
        case .radian, .steradian, .degree, .arcminute, .arcsecond, .neper, .bel, .decibel, .one, .percent, .ppm,
            .bit, .byte:
            .dimensionless
        }
    }

    /// The value of one of this unit in the coherent SI unit of its dimension (Table 8 column
    /// "value in SI units"); for the logarithmic units, in the first unit of their family
    /// (1 dB = 0.1 B), since no linear factor relates them to other units.
    public var scale: UnitScale {
        switch self {
        case .gram: UnitScale(decimalExponent: -3)
        case .minute: UnitScale(mantissa: 60)
        case .hour: UnitScale(mantissa: 3600)
        case .day: UnitScale(mantissa: 86400)
        // 1 au = 149 597 870 700 m (IAU 2012 Resolution B2, quoted in Table 8).
        case .astronomicalunit: UnitScale(mantissa: 149_597_870_700)
        // 1° = (π/180) rad, 1′ = (1/60)°, 1″ = (1/60)′.
        case .degree: UnitScale(mantissa: Double.pi / 180)
        case .arcminute: UnitScale(mantissa: Double.pi / 10_800)
        case .arcsecond: UnitScale(mantissa: Double.pi / 648_000)
        case .hectare: UnitScale(decimalExponent: 4)
        case .litre: UnitScale(decimalExponent: -3)
        case .tonne: UnitScale(decimalExponent: 3)
        // 1 Da = 1.660 539 040(20) × 10⁻²⁷ kg, the value printed in Table 8 of the 9th edition
        // (CODATA 2014); not exact, the only entry of the table with an uncertainty.
        case .dalton: UnitScale(mantissa: 1.660_539_040, decimalExponent: -27)
        // 1 eV = 1.602 176 634 × 10⁻¹⁹ J exactly, since e is fixed (2019 redefinition).
        case .electronvolt: UnitScale(mantissa: 1.602_176_634, decimalExponent: -19)
        case .decibel: UnitScale(decimalExponent: -1)
        case .percent: UnitScale(decimalExponent: -2)
        case .ppm: UnitScale(decimalExponent: -6)
        // 1 byte = 8 bit (IEC 80000-13, 13-9.c).
        case .byte: UnitScale(mantissa: 8)
        default: .unity
        }
    }

    /// The quantity kinds the unit marks, with their power (sr = rad² is solid angle to the first
    /// power here: the steradian names the kind, SI Brochure Table 4 note c).
    public var kinds: [QuantityKind: UnitExponent] {
        switch self {
        case .radian, .degree, .arcminute, .arcsecond: [.planeAngle: .one]
        case .steradian, .lumen, .lux: [.solidAngle: .one]
        case .hertz: [.frequency: .one]
        case .becquerel: [.activity: .one]
        case .gray: [.absorbedDose: .one]
        case .sievert: [.doseEquivalent: .one]
        case .neper: [.napierianLevel: .one]
        case .bel, .decibel: [.decimalLevel: .one]
        case .bit, .byte: [.information: .one]
        default: [:]
        }
    }

    /// Whether a prefix may be attached. SI prefixes go on every SI unit except the kilogram
    /// (mass takes them on the gram, §3.2) and on the accepted units litre, tonne, dalton,
    /// electronvolt, neper and bel (Table 8 notes); not on min, h, d, au, °, ′, ″, ha, nor on
    /// one, %, ppm, nor on the already-prefixed decibel. Binary prefixes go only on bit and byte.
    public func acceptsPrefix(_ prefix: UnitPrefix) -> Bool {
        switch self {
        case .kilogram, .minute, .hour, .day, .astronomicalunit, .degree, .arcminute, .arcsecond, .hectare,
            .decibel, .one, .percent, .ppm:
            false
        case .bit, .byte: true
        default: !prefix.isBinary
        }
    }

    /// Whether a value in this unit is a point on an interval scale with its zero elsewhere
    /// (°C: t/°C = T/K − 273.15, SI Brochure §2.3.1), so values convert with an offset.
    public var affineOffset: Double? { self == .degreecelsius ? 273.15 : nil }

    /// Which table of the SI Brochure the unit comes from.
    public var category: Category {
        switch self {
        case .metre, .kilogram, .second, .ampere, .kelvin, .mole, .candela: .base
        case .gram: .base
        case .minute, .hour, .day, .astronomicalunit, .degree, .arcminute, .arcsecond, .hectare, .litre, .tonne,
            .dalton, .electronvolt, .neper, .bel, .decibel:
            .acceptedNonSI
        case .one, .percent, .ppm, .bit, .byte: .dimensionlessMarker
        default: .derivedWithSpecialName
        }
    }

    /// Where a named unit stands in the SI.
    public enum Category: String, Hashable, Sendable {
        /// A base unit (Table 2), and the gram which carries the prefixes of mass.
        case base
        /// A coherent derived unit with a special name (Table 4).
        case derivedWithSpecialName
        /// A non-SI unit accepted for use with the SI (Table 8).
        case acceptedNonSI
        /// `\one`, `\percent`, `\ppm`, bit, byte.
        case dimensionlessMarker
    }

    /// The SI Reference Point symbol (``symbol``), e.g. `°C`.
    public var description: String { symbol }

    /// The unit whose D-SI identifier is `name`, matched exactly (D-SI is case-sensitive).
    static func dsi(_ name: String) -> NamedUnit? { NamedUnit(rawValue: name) }

    /// Units by every SI Reference Point symbol they accept.
    static let bySymbol: [String: NamedUnit] = {
        var table: [String: NamedUnit] = [:]
        for unit in NamedUnit.allCases where unit != .one {
            table[unit.symbol] = unit
            for alternative in unit.alternativeSymbols { table[alternative] = unit }
        }
        return table
    }()
}
