import Foundation
import KeyComparison
import Reporting
import Testing

@Suite("Evaluation reports")
struct EvaluationReportTests {
    let evaluation: Evaluation

    init() throws {
        let comparison = try Comparison(
            identifier: "CCQM-K25 PCB 28", unit: "ng/g",
            results: [
                LaboratoryResult(laboratory: "IRMM", value: 34.3, standardUncertainty: 1.03),
                LaboratoryResult(
                    laboratory: "NRC", value: 35.8, standardUncertainty: 0.38, includedInReferenceValue: false),
                LaboratoryResult(laboratory: "NIST", value: 32.42, standardUncertainty: 0.29),
            ])
        evaluation = try WeightedMean().evaluate(comparison)
    }

    @Test func textReportIsAnAlignedTable() throws {
        let text = EvaluationReport(evaluation).text()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "CCQM-K25 PCB 28 — weighted-mean")
        #expect(lines[1].hasPrefix("Reference value  y = "))
        #expect(text.contains("ng/g"))
        // The table header, rule and rows all start the numeric columns at the same offsets.
        let header = try #require(lines.first(where: { $0.hasPrefix("Laboratory") }))
        let rule = lines.first { $0.hasPrefix("----------") }
        #expect(header.count == rule?.count)
        #expect(lines.contains { $0.hasPrefix("NRC") && $0.contains(" no ") })
    }

    @Test func csvHasOneRowPerLaboratory() {
        let csv = EvaluationReport(evaluation).csv()
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 4)
        #expect(
            rows[0]
                == "laboratory,includedInReferenceValue,difference,standardUncertainty,expandedUncertainty,normalizedError"
        )
        #expect(rows[2].hasPrefix("NRC,false,"))
    }

    @Test func jsonUsesTheFieldNamesOfTheDesign() throws {
        let json = try EvaluationReport(evaluation).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["comparison"] as? String == "CCQM-K25 PCB 28")
        #expect(object["method"] as? String == "weighted-mean")
        let rv = try #require(object["referenceValue"] as? [String: Any])
        for key in ["value", "standardUncertainty", "expandedUncertainty", "coverageFactor"] {
            #expect(rv[key] != nil, "\(key)")
        }
        let consistency = try #require(object["consistency"] as? [String: Any])
        for key in ["chiSquared", "degreesOfFreedom", "pValue", "birgeRatio", "consistent"] {
            #expect(consistency[key] != nil, "\(key)")
        }
        #expect(object["heterogeneity"] == nil, "a method without τ omits the block")
        let doe = try #require(object["degreesOfEquivalence"] as? [[String: Any]])
        for key in ["laboratory", "difference", "standardUncertainty", "expandedUncertainty", "normalizedError"] {
            #expect(doe[0][key] != nil, "\(key)")
        }
        let pairs = try #require(object["pairwise"] as? [[String: Any]])
        #expect(pairs.count == 3 && (pairs[0]["laboratories"] as? [String]) == ["IRMM", "NRC"])
    }

    @Test func decimalsFollowTheUncertainty() {
        #expect(NumberFormatting.decimals(forUncertainty: 0.1839) == 3)
        #expect(NumberFormatting.decimals(forUncertainty: 25) == 1)
        #expect(NumberFormatting.decimals(forUncertainty: 250) == 0)
        #expect(NumberFormatting.fixed(-0.0001, decimals: 3) == "0.000")
    }
}
