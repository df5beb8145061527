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
    // Decimal prefixes (SI Brochure Table 7; ronna, quetta, ronto, quecto: 27th CGPM, 2022).
    /// quecto, q = 10⁻³⁰.
    case quecto
    /// ronto, r = 10⁻²⁷.
    case ronto
    /// yocto, y = 10⁻²⁴.
    case yocto
    /// zepto, z = 10⁻²¹.
    case zepto
    /// atto, a = 10⁻¹⁸.
    case atto
    /// femto, f = 10⁻¹⁵.
    case femto
    /// pico, p = 10⁻¹².
    case pico
    /// nano, n = 10⁻⁹.
    case nano
    /// micro, µ = 10⁻⁶.
    case micro
    /// milli, m = 10⁻³.
    case milli
    /// centi, c = 10⁻².
    case centi
    /// deci, d = 10⁻¹.
    case deci
    /// deca, da = 10¹.
    case deca
    /// hecto, h = 10².
    case hecto
    /// kilo, k = 10³.
    case kilo
    /// mega, M = 10⁶.
    case mega
    /// giga, G = 10⁹.
    case giga
    /// tera, T = 10¹².
    case tera
    /// peta, P = 10¹⁵.
    case peta
    /// exa, E = 10¹⁸.
    case exa
    /// zetta, Z = 10²¹.
    case zetta
    /// yotta, Y = 10²⁴.
    case yotta
    /// ronna, R = 10²⁷.
    case ronna
    /// quetta, Q = 10³⁰.
    case quetta
    // Binary prefixes (IEC 80000-13), for bit and byte only.
    /// kibi, Ki = 2¹⁰ = 1024.
    case kibi
    /// mebi, Mi = 2²⁰.
    case mebi
    /// gibi, Gi = 2³⁰.
    case gibi
    /// tebi, Ti = 2⁴⁰.
    case tebi
    /// pebi, Pi = 2⁵⁰.
    case pebi
    /// exbi, Ei = 2⁶⁰.
    case exbi
    /// zebi, Zi = 2⁷⁰.
    case zebi
    /// yobi, Yi = 2⁸⁰.
    case yobi

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

    /// The symbol (``symbol``), e.g. `µ`.
    public var description: String { symbol }
}
