extension MeasurementUnit {
    /// Reads a D-SI unit: backslash identifiers, `\tothe{n}` after a unit, at most one `\per`.
    ///
    /// Grammar (D-SI guide v1.3, SmartCom, doi:10.5281/zenodo.3522631, §4):
    ///
    ///     unit    := factor+ ( "\per" factor+ )?
    ///     factor  := ( "\" prefix )? "\" name ( "\tothe{" power "}" )?
    ///     power   := integer | decimal | integer "/" integer      (non-zero)
    ///
    /// Identifiers are case-sensitive and lower case (`\degreecelsius`, not `\degreeCelsius`).
    /// Factors after `\per` get their powers negated (`\metre\per\second\tothe{2}` = m·s⁻²).
    /// A D-SI non-SI unit (`|bar`) is rejected: its definition lives in the DCC, not in the SI.
    ///
    ///     try MeasurementUnit(dsi: #"\kilogram\metre\tothe{2}"#).siReferencePoint   // "kg.m2"
    ///     try MeasurementUnit(dsi: #"\degreeCelsius"#)   // throws: unknown unit, did you mean \degreecelsius?
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` with the token
    ///   (e.g. `\°C`, `\kgf`) and its 1-based column.
    public init(dsi text: String) throws(TraceabilityError) {
        var parser = DSIUnitParser(text)
        self.init(factors: try parser.parse(), expression: text, notation: .dsi)
        try checkArithmetic()
    }
}

/// The scanner and state machine behind ``MeasurementUnit/init(dsi:)``.
struct DSIUnitParser {
    private let text: String
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    private func failure(_ token: String, at column: Int, _ issue: UnitSyntaxIssue) -> TraceabilityError {
        .invalidUnit(expression: text, token: token, column: column + 1, issue: issue)
    }

    private enum Token {
        case identifier(String)
        case power(String)
    }

    mutating func parse() throws(TraceabilityError) -> [UnitFactor] {
        // Surrounding white space is tolerated; white space inside is not (dcclib Schematron).
        var end = characters.count
        while index < end, characters[index].isWhitespace { index += 1 }
        while end > index, characters[end - 1].isWhitespace { end -= 1 }
        guard index < end else { throw failure(text, at: 0, .empty) }

        var factors: [UnitFactor] = []
        var pendingPrefix: (prefix: UnitPrefix, token: String, column: Int)?
        var lastFactorCanTakePower = false
        var perColumn: Int?
        var denominatorCount = 0

        while index < end {
            let column = index
            let (token, spelling) = try nextToken(end: end)
            switch token {
            case .power(let content):
                guard pendingPrefix == nil, lastFactorCanTakePower, var last = factors.popLast() else {
                    throw failure(spelling, at: column, .misplacedPower)
                }
                guard let power = UnitExponent(parsing: content), !power.isZero else {
                    throw failure(spelling, at: column, .invalidExponent)
                }
                last.exponent = last.exponent * power
                factors.append(last)
                lastFactorCanTakePower = false
            case .identifier(let name):
                if name == "per" {
                    if let pending = pendingPrefix {
                        throw failure(pending.token, at: pending.column, .prefixWithoutUnit)
                    }
                    guard perColumn == nil else { throw failure(spelling, at: column, .repeatedPer) }
                    perColumn = column
                    lastFactorCanTakePower = false
                } else if let prefix = UnitPrefix(rawValue: name) {
                    if pendingPrefix != nil { throw failure(spelling, at: column, .compoundPrefix) }
                    pendingPrefix = (prefix, spelling, column)
                    lastFactorCanTakePower = false
                } else if let unit = NamedUnit.dsi(name) {
                    if let pending = pendingPrefix, !unit.acceptsPrefix(pending.prefix) {
                        throw failure(
                            pending.token + spelling, at: pending.column,
                            .prefixNotAllowed(unit: unit, prefix: pending.prefix))
                    }
                    let sign = perColumn == nil ? UnitExponent.one : -UnitExponent.one
                    factors.append(UnitFactor(prefix: pendingPrefix?.prefix, unit: unit, exponent: sign))
                    if perColumn != nil { denominatorCount += 1 }
                    pendingPrefix = nil
                    lastFactorCanTakePower = true
                } else {
                    throw failure(spelling, at: column, .unknownUnit(suggestion: Self.suggestion(for: name)))
                }
            }
        }
        if let pending = pendingPrefix { throw failure(pending.token, at: pending.column, .prefixWithoutUnit) }
        if let perColumn, denominatorCount == 0 { throw failure("\\per", at: perColumn, .emptyDenominator) }
        return factors
    }

    /// Reads `\name`, `\tothe{…}`; anything else is an error naming the offending text.
    private mutating func nextToken(end: Int) throws(TraceabilityError) -> (Token, String) {
        let start = index
        let character = characters[index]
        if character == "|" {
            // A non-SI unit runs to the next backslash.
            var stop = index + 1
            while stop < end, characters[stop] != "\\" { stop += 1 }
            throw failure(String(characters[start..<stop]), at: start, .nonSIUnit)
        }
        guard character == "\\" else {
            throw failure(String(character), at: start, .unexpectedCharacter)
        }
        index += 1
        while index < end, characters[index].isASCII, characters[index].isLetter { index += 1 }
        let name = String(characters[(start + 1)..<index])
        if name.isEmpty {
            // `\°C`, `\%`: read to the next backslash so the whole offending token is named.
            while index < end, characters[index] != "\\" { index += 1 }
            let token = String(characters[start..<index])
            let inner = String(token.dropFirst())
            let suggestion = NamedUnit.bySymbol[inner].map { "\\" + $0.dsiName }
            throw failure(token, at: start, .unknownUnit(suggestion: suggestion))
        }
        guard name == "tothe" else {
            // A letter run glued to non-letters (`\kgf2`) is reported whole.
            if index < end, characters[index] != "\\", characters[index] != "|" {
                if characters[index].isWhitespace {
                    throw failure(String(characters[index]), at: index, .unexpectedCharacter)
                }
                var stop = index
                while stop < end, characters[stop] != "\\" { stop += 1 }
                throw failure(String(characters[start..<stop]), at: start, .unexpectedCharacter)
            }
            return (.identifier(name), String(characters[start..<index]))
        }
        guard index < end, characters[index] == "{" else {
            throw failure(String(characters[start..<index]), at: start, .invalidExponent)
        }
        guard let close = characters[index..<end].firstIndex(of: "}") else {
            throw failure(String(characters[start..<end]), at: start, .invalidExponent)
        }
        let content = String(characters[(index + 1)..<close])
        index = close + 1
        return (.power(content), String(characters[start..<index]))
    }

    /// The D-SI spelling probably meant: a case-insensitive match, a common variant, or the
    /// D-SI name of an SI symbol written after a backslash (`\kg` → `\kilogram`).
    static func suggestion(for name: String) -> String? {
        let lowered = name.lowercased()
        if let unit = NamedUnit.allCases.first(where: { $0.dsiName == lowered }) { return "\\" + unit.dsiName }
        if let prefix = UnitPrefix.allCases.first(where: { $0.dsiName == lowered }) { return "\\" + prefix.dsiName }
        let variants: [String: String] = [
            "meter": "metre", "liter": "litre", "deka": "deca", "celsius": "degreecelsius",
            "degc": "degreecelsius", "centigrade": "degreecelsius", "gramme": "gram", "kilogramme": "kilogram",
            "ton": "tonne", "amp": "ampere", "mol": "mole",
        ]
        if let variant = variants[lowered] { return "\\" + variant }
        if let unit = NamedUnit.bySymbol[name] { return "\\" + unit.dsiName }
        return nil
    }
}
