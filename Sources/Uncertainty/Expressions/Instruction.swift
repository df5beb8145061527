/// A function of the expression language.
enum ElementaryFunction: String, CaseIterable, Sendable, Hashable {
    case sqrt, exp, log, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, abs

    /// f(x) for a double.
    @inline(__always)
    func apply(_ x: Double) -> Double {
        switch self {
        case .sqrt: Math.squareRoot(x)
        case .exp: Math.exponential(x)
        case .log: Math.logarithm(x)
        case .sin: Math.sine(x)
        case .cos: Math.cosine(x)
        case .tan: Math.tangent(x)
        case .asin: Math.arcsine(x)
        case .acos: Math.arccosine(x)
        case .atan: Math.arctangent(x)
        case .sinh: Math.hyperbolicSine(x)
        case .cosh: Math.hyperbolicCosine(x)
        case .tanh: Math.hyperbolicTangent(x)
        case .abs: Swift.abs(x)
        }
    }

    /// f(x) for an uncertain number, with its exact derivative.
    func apply(_ x: UncertainReal) -> UncertainReal {
        switch self {
        case .sqrt: UncertainReal.sqrt(x)
        case .exp: UncertainReal.exp(x)
        case .log: UncertainReal.log(x)
        case .sin: UncertainReal.sin(x)
        case .cos: UncertainReal.cos(x)
        case .tan: UncertainReal.tan(x)
        case .asin: UncertainReal.asin(x)
        case .acos: UncertainReal.acos(x)
        case .atan: UncertainReal.atan(x)
        case .sinh: UncertainReal.sinh(x)
        case .cosh: UncertainReal.cosh(x)
        case .tanh: UncertainReal.tanh(x)
        case .abs: UncertainReal.abs(x)
        }
    }
}

/// One step of a compiled measurement model: an operation on the results of earlier steps
/// (registers, numbered like the steps), in static single-assignment form.
struct Instruction: Sendable, Hashable {
    enum Operation: Sendable, Hashable {
        /// Input quantity number j.
        case input(Int)
        case constant(Double)
        case negate(Int)
        case add(Int, Int)
        case subtract(Int, Int)
        case multiply(Int, Int)
        case divide(Int, Int)
        case power(Int, Int)
        case function(ElementaryFunction, Int)
        case atan2(Int, Int)
    }

    var operation: Operation
    /// The 1-based column of the operator or function name in the source expression.
    var position: Int
    /// The measurand whose expression this step comes from.
    var measurand: Int

    /// The registers this step reads.
    var operands: [Int] {
        switch operation {
        case .input, .constant: []
        case .negate(let a), .function(_, let a): [a]
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b),
            .power(let a, let b), .atan2(let a, let b):
            [a, b]
        }
    }

    /// The step's operation on doubles (IEEE semantics: NaN or ±∞ outside the domain).
    @inline(__always)
    static func apply(_ operation: Operation, _ a: Double, _ b: Double) -> Double {
        switch operation {
        case .input, .constant: a
        case .negate: -a
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: Math.power(a, b)
        case .function(let f, _): f.apply(a)
        case .atan2: Math.arctangent2(a, b)
        }
    }
}
