import Foundation
import KeyComparison
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

/// A pair encoded through `Encoder`'s containers (its synthesized `encode(to:)`), for comparison
/// with the writer's direct path.
private struct ThroughEncoder: Encodable {
    var pair: PairwiseDegreeOfEquivalence
    func encode(to encoder: any Encoder) throws { try pair.encode(to: encoder) }
}

@Suite("JSON output of pairwise degrees of equivalence")
struct PairwiseJSONOutputTests {
    @Test func theDirectPathWritesWhatTheSynthesizedEncoderWrites() throws {
        var full = PairwiseDegreeOfEquivalence(
            laboratories: ["PTB", "NIST \"US\""], difference: -0.125, standardUncertainty: 0.0625,
            expandedUncertainty: 0.125)
        full.coverageInterval = [-0.25, 1e-300]
        full.standardUncertaintyWithoutDarkUncertainty = 0.03
        full.expandedUncertaintyWithoutDarkUncertainty = 0.06
        let sparse = PairwiseDegreeOfEquivalence(
            laboratories: ["A", "B"], difference: 0, standardUncertainty: nil, expandedUncertainty: 0)
        for pair in [full, sparse] {
            #expect(try JSONOutput.string([pair]) == JSONOutput.string([ThroughEncoder(pair: pair)]))
            #expect(try JSONOutput.compactString(pair) == JSONOutput.compactString(ThroughEncoder(pair: pair)))
        }
        var broken = full
        broken.expandedUncertaintyWithoutDarkUncertainty = .nan
        #expect(throws: EncodingError.self) { try JSONOutput.string([broken]) }
    }
}
