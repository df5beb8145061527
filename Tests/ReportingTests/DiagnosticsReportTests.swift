import Foundation
import KeyComparison
import Reporting
import Testing

@Suite("Diagnostics reports")
struct DiagnosticsReportTests {
    let diagnostics: ComparisonDiagnostics

    init() throws {
        let comparison = try Comparison(
            identifier: "CCQM-K25 PCB 28", unit: "ng/g",
            results: [
                LaboratoryResult(laboratory: "IRMM", value: 34.30, standardUncertainty: 1.03),
                LaboratoryResult(laboratory: "KRISS", value: 32.90, standardUncertainty: 0.69),
                LaboratoryResult(laboratory: "NARL", value: 34.53, standardUncertainty: 0.83),
                LaboratoryResult(laboratory: "NIST", value: 32.42, standardUncertainty: 0.29),
                LaboratoryResult(laboratory: "NMIJ", value: 31.90, standardUncertainty: 0.40),
                LaboratoryResult(laboratory: "NRC", value: 35.80, standardUncertainty: 0.38),
            ])
        diagnostics = try ComparisonDiagnostics.diagnose(comparison, options: DiagnosticOptions(trials: 500, seed: 3))
    }

    @Test func textReportHasAlignedTablesAndTheTests() throws {
        let text = DiagnosticsReport(diagnostics).text()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "CCQM-K25 PCB 28 — diagnostics against weighted-mean")
        #expect(text.contains("Birge ratio 3.69: fails at 5 %"))
        // The heading is followed by a rule whose dash groups start where the headings start.
        let headerIndex = try #require(lines.firstIndex { $0.hasPrefix("Laboratory  Mandel h") })
        let header = Array(lines[headerIndex])
        let rule = Array(lines[headerIndex + 1])
        #expect(rule.allSatisfy { $0 == "-" || $0 == " " })
        for (i, c) in header.enumerated() where i > 0 && c != " " && header[i - 1] == " " && i < rule.count {
            #expect(rule[i] == "-" || rule[i - 1] == "-", "column boundary at \(i)")
        }
        #expect(!text.contains("Mandel k"), "no spreads, no k column")
        #expect(lines.contains { $0.hasPrefix("NRC") && $0.contains("MSD outlier") })
        #expect(text.contains("Grubbs single, largest: NRC"))
        #expect(text.contains("Algorithm A   x* = "))
        #expect(!text.contains("NaN") && !text.contains("inf"))
    }

    @Test func jsonRoundTripsTheDiagnostics() throws {
        let json = try DiagnosticsReport(diagnostics).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in [
            "scores", "consistency", "mandelH", "grubbs", "cochran", "medianScaledDifference",
            "pairDifferenceChiSquared",
            "algorithmA", "huber", "trials", "seed",
        ] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["mandelK"] == nil, "fields a diagnosis does not produce are omitted")
        let decoded = try JSONDecoder().decode(ComparisonDiagnostics.self, from: Data(json.utf8))
        #expect(decoded == diagnostics)
    }
}
