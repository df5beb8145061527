import Foundation
import Numerics
import Testing

@testable import Uncertainty

@Suite("Measurement-model expressions")
struct ExpressionTests {
    func value(_ expression: String, x: Double = 3) throws -> Double {
        try ExpressionModel(expression: expression, inputs: ["x"]).evaluate([x])[0]
    }

    @Test func precedenceAndAssociativity() throws {
        // ^ binds tighter than unary minus and is right-associative (the validation README's rules).
        #expect(try value("-x^2") == -9)
        #expect(try value("2^3^2") == 512)
        #expect(try value("2^-1") == 0.5)
        #expect(try value("-2^-2") == -0.25)
        #expect(try value("(-2)^2") == 4)
        #expect(try value("1 - 2 - 3") == -4)
        #expect(try value("8/4/2") == 1)
        #expect(try value("2*3+4*5") == 26)
        #expect(try value("+x - -x") == 6)
        #expect(try value("x^2^0.5").isApproximatelyEqual(to: pow(3, 2.0.squareRoot()), relativeTolerance: 1e-15))
        #expect(try value("1.5e-3*2 + .5 + 1E2") == 100.503)
        #expect(try value("2 − 1") == 1)  // a typographic minus sign is accepted
    }

    @Test func functionsAndConstants() throws {
        #expect(try value("pi") == Double.pi)
        #expect(try value("atan2(1, 1)") == Double.pi / 4)
        #expect(try value("pow(2, 10)") == 1024)
        #expect(try value("sqrt(x) * sqrt(x)").isApproximatelyEqual(to: 3, relativeTolerance: 1e-15))
        #expect(try value("log(exp(x))") == 3)
        #expect(try value("abs(-x) + cosh(0) + tanh(0) + sinh(0)") == 4)
        #expect(try value("asin(1) + acos(1) + atan(0)") == Double.pi / 2)
        #expect(try value("sin(pi/2) + cos(0) + tan(0)") == 2)
        let f = try ExpressionModel(
            inputs: ["x"], constants: ["c": 10], outputs: [("a", "x + c"), ("b", "a * 2"), ("c2", "b - a")])
        #expect(f.evaluate([1]) == [11, 22, 11])
        #expect(f.inputsUsed(byOutput: 2) == [0])
    }

