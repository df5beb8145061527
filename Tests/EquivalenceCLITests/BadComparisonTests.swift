import Foundation
import Testing

/// A bad comparison file and what the rejection must name.
struct BadComparison: Sendable, CustomTestStringConvertible {
    /// The file name (its extension decides JSON or CSV).
    var name: String
    var contents: Data
    /// Fragments every method's message must contain (the laboratory, field or line at fault);
    /// empty when the file is acceptable to some methods (then only the contract is checked).
    var naming: [String]

    init(_ name: String, _ contents: String, naming: [String] = []) {
        self.name = name
        self.contents = Data(contents.utf8)
        self.naming = naming
    }

    init(_ name: String, bytes: Data, naming: [String] = []) {
        self.name = name
        self.contents = bytes
        self.naming = naming
    }

    var testDescription: String { name }

    /// A JSON comparison with these result objects (and extra top-level members).
    static func json(_ name: String, _ results: [String], extra: String = "", naming: [String] = []) -> BadComparison {
        BadComparison(
            name + ".comparison.json",
            #"{"identifier": "X", "unit": "g", "results": [\#(results.joined(separator: ", "))]\#(extra)}"#,
            naming: naming)
    }

    static func result(_ lab: String, _ value: String, _ u: String, _ more: String = "") -> String {
        #"{"laboratory": "\#(lab)", "value": \#(value), "standardUncertainty": \#(u)\#(more)}"#
    }

    static let three = [result("A", "1.0", "0.1"), result("B", "1.2", "0.2"), result("C", "0.9", "0.15")]

