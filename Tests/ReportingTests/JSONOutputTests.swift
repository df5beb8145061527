import Foundation
import Reporting
import Testing

@Suite("JSON output")
struct JSONOutputTests {
    struct Inner: Encodable {
        var interval: [Double]
        var note: String?
    }

    struct Document: Encodable {
        var zeta: String
        var alpha: Double
        var inner: Inner
        var rows: [[Double]]
        var list: [Inner]
        var flag: Bool
        var missing: Int?
    }

    let document = Document(
        zeta: "quote \" and\nnewline", alpha: 1e-5, inner: Inner(interval: [-1.5, 2], note: nil),
        rows: [[1, 2], [3, 4]],
        list: [Inner(interval: [], note: "µK")], flag: true, missing: nil)

    @Test func keysKeepDeclarationOrderAndNilIsOmitted() throws {
        let text = try JSONOutput.string(document)
        let keys = ["\"zeta\"", "\"alpha\"", "\"inner\"", "\"rows\"", "\"list\"", "\"flag\""]
        let positions = try keys.map { try #require(text.range(of: $0)?.lowerBound) }
        #expect(positions == positions.sorted())
        #expect(!text.contains("missing") && !text.contains("note\": null"))
    }

    @Test func outputIsValidJSONThatReadsBackExactly() throws {
        let text = try JSONOutput.string(document)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["zeta"] as? String == "quote \" and\nnewline")
        #expect(object["alpha"] as? Double == 1e-5)
        #expect((object["rows"] as? [[Double]]) == [[1, 2], [3, 4]])
        #expect(((object["list"] as? [[String: Any]])?.first?["note"] as? String) == "µK")
        let compact = try JSONOutput.compactString(document)
        #expect(!compact.contains("\n") && compact.hasPrefix("{\"zeta\":"))
    }

    @Test func nonFiniteNumbersAreRefused() {
        struct Bad: Encodable { var value = Double.nan }
        #expect(throws: EncodingError.self) { try JSONOutput.string(Bad()) }
    }
}
