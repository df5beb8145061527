import Foundation
import Numerics
import Testing

@testable import Uncertainty

@Suite("Model files")
struct ModelFileTests {
    func model(_ json: String) throws -> MeasurementModel { try MeasurementModel(json: Data(json.utf8)) }

    /// The example of issue 4, with the names its expression uses defined.
    let issueExample = """
        { "quantities": [
            { "name": "l_s", "value": 50000623.6, "standardUncertainty": 25, "degreesOfFreedom": 18 },
            { "name": "d", "value": 215, "standardUncertainty": 9.7 },
            { "name": "theta", "value": -0.1, "standardUncertainty": 0.41 },
            { "name": "alpha_s", "value": 11.5e-6, "standardUncertainty": 1.2e-6 },
            { "name": "d_theta", "distribution": { "type": "arcsine", "lower": -0.5, "upper": 0.5 } },
            { "name": "d_alpha", "distribution": { "type": "rectangular", "lower": -1e-6, "upper": 1e-6 } } ],
          "correlations": [ { "quantities": ["d", "theta"], "coefficient": 0.3 } ],
          "measurands": [ { "name": "l", "expression": "l_s + d - l_s*(d_alpha*theta + alpha_s*d_theta)" } ],
          "coverageProbability": 0.95 }
        """

