import Foundation
import Testing

/// A bad measurement-model file for `equivalence propagate` and what the rejection must name.
struct BadModel: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    /// Fragments the message must contain (the quantity, measurand, field or column at fault).
    var naming: [String]

    var testDescription: String { name }

    static let xy =
        #"{"name": "x", "value": 2, "standardUncertainty": 0.1}, {"name": "y", "value": 3, "standardUncertainty": 0.2}"#

    /// A model of x and y (and `quantities`) with one measurand z = `expression`.
    static func model(
        _ name: String, _ expression: String, quantities: String = xy, extra: String = "", naming: [String]
    ) -> BadModel {
        BadModel(
            name: name,
            json:
                #"{"quantities": [\#(quantities)], "measurands": [{"name": "z", "expression": "\#(expression)"}]\#(extra)}"#,
            naming: naming)
    }

    static let deepParentheses = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)

    static let all: [BadModel] = [
        model("unknown-name", "x*w", naming: ["z:", "unknown name 'w'", "column 3"]),
        model("unknown-function", "foo(x)", naming: ["z:", "unknown function 'foo'"]),
        model("wrong-arity", "atan2(x)", naming: ["z:", "atan2"]),
        model("syntax", "x*/y", naming: ["z:", "syntax error at column 3"]),
        model("empty-expression", "", naming: ["z:", "column 1"]),
        model("two-dots", "x*1.2.3", naming: ["z:", "syntax error"]),
        model("overflowing-literal", "1e400*x", naming: ["z:", "1e400", "column 1"]),
        model("literal-with-huge-exponent", "x*1e99999999999999999999", naming: ["z:", "column 3"]),
        model("power-overflow", "10^400*x", naming: ["z:"]),
        model("exponential-overflow", "exp(1000*x)", naming: ["z:"]),
        model("division-by-zero", "x/(y-3)", naming: ["z:", "division by zero", "column 2"]),
        model("division-by-literal-zero", "x/0", naming: ["z:", "division by zero"]),
        model("negative-power-of-zero", "(x-2)^-1", naming: ["z:"]),
        model("log-of-negative", "log(x-5)", naming: ["z:", "log"]),
        model("root-of-zero", "sqrt(x-2)", naming: ["z:", "sqrt"]),
        model("fractional-power-of-negative", "(x-5)^0.5", naming: ["z:"]),
        model("deep-parentheses", deepParentheses, naming: ["z:", "nests deeper"]),
        model("deep-unary", String(repeating: "-", count: 100_000) + "x", naming: ["z:", "nests deeper"]),
        model(
            "deep-powers", "x" + String(repeating: "^x", count: 50_000), naming: ["z:", "nests deeper"]),
        model(
            "deep-calls", String(repeating: "sin(", count: 3000) + "x" + String(repeating: ")", count: 3000),
            naming: ["z:", "nests deeper"]),
        model(
            "huge-constant", "x*c*c", extra: #", "constants": {"c": 1e308}"#, naming: ["z:"]),
        model(
            "huge-uncertainty", "x*x", quantities: #"{"name": "x", "value": 1, "standardUncertainty": 1e200}"#,
            naming: ["z:"]),
        model(
            "negative-uncertainty", "x", quantities: #"{"name": "x", "value": 1, "standardUncertainty": -1}"#,
            naming: ["x:", "standard uncertainty"]),
        model(
            "zero-dof", "x", quantities: #"{"name": "x", "value": 1, "standardUncertainty": 1, "degreesOfFreedom": 0}"#,
            naming: ["x:", "degreesOfFreedom"]),
        model(
            "subnormal-dof", "x*x",
            quantities: #"{"name": "x", "value": 1, "standardUncertainty": 1, "degreesOfFreedom": 1e-320}"#,
            naming: ["x:", "degreesOfFreedom"]),
        model(
            "reversed-rectangle", "x",
            quantities: #"{"name": "x", "distribution": {"type": "rectangular", "lower": 2, "upper": 1}}"#,
            naming: ["x:", "lower"]),
        model(
            "unknown-distribution", "x",
            quantities: #"{"name": "x", "distribution": {"type": "weird", "lower": 0, "upper": 1}}"#,
            naming: ["quantities[0].distribution.type", "weird"]),
        model(
            "negative-standard-deviation", "x",
            quantities: #"{"name": "x", "distribution": {"type": "normal", "mean": 1, "standardDeviation": -1}}"#,
            naming: ["x:", "standardDeviation"]),
        model(
            "subnormal-student-dof", "x",
            quantities:
                #"{"name": "x", "distribution": {"type": "studentT", "location": 1, "scale": 1, "degreesOfFreedom": 5e-324}}"#,
            naming: ["x:", "degreesOfFreedom"]),
        model(
            "infinite-width", "x",
            quantities: #"{"name": "x", "distribution": {"type": "rectangular", "lower": -1e308, "upper": 1e308}}"#,
            naming: ["x:"]),
        model(
            "both-specifications", "x",
            quantities:
                #"{"name": "x", "value": 1, "standardUncertainty": 1, "distribution": {"type": "normal", "mean": 1, "standardDeviation": 1}}"#,
            naming: ["x:"]),
        model(
            "duplicate-quantity", "x*y", quantities: xy + #", {"name": "x", "value": 1, "standardUncertainty": 1}"#,
            naming: ["'x'"]),
        BadModel(
            name: "measurand-named-like-a-quantity",
            json: #"{"quantities": [\#(xy)], "measurands": [{"name": "x", "expression": "y"}]}"#, naming: ["'x'"]),
        model(
            "reserved-name", "pi", quantities: #"{"name": "pi", "value": 1, "standardUncertainty": 1}"#,
            naming: ["'pi'"]),
        model(
            "not-positive-semidefinite", "x*y*w",
            quantities: xy + #", {"name": "w", "value": 1, "standardUncertainty": 1}"#,
            extra:
                #", "correlations": [{"quantities": ["x", "y"], "coefficient": 0.9}, {"quantities": ["x", "w"], "coefficient": 0.9}, {"quantities": ["y", "w"], "coefficient": -0.9}]"#,
            naming: ["x, y, w", "positive semi-definite"]),
        model(
            "correlation-of-one", "x*y", extra: #", "correlations": [{"quantities": ["x"], "coefficient": 0.5}]"#,
            naming: ["correlations[0].quantities"]),
        model(
            "correlation-out-of-range", "x*y",
            extra: #", "correlations": [{"quantities": ["x", "y"], "coefficient": 2}]"#,
            naming: ["x and y"]),
        model(
            "correlation-unknown", "x*y", extra: #", "correlations": [{"quantities": ["x", "q"], "coefficient": 0.5}]"#,
            naming: ["'q'"]),
        model(
            "coverage-probability-one", "x*y", extra: #", "coverageProbability": 1"#, naming: ["coverage probability"]),
        model(
            "coverage-probability-nearly-one", "x*y", extra: #", "coverageProbability": 0.9999999999999999"#,
            naming: ["z:", "coverage factor"]),
        model("unknown-field", "x*y", extra: #", "foo": 1"#, naming: ["foo"]),
        BadModel(
            name: "no-measurands",
            json: #"{"quantities": [\#(xy)], "measurands": []}"#, naming: ["no measurand"]),
        BadModel(name: "empty", json: "", naming: ["JSON"]),
        BadModel(name: "not-an-object", json: "[1, 2]", naming: ["model"]),
        BadModel(
            name: "deep-json", json: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            naming: ["JSON"]),
    ]
}

@Suite("Bad measurement-model files")
struct BadModelTests {
    @Test(arguments: BadModel.all)
    func propagateRefusesTheModelNamingWhatIsWrong(model: BadModel) throws {
        try Robustness.withFile("\(model.name).model.json", model.json) { path in
            for arguments in [["--format", "text"], ["--format", "json", "--trials", "10000"], ["--adaptive"]] {
                let output = try CLI.run(["propagate", path] + arguments)
                Robustness.expectRejected(output, file: path, naming: model.naming)
            }
        }
    }

    @Test func undefinedTrialsAreLeftOutAndTheRestIsFinite() throws {
        // log(x) with u(x) ≫ x: about half the draws are undefined; the others give finite figures.
        let json = #"""
            {"quantities": [{"name": "x", "value": 0.001, "standardUncertainty": 1}],
             "measurands": [{"name": "z", "expression": "log(x)"}]}
            """#
        try Robustness.withFile("log.model.json", json) { path in
            let output = try CLI.run(["propagate", path, "--trials", "10000", "--format", "json"])
            Robustness.expectCleanOutcome(output, file: path, json: true)
            #expect(output.standardOutput.contains("\"undefinedTrials\""))
        }
    }

    @Test func averagesThatOverflowAreNamed() throws {
        // Every draw is finite (near 1.7·10³⁰⁸) but their sum is not: the mean must not print as inf.
        let json = #"""
            {"quantities": [{"name": "x", "value": 1.7e308, "standardUncertainty": 1}],
             "measurands": [{"name": "z", "expression": "x"}]}
            """#
        try Robustness.withFile("sum.model.json", json) { path in
            let output = try CLI.run(["propagate", path, "--trials", "10000"])
            Robustness.expectRejected(output, file: path, naming: ["z:", "Monte Carlo"])
        }
    }

    @Test func aDirectoryIsNotAModel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "equivalence-tests-\(UUID().uuidString).model.json")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        Robustness.expectRejected(
            try CLI.run(["propagate", directory.path]), file: directory.path, naming: ["it is a directory"])
    }
}
