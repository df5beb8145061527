/// A token of the measurement-model expression language, with its 1-based column.
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        case name(String)
        case plus, minus, times, divide, caret, leftParenthesis, rightParenthesis, comma
        case end
        /// A character that starts no token.
        case invalid(Character)
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
        }
    }
}

/// Splits an expression into tokens: numbers (`12`, `1.5e-3`, `.5`), names
/// (`[A-Za-z_][A-Za-z0-9_]*`), the operators `+ - * / ^`, parentheses and commas; spaces are
/// skipped.
enum ExpressionLexer {
    static func tokens(of text: String) -> [ExpressionToken] {
        let characters = Array(text)
        var tokens: [ExpressionToken] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            let position = i + 1
            if c.isWhitespace {
                i += 1
                continue
            }
            if c.isASCII,
                c.isNumber
                    || (c == "." && i + 1 < characters.count && characters[i + 1].isASCII
                        && characters[i + 1].isNumber)
            {
                let start = i
                while i < characters.count, characters[i].isASCII, characters[i].isNumber { i += 1 }
                if i < characters.count, characters[i] == "." {
                    i += 1
                    while i < characters.count, characters[i].isASCII, characters[i].isNumber { i += 1 }
                }
                if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                    var j = i + 1
                    if j < characters.count, characters[j] == "+" || characters[j] == "-" { j += 1 }
                    if j < characters.count, characters[j].isASCII, characters[j].isNumber {
                        i = j
                        while i < characters.count, characters[i].isASCII, characters[i].isNumber { i += 1 }
                    }
                }
                let literal = String(characters[start..<i])
                if let value = Double(literal) {
                    tokens.append(ExpressionToken(kind: .number(value), position: position))
                } else {
                    tokens.append(ExpressionToken(kind: .invalid(c), position: position))
                }
                continue
            }
            if isNameStart(c) {
                let start = i
                while i < characters.count,
                    isNameStart(characters[i]) || (characters[i].isASCII && characters[i].isNumber)
                {
                    i += 1
                }
                tokens.append(ExpressionToken(kind: .name(String(characters[start..<i])), position: position))
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
                default: .invalid(c)
                }
            tokens.append(ExpressionToken(kind: kind, position: position))
            i += 1
        }
        tokens.append(ExpressionToken(kind: .end, position: characters.count + 1))
        return tokens
    }

    /// True for the characters that may start a name: ASCII letters and `_`.
    static func isNameStart(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && c.isLetter)
    }

    /// True when `name` matches `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, isNameStart(first) else { return false }
        return name.allSatisfy { isNameStart($0) || ($0.isASCII && $0.isNumber) }
    }
}