    @Test func theIssueExampleEvaluates() throws {
        let evaluation = try model(issueExample).evaluateFirstOrder()
        let l = try #require(evaluation.measurands.first)
        #expect(l.value == 50_000_623.6 + 215)
        // Independent check: u² = 25² + 9.7² + (l_s·α_s·u(δθ))² + (l_s·θ·u(δα))² (r(d, θ) = 0.3
        // adds nothing: ∂l/∂θ = −l_s·δα = 0 at the estimates).
        let ls = 50_000_623.6
        let u2 =
            625 + 9.7 * 9.7 + pow(ls * 11.5e-6 * 0.5 / 2.0.squareRoot(), 2) + pow(ls * 0.1 * 1e-6 / 3.0.squareRoot(), 2)
        #expect(l.standardUncertainty.isApproximatelyEqual(to: u2.squareRoot(), relativeTolerance: 1e-13))
        #expect(l.budget.map(\.quantity) == ["l_s", "d", "theta", "alpha_s", "d_theta", "d_alpha"])
        // Only l_s has finite ν: ν_eff = u⁴/(25⁴/18).
        #expect(
            l.effectiveDegreesOfFreedom.isApproximatelyEqual(to: u2 * u2 / (pow(25, 4) / 18), relativeTolerance: 1e-13))
    }

    @Test func jcgm101MassCalibrationFirstOrder() throws {
        let evaluation = try MeasurementModel(contentsOf: ValidationCases.model("JCGM101-9.3-mass-calibration"))
            .evaluateFirstOrder()
        let expected = try ValidationCases.computed("jcgm101-9.3", method: "GUF", quantity: "dm")
        let dm = try #require(evaluation.measurands.first)
        // 100 001.234 − 100 000 cancels 8 digits: the value agrees to the rounding of the sum (1e-11 mg).
        #expect(abs(dm.value - (try expected.double("value"))) < 1e-10)
        // At ρ_a = ρ_a0 and ρ_W = ρ_R the air-buoyancy sensitivities vanish exactly, so
        // u = √(0.050² + 0.020²) = 0.053851648071345 mg. The case's figure, 0.0538516482782,
        // carries 3.8e-9 of central-difference noise from those zero sensitivities: held to 1e-8.
        #expect(
            dm.standardUncertainty.isApproximatelyEqual(
                to: (0.05 * 0.05 + 0.02 * 0.02).squareRoot(), relativeTolerance: 1e-14))
        #expect(
            dm.standardUncertainty.isApproximatelyEqual(
                to: try expected.double("standardUncertainty"), relativeTolerance: 1e-8))
        let interval = try expected.dictionary("coverageInterval")
        #expect(abs(dm.coverageInterval.lowerBound - (try interval.double("lower"))) < 1e-9)
        #expect(abs(dm.coverageInterval.upperBound - (try interval.double("upper"))) < 1e-9)
        // Published (Table 6, [R]): 1.2340 mg, u 0.0539 mg, [1.1285, 1.3395] mg.
        #expect(try PublishedFigure("1.2340").matches(dm.value))
        #expect(try PublishedFigure("0.0539").matches(dm.standardUncertainty))
        #expect(try PublishedFigure("1.1285").matches(dm.coverageInterval.lowerBound))
        #expect(try PublishedFigure("1.3395").matches(dm.coverageInterval.upperBound))
        #expect(dm.effectiveDegreesOfFreedom == .infinity)
    }

    @Test func studentTInputsUseTheirScaleAndDegreesOfFreedom() throws {
        // JCGM 101 6.4.9: t_ν(μ, s²) from a Type A evaluation with n = ν + 1: the GUM uses u = s, ν.
        let m = try model(
            """
            { "quantities": [ { "name": "x", "distribution": { "type": "studentT", "location": 215,
                                "scale": 5.8, "degreesOfFreedom": 24 } } ],
              "measurands": [ { "name": "y", "expression": "2*x" } ] }
            """)
        let y = try #require(try m.evaluateFirstOrder().measurands.first)
        #expect(y.standardUncertainty == 11.6)
        #expect(y.effectiveDegreesOfFreedom == 24)
        #expect(y.coverageProbability == 0.95)
    }

    @Test func malformedJSONNamesLineAndColumn() {
        #expect(
            throws: UncertaintyError.malformedModel(
                field: "line 1, column 16", reason: "not valid JSON: expected a value, found 'NaN}'")
        ) { try model(#"{"quantities": NaN}"#) }
    }

    @Test func badModelsGiveTypedErrorsNamingTheQuantity() throws {
        func evaluate(_ json: String) throws { _ = try model(json).evaluateFirstOrder() }
        // Unknown name in an expression.
        #expect(throws: UncertaintyError.unknownName("q", measurand: "y", position: 5)) {
            try evaluate(
                #"{"quantities": [{"name": "x", "value": 1, "standardUncertainty": 0.1}], "measurands": [{"name": "y", "expression": "x + q"}]}"#
            )
        }
        // Division by zero at the estimates.
        #expect(throws: UncertaintyError.divisionByZero(measurand: "y", position: 2)) {
            try evaluate(
                #"{"quantities": [{"name": "x", "value": 0, "standardUncertainty": 0.1}], "measurands": [{"name": "y", "expression": "1/x"}]}"#
            )
        }
        // A correlation matrix that is not positive semi-definite.
        #expect {
            try evaluate(
                #"""
                {"quantities": [{"name": "a", "value": 1, "standardUncertainty": 0.1},
                                {"name": "b", "value": 1, "standardUncertainty": 0.1},
                                {"name": "c", "value": 1, "standardUncertainty": 0.1}],
                 "correlations": [{"quantities": ["a", "b"], "coefficient": 0.9},
                                  {"quantities": ["a", "c"], "coefficient": 0.9},
                                  {"quantities": ["b", "c"], "coefficient": -0.9}],
                 "measurands": [{"name": "y", "expression": "a + b + c"}]}
                """#)
        } throws: { error in
            guard case .correlationNotPositiveSemidefinite(let names, _) = error as? UncertaintyError else {
                return false
            }
            return names == ["a", "b", "c"]
        }
        // A rectangular distribution with lower > upper.
        #expect {
            try evaluate(
                #"{"quantities": [{"name": "w", "distribution": {"type": "rectangular", "lower": 2, "upper": 1}}], "measurands": [{"name": "y", "expression": "w"}]}"#
            )
        } throws: { error in
            guard case .invalidDistribution(let quantity, let parameter, _) = error as? UncertaintyError else {
                return false
            }
            return quantity == "w" && parameter == "lower"
        }
        // A negative standard uncertainty.
        #expect(throws: UncertaintyError.invalidUncertainty(quantity: "x", value: -0.1)) {
            try evaluate(
                #"{"quantities": [{"name": "x", "value": 1, "standardUncertainty": -0.1}], "measurands": [{"name": "y", "expression": "x"}]}"#
            )
        }
    }

    @Test func malformedFilesNameTheField() throws {
        #expect(
            throws: UncertaintyError.malformedModel(
                field: "quantities[0].standardUncertainity",
                reason:
                    "unknown field 'standardUncertainity' in a quantity (allowed: name, value, standardUncertainty, degreesOfFreedom, distribution, unit, description)"
            )
        ) {
            try model(#"{"quantities": [{"name": "x", "value": 1, "standardUncertainity": 0.1}], "measurands": []}"#)
        }
        #expect {
            try model(#"{"quantities": [{"name": "x", "value": "one"}], "measurands": []}"#)
        } throws: { error in
            guard case .malformedModel(_, let field, _) = error as? UncertaintyError else { return false }
            return field == "quantities[0].value"
        }
        #expect(
            throws: UncertaintyError.malformedModel(
                field: "measurands", reason: "required field 'measurands' is missing")
        ) {
            try model(#"{"quantities": []}"#)
        }
        #expect {
            try model(
                #"{"quantities": [{"name": "x", "distribution": {"type": "lognormal", "mean": 1}}], "measurands": []}"#)
        } throws: { error in
            guard case .malformedModel(_, let field, let reason) = error as? UncertaintyError else { return false }
            return field == "quantities[0].distribution.type" && reason.contains("lognormal")
        }
        #expect {
            try MeasurementModel(contentsOf: URL(fileURLWithPath: "/nonexistent/m.json"))
        } throws: { error in
            guard case .unreadableFile(let path, _) = error as? UncertaintyError else { return false }
            return path == "/nonexistent/m.json"
        }
    }

    @Test func incompleteQuantitiesAndBadCorrelations() throws {
        func evaluate(_ quantities: String, correlations: String = "[]", p: Double = 0.95) throws {
            _ = try model(
                #"{"quantities": \#(quantities), "correlations": \#(correlations), "coverageProbability": \#(p), "measurands": [{"name": "y", "expression": "1"}]}"#
            ).evaluateFirstOrder()
        }
        let two =
            #"[{"name": "a", "value": 1, "standardUncertainty": 1}, {"name": "b", "value": 1, "standardUncertainty": 1}]"#
        #expect(
            throws: UncertaintyError.incompleteQuantity(
                quantity: "x", reason: "standardUncertainty is missing (or give a distribution)")
        ) {
            try evaluate(#"[{"name": "x", "value": 1}]"#)
        }
        #expect(
            throws: UncertaintyError.incompleteQuantity(
                quantity: "x", reason: "give either value and standardUncertainty or a distribution, not both")
        ) {
            try evaluate(
                #"[{"name": "x", "value": 1, "distribution": {"type": "normal", "mean": 1, "standardDeviation": 1}}]"#)
        }
        #expect(throws: UncertaintyError.invalidDegreesOfFreedom(quantity: "x", value: -3)) {
            try evaluate(#"[{"name": "x", "value": 1, "standardUncertainty": 1, "degreesOfFreedom": -3}]"#)
        }
        #expect(throws: UncertaintyError.unknownQuantity("c", context: "correlation of a and c")) {
            try evaluate(two, correlations: #"[{"quantities": ["a", "c"], "coefficient": 0.5}]"#)
        }
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["a", "b"], coefficient: 1.5)) {
            try evaluate(two, correlations: #"[{"quantities": ["a", "b"], "coefficient": 1.5}]"#)
        }
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["a", "a"], coefficient: 0.5)) {
            try evaluate(two, correlations: #"[{"quantities": ["a", "a"], "coefficient": 0.5}]"#)
        }
        #expect(throws: UncertaintyError.duplicateCorrelation(first: "b", second: "a")) {
            try evaluate(
                two,
                correlations:
                    #"[{"quantities": ["a", "b"], "coefficient": 0.5}, {"quantities": ["b", "a"], "coefficient": 0.5}]"#
            )
        }
        // A probability outside (0, 1) in the file is refused as it is read, naming the field.
        #expect(
            throws: UncertaintyError.malformedModel(
                field: "coverageProbability",
                reason: "a coverage probability must lie strictly between 0 and 1, found 1.5 (give 0.015 for 1.5 %)")
        ) { try evaluate(two, p: 1.5) }
        #expect(
            throws: UncertaintyError.malformedModel(
                field: "coverageProbability",
                reason: "a coverage probability must lie strictly between 0 and 1, found 95.0 (give 0.95 for 95.0 %)")
        ) { try evaluate(two, p: 95) }
        #expect(throws: UncertaintyError.duplicateName("a")) {
            try evaluate(
                #"[{"name": "a", "value": 1, "standardUncertainty": 1}, {"name": "a", "value": 1, "standardUncertainty": 1}]"#
            )
        }
        // Correlated finite-ν quantities with different ν are not an ensemble.
        #expect(throws: UncertaintyError.correlatedInputsNotAnEnsemble(first: "a", second: "b")) {
            try evaluate(
                #"[{"name": "a", "value": 1, "standardUncertainty": 1, "degreesOfFreedom": 4}, {"name": "b", "value": 1, "standardUncertainty": 1, "degreesOfFreedom": 9}]"#,
                correlations: #"[{"quantities": ["a", "b"], "coefficient": 0.5}]"#)
        }
    }

    static let distributions: [InputDistribution] = [
        .gaussian(mean: 1, standardDeviation: 0.1), .rectangular(lower: -1, upper: 2),
        .curvilinearTrapezoid(lower: -1, upper: 1, limitSemiWidth: 0.1), .trapezoidal(lower: 0, upper: 1, beta: 0.5),
        .triangular(lower: 0, upper: 1, mode: 0.2), .triangular(lower: 0, upper: 1, mode: nil),
        .arcsine(lower: -0.5, upper: 0.5), .studentT(location: 215, scale: 5.8, degreesOfFreedom: 24),
        .exponential(mean: 2), .gamma(shape: 3, scale: 0.5),
    ]

    @Test(arguments: distributions)
    func distributionsRoundTripThroughJSON(distribution: InputDistribution) throws {
        let data = try JSONEncoder().encode(distribution)
        #expect(try JSONDecoder().decode(InputDistribution.self, from: data) == distribution)
    }

    @Test func distributionJSONForms() throws {
        func decode(_ json: String) throws -> InputDistribution {
            try JSONDecoder().decode(InputDistribution.self, from: Data(json.utf8))
        }
        #expect(
            try decode(#"{"type": "gaussian", "mean": 1, "standardDeviation": 2}"#)
                == .gaussian(mean: 1, standardDeviation: 2))
        // A Student t given by its standard deviation: scale = s.d.·√((ν − 2)/ν).
        #expect(
            try decode(#"{"type": "studentT", "location": 0, "standardDeviation": 2, "degreesOfFreedom": 4}"#)
                == .studentT(location: 0, scale: 2 * 0.5.squareRoot(), degreesOfFreedom: 4))
        #expect(throws: DecodingError.self) {
            try decode(
                #"{"type": "studentT", "location": 0, "scale": 1, "standardDeviation": 2, "degreesOfFreedom": 4}"#)
        }
        #expect(throws: DecodingError.self) {
            try decode(#"{"type": "rectangular", "lower": 0, "upper": 1, "mode": 2}"#)
        }
        let text = String(
            decoding: try JSONEncoder().encode(InputDistribution.rectangular(lower: -1, upper: 1)), as: UTF8.self)
        #expect(text.contains(#""type":"rectangular""#))
    }

    @Test func modelsRoundTripThroughJSON() throws {
        let original = try model(issueExample)
        let again = try MeasurementModel(json: try JSONEncoder().encode(original))
        #expect(again == original)
    }

    @Test func schemaListsTheDistributionTypesTheReaderAccepts() throws {
        // Schemas/measurement-model.schema.json is part of the package (not of ../shared).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Schemas/measurement-model.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let distribution = try #require(defs["distribution"] as? [String: Any])
        let branches = try #require(distribution["oneOf"] as? [[String: Any]])
        var names: Set<String> = []
        for branch in branches {
            let type = try #require((branch["properties"] as? [String: Any])?["type"] as? [String: Any])
            if let value = type["const"] as? String { names.insert(value) }
            for value in type["enum"] as? [String] ?? [] { names.insert(value) }
        }
        #expect(names == Set(InputDistribution.typeNames + ["gaussian"]))
    }
}
