/// A measurement model Y = f(X) written in the expression language and compiled to a flat list
/// of instructions: the model that both the first-order (GUM) and the Monte Carlo (JCGM 101)
/// methods evaluate.
///
/// The language: numbers (`1.5e-3`), names of input quantities, constants and earlier
/// measurands, `+ - * / ^` (`^` is right-associative and binds tighter than unary minus:
/// `-x^2 = -(x^2)`), parentheses, the functions `sqrt exp log sin cos tan asin acos atan sinh
/// cosh tanh abs` (log is natural), `atan2(y, x)`, `pow(x, y)`, and the constant `pi`.
///
///     let model = try ExpressionModel(
///         inputs: ["V", "I", "phi"],
///         outputs: [("R", "V/I*cos(phi)"), ("X", "V/I*sin(phi)"), ("Z", "V/I")])
///     model.evaluate([5, 0.02, 1.04])               // [R, X, Z]
///     try model.evaluate(uncertainInputs)           // exact sensitivities by reverse-mode AD
///
/// Three evaluations share the instructions: on doubles; on ``UncertainReal`` inputs, which
/// gives the outputs with their exact sensitivities (automatic differentiation, not finite
/// differences) and reports division by zero or a function outside its domain at the estimates
/// as a typed error with the measurand and column; and on blocks of Monte Carlo draws
/// (``VectorizedModel``), where each instruction is one tight loop over a block.
///
/// - Complexity: compiling is linear in the length of the expressions; each evaluation is
///   linear in the number of instructions (times the block size for blocks).
public struct ExpressionModel: Sendable, Hashable {
    /// The names of the input quantities, in the order of the inputs of ``evaluate(_:)-(Array<Double>)``.
    public let inputNames: [String]
    /// The names of the measurands (outputs), in order.
    public let outputNames: [String]
    /// The live instructions, in order.
    let instructions: [Instruction]
    /// The register of each output.
    let outputRegisters: [Int]
    /// The execution plan for blocks.
    let plan: BlockPlan

    /// Compiles the expressions of the measurands.
    ///
    /// A measurand may use the inputs, the constants, `pi` and the measurands before it (which
    /// become intermediate results in budgets).
    ///
    /// - Throws: ``UncertaintyError/syntaxError(measurand:position:token:expected:)``,
    ///   ``UncertaintyError/unknownName(_:measurand:position:)``,
    ///   ``UncertaintyError/unknownFunction(_:measurand:position:)``,
    ///   ``UncertaintyError/wrongArgumentCount(function:expected:found:measurand:position:)``,
    ///   ``UncertaintyError/expressionTooDeep(measurand:position:limit:)``,
    ///   ``UncertaintyError/invalidName(_:)``, ``UncertaintyError/reservedName(_:)``,
    ///   ``UncertaintyError/duplicateName(_:)``, ``UncertaintyError/nonFiniteValue(quantity:)`` for a
    ///   constant, ``UncertaintyError/noMeasurands``.
    public init(
        inputs: [String], constants: [String: Double] = [:], outputs: [(name: String, expression: String)]
    ) throws(UncertaintyError) {
        guard !outputs.isEmpty else { throw .noMeasurands }
        var symbols: [String: ExpressionCompiler.Symbol] = [:]
        func declare(_ name: String, _ symbol: ExpressionCompiler.Symbol) throws(UncertaintyError) {
            guard ExpressionLexer.isValidName(name) else { throw .invalidName(name) }
            guard !ExpressionCompiler.reservedNames.contains(name) else { throw .reservedName(name) }
            guard symbols[name] == nil else { throw .duplicateName(name) }
            symbols[name] = symbol
        }
        for (j, name) in inputs.enumerated() { try declare(name, .input(j)) }
        for (name, value) in constants.sorted(by: { $0.key < $1.key }) {
            guard value.isFinite else { throw .nonFiniteValue(quantity: name) }
            try declare(name, .constant(value))
        }
        for output in outputs {
            guard ExpressionLexer.isValidName(output.name) else { throw .invalidName(output.name) }
            guard !ExpressionCompiler.reservedNames.contains(output.name) else { throw .reservedName(output.name) }
            guard symbols[output.name] == nil else { throw .duplicateName(output.name) }
        }
        var compiler = ExpressionCompiler(symbols: symbols)
        var registers: [Int] = []
        for (k, output) in outputs.enumerated() {
            registers.append(try compiler.compile(output.expression, measurand: k, name: output.name))
        }
        let (live, renumbered) = Self.eliminateDeadCode(compiler.instructions, outputs: registers)
        self.inputNames = inputs
        self.outputNames = outputs.map(\.name)
        self.instructions = live
        self.outputRegisters = renumbered
        self.plan = BlockPlan(instructions: live, outputs: renumbered)
    }