    /// Files every method must refuse, with the lab, field or line the message names.
    static let rejected: [BadComparison] = [
        json("nan-string", [result("A", #""NaN""#, "0.1"), result("B", "1", "0.1")], naming: ["results[0].value"]),
        json("nan-literal", [result("A", "NaN", "0.1"), result("B", "1", "0.1")], naming: ["JSON"]),
        json("overflowing-literal", [result("A", "1e400", "0.1"), result("B", "1", "0.1")], naming: ["JSON"]),
        json("huge-value", [result("A", "1e308", "1"), result("B", "-1e308", "1")], naming: ["A: value"]),
        json(
            "huge-uncertainty", [result("A", "1", "1e200"), result("B", "2", "1")], naming: ["A: standardUncertainty"]),
        json(
            "tiny-uncertainty", [result("A", "1", "1e-300"), result("B", "2", "1e-300")],
            naming: ["A: standardUncertainty"]),
        json(
            "subnormal-uncertainty", [result("A", "1", "5e-324"), result("B", "2", "1")],
            naming: ["A: standardUncertainty"]),
        json(
            "negative-uncertainty", [result("A", "1", "-1"), result("B", "2", "1")],
            naming: ["A: the standard uncertainty"]),
        json(
            "zero-uncertainty", [result("A", "1", "0"), result("B", "2", "1")], naming: ["A: the standard uncertainty"]),
        json(
            "negative-expanded",
            [
                #"{"laboratory": "A", "value": 1, "expandedUncertainty": -1, "coverageFactor": 2}"#,
                result("B", "2", "1"),
            ],
            naming: ["A:"]),
        json(
            "zero-coverage-factor",
            [
                #"{"laboratory": "A", "value": 1, "expandedUncertainty": 1, "coverageFactor": 0}"#,
                result("B", "2", "1"),
            ],
            naming: ["results[0].coverageFactor: A: a coverage factor"]),
        json(
            "coverage-factor-below-one",
            [
                result("A", "1", "1"),
                #"{"laboratory": "B", "value": 1, "expandedUncertainty": 0.6, "coverageFactor": 0.5}"#,
            ],
            naming: ["results[1].coverageFactor: B: a coverage factor must be a finite number of at least 1", "0.5"]),
        json("missing-uncertainty", [#"{"laboratory": "A", "value": 1}"#, result("B", "2", "1")], naming: ["A:"]),
        json(
            "zero-dof", [result("A", "1", "1", #", "degreesOfFreedom": 0"#), result("B", "2", "1")],
            naming: ["A: degreesOfFreedom"]),
        json(
            "subnormal-dof", [result("A", "1", "1", #", "degreesOfFreedom": 5e-324"#), result("B", "2", "1")],
            naming: ["A: degreesOfFreedom"]),
        json(
            "duplicate", [result("A", "1", "1"), result("A", "2", "1")], naming: ["laboratory A appears more than once"]
        ),
        json(
            "empty-name", [result("", "1", "1"), result("B", "2", "1")],
            naming: ["result 1 has an empty laboratory name"]),
        json(
            "blank-name", [result("A", "1", "1"), result("  ", "2", "1")],
            naming: ["result 2 has an empty laboratory name"]),
        json("no-results", [], naming: ["at least"]),
        json(
            "all-excluded",
            [
                result("A", "1", "1", #", "includedInReferenceValue": false"#),
                result("B", "2", "1", #", "includedInReferenceValue": false"#),
            ],
            naming: ["at least"]),
        json(
            "not-positive-definite", three,
            extra:
                #", "correlations": [{"laboratories": ["A", "B"], "coefficient": 0.9}, {"laboratories": ["A", "C"], "coefficient": 0.9}, {"laboratories": ["B", "C"], "coefficient": -0.9}]"#,
            naming: ["not positive definite", "at C"]),
        json(
            "perfect-correlation", three,
            extra: #", "correlations": [{"laboratories": ["A", "B"], "coefficient": 1}]"#,
            naming: ["not positive definite", "at B"]),
        json(
            "correlation-of-one", three, extra: #", "correlations": [{"laboratories": ["A"], "coefficient": 0.5}]"#,
            naming: ["correlations[0].laboratories"]),
        json(
            "correlation-out-of-range", three,
            extra: #", "correlations": [{"laboratories": ["A", "B"], "coefficient": 1.5}]"#,
            naming: ["between A and B"]),
        json(
            "correlation-unknown-lab", three,
            extra: #", "correlations": [{"laboratories": ["A", "Z"], "coefficient": 0.5}]"#,
            naming: ["laboratory Z"]),
        json(
            "ragged-covariance", three, extra: #", "covariance": [[0.01, 0], [0, 0.04, 0], [0, 0, 0.0225]]"#,
            naming: ["covariance"]),
        json(
            "covariance-diagonal", three, extra: #", "covariance": [[0.02, 0, 0], [0, 0.04, 0], [0, 0, 0.0225]]"#,
            naming: ["A: covariance diagonal"]),
        json("empty-covariance", three, extra: #", "covariance": []"#, naming: ["3 × 3"]),
        json("value-is-text", [result("A", #""one""#, "1"), result("B", "2", "1")], naming: ["results[0].value"]),
        BadComparison("empty.comparison.json", "", naming: ["JSON"]),
        BadComparison("array.comparison.json", "[1, 2, 3]", naming: ["(document)"]),
        BadComparison(
            "truncated.comparison.json", #"{"identifier": "X", "results": [{"laboratory": "A", "#, naming: ["JSON"]),
        BadComparison(
            "garbage.comparison.json",
            bytes: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })),
        BadComparison("empty.csv", "", naming: ["the file is empty"]),
        BadComparison("header-only.csv", "laboratory,value,standardUncertainty\n", naming: ["at least"]),
        BadComparison("missing-column.csv", "laboratory,value\nA,1\nB,2\n", naming: ["line 1", "standardUncertainty"]),
        BadComparison(
            "missing-value.csv", "laboratory,value,standardUncertainty\nA,1,0.1\nB,,0.2\n",
            naming: ["line 3, column value"]),
        BadComparison(
            "short-row.csv", "laboratory,value,standardUncertainty\nA,1,0.1\nB,2\n",
            naming: ["line 3, column standardUncertainty"]),
        BadComparison(
            "unterminated-quote.csv", "laboratory,value,standardUncertainty\n\"A, Inc\",1,0.1\n\"B,2,0.2\n",
            naming: ["line 3: unterminated quoted field"]),
        BadComparison("nan.csv", "laboratory,value,standardUncertainty\nA,nan,0.1\nB,2,0.2\n", naming: ["A: value"]),
        BadComparison(
            "infinite-u.csv", "laboratory,value,standardUncertainty\nA,1,inf\nB,2,0.2\n",
            naming: ["A: standardUncertainty"]),
        BadComparison(
            "hex-subnormal.csv", "laboratory,value,standardUncertainty\nA,1,0x1p-1074\nB,2,0.2\n",
            naming: ["A: standardUncertainty"]),
        BadComparison(
            "negative-dof.csv", "laboratory,value,standardUncertainty,degreesOfFreedom\nA,1,0.1,-3\nB,2,0.2,\n",
            naming: ["A: degreesOfFreedom"]),
        BadComparison(
            "bad-included.csv", "laboratory,value,standardUncertainty,included\nA,1,0.1,maybe\nB,2,0.2,\n",
            naming: ["line 2, column included"]),
        BadComparison(
            "duplicate.csv", "laboratory,value,standardUncertainty\nA,1,0.1\nA,2,0.2\n",
            naming: ["laboratory A appears more than once"]),
        BadComparison("garbage.csv", bytes: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 40_503 >> 3) })),
    ]

    /// Files some methods accept: each method must either refuse them cleanly or print finite numbers.
    static let borderline: [BadComparison] = [
        json("one-laboratory", [result("A", "1", "0.1")]),
        json("two-laboratories", [result("A", "1", "0.1"), result("B", "1.3", "0.2")]),
        json("all-equal", [result("A", "1", "0.1"), result("B", "1", "0.1"), result("C", "1", "0.1")]),
        json(
            "far-apart-magnitudes",
            [result("A", "1", "1e-150"), result("B", "1e150", "1e150"), result("C", "1.5", "1")]),
        json(
            "extreme-values",
            [result("A", "1e150", "1e-150"), result("B", "-1e150", "1e-150"), result("C", "0", "1e150")]),
        json(
            "tiny-degrees-of-freedom",
            [
                result("A", "1", "1", #", "degreesOfFreedom": 1e-300"#),
                result("B", "2", "1", #", "degreesOfFreedom": 3e-308"#),
                result("C", "2.5", "1", #", "degreesOfFreedom": 1e-300"#),
            ]),
        json(
            "one-included", [result("A", "1", "0.1"), result("B", "2", "0.1", #", "includedInReferenceValue": false"#)]),
        json(
            "nearly-singular", three,
            extra: #", "correlations": [{"laboratories": ["A", "B"], "coefficient": 0.999999999999}]"#),
        BadComparison(
            "extra-columns.csv", "laboratory,value,standardUncertainty,note,more\nA,1,0.1,x,y\nB,2,0.2\nC,1.5,0.1,z\n"),
        BadComparison(
            "quoted.csv", "laboratory,value,standardUncertainty\n\"A, Inc\",1,0.1\n\"B \"\"q\"\"\",2,0.2\nC,1.5,0.1\n"),
        BadComparison(
            "bom-crlf.csv", "\u{FEFF}laboratory,value,standardUncertainty\r\nA,1,0.1\r\nB,1.2,0.2\r\nC,1.1,0.1\r\n"),
    ]
}

@Suite("Bad comparison files")
struct BadComparisonTests {
    @Test(arguments: BadComparison.rejected)
    func everyMethodRefusesTheFileNamingWhatIsWrong(file: BadComparison) throws {
        try Robustness.withFile(file.name, file.contents) { path in
            for method in Robustness.methods {
                let output = try CLI.run(["evaluate", path, "--method", method, "--trials", Robustness.trials])
                Robustness.expectRejected(output, file: path, naming: file.naming)
            }
            for format in ["text", "csv"] {
                let output = try CLI.run(["evaluate", path, "--format", format])
                Robustness.expectRejected(output, file: path, naming: file.naming)
            }
            Robustness.expectRejected(
                try CLI.run(["diagnose", path, "--trials", "200"]), file: path, naming: file.naming)
        }
    }

    @Test(arguments: BadComparison.borderline)
    func everyMethodRefusesCleanlyOrPrintsFiniteNumbers(file: BadComparison) throws {
        try Robustness.withFile(file.name, file.contents) { path in
            for method in Robustness.methods {
                let json = try CLI.run([
                    "evaluate", path, "--method", method, "--trials", Robustness.trials, "--format", "json",
                ])
                Robustness.expectCleanOutcome(json, file: path, json: true)
                let text = try CLI.run(["evaluate", path, "--method", method, "--trials", Robustness.trials])
                Robustness.expectCleanOutcome(text, file: path)
            }
            Robustness.expectCleanOutcome(try CLI.run(["evaluate", path, "--format", "csv"]), file: path)
            Robustness.expectCleanOutcome(try CLI.run(["diagnose", path, "--trials", "200"]), file: path)
            let diagnosis = try CLI.run(["diagnose", path, "--trials", "200", "--format", "json"])
            Robustness.expectCleanOutcome(diagnosis, file: path, json: true)
        }
    }

    @Test func aByteOrderMarkAndCRLFLineEndsAreRead() throws {
        let file = try #require(BadComparison.borderline.first { $0.name == "bom-crlf.csv" })
        try Robustness.withFile(file.name, file.contents) { path in
            let output = try CLI.run(["evaluate", path, "--format", "csv"])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardOutput.contains("\nA,true,"))
        }
    }

    @Test func aDirectoryOrAMissingFileIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "equivalence-tests-\(UUID().uuidString).comparison.json")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        // `evaluate DIR` is a batch: an empty directory is refused as one.
        Robustness.expectRejected(
            try CLI.run(["evaluate", directory.path]), file: directory.path,
            naming: ["holds no *.comparison.json or *.csv file"])
        Robustness.expectRejected(
            try CLI.run(["diagnose", directory.path]), file: directory.path, naming: ["it is a directory"])
        for command in ["evaluate", "diagnose"] {
            Robustness.expectRejected(
                try CLI.run([command, "/nonexistent/k.comparison.json"]), file: "/nonexistent/k.comparison.json")
        }
    }
}
