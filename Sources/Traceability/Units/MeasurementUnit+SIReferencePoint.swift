extension MeasurementUnit {
    /// Reads an SI Reference Point unit: symbols with an optional prefix and integer power,
    /// joined by `.`.
    ///
    /// Grammar (BIPM SI Digital Framework, SI Reference Point; the unit symbols of SI Brochure
    /// Tables 2, 4, 7 and 8):
    ///
    ///     unit    := "1" | factor ( "." factor )*
    ///     factor  := prefix? symbol power?
    ///     power   := ( "+" | "-" )? digits      (non-zero)  |  "(" p "/" q ")"
    ///
    /// A symbol is matched whole first (`min`, `Pa`, `cd`, `dB`, `kat` are units, not prefixed
    /// units), then as prefix + symbol, two-letter prefixes (`da`, `Ki`) before one-letter ones.
    /// `µ` may be U+00B5 or U+03BC; `L` or `l` for the litre. The fractional power in parentheses
    /// is this library's extension for what D-SI writes `\tothe{0.5}`.
    ///
    ///     try MeasurementUnit(siReferencePoint: "kg.m2.s-1").dimension   // L2 M T-1
    ///     try MeasurementUnit(siReferencePoint: "kBq").scale.value       // 1000
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` naming the factor.
    public init(siReferencePoint text: String) throws(TraceabilityError) {
        let characters = Array(text)
        var start = 0
        var end = characters.count
        while start < end, characters[start].isWhitespace { start += 1 }
        while end > start, characters[end - 1].isWhitespace { end -= 1 }
        guard start < end else {
            throw .invalidUnit(expression: text, token: text, column: 1, issue: .empty)
        }
        let body = String(characters[start..<end])
        if body == "1" {
            self.init(factors: [UnitFactor(unit: .one)], expression: text, notation: .siReferencePoint)
            return
        }
        var factors: [UnitFactor] = []
        var position = start
        for piece in body.split(separator: ".", omittingEmptySubsequences: false) {
            let token = String(piece)
            factors.append(try Self.readFactor(token, expression: text, column: position + 1))
            position += piece.count + 1
        }
        self.init(factors: factors, expression: text, notation: .siReferencePoint)
        try checkArithmetic()
    }

    private static func readFactor(
        _ token: String, expression: String, column: Int
    ) throws(TraceabilityError) -> UnitFactor {
        func failure(_ issue: UnitSyntaxIssue) -> TraceabilityError {
            .invalidUnit(expression: expression, token: token.isEmpty ? "." : token, column: column, issue: issue)
        }
        guard !token.isEmpty else { throw failure(.unexpectedCharacter) }
        // Split off the power: "(p/q)" or a signed integer at the end.
        var symbol = Substring(token)
        var exponent = UnitExponent.one
        if symbol.hasSuffix(")"), let open = symbol.lastIndex(of: "(") {
            let inner = symbol[symbol.index(after: open)..<symbol.index(before: symbol.endIndex)]
            guard let power = UnitExponent(parsing: String(inner)), !power.isZero else {
                throw failure(.invalidExponent)
            }
            exponent = power
            symbol = symbol[..<open]
        } else {
            var digitsStart = symbol.endIndex
            while digitsStart > symbol.startIndex, symbol[symbol.index(before: digitsStart)].isASCII,
                symbol[symbol.index(before: digitsStart)].isNumber
            {
                digitsStart = symbol.index(before: digitsStart)
            }
            var powerStart = digitsStart
            if powerStart > symbol.startIndex, "+-".contains(symbol[symbol.index(before: powerStart)]) {
                powerStart = symbol.index(before: powerStart)
            }
            if powerStart < symbol.endIndex {
                guard digitsStart < symbol.endIndex, let power = UnitExponent(parsing: String(symbol[powerStart...])),
                    !power.isZero
                else {
                    throw failure(.invalidExponent)
                }
                exponent = power
                symbol = symbol[..<powerStart]
            }
        }
        guard !symbol.isEmpty else { throw failure(.misplacedPower) }
        if symbol.contains(where: { $0.isWhitespace || "/*\\()^".contains($0) }) { throw failure(.unexpectedCharacter) }
        let name = String(symbol)
        if name == "1" { return UnitFactor(unit: .one, exponent: exponent) }
        if let unit = NamedUnit.bySymbol[name] { return UnitFactor(unit: unit, exponent: exponent) }
        // Prefix + unit; longer prefix symbols first so that "dam" is deca-metre.
        var prefixMatch: (UnitPrefix, NamedUnit)?
        for prefix in Self.prefixesBySymbolLength {
            for spelling in prefix.symbolSpellings where name.hasPrefix(spelling) {
                guard let unit = NamedUnit.bySymbol[String(name.dropFirst(spelling.count))] else { continue }
                if unit.acceptsPrefix(prefix) { return UnitFactor(prefix: prefix, unit: unit, exponent: exponent) }
                prefixMatch = prefixMatch ?? (prefix, unit)
            }
        }
        if let (prefix, unit) = prefixMatch { throw failure(.prefixNotAllowed(unit: unit, prefix: prefix)) }
        if UnitPrefix.allCases.contains(where: { $0.symbol == name }) { throw failure(.prefixWithoutUnit) }
        let suggestion: String? =
            NamedUnit(rawValue: name.lowercased()).map(\.symbol)
            ?? DSIUnitParser.suggestion(for: name).flatMap { dsi in
                NamedUnit(rawValue: String(dsi.dropFirst())).map(\.symbol)
            }
        throw failure(.unknownUnit(suggestion: suggestion))
    }

    private static let prefixesBySymbolLength: [UnitPrefix] = UnitPrefix.allCases.sorted {
        $0.symbol.count > $1.symbol.count
    }
}

extension UnitPrefix {
    /// The symbol and its accepted variants (`µ` as U+00B5 or U+03BC GREEK SMALL LETTER MU).
    var symbolSpellings: [String] { self == .micro ? ["µ", "\u{03BC}"] : [symbol] }
}