    /// A model with one measurand.
    ///
    /// - Throws: as ``init(inputs:constants:outputs:)``.
    public init(
        expression: String, inputs: [String], constants: [String: Double] = [:], measurand: String = "y"
    ) throws(UncertaintyError) {
        try self.init(inputs: inputs, constants: constants, outputs: [(measurand, expression)])
    }

    /// The inputs each output depends on (indices into ``inputNames``), in increasing order.
    public func inputsUsed(byOutput k: Int) -> [Int] {
        var needed = [Bool](repeating: false, count: instructions.count)
        needed[outputRegisters[k]] = true
        var used: Set<Int> = []
        for r in stride(from: outputRegisters[k], through: 0, by: -1) where needed[r] {
            if case .input(let j) = instructions[r].operation { used.insert(j) }
            for operand in instructions[r].operands { needed[operand] = true }
        }
        return used.sorted()
    }

    /// Evaluates the outputs at the given input values (IEEE semantics: NaN or ±∞ where the model
    /// is undefined).
    ///
    /// - Precondition: one value per input (a programmer error otherwise).
    public func evaluate(_ inputs: [Double]) -> [Double] {
        precondition(  // allowed: inputs are built in code from the model's own inputNames
            inputs.count == inputNames.count, "ExpressionModel: \(inputs.count) inputs for \(inputNames.count)")
        var registers = [Double](repeating: 0, count: instructions.count)
        for (r, instruction) in instructions.enumerated() {
            let operands = instruction.operands
            switch instruction.operation {
            case .input(let j): registers[r] = inputs[j]
            case .constant(let value): registers[r] = value
            default:
                registers[r] = Instruction.apply(
                    instruction.operation, registers[operands[0]], operands.count > 1 ? registers[operands[1]] : 0)
            }
        }
        return outputRegisters.map { registers[$0] }
    }

    /// Evaluates the outputs as uncertain numbers: values with exact sensitivities to the inputs
    /// (reverse-mode automatic differentiation through ``UncertainReal``). Each output is an
    /// intermediate result labelled with its name, so later outputs that use it can be budgeted
    /// with respect to it.
    ///
    /// - Precondition: one value per input (a programmer error otherwise).
    /// - Throws: ``UncertaintyError/divisionByZero(measurand:position:)``,
    ///   ``UncertaintyError/outsideDomain(measurand:function:argument:position:)``,
    ///   ``UncertaintyError/notDifferentiable(measurand:function:argument:position:)``,
    ///   ``UncertaintyError/nonFiniteResult(measurand:)``: the model cannot be linearised at the
    ///   estimates.
    public func evaluate(_ inputs: [UncertainReal]) throws(UncertaintyError) -> [UncertainReal] {
        precondition(  // allowed: inputs are built in code from the model's own inputNames
            inputs.count == inputNames.count, "ExpressionModel: \(inputs.count) inputs for \(inputNames.count)")
        var registers: [UncertainReal] = []
        registers.reserveCapacity(instructions.count)
        var outputOf = [Int: Int]()
        for (k, r) in outputRegisters.enumerated() where outputOf[r] == nil { outputOf[r] = k }
        for (r, instruction) in instructions.enumerated() {
            let operands = instruction.operands
            let a = operands.first.map { registers[$0] } ?? UncertainReal(0)
            let b = operands.count > 1 ? registers[operands[1]] : UncertainReal(0)
            var result: UncertainReal
            switch instruction.operation {
            case .input(let j): result = inputs[j]
            case .constant(let value): result = UncertainReal(value)
            case .negate: result = -a
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                guard b.value != 0 else {
                    throw .divisionByZero(measurand: outputNames[instruction.measurand], position: instruction.position)
                }
                result = a / b
            case .power: result = b.isExact ? UncertainReal.pow(a, b.value) : UncertainReal.pow(a, b)
            case .function(let f, _): result = f.apply(a)
            case .atan2: result = UncertainReal.atan2(a, b)
            }
            try check(result, of: instruction, operand: a.value)
            if let k = outputOf[r] { result = result.intermediate(label: outputNames[k]) }
            registers.append(result)
        }
        return outputRegisters.map { registers[$0] }
    }

