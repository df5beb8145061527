import EquivalenceSupport
import Foundation
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    struct Name: Encodable {
        var text: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

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
        var names: [Name]
        var flag: Bool
        var count: Int
        var seed: UInt64
        var empty: [Double]
        var nothing: Inner?
        var missing: Int?
    }

    let document = Document(
        zeta: "quote \" and\nnewline\u{1}", alpha: 1e-5, inner: Inner(interval: [-1.5, 2], note: nil),
        rows: [[1, 2], [3, 4]], list: [Inner(interval: [], note: "µK")],
        names: [Name(text: "PTB"), Name(text: "NIST")],
        flag: true, count: -3, seed: 20_021_001, empty: [], nothing: Inner(interval: [0], note: nil), missing: nil)

    /// The exact layout of the pretty form: two-space indentation, scalar arrays on one line (a
    /// type that encodes as a single string counts as a scalar), empty containers as [] and {},
    /// ±0 as 0, control characters as \u00XX. It is the layout every JSON output of the CLI has.
    @Test func prettyLayoutIsExact() throws {
        let text = try JSONWriter.string(document, pretty: true)
        let expected = """
            {
              "zeta": "quote \\" and\\nnewline\\u0001",
              "alpha": 1e-05,
              "inner": {
                "interval": [-1.5, 2.0]
              },
              "rows": [
                [1.0, 2.0],
                [3.0, 4.0]
              ],
              "list": [
                {
                  "interval": [],
                  "note": "µK"
                }
              ],
              "names": ["PTB", "NIST"],
              "flag": true,
              "count": -3,
              "seed": 20021001,
              "empty": [],
              "nothing": {
                "interval": [0]
              }
            }

            """
        #expect(text == expected)
    }

    @Test func compactFormHasNoWhiteSpaceAndReadsBack() throws {
        let compact = try JSONWriter.string(document, pretty: false)
        #expect(compact.hasPrefix("{\"zeta\":\"quote \\\" and\\nnewline\\u0001\",\"alpha\":1e-05,\"inner\":{"))
        #expect(!compact.contains("\n") && !compact.contains(", "))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? [String: Any])
        #expect((object["rows"] as? [[Double]]) == [[1, 2], [3, 4]])
        #expect((object["names"] as? [String]) == ["PTB", "NIST"])
    }

    /// A value that encodes nothing is an empty object, as Foundation's encoder writes it.
    @Test func valueThatWritesNothingIsAnEmptyObject() throws {
        struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
        struct Holder: Encodable { var silent = Silent() }
        #expect(try JSONWriter.string(Holder(), pretty: false) == "{\"silent\":{}}")
    }

    /// An array that turns out mixed (a scalar, then an object) is laid out one entry per line.
    @Test func mixedArrayFallsBackToOneEntryPerLine() throws {
        enum Entry: Encodable {
            case number(Double)
            case object(Inner)
            func encode(to encoder: any Encoder) throws {
                switch self {
                case .number(let x):
                    var container = encoder.singleValueContainer()
                    try container.encode(x)
                case .object(let inner): try inner.encode(to: encoder)
                }
            }
        }
        let text = try JSONWriter.string(
            [Entry.number(1), .number(2), .object(Inner(interval: [3], note: nil))], pretty: true)
        #expect(text == "[\n  1.0,\n  2.0,\n  {\n    \"interval\": [3.0]\n  }\n]\n")
    }

    /// Two encodes into one encoder merge into one object (the traceability calibration does this).
    @Test func secondEncodeIntoTheSameEncoderMergesKeys() throws {
        struct Part: Encodable {
            var b = 2
            enum CodingKeys: String, CodingKey { case b }
        }
        struct Whole: Encodable {
            enum CodingKeys: String, CodingKey { case a, c }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(1, forKey: .a)
                try Part().encode(to: encoder)
                try container.encode(3, forKey: .c)
            }
        }
        #expect(try JSONWriter.string(Whole(), pretty: false) == "{\"a\":1,\"b\":2,\"c\":3}")
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPath() throws {
        struct Entry: Encodable { var value: Double }
        struct Bad: Encodable { var entries: [Entry] }
        let bad = Bad(entries: [Entry(value: 1), Entry(value: -.infinity)])
        #expect(throws: JSONWriter.NonFiniteNumber.self) { try JSONWriter.string(bad, pretty: true) }
        let found = try #require(JSONWriter.firstNonFiniteNumber(in: bad))
        #expect(CodingPathKey.path(found.keys) == "entries[1].value")
        #expect(found.value == -.infinity)
        #expect(JSONWriter.firstNonFiniteNumber(in: document) == nil)
        let labelled = CodingPathKey.path(found.keys) { list, index in list == "entries" ? "lab \(index)" : nil }
        #expect(labelled == "entries[lab 1].value")
    }
}
