import Foundation
import KeyComparison
import Testing

@Suite("Comparison readers and validation")
struct ReaderTests {
    func read(_ json: String) throws(KeyComparisonError) -> Comparison {
        try Comparison(jsonData: Data(json.utf8))
    }

    @Test func expandedUncertaintyIsDividedByTheCoverageFactor() throws {
        let c = try read(
            #"{"identifier":"X","results":[{"laboratory":"A","value":1,"expandedUncertainty":0.44,"coverageFactor":2.2}]}"#
        )
        #expect(abs(c.results[0].standardUncertainty - 0.2) < 1e-15)
        #expect(c.results[0].reportedCoverageFactor == 2.2)
    }

    @Test func missingFieldNamesItsPath() {
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "results[1].value", reason: "required field 'value' is missing")
        ) {
            try read(
                #"{"results":[{"laboratory":"A","value":1,"standardUncertainty":1},{"laboratory":"B","standardUncertainty":1}]}"#
            )
        }
    }

    @Test func wrongTypeNamesItsPath() {
        #expect(throws: KeyComparisonError.malformedFile(location: "results[0].value", reason: "expected a number")) {
            try read(#"{"results":[{"laboratory":"A","value":"1.0","standardUncertainty":1}]}"#)
        }
    }

    @Test func badUncertaintiesNameTheLaboratory() {
        #expect(throws: KeyComparisonError.nonPositiveUncertainty(laboratory: "B", value: -0.1)) {
            try read(
                #"{"results":[{"laboratory":"A","value":1,"standardUncertainty":1},{"laboratory":"B","value":1,"standardUncertainty":-0.1}]}"#
            )
        }
        #expect(throws: KeyComparisonError.nonPositiveUncertainty(laboratory: "A", value: 0)) {
            try read(#"{"results":[{"laboratory":"A","value":1,"standardUncertainty":0}]}"#)
        }
        #expect(throws: KeyComparisonError.missingUncertainty(laboratory: "A")) {
            try read(#"{"results":[{"laboratory":"A","value":1,"expandedUncertainty":0.2}]}"#)
        }
        #expect(throws: KeyComparisonError.conflictingUncertainty(laboratory: "A")) {
            try read(
                #"{"results":[{"laboratory":"A","value":1,"standardUncertainty":0.1,"expandedUncertainty":0.2,"coverageFactor":2}]}"#
            )
        }
        #expect(throws: KeyComparisonError.invalidDegreesOfFreedom(laboratory: "A", value: 0)) {
            try read(#"{"results":[{"laboratory":"A","value":1,"standardUncertainty":0.1,"degreesOfFreedom":0}]}"#)
        }
    }

    @Test func duplicateLaboratoryIsRejected() {
        #expect(throws: KeyComparisonError.duplicateLaboratory("A")) {
            try read(
                #"{"results":[{"laboratory":"A","value":1,"standardUncertainty":1},{"laboratory":"A","value":2,"standardUncertainty":1}]}"#
            )
        }
    }

    @Test func correlationsAreChecked() {
        let results =
            #""results":[{"laboratory":"A","value":1,"standardUncertainty":1},{"laboratory":"B","value":1,"standardUncertainty":1},{"laboratory":"C","value":1,"standardUncertainty":1}]"#
        #expect(throws: KeyComparisonError.unknownLaboratory("D")) {
            try read(#"{\#(results),"correlations":[{"laboratories":["A","D"],"coefficient":0.5}]}"#)
        }
        #expect(throws: KeyComparisonError.invalidCorrelation(first: "A", second: "B", coefficient: 1.5)) {
            try read(#"{\#(results),"correlations":[{"laboratories":["A","B"],"coefficient":1.5}]}"#)
        }
        // r(A,B) = r(B,C) = 0.9, r(A,C) = −0.9: each coefficient is legal, the matrix is not.
        #expect(throws: KeyComparisonError.covarianceNotPositiveDefinite(laboratory: "C", leadingMinor: 3)) {
            try read(
                #"{\#(results),"correlations":[{"laboratories":["A","B"],"coefficient":0.9},{"laboratories":["B","C"],"coefficient":0.9},{"laboratories":["A","C"],"coefficient":-0.9}]}"#
            )
        }
    }

    @Test func covarianceMatrixIsChecked() throws {
        let results =
            #""results":[{"laboratory":"A","value":1,"standardUncertainty":1},{"laboratory":"B","value":1,"standardUncertainty":2}]"#
        let c = try read(#"{\#(results),"covariance":[[1,0.5],[0.5,4]]}"#)
        #expect(c.isCorrelated)
        #expect(
            throws: KeyComparisonError.covarianceDiagonalMismatch(laboratory: "B", covariance: 3, uncertaintySquared: 4)
        ) {
            try read(#"{\#(results),"covariance":[[1,0.5],[0.5,3]]}"#)
        }
        #expect(throws: KeyComparisonError.covarianceNotSymmetric(first: "A", second: "B")) {
            try read(#"{\#(results),"covariance":[[1,0.5],[0.4,4]]}"#)
        }
        #expect(throws: KeyComparisonError.covarianceShape(expected: 2, rows: 1, columns: 2)) {
            try read(#"{\#(results),"covariance":[[1,0.5]]}"#)
        }
    }

    @Test func csvReadsOptionalColumnsAndRejectsNaN() throws {
        let c = try Comparison(
            csv:
                "laboratory,value,standardUncertainty,degreesOfFreedom,included\nA,1.0,0.1,,yes\n\"B, Inc.\",1.1,0.2,12,false\n"
        )
        #expect(c.results.count == 2)
        #expect(c.results[0].degreesOfFreedom == nil && c.results[1].degreesOfFreedom == 12)
        #expect(c.results[1].laboratory == "B, Inc." && !c.results[1].includedInReferenceValue)
        #expect(throws: KeyComparisonError.nonFiniteValue(laboratory: "A", field: "value")) {
            try Comparison(csv: "laboratory,value,standardUncertainty\nA,nan,0.1\n")
        }
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 3, column standardUncertainty", reason: "'abc' is not a number")
        ) {
            try Comparison(csv: "laboratory,value,standardUncertainty\nA,1,0.1\nB,1,abc\n")
        }
        #expect(throws: KeyComparisonError.self) { try Comparison(csv: "lab;value;u\nA;1;2\n") }
    }

    @Test func csvLaboratoryNamesMayHoldLineBreaksAndLaterErrorsNameTheirLine() throws {
        let header = "# CCQM-K25 by hand\nlaboratory,value,standardUncertainty,included\n"
        let rows = "\"PTB\nBraunschweig\",1.0,0.1,yes\r\n\"The \"\"Best\"\" Lab\",1.1,0.2,\n\nNIST,1.2,0.3,no\n"
        let c = try Comparison(csv: "\u{FEFF}" + header + rows)
        #expect(c.results.map(\.laboratory) == ["PTB\nBraunschweig", "The \"Best\" Lab", "NIST"])
        #expect(c.results.map(\.includedInReferenceValue) == [true, true, false])
        #expect(
            throws: KeyComparisonError.malformedFile(location: "line 8, column value", reason: "'abc' is not a number")
        ) {
            try Comparison(csv: header + rows + "LNE,abc,0.1\n")
        }
        #expect(throws: KeyComparisonError.malformedFile(location: "line 3", reason: "unterminated quoted field")) {
            try Comparison(csv: header + "\"PTB\nBraunschweig,1.0,0.1\nNIST,1.2,0.3\n")
        }
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 2",
                reason: "the header must name laboratory, value and standardUncertainty (found lab;value;u)")
        ) {
            try Comparison(csv: "\n\"lab;value;u\"\nA;1;2\n")
        }
    }

    @Test func csvFileErrorsNameTheFileAndTheLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "quoted-\(UInt64.random(in: 0...UInt64.max)).csv")
        try Data("laboratory,value,standardUncertainty\n\"PTB\nBraunschweig\",1,0.1\nNIST,1,\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(
            throws: KeyComparisonError.malformedFile(
                file: url.relativePath, location: "line 4, column standardUncertainty", reason: "missing value")
        ) {
            try Comparison(contentsOf: url)
        }
    }

    @Test func malformedJSONIsATypedError() {
        #expect(throws: KeyComparisonError.self) { try read("{ not json") }
    }

    @Test func fileErrorsNameTheFile() {
        let url = URL(fileURLWithPath: "/nonexistent/x.comparison.json")
        #expect(throws: KeyComparisonError.self) { try Comparison(contentsOf: url) }
    }
}