    /// Turns a non-finite value or partial derivative into the error that explains it.
    private func check(_ result: UncertainReal, of instruction: Instruction, operand: Double) throws(UncertaintyError) {
        let partialsFinite =
            result.node.map { node in
                var k = 0
                while let (_, partial) = node.parent(k) {
                    if !partial.isFinite { return false }
                    k += 1
                }
                return true
            } ?? true
        if result.value.isFinite && partialsFinite { return }
        let measurand = outputNames[instruction.measurand]
        let position = instruction.position
        switch instruction.operation {
        case .function(let f, _):
            if result.value.isNaN {
                throw .outsideDomain(measurand: measurand, function: f.rawValue, argument: operand, position: position)
            }
            if result.value.isFinite {
                throw .notDifferentiable(
                    measurand: measurand, function: f.rawValue, argument: operand, position: position)
            }
        case .power:
            if result.value.isNaN {
                throw .outsideDomain(measurand: measurand, function: "^", argument: operand, position: position)
            }
            if operand == 0 && !result.value.isFinite {
                throw .divisionByZero(measurand: measurand, position: position)
            }
            if result.value.isFinite {
                throw .notDifferentiable(measurand: measurand, function: "^", argument: operand, position: position)
            }
        case .atan2:
            if result.value.isFinite {
                throw .notDifferentiable(measurand: measurand, function: "atan2", argument: operand, position: position)
            }
        default:
            break
        }
        throw .nonFiniteResult(measurand: measurand)
    }

    /// Drops the instructions no output needs and renumbers the registers.
    private static func eliminateDeadCode(_ instructions: [Instruction], outputs: [Int]) -> ([Instruction], [Int]) {
        var needed = [Bool](repeating: false, count: instructions.count)
        for r in outputs { needed[r] = true }
        for r in stride(from: instructions.count - 1, through: 0, by: -1) where needed[r] {
            for operand in instructions[r].operands { needed[operand] = true }
        }
        var newIndex = [Int](repeating: -1, count: instructions.count)
        var live: [Instruction] = []
        for (r, instruction) in instructions.enumerated() where needed[r] {
            var renumbered = instruction
            let map = { (register: Int) in newIndex[register] }
            renumbered.operation =
                switch instruction.operation {
                case .input, .constant: instruction.operation
                case .negate(let a): .negate(map(a))
                case .add(let a, let b): .add(map(a), map(b))
                case .subtract(let a, let b): .subtract(map(a), map(b))
                case .multiply(let a, let b): .multiply(map(a), map(b))
                case .divide(let a, let b): .divide(map(a), map(b))
                case .power(let a, let b): .power(map(a), map(b))
                case .function(let f, let a): .function(f, map(a))
                case .atan2(let a, let b): .atan2(map(a), map(b))
                }
            newIndex[r] = live.count
            live.append(renumbered)
        }
        return (live, outputs.map { newIndex[$0] })
    }

    public static func == (lhs: ExpressionModel, rhs: ExpressionModel) -> Bool {
        lhs.inputNames == rhs.inputNames && lhs.outputNames == rhs.outputNames && lhs.instructions == rhs.instructions
            && lhs.outputRegisters == rhs.outputRegisters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(inputNames)
        hasher.combine(outputNames)
        hasher.combine(instructions)
    }
}
