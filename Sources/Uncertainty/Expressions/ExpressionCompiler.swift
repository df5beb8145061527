/// Parses expressions of the measurement-model language and compiles them, in one pass, into a
/// flat list of instructions (no syntax tree is kept): a recursive-descent parser whose
/// productions return the register that holds their value.
///
/// Grammar (binding from loosest to tightest):
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary ("^" unary)?        right-associative; -x^2 = -(x^2), 2^-1 = 0.5
///     primary    := number | name | name "(" expression ("," expression)* ")" | "(" expression ")"
///
/// Constant subexpressions are folded when their value is finite; loads of an input are shared.
struct ExpressionCompiler {
    /// What a name stands for.
    enum Symbol: Sendable, Hashable {
        case input(Int)
        case constant(Double)
        /// The register holding an earlier measurand.
        case result(Int)
    }

    /// Nesting deeper than this (parentheses, calls, unary signs) is refused, so that a hostile
    /// expression cannot exhaust the stack.
    static let maximumDepth = 200
    /// Constants every expression knows.
    static let builtinConstants: [String: Double] = ["pi": Double.pi]
    /// Names of the language that cannot name quantities, constants or measurands.
    static let reservedNames: Set<String> = Set(ElementaryFunction.allCases.map(\.rawValue))
        .union(["atan2", "pow"]).union(builtinConstants.keys)

    private(set) var instructions: [Instruction] = []
    private var symbols: [String: Symbol]
    private var inputRegisters: [Int: Int] = [:]
    private var tokens: [ExpressionToken] = []
    private var index = 0
    private var depth = 0
    private var measurand = 0
    private var measurandName = ""

    init(symbols: [String: Symbol]) {
        self.symbols = symbols
    }

    /// Compiles the expression of measurand number `measurand` and returns its register; the
    /// measurand's name becomes usable by later expressions.
    mutating func compile(_ text: String, measurand: Int, name: String) throws(UncertaintyError) -> Int {
        tokens = ExpressionLexer.tokens(of: text)
        index = 0
        depth = 0
        self.measurand = measurand
        measurandName = name
        let register = try parseExpression()
        guard current.kind == .end else { throw syntaxError(expected: "an operator or the end of the expression") }
        symbols[name] = .result(register)
        return register
    }

    // MARK: Parsing

    private var current: ExpressionToken { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func syntaxError(expected: String) -> UncertaintyError {
        .syntaxError(measurand: measurandName, position: current.position, token: current.text, expected: expected)
    }

    private mutating func parseExpression() throws(UncertaintyError) -> Int {
        var left = try parseTerm()
        while true {
            let token = current
            switch token.kind {
            case .plus:
                advance()
                left = emit(.add(left, try parseTerm()), at: token.position)
            case .minus:
                advance()
                left = emit(.subtract(left, try parseTerm()), at: token.position)
            default:
                return left
            }
        }
    }

    private mutating func parseTerm() throws(UncertaintyError) -> Int {
        var left = try parseUnary()
        while true {
            let token = current
            switch token.kind {
            case .times:
                advance()
                left = emit(.multiply(left, try parseUnary()), at: token.position)
            case .divide:
                advance()
                left = emit(.divide(left, try parseUnary()), at: token.position)
            default:
                return left
            }
        }
    }

    private mutating func parseUnary() throws(UncertaintyError) -> Int {
        let token = current
        switch token.kind {
        case .minus, .plus:
            try enter()
            advance()
            let operand = try parseUnary()
            depth -= 1
            return token.kind == .minus ? emit(.negate(operand), at: token.position) : operand
        default:
            return try parsePower()
        }
    }

    private mutating func parsePower() throws(UncertaintyError) -> Int {
        let base = try parsePrimary()
        let token = current
        guard token.kind == .caret else { return base }
        advance()
        try enter()
        let exponent = try parseUnary()
        depth -= 1
        return emit(.power(base, exponent), at: token.position)
    }

    private mutating func parsePrimary() throws(UncertaintyError) -> Int {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return emit(.constant(value), at: token.position)
        case .leftParenthesis:
            try enter()
            advance()
            let inner = try parseExpression()
            guard current.kind == .rightParenthesis else { throw syntaxError(expected: "')'") }
            advance()
            depth -= 1
            return inner
        case .name(let name):
            advance()
            if current.kind == .leftParenthesis { return try parseCall(name, at: token.position) }
            return try resolve(name, at: token.position)
        default:
            throw syntaxError(expected: "a number, a name or '('")
        }
    }

    private mutating func parseCall(_ name: String, at position: Int) throws(UncertaintyError) -> Int {
        let arity: Int
        let function = ElementaryFunction(rawValue: name)
        switch name {
        case _ where function != nil: arity = 1
        case "atan2", "pow": arity = 2
        default: throw .unknownFunction(name, measurand: measurandName, position: position)
        }
        try enter()
        advance()  // "("
        var arguments: [Int] = []
        if current.kind != .rightParenthesis {
            arguments.append(try parseExpression())
            while current.kind == .comma {
                advance()
                arguments.append(try parseExpression())
            }
        }
        guard current.kind == .rightParenthesis else { throw syntaxError(expected: "',' or ')'") }
        advance()
        depth -= 1
        guard arguments.count == arity else {
            throw .wrongArgumentCount(
                function: name, expected: arity, found: arguments.count, measurand: measurandName, position: position)
        }
        if let function { return emit(.function(function, arguments[0]), at: position) }
        if name == "atan2" { return emit(.atan2(arguments[0], arguments[1]), at: position) }
        return emit(.power(arguments[0], arguments[1]), at: position)
    }

    private mutating func resolve(_ name: String, at position: Int) throws(UncertaintyError) -> Int {
        if let value = Self.builtinConstants[name] { return emit(.constant(value), at: position) }
        switch symbols[name] {
        case .input(let j)?:
            if let register = inputRegisters[j] { return register }
            let register = emit(.input(j), at: position)
            inputRegisters[j] = register
            return register
        case .constant(let value)?:
            return emit(.constant(value), at: position)
        case .result(let register)?:
            return register
        case nil:
            throw .unknownName(name, measurand: measurandName, position: position)
        }
    }

    private mutating func enter() throws(UncertaintyError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw .expressionTooDeep(measurand: measurandName, position: current.position, limit: Self.maximumDepth)
        }
    }

    // MARK: Emission

    /// Appends an instruction (or folds it into a constant) and returns its register.
    private mutating func emit(_ operation: Instruction.Operation, at position: Int) -> Int {
        let operands = Instruction(operation: operation, position: position, measurand: measurand).operands
        let constants = operands.compactMap { register -> Double? in
            if case .constant(let value) = instructions[register].operation { return value }
            return nil
        }
        if !operands.isEmpty, constants.count == operands.count {
            let value = Instruction.apply(operation, constants[0], constants.count > 1 ? constants[1] : 0)
            // Keep an undefined constant expression (1/0) as an instruction, so that evaluating
            // the model reports it with its position.
            if value.isFinite { return append(.constant(value), at: position) }
        }
        return append(operation, at: position)
    }

    private mutating func append(_ operation: Instruction.Operation, at position: Int) -> Int {
        instructions.append(Instruction(operation: operation, position: position, measurand: measurand))
        return instructions.count - 1
    }
}
