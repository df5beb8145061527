/// Block evaluation for the Monte Carlo method (JCGM 101 §7.6): the instructions run one after
/// the other, each as a loop over a chunk of draws, with intermediate results in a few reused
/// buffers (register allocation by last use). Constants are filled once per call; inputs are read
/// in place.
extension ExpressionModel: VectorizedModel {
    public var inputCount: Int { inputNames.count }
    public var outputCount: Int { outputNames.count }

    /// Evaluates the model on `count` draws. Where the model is undefined for a draw (division
    /// by zero, log of a negative number, overflow) the output is NaN, never ±∞.
    ///
    /// - Precondition: one buffer of at least `count` values per input and per output.
    /// - Complexity: O(count × instructions); memory O(chunk × live registers).
    public func evaluate(
        inputs: [UnsafeBufferPointer<Double>], outputs: [UnsafeMutableBufferPointer<Double>], count: Int
    ) {
        precondition(  // allowed: MonteCarloMethod sizes the buffers from inputCount and outputCount
            inputs.count == inputCount && outputs.count == outputCount, "ExpressionModel: buffer count")
        precondition(  // allowed: MonteCarloMethod sizes the buffers from inputCount and outputCount
            inputs.allSatisfy { $0.count >= count } && outputs.allSatisfy { $0.count >= count }, "short buffer")
        guard count > 0 else { return }
        let chunk = Swift.min(BlockPlan.chunkSize, count)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(plan.bufferCount * chunk, 1))
        defer { scratch.deallocate() }
        for constant in plan.constants {
            (scratch + constant.buffer * chunk).initialize(repeating: constant.value, count: chunk)
        }
        let inputBases = inputs.map(\.baseAddress)
        var start = 0
        while start < count {
            let n = Swift.min(chunk, count - start)
            func source(_ slot: BlockPlan.Slot) -> UnsafePointer<Double> {
                switch slot {
                case .buffer(let k): return UnsafePointer(scratch + k * chunk)
                case .input(let j):
                    // count > 0 and the buffer holds count values, so its base address exists.
                    guard let base = inputBases[j] else { return UnsafePointer(scratch) }
                    return base + start
                }
            }
            for step in plan.steps {
                let out = scratch + step.result * chunk
                let a = source(step.first)
                let b = step.second.map(source) ?? a
                BlockPlan.run(step.kernel, out, a, b, n)
            }
            for (k, slot) in plan.outputs.enumerated() {
                guard let base = outputs[k].baseAddress else { continue }
                let out = base + start
                let value = source(slot)
                for i in 0..<n {
                    let v = value[i]
                    out[i] = v.isFinite ? v : .nan
                }
            }
            start += n
        }
    }
}

/// The schedule of a ``ExpressionModel`` for block evaluation.
struct BlockPlan: Sendable, Hashable {
    /// Draws per pass over the instructions: small enough for the live buffers to stay in cache.
    static let chunkSize = 512

    enum Slot: Sendable, Hashable {
        case input(Int)
        case buffer(Int)
    }

    enum Kernel: Sendable, Hashable {
        case negate, add, subtract, multiply, divide, power, square, reciprocal, atan2
        case powerConstant(Double)
        case function(ElementaryFunction)
    }

    struct Step: Sendable, Hashable {
        var kernel: Kernel
        var result: Int
        var first: Slot
        var second: Slot?
    }

    struct Constant: Sendable, Hashable {
        var buffer: Int
        var value: Double
    }

    let steps: [Step]
    let constants: [Constant]
    let outputs: [Slot]
    let bufferCount: Int

    init(instructions: [Instruction], outputs: [Int]) {
        var lastUse = [Int](repeating: -1, count: instructions.count)
        for (r, instruction) in instructions.enumerated() {
            for operand in instruction.operands { lastUse[operand] = r }
        }
        for r in outputs { lastUse[r] = Int.max }
        var slots = [Slot](repeating: .buffer(0), count: instructions.count)
        var free: [Int] = []
        var bufferCount = 0
        var steps: [Step] = []
        var constants: [Constant] = []
        func allocate() -> Int {
            if let k = free.popLast() { return k }
            bufferCount += 1
            return bufferCount - 1
        }
        func constantValue(_ register: Int) -> Double? {
            if case .constant(let value) = instructions[register].operation { return value }
            return nil
        }
        for (r, instruction) in instructions.enumerated() {
            switch instruction.operation {
            case .input(let j):
                slots[r] = .input(j)
                continue
            case .constant(let value):
                // A buffer of its own, never taken from the free list: constants are filled
                // once per call, before any step runs, so a shared buffer would be overwritten.
                let k = bufferCount
                bufferCount += 1
                slots[r] = .buffer(k)
                constants.append(Constant(buffer: k, value: value))
                lastUse[r] = Int.max  // constant buffers are filled once per call: never reused
                continue
            default:
                break
            }
            let operands = instruction.operands
            // Release operands whose last use is this step; the result may then overwrite one
            // of them in place (each loop reads element i before writing element i).
            for operand in Set(operands) where lastUse[operand] == r {
                if case .buffer(let k) = slots[operand] { free.append(k) }
            }
            let result = allocate()
            slots[r] = .buffer(result)
            let first = slots[operands[0]]
            let second = operands.count > 1 ? slots[operands[1]] : nil
            let kernel: Kernel
            switch instruction.operation {
            case .negate: kernel = .negate
            case .add: kernel = .add
            case .subtract: kernel = .subtract
            case .multiply: kernel = .multiply
            case .divide: kernel = .divide
            case .atan2: kernel = .atan2
            case .function(let f, _): kernel = .function(f)
            case .power(_, let exponent):
                if let c = constantValue(exponent) {
                    kernel = c == 2 ? .square : c == -1 ? .reciprocal : c == 0.5 ? .function(.sqrt) : .powerConstant(c)
                } else {
                    kernel = .power
                }
            case .input, .constant: continue
            }
            let unary: Bool
            switch kernel {
            case .negate, .square, .reciprocal, .powerConstant, .function: unary = true
            default: unary = false
            }
            steps.append(Step(kernel: kernel, result: result, first: first, second: unary ? nil : second))
        }
        self.steps = steps
        self.constants = constants
        self.outputs = outputs.map { slots[$0] }
        self.bufferCount = bufferCount
    }

    /// out[i] = kernel(a[i], b[i]) for i < n.
    static func run(
        _ kernel: Kernel, _ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        _ n: Int
    ) {
        switch kernel {
        case .negate: for i in 0..<n { out[i] = -a[i] }
        case .add: for i in 0..<n { out[i] = a[i] + b[i] }
        case .subtract: for i in 0..<n { out[i] = a[i] - b[i] }
        case .multiply: for i in 0..<n { out[i] = a[i] * b[i] }
        case .divide: for i in 0..<n { out[i] = a[i] / b[i] }
        case .square: for i in 0..<n { out[i] = a[i] * a[i] }
        case .reciprocal: for i in 0..<n { out[i] = 1 / a[i] }
        case .power: for i in 0..<n { out[i] = Math.power(a[i], b[i]) }
        case .powerConstant(let c): for i in 0..<n { out[i] = Math.power(a[i], c) }
        case .atan2: for i in 0..<n { out[i] = Math.arctangent2(a[i], b[i]) }
        case .function(let f):
            switch f {
            case .sqrt: for i in 0..<n { out[i] = a[i].squareRoot() }
            case .abs: for i in 0..<n { out[i] = Swift.abs(a[i]) }
            default: for i in 0..<n { out[i] = f.apply(a[i]) }
            }
        }
    }
}
