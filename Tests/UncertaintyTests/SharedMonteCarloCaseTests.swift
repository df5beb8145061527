import Foundation
import Numerics
import Testing

/// The figures in `MonteCarloCases` are copies of ../shared/validation/uncertainty; when
/// ../shared is present, check that they have not drifted from the originals. Foundation's JSON
/// reader may round a double in its last place, so numbers are compared to 1e-15 relative.
@Suite("Shared JCGM 101 validation files", .enabled(if: MonteCarloCases.sharedDirectory != nil))
struct SharedMonteCarloCaseTests {
    static func document(_ file: String) throws -> [String: Any] {
        let url = try #require(MonteCarloCases.sharedDirectory).appendingPathComponent(file)
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func same(_ value: Any?, _ expected: Double) -> Bool {
        (value as? Double)?.isApproximatelyEqual(to: expected, relativeTolerance: 1e-15) ?? false
    }

    static func same(_ value: Any?, _ expected: (Double, Double)) -> Bool {
        guard let pair = value as? [Double], pair.count == 2 else { return false }
        return same(pair[0], expected.0) && same(pair[1], expected.1)
    }

    static func computed(_ document: [String: Any]) -> [[String: Any]] {
        ((document["expected"] as? [String: Any])?["computedHere"] as? [[String: Any]]) ?? []
    }

    @Test func additiveExactHalfWidths() throws {
        let entries = Self.computed(try Self.document("jcgm101-9.2.uncertainty.json"))
        for (variant, halfWidth) in MonteCarloCases.additiveExactHalfWidth {
            let entry = try #require(
                entries.first {
                    ($0["quantity"] as? String) == "Y (\(variant))"
                        && (($0["method"] as? String) ?? "").hasPrefix("exact")
                })
            let interval = try #require(entry["coverageInterval"] as? [String: Any])
            #expect(Self.same(interval["upper"], halfWidth))
        }
    }

    @Test func massCalibrationFigures() throws {
        let document = try Self.document("jcgm101-9.3.uncertainty.json")
        let published = try #require((document["expected"] as? [String: Any])?["published"] as? [[String: Any]])
        let mcm = try #require(published.first { ($0["method"] as? String) == "MCM, M = 1e6" })
        let interval = try #require(mcm["coverageInterval"] as? [String: Any])
        #expect(mcm["standardUncertainty"] as? String == "0.0754")
        #expect(mcm["value"] as? String == "1.2341")
        #expect(interval["lower"] as? String == "1.0834")
        #expect(interval["upper"] as? String == "1.3825")
        let guf = try #require(Self.computed(document).first { ($0["method"] as? String) == "GUF" })
        #expect(Self.same(guf["standardUncertainty"], MonteCarloCases.massFirstOrderStandardUncertainty))
    }

    @Test func comparisonLossFigures() throws {
        let entries = Self.computed(try Self.document("jcgm101-9.4.uncertainty.json"))
        let exact = entries.filter { ($0["method"] as? String) == "exact moments" }
        let runs = entries.filter { ($0["method"] as? String) == "MCM (reference run)" }
        #expect(exact.count == MonteCarloCases.lossVariants.count)
        for (i, variant) in MonteCarloCases.lossVariants.enumerated() {
            #expect(Self.same(exact[i]["mean"], variant.exactMean))
            #expect(Self.same(exact[i]["standardDeviation"], variant.exactStandardDeviation))
            #expect(Self.same(runs[i]["shortest95"], variant.shortest))
            #expect(Self.same(runs[i]["symmetric95"], variant.symmetric))
        }
        let chi = try #require(entries.first { ($0["method"] as? String) == "exact" })
        #expect(
            Self.same((chi["coverageInterval"] as? [String: Any])?["upper"], MonteCarloCases.lossExactShortestUpper))
    }

    @Test func gaugeBlockFigures() throws {
        let entries = Self.computed(try Self.document("jcgm101-9.5.uncertainty.json"))
        let run = try #require(entries.first { (($0["method"] as? String) ?? "").hasPrefix("MCM (reference run") })
        let reference = MonteCarloCases.gaugeBlockReference
        #expect(Self.same(run["mean"], reference.value))
        #expect(Self.same(run["u"], reference.standardUncertainty))
        #expect(Self.same(run["shortest99"], reference.shortest))
        #expect(Self.same(run["symmetric99"], reference.symmetric))
    }
}
