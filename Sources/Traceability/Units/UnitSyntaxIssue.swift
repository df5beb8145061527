/// Why a unit expression could not be read, carried by ``TraceabilityError/invalidUnit(expression:token:column:issue:)``.
///
/// The D-SI XSD leaves `si:unit` an unrestricted string (D-SI 2.2.0, `unitType`), so units are
/// checked here: against the grammar of the D-SI guide v1.3 (backslash identifiers, `\tothe{n}`,
/// `\per`) and of the SI Reference Point (`kg.m2.s-1`), and against the table of ``NamedUnit``.
public enum UnitSyntaxIssue: Hashable, Sendable, CustomStringConvertible {
    /// The expression is empty or blank.
    case empty
    /// An identifier or symbol that names no unit or prefix; with the spelling that was probably
    /// meant when one differs only in letter case or is a known misspelling (`\degreeCelsius`).
    case unknownUnit(suggestion: String?)
    /// A character outside the grammar (`°` after a backslash, a space, `*`).
    case unexpectedCharacter
    /// A prefix with no unit after it (`\milli` at the end, `\kilo\per`).
    case prefixWithoutUnit
    /// Two prefixes in a row (`\kilo\milli\metre`): the SI forbids compound prefixes (§3).
    case compoundPrefix
    /// A prefix on a unit that takes none (`\milli\kilogram`, `\kilo\minute`, `\kibi\metre`).
    case prefixNotAllowed(unit: NamedUnit, prefix: UnitPrefix)
    /// `\tothe{…}` whose content is not an integer, decimal or fraction, or is zero.
    case invalidExponent
    /// `\tothe{…}` that follows no unit, or follows another power.
    case misplacedPower
    /// A second `\per`: D-SI allows one fraction bar (and deprecates it in favour of negative powers).
    case repeatedPer
    /// `\per` with nothing after it.
    case emptyDenominator
    /// A D-SI non-SI unit (`|bar`): its meaning is only in the DCC's `nonSIDefinition`, so it has
    /// no dimension or scale that can be compared.
    case nonSIUnit
    /// Powers so large that the unit's dimension cannot be computed exactly (a numerator or
    /// denominator beyond ``UnitExponent/magnitudeLimit``), or a scale outside
    /// ``MeasurementUnit/scaleRange`` (`\metre\tothe{1000000}`).
    case outOfRange

    /// The reason in words, used in ``TraceabilityError/invalidUnit(expression:token:column:issue:)``'s message.
    public var description: String {
        switch self {
        case .empty: "the unit is empty"
        case .unknownUnit(let suggestion):
            suggestion.map { "unknown unit or prefix; did you mean \($0)?" } ?? "unknown unit or prefix"
        case .unexpectedCharacter: "unexpected character"
        case .prefixWithoutUnit: "a prefix must be followed by a unit"
        case .compoundPrefix: "compound prefixes are not allowed (SI Brochure §3)"
        case .prefixNotAllowed(let unit, let prefix):
            "the prefix \(prefix.dsiName) cannot be used with \(unit.dsiName)"
        case .invalidExponent:
            "the power must be a non-zero integer, decimal (at most nine places) or fraction, numerator and denominator at most 2^30"
        case .misplacedPower: "a power must directly follow a unit"
        case .repeatedPer: "only one \\per is allowed"
        case .emptyDenominator: "\\per must be followed by a unit"
        case .nonSIUnit: "non-SI unit (declared by nonSIDefinition in the DCC) has no SI dimension"
        case .outOfRange:
            "the powers or the scale are out of range (powers up to 2^30 in numerator and denominator, a scale between 1e-150 and 1e150)"
        }
    }
}
