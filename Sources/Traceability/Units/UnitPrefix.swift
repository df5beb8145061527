/// A decimal SI prefix or a binary (IEC) prefix.
///
/// Decimal prefixes from the SI Brochure, 9th ed., Table 7, with ronna, quetta, ronto and quecto
/// added by the 27th CGPM (2022, Resolution 3); binary prefixes from IEC 80000-13 (kibi = 2¹⁰, …),
/// which the SI Brochure (§3, note) reserves for information technology. D-SI spells them as
/// backslash names (`\kilo`, `\micro`, `\kibi`); SI Reference Point as symbols (`k`, `µ`, `Ki`).
///
///     UnitPrefix.kilo.symbol          // "k"
///     UnitPrefix.micro.decimalPower    // -6
public enum UnitPrefix: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case quecto, ronto, yocto, zepto, atto, femto, pico, nano, micro, milli, centi, deci
    case deca, hecto, kilo, mega, giga, tera, peta, exa, zetta, yotta, ronna, quetta
    case kibi, mebi, gibi, tebi, pebi, exbi, zebi, yobi

    /// The D-SI identifier without its backslash, e.g. `milli`.
    public var dsiName: String { rawValue }

    /// The SI symbol (`µ` is U+00B5 MICRO SIGN; the parser also accepts U+03BC).
    public var symbol: String {
        switch self {
        case .quecto: "q"
        case .ronto: "r"
        case .yocto: "y"
        case .zepto: "z"
        case .atto: "a"
        case .femto: "f"
        case .pico: "p"
        case .nano: "n"
        case .micro: "µ"
        case .milli: "m"
        case .centi: "c"
        case .deci: "d"
        case .deca: "da"
        case .hecto: "h"
        case .kilo: "k"
        case .mega: "M"
        case .giga: "G"
        case .tera: "T"
        case .peta: "P"
        case .exa: "E"
        case .zetta: "Z"
        case .yotta: "Y"
        case .ronna: "R"
        case .quetta: "Q"
        case .kibi: "Ki"
        case .mebi: "Mi"
        case .gibi: "Gi"
        case .tebi: "Ti"
        case .pebi: "Pi"
        case .exbi: "Ei"
        case .zebi: "Zi"
        case .yobi: "Yi"
        }
    }

    /// n in 10ⁿ for a decimal prefix; nil for a binary prefix.
    public var decimalPower: Int? {
        switch self {
        case .quecto: -30
        case .ronto: -27
        case .yocto: -24
        case .zepto: -21
        case .atto: -18
        case .femto: -15
        case .pico: -12
        case .nano: -9
        case .micro: -6
        case .milli: -3
        case .centi: -2
        case .deci: -1
        case .deca: 1
        case .hecto: 2
        case .kilo: 3
        case .mega: 6
        case .giga: 9
        case .tera: 12
        case .peta: 15
        case .exa: 18
        case .zetta: 21
        case .yotta: 24
        case .ronna: 27
        case .quetta: 30
        case .kibi, .mebi, .gibi, .tebi, .pebi, .exbi, .zebi, .yobi: nil
        }
    }

    /// n in 2ⁿ for a binary prefix (kibi = 2¹⁰); nil for a decimal prefix.
    public var binaryPower: Int? {
        switch self {
        case .kibi: 10
        case .mebi: 20
        case .gibi: 30
        case .tebi: 40
        case .pebi: 50
        case .exbi: 60
        case .zebi: 70
        case .yobi: 80
        default: nil
        }
    }

    /// Whether this is an IEC binary prefix (only for bit and byte).
    public var isBinary: Bool { binaryPower != nil }

    /// The factor the prefix stands for, e.g. 1e-3 for milli, 1024 for kibi.
    public var factor: Double {
        if let n = decimalPower { return UnitScale.powerOfTen(n) }
        return UnitScale.powerOfTwo(binaryPower ?? 0)
    }

    public var description: String { symbol }
}