    @Test func syntaxErrorsGiveThePositionAndToken() {
        func compile(_ text: String) throws { _ = try ExpressionModel(expression: text, inputs: ["x", "w"]) }
        #expect(
            throws: UncertaintyError.syntaxError(
                measurand: "y", position: 5, token: "'*'", expected: "a number, a name or '('")
        ) { try compile("x + * w") }
        #expect(
            throws: UncertaintyError.syntaxError(
                measurand: "y", position: 7, token: "the end of the expression", expected: "')'")
        ) { try compile("(x + 1") }
        #expect(
            throws: UncertaintyError.syntaxError(
                measurand: "y", position: 3, token: "'w'", expected: "an operator or the end of the expression")
        ) { try compile("x w") }
        #expect(
            throws: UncertaintyError.syntaxError(
                measurand: "y", position: 3, token: "'$'", expected: "an operator or the end of the expression")
        ) { try compile("x $ 2") }
        #expect(throws: UncertaintyError.unknownName("q", measurand: "y", position: 5)) { try compile("x + q") }
        #expect(throws: UncertaintyError.unknownFunction("foo", measurand: "y", position: 1)) { try compile("foo(x)") }
        #expect(
            throws: UncertaintyError.wrongArgumentCount(
                function: "atan2", expected: 2, found: 1, measurand: "y", position: 3)
        ) { try compile("1+atan2(x)") }
        let deep = String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300)
        #expect(throws: UncertaintyError.expressionTooDeep(measurand: "y", position: 201, limit: 200)) {
            try compile(deep)
        }
        let negations = String(repeating: "-", count: 300) + "x"
        #expect(throws: UncertaintyError.self) { try compile(negations) }
    }

    @Test func namesAreChecked() {
        #expect(throws: UncertaintyError.invalidName("1x")) { try ExpressionModel(expression: "1", inputs: ["1x"]) }
        #expect(throws: UncertaintyError.reservedName("sin")) {
            try ExpressionModel(expression: "1", inputs: ["sin"])
        }
        #expect(throws: UncertaintyError.reservedName("pi")) {
            try ExpressionModel(expression: "1", inputs: ["pi"])
        }
        #expect(throws: UncertaintyError.duplicateName("x")) {
            try ExpressionModel(expression: "1", inputs: ["x", "x"])
        }
        #expect(throws: UncertaintyError.duplicateName("x")) {
            try ExpressionModel(expression: "1", inputs: ["x"], measurand: "x")
        }
        #expect(throws: UncertaintyError.noMeasurands) { try ExpressionModel(inputs: ["x"], outputs: []) }
    }

    @Test func undefinedAtTheEstimatesNamesTheMeasurand() throws {
        let x = try UncertainReal.input(value: 2, standardUncertainty: 0.1, label: "x")
        func evaluate(_ text: String) throws {
            _ = try ExpressionModel(expression: text, inputs: ["x"], measurand: "R").evaluate([x])
        }
        #expect(throws: UncertaintyError.divisionByZero(measurand: "R", position: 2)) { try evaluate("1/(x-2)") }
        #expect(throws: UncertaintyError.divisionByZero(measurand: "R", position: 4)) { try evaluate("x+1/0") }
        #expect(throws: UncertaintyError.outsideDomain(measurand: "R", function: "log", argument: -1, position: 1)) {
            try evaluate("log(x-3)")
        }
        #expect(throws: UncertaintyError.outsideDomain(measurand: "R", function: "asin", argument: 2, position: 1)) {
            try evaluate("asin(x)")
        }
        #expect(throws: UncertaintyError.outsideDomain(measurand: "R", function: "^", argument: -1, position: 6)) {
            try evaluate("(x-3)^0.5")
        }
        // √ at 0 and asin at 1: finite values, infinite derivatives.
        #expect(throws: UncertaintyError.notDifferentiable(measurand: "R", function: "sqrt", argument: 0, position: 1))
        {
            try evaluate("sqrt(x-2)")
        }
        #expect(throws: UncertaintyError.notDifferentiable(measurand: "R", function: "asin", argument: 1, position: 1))
        {
            try evaluate("asin(x-1)")
        }
        #expect(throws: UncertaintyError.nonFiniteResult(measurand: "R")) { try evaluate("exp(x*1000)") }
        // An exact argument at the edge of the domain is fine: √0 of a constant has no derivative to take.
        #expect(throws: Never.self) { try evaluate("x + sqrt(0)") }
    }

    @Test func sensitivitiesAreExactThroughTheModel() throws {
        let v = try UncertainReal.input(value: 5, standardUncertainty: 0.01, label: "V")
        let i = try UncertainReal.input(value: 0.02, standardUncertainty: 1e-5, label: "I")
        let phi = try UncertainReal.input(value: 1.04, standardUncertainty: 1e-3, label: "phi")
        let f = try ExpressionModel(inputs: ["V", "I", "phi"], outputs: [("R", "V/I*cos(phi)")])
        let r = try f.evaluate([v, i, phi])[0]
        // ∂R/∂V = cos φ/I, ∂R/∂I = −V cos φ/I², ∂R/∂φ = −V sin φ/I.
        #expect(r.sensitivity(to: v).isApproximatelyEqual(to: cos(1.04) / 0.02, relativeTolerance: 1e-14))
        #expect(r.sensitivity(to: i).isApproximatelyEqual(to: -5 * cos(1.04) / 0.0004, relativeTolerance: 1e-14))
        #expect(r.sensitivity(to: phi).isApproximatelyEqual(to: -5 * sin(1.04) / 0.02, relativeTolerance: 1e-14))
        #expect(r.label == "R")
    }

    @Test func blockEvaluationAgreesWithScalarEvaluation() throws {
        let f = try ExpressionModel(
            inputs: ["a", "b", "c"], constants: ["k": 2.5],
            outputs: [
                ("y", "(a + b)*(1 + (c - 1.2)*(1/a - 1/b)) - k^2"), ("z", "atan2(y, a) + sqrt(b) - log(c) + y^3"),
                ("w", "-a^2 + pow(b, c) + abs(sin(a)*cos(b)*tan(c)) + exp(-c) + asin(c/10) + acos(c/10)"),
                ("q", "sinh(c) + cosh(c) + tanh(c) + atan(b) + b^-1 + a^0.5 + 1/(c - 1)"),
            ])
        var random = Xoshiro256(seed: 11)
        let count = 1300  // not a multiple of the chunk size
        var inputs = (0..<3).map { _ in [Double](repeating: 0, count: count) }
        for i in 0..<count {
            inputs[0][i] = 1 + random.nextUniform()
            inputs[1][i] = 2 + random.nextUniform()
            inputs[2][i] = 3 * random.nextUniform()
        }
        inputs[2][7] = 1  // 1/(c − 1): division by zero in one draw
        var outputs = (0..<4).map { _ in [Double](repeating: 0, count: count) }
        blockEvaluate(f, inputs, &outputs, count)
        for i in 0..<count {
            let expected = f.evaluate([inputs[0][i], inputs[1][i], inputs[2][i]])
            for k in 0..<4 {
                if expected[k].isFinite {
                    // The same operations in the same order; only x^2, x^-1 and x^0.5 take
                    // specialised kernels (x·x, 1/x, √x), equal to pow to within an ulp.
                    #expect(outputs[k][i].isApproximatelyEqual(to: expected[k], relativeTolerance: 1e-14))
                } else {
                    #expect(outputs[k][i].isNaN, "draw \(i), output \(k): \(outputs[k][i]) (never ±∞)")
                }
            }
        }
        #expect(outputs[3][7].isNaN)
    }

    @Test func blockEvaluationIsSafeFromSeveralThreads() async throws {
        let f = try ExpressionModel(expression: "x^2 + sin(x)", inputs: ["x"])
        let count = 5000
        let input = (0..<count).map { Double($0) / 1000 }
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var out = [[Double](repeating: 0, count: count)]
                    blockEvaluate(f, [input], &out, count)
                    return out[0]
                }
            }
            var all: [[Double]] = []
            for await result in group { all.append(result) }
            return all
        }
        for result in results { #expect(result == results[0]) }
        #expect(results[0][1000] == 1 + sin(1.0))
    }
}

/// Runs a ``VectorizedModel`` on arrays.
func blockEvaluate(_ model: some VectorizedModel, _ inputs: [[Double]], _ outputs: inout [[Double]], _ count: Int) {
    let inputPointers = inputs.map { array -> UnsafeMutableBufferPointer<Double> in
        let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: array.count)
        _ = p.initialize(from: array)
        return p
    }
    let outputPointers = outputs.map { UnsafeMutableBufferPointer<Double>.allocate(capacity: $0.count) }
    model.evaluate(inputs: inputPointers.map { UnsafeBufferPointer($0) }, outputs: outputPointers, count: count)
    for k in outputs.indices { outputs[k] = Array(outputPointers[k]) }
    inputPointers.forEach { $0.deallocate() }
    outputPointers.forEach { $0.deallocate() }
}
