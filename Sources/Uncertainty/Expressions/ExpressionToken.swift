/// A token of the measurement-model expression language, with its 1-based column.
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        case name(String)
        case plus, minus, times, divide, caret, leftParenthesis, rightParenthesis, comma
        case end
        /// A character that starts no token.
        case invalid(Character)
        /// A numeric literal beyond the largest double (1.8·10³⁰⁸), e.g. `1e400`.
        case numberOutOfRange(String)
    }

    var kind: Kind
    /// The 1-based column of the token's first character.
    var position: Int

    /// The token as the user wrote it, for error messages.
    var text: String {
        switch kind {
        case .number(let value): "'\(value)'"
        case .name(let name): "'\(name)'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .times: "'*'"
        case .divide: "'/'"
        case .caret: "'^'"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .comma: "','"
        case .end: "the end of the expression"
        case .invalid(let character): "'\(character)'"
        case .numberOutOfRange(let literal): "'\(literal)', a number too large for double precision"
        }
    }
}

/// Splits an expression into tokens: numbers (`12`, `1.5e-3`, `.5`), names
/// (`[A-Za-z_][A-Za-z0-9_]*`), the operators `+ - * / ^`, parentheses and commas; spaces are
/// skipped.
enum ExpressionLexer {
    /// The tokens of `text`; positions count Unicode scalars (characters, for the ASCII of
    /// expressions).
    static func tokens(of text: String) -> [ExpressionToken] {
        let characters = Array(text.unicodeScalars)
        var tokens: [ExpressionToken] = []
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < characters.count && ("0"..."9").contains(characters[k]) }
        func isNamePart(_ k: Int) -> Bool { k < characters.count && (isNameStart(characters[k]) || isDigit(k)) }
        while i < characters.count {
            let c = characters[i]
            let position = i + 1
            if c.properties.isWhitespace {
                i += 1
                continue
            }
            if isDigit(i) || (c == "." && isDigit(i + 1)) {
                let start = i
                while isDigit(i) { i += 1 }
                if i < characters.count, characters[i] == "." {
                    i += 1
                    while isDigit(i) { i += 1 }
                }
                if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                    var j = i + 1
                    if j < characters.count, characters[j] == "+" || characters[j] == "-" { j += 1 }
                    if isDigit(j) {
                        i = j
                        while isDigit(i) { i += 1 }
                    }
                }
                var literal = String.UnicodeScalarView()
                literal.append(contentsOf: characters[start..<i])
                if let value = Double(String(literal)) {
                    // Double("1e400") is +∞, which the model must not compute with.
                    let kind: ExpressionToken.Kind =
                        value.isFinite ? .number(value) : .numberOutOfRange(String(literal))
                    tokens.append(ExpressionToken(kind: kind, position: position))
                } else {
                    tokens.append(ExpressionToken(kind: .invalid(Character(c)), position: position))
                }
                continue
            }
            if isNameStart(c) {
                let start = i
                while isNamePart(i) { i += 1 }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: characters[start..<i])
                tokens.append(ExpressionToken(kind: .name(String(name)), position: position))
                continue
            }
            let kind: ExpressionToken.Kind =
                switch c {
                case "+": .plus
                case "-", "−": .minus
                case "*", "·", "×": .times
                case "/": .divide
                case "^": .caret
                case "(": .leftParenthesis
                case ")": .rightParenthesis
                case ",": .comma
                default: .invalid(Character(c))
                }
            tokens.append(ExpressionToken(kind: kind, position: position))
            i += 1
        }
        tokens.append(ExpressionToken(kind: .end, position: characters.count + 1))
        return tokens
    }

    /// True for the characters that may start a name: ASCII letters and `_`.
    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    /// True when `name` matches `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isNameStart(first) else { return false }
        return name.unicodeScalars.allSatisfy { isNameStart($0) || ("0"..."9").contains($0) }
    }
}
