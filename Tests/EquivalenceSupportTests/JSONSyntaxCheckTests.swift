import Foundation
import Testing

@testable import EquivalenceSupport

/// The position of the first JSON syntax error (issue 13): what `JSONDecoder` does not say.
@Suite("JSON syntax positions")
struct JSONSyntaxCheckTests {
    func check(_ text: String) -> JSONSyntaxCheck? { JSONSyntaxCheck.firstError(in: Data(text.utf8)) }

    @Test(arguments: [
        ("{\"a\": [1,\n  2", 2, 4, "ends too early"),
        ("{\"a\": [1,\n  1e400]}", 2, 3, "1e400 is out of the range"),
        ("{\"a\": NaN}", 1, 7, "expected a value, found 'NaN}'"),
        ("{\"a\": [1,, 2]}", 1, 10, "expected a value, found ','"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
        ("{\"µ\": \"x\" x}", 1, 11, "expected ',' or '}'"),
        ("[1] 2", 1, 5, "after the end"),
        ("{\"a\": 01}", 1, 7, "must not start with 0"),
    ])
    func theFirstErrorIsLocated(text: String, line: Int, column: Int, reason: String) throws {
        let error = try #require(check(text))
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test func whatTheDecoderAcceptsPasses() {
        #expect(check(#"{"a": [1, -2.5e-3, true, null, "x\u00e9\n"], "b": {},}"#) == nil)
        #expect(check("[" + String(repeating: "[", count: 600) + String(repeating: "]", count: 601)) != nil)
    }

    @Test func theDecoderErrorGetsThePosition() throws {
        let data = Data("{\"a\": [1,\n 1e400]}".utf8)
        do {
            _ = try JSONDecoder().decode([String: [Double]].self, from: data)
            Issue.record("1e400 decoded")
        } catch let error as DecodingError {
            let problem = DecodingProblem(error, in: data)
            #expect(problem.path == "line 2, column 2")
            #expect(problem.reason.hasPrefix("not valid JSON: the number 1e400 is out of the range"))
        }
    }
}
