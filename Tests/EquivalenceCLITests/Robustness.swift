import Foundation
import Testing

/// The project's rule for bad input, checked on the built binary: bad input never crashes and
/// never passes silently. A rejected input exits with status 1 (not a signal), prints nothing on
/// standard output, and writes one `equivalence: FILE: …` message naming what is wrong; an
/// accepted input prints no NaN and no infinity in any format.
enum Robustness {
    /// Every method name the binary knows, read from the argument parser's list of the values of
    /// `--method` (the lines `  - NAME` after an unknown one).
    static let methodNames: [String] = {
        let message = (try? CLI.run(["evaluate", example, "--method", "no-such-method"]))?.standardError ?? ""
        return message.split(separator: "\n").compactMap { line in
            line.hasPrefix("  - ") ? String(line.dropFirst(4)) : nil
        }
    }()

    /// The methods this build provides (a name may be reserved for a method still to come), so
    /// that methods added later are exercised without editing the tests.
    static let methods: [String] = methodNames.filter { method in
        let output = try? CLI.run(["evaluate", example, "--method", method, "--trials", trials])
        return output.map { !$0.standardError.contains("unknown method") } ?? false
    }

    static let example = CLI.packageRoot.appendingPathComponent("Examples/CCQM-K25-PCB28.comparison.json").path

    /// Trials for every method, so that the Monte Carlo and Bayesian methods stay quick; the
    /// closed-form methods ignore it.
    static let trials = "2000"

    /// True when the text holds NaN or an infinity as a number (`nan`, `-nan`, `inf`, `Infinity`),
    /// not inside a word (`infinite`, `INFN`).
    static func containsNonFiniteNumber(_ text: String) -> Bool {
        text.range(of: #"(?i)(?<![A-Za-z_])[-+]?(nan|inf(inity)?)(?![A-Za-z_])"#, options: .regularExpression) != nil
    }

    /// Signs that the process trapped rather than failed (Swift's runtime messages).
    static func showsCrash(_ text: String) -> Bool {
        ["Fatal error", "Precondition failed", "Program crashed", "Backtracing", "Illegal instruction"].contains {
            text.contains($0)
        }
    }

    /// Checks a rejection: status 1 without a signal, empty standard output, one
    /// `equivalence: …` message that names `file` and every fragment.
    static func expectRejected(
        _ output: CLI.Output, file: String, naming fragments: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let message = output.standardError
        #expect(output.exitedNormally && !showsCrash(message), "crashed: \(message)", sourceLocation: sourceLocation)
        #expect(output.status == 1, "status \(output.status): \(message)", sourceLocation: sourceLocation)
        #expect(output.standardOutput.isEmpty, "printed: \(output.standardOutput)", sourceLocation: sourceLocation)
        #expect(message.hasPrefix("equivalence: "), "\(message)", sourceLocation: sourceLocation)
        #expect(message.contains(file), "the message does not name \(file): \(message)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(message.contains(fragment), "missing '\(fragment)' in: \(message)", sourceLocation: sourceLocation)
        }
    }

    /// Checks an option refused by the argument parser: a non-zero status without a signal, the
    /// option named on standard error, nothing on standard output.
    static func expectUsageError(
        _ output: CLI.Output, naming option: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let message = output.standardError
        #expect(output.exitedNormally && !showsCrash(message), "crashed: \(message)", sourceLocation: sourceLocation)
        #expect(output.status != 0, "accepted: \(output.standardOutput)", sourceLocation: sourceLocation)
        #expect(output.standardOutput.isEmpty, "printed: \(output.standardOutput)", sourceLocation: sourceLocation)
        #expect(message.contains(option), "missing '\(option)' in: \(message)", sourceLocation: sourceLocation)
    }

    /// Checks an outcome that may be either: a clean rejection naming `file`, or a success whose
    /// output has no NaN or infinity (and, for JSON, parses).
    static func expectCleanOutcome(
        _ output: CLI.Output, file: String, json: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if output.exitedNormally && output.status == 0 {
            #expect(!output.standardOutput.isEmpty, sourceLocation: sourceLocation)
            #expect(
                !containsNonFiniteNumber(output.standardOutput), "NaN or infinity in: \(output.standardOutput)",
                sourceLocation: sourceLocation)
            if json {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) != nil,
                    "not JSON: \(output.standardOutput)", sourceLocation: sourceLocation)
            }
        } else {
            expectRejected(output, file: file, sourceLocation: sourceLocation)
        }
    }

    /// Writes `contents` to a temporary file named `name`, runs `body` with its path, removes it.
    static func withFile<T>(_ name: String, _ contents: Data, _ body: (String) throws -> T) throws -> T {
        let url = try CLI.temporaryFile(name, data: contents)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    static func withFile<T>(_ name: String, _ contents: String, _ body: (String) throws -> T) throws -> T {
        try withFile(name, Data(contents.utf8), body)
    }
}

@Suite("Robustness support")
struct RobustnessSupportTests {
    @Test func nonFiniteNumbersAreFoundAsWordsOnly() {
        for text in ["y = nan", "-nan,0.0", "U = inf", "[-inf, 3]", "1e999 is Infinity", "NaN %"] {
            #expect(Robustness.containsNonFiniteNumber(text), "\(text)")
        }
        for text in ["infinite degrees of freedom", "INFN", "ν = ∞", "nano", "Brinfo", "info", "_nan"] {
            #expect(!Robustness.containsNonFiniteNumber(text), "\(text)")
        }
    }

    @Test func theMethodsAreReadFromTheBinary() {
        // The fifteen method names of the first release at least; more once other methods are added.
        #expect(Robustness.methodNames.count >= 15)
        // The eleven methods of this build at least: weighted and arithmetic mean, Algorithm A,
        // Huber and the seven random-effects estimators.
        #expect(Robustness.methods.count >= 11)
        #expect(Robustness.methods.contains("weighted-mean") && Robustness.methods.contains("dersimonian-laird"))
    }
}
