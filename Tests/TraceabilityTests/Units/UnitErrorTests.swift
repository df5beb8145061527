import Testing

@testable import Traceability

/// Every invalid unit in the negative list of validation/traceability/README.md (and the
/// grammar's other failure modes) gives a typed error naming the offending token.
@Suite("Unit errors")
struct UnitErrorTests {
    /// expression, token the error must name, its 1-based column, and the issue.
    static let invalid: [(String, String, Int, UnitSyntaxIssue)] = [
        // README negatives: NML-Philippines template (\°C, \%, \kgf), PTB silicon sphere (\degreeCelsius).
        (#"\°C"#, #"\°C"#, 1, .unknownUnit(suggestion: #"\degreecelsius"#)),
        (#"\%"#, #"\%"#, 1, .unknownUnit(suggestion: #"\percent"#)),
        (#"\kgf"#, #"\kgf"#, 1, .unknownUnit(suggestion: nil)),
        (#"\degreeCelsius"#, #"\degreeCelsius"#, 1, .unknownUnit(suggestion: #"\degreecelsius"#)),
        (#"\metre\degreeCelsius"#, #"\degreeCelsius"#, 7, .unknownUnit(suggestion: #"\degreecelsius"#)),
        // Grammar.
        ("", "", 1, .empty),
        (#"\milli"#, #"\milli"#, 1, .prefixWithoutUnit),
        (#"\kilo\milli\metre"#, #"\milli"#, 6, .compoundPrefix),
        (#"\milli\kilogram"#, #"\milli\kilogram"#, 1, .prefixNotAllowed(unit: .kilogram, prefix: .milli)),
        (#"\kilo\minute"#, #"\kilo\minute"#, 1, .prefixNotAllowed(unit: .minute, prefix: .kilo)),
        (#"\kibi\metre"#, #"\kibi\metre"#, 1, .prefixNotAllowed(unit: .metre, prefix: .kibi)),
        (#"\tothe{2}"#, #"\tothe{2}"#, 1, .misplacedPower),
        (#"\metre\tothe{2}\tothe{2}"#, #"\tothe{2}"#, 16, .misplacedPower),
        (#"\metre\tothe{x}"#, #"\tothe{x}"#, 7, .invalidExponent),
        (#"\metre\tothe{0}"#, #"\tothe{0}"#, 7, .invalidExponent),
        (#"\metre\tothe{2"#, #"\tothe{2"#, 7, .invalidExponent),
        (#"\metre\per\second\per\second"#, #"\per"#, 18, .repeatedPer),
        (#"\metre\per"#, #"\per"#, 7, .emptyDenominator),
        (#"\metre \second"#, " ", 7, .unexpectedCharacter),
        (#"|bar"#, "|bar", 1, .nonSIUnit),
        (#"\metre|mmHg"#, "|mmHg", 7, .nonSIUnit),
        // SI Reference Point.
        ("kgf", "kgf", 1, .unknownUnit(suggestion: nil)),
        ("m.s-", "s-", 3, .invalidExponent),
        ("m.s0", "s0", 3, .invalidExponent),
        ("m..s", ".", 3, .unexpectedCharacter),
        ("m/s", "m/s", 1, .unexpectedCharacter),
        ("mkg", "mkg", 1, .prefixNotAllowed(unit: .kilogram, prefix: .milli)),
        ("kmin", "kmin", 1, .prefixNotAllowed(unit: .minute, prefix: .kilo)),
        ("k", "k", 1, .prefixWithoutUnit),
        ("degC", "degC", 1, .unknownUnit(suggestion: "°C")),
        ("Ohm", "Ohm", 1, .unknownUnit(suggestion: "Ω")),
    ]

    @Test("Invalid units throw invalidUnit with the token and its column", arguments: invalid.indices)
    func invalidUnit(_ index: Int) {
        let (expression, token, column, issue) = Self.invalid[index]
        #expect(
            throws: TraceabilityError.invalidUnit(expression: expression, token: token, column: column, issue: issue)
        ) {
            try MeasurementUnit(parsing: expression)
        }
    }

    @Test("The message names the token and what was probably meant")
    func message() {
        do {
            _ = try MeasurementUnit(parsing: #"\degreeCelsius"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(#"\degreeCelsius"#))
            #expect(error.description.contains(#"did you mean \degreecelsius"#))
        }
    }

    @Test("Converting between different dimensions is a typed error")
    func incommensurable() throws {
        let metre = try MeasurementUnit(parsing: "m")
        let second = try MeasurementUnit(parsing: "s")
        #expect(throws: TraceabilityError.self) { try metre.conversion(to: second) }
        do {
            _ = try metre.conversion(to: second)
        } catch {
            guard case .incommensurableUnits(let from, let to, let a, let b) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(from == "m" && to == "s" && a == Dimension(length: 1) && b == Dimension(time: 1))
        }
        // Levels: dB and Np are both dimensionless but no linear factor relates them, nor dB to 1.
        #expect(throws: TraceabilityError.self) {
            try MeasurementUnit(parsing: "dB").conversion(to: MeasurementUnit(parsing: "Np"))
        }
        #expect(throws: TraceabilityError.self) {
            try MeasurementUnit(parsing: "dB").conversion(to: MeasurementUnit(parsing: "1"))
        }
    }
}
