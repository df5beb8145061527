import Foundation
import KeyComparison
import Numerics
import Testing

/// The published NICOB/NDT figures of expected.json → published that the DerSimonian–Laird
/// evaluation reproduces: rounded deterministic figures to half a unit of the last printed digit,
/// and the parametric-bootstrap figures to ±3 % (README "Tolerances"; a seeded implementation does
/// not reproduce NICOB's random stream, so only Monte Carlo agreement is possible).
@Suite("DerSimonian–Laird: published NICOB figures")
struct DerSimonianLairdPublishedTests {
    /// Half a unit of the last printed digit of a figure printed as `text`.
    static func halfUnit(_ text: String) -> Double {
        let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" })
        let exponent = mantissa.count > 1 ? Double(mantissa[1]) ?? 0 : 0
        let decimals = mantissa[0].split(separator: ".").dropFirst().first?.count ?? 0
        return 0.5 * pow(10, -Double(decimals) + exponent)
    }

    static func value(_ text: Any?) throws -> Double {
        let string = try #require(text as? String)
        return try #require(Double(string))
    }

    /// The published entries of a file whose method starts with `prefix`.
    static func published(_ file: String, method prefix: String) -> [[String: Any]] {
        (Fixtures.expected(file)["published"] as? [[String: Any]] ?? []).filter {
            ($0["method"] as? String)?.hasPrefix(prefix) == true
        }
    }

    /// NICOB evaluated CCEM.RF-K25.W with all 8 results (README): the comparison with NRC included.
    static func comparison(_ file: String, entry: [String: Any]) throws -> Comparison {
        let comparison = try Fixtures.comparison(file)
        let used = entry["laboratoriesUsed"] as? String ?? ""
        return used.hasPrefix("all") ? try comparison.including(only: Set(comparison.laboratories)) : comparison
    }

    @Test(arguments: [
        "CCQM-K88.comparison.json", "CCEM.RF-K25.W.comparison.json", "CCQM-K25-PCB28.comparison.json",
        "CCL-K1.comparison.json", "CCT-K7.comparison.json",
    ])
    func roundedFiguresAgreeToHalfAUnit(file: String) throws {
        let entries = Self.published(file, method: "dersimonian-laird").filter {
            ($0["tolerance"] as? String) == "rounded"
        }
        #expect(entries.count == 1)
        for entry in entries {
            let evaluation = try RandomEffects(DerSimonianLaird()).evaluate(try Self.comparison(file, entry: entry))
            let kcrv = try #require((entry["referenceValue"] as? [String: Any])?["value"] as? String)
            #expect(
                abs(evaluation.referenceValue.value - (try Self.value(kcrv))) <= Self.halfUnit(kcrv), "\(file) KCRV")
            if let tau = entry["tau"] as? String {
                let got = try #require(evaluation.heterogeneity).tau
                #expect(abs(got - (try Self.value(tau))) <= Self.halfUnit(tau), "\(file) τ")
            }
            if let p = entry["cochranPValue"] as? String {
                let got = try #require(evaluation.heterogeneity?.pValue)
                #expect(abs(got - (try Self.value(p))) <= Self.halfUnit(p), "\(file) p")
            }
            for row in entry["degreesOfEquivalence"] as? [[String: Any]] ?? [] {
                let lab = LaboratoryID(try #require(row["laboratory"] as? String))
                let text = try #require(row["difference"] as? String)
                // README known defect: INMETRO's printed −18.50 is 0.0051 from x − μ̂_DL; allow 0.01.
                let tolerance = lab == "INMETRO" ? 0.01 : Self.halfUnit(text)
                let got = try #require(evaluation.degreeOfEquivalence(of: lab)).difference
                #expect(abs(got - (try Self.value(text))) <= tolerance, "\(file) D[\(lab)]")
            }
        }
    }

    @Test(arguments: ["CCEM.RF-K25.W.comparison.json", "Kudzu-As.comparison.json"])
    func cochranQAgreesToHalfAUnit(file: String) throws {
        for entry in Self.published(file, method: "cochran-q") {
            let h = try #require(
                try RandomEffects(DerSimonianLaird()).evaluate(try Self.comparison(file, entry: entry)).heterogeneity)
            if let q = entry["cochranQ"] as? String {
                #expect(abs(h.cochranQ - (try Self.value(q))) <= Self.halfUnit(q))
            }
            let p = try #require(entry["cochranPValue"] as? String)
            #expect(abs(try #require(h.pValue) - (try Self.value(p))) <= Self.halfUnit(p))
        }
    }

    /// 10⁵ replicates (NICOB used 10⁴): the Monte Carlo error of u and of the interval ends is then
    /// well below 1 %, so the ±3 % tolerance is spent on the difference between random streams.
    static func bootstrapOptions() throws -> EvaluationOptions {
        try EvaluationOptions(includesPairwise: false, trials: 100_000)
    }

    @Test(arguments: [
        "CCEM.RF-K25.W.comparison.json", "CCQM-K25-PCB28.comparison.json", "CCL-K1.comparison.json",
        "CCT-K7.comparison.json",
    ])
    func bootstrapUncertaintyAndIntervalAgreeToThreePercent(file: String) throws {
        let entries = Self.published(file, method: "dersimonian-laird (NICOB parametric bootstrap")
        #expect(entries.count == 1)
        for entry in entries {
            let estimator = RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap)
            let evaluation = try estimator.evaluate(
                try Self.comparison(file, entry: entry), options: Self.bootstrapOptions())
            let published = try #require(entry["referenceValue"] as? [String: Any])
            let rv = evaluation.referenceValue
            let u = try Self.value(published["standardUncertainty"])
            #expect(abs(rv.standardUncertainty - u) <= 0.03 * u, "\(file) u: \(rv.standardUncertainty) vs \(u)")
            // Interval ends are Monte Carlo locations: 3 % of u or one unit of the last digit (README),
            // plus the half unit by which the printed end itself is rounded. Without that half unit
            // CCEM.RF-K25.W's lower end fails: NICOB prints 0.8147, while this bootstrap and the numpy
            // peer (10⁶ replicates, two seeds) both give 0.81483; NICOB's own run of 10⁴ replicates
            // has a Monte Carlo sd of about 6e-5 at that percentile.
            let interval = try #require(published["coverageInterval95"] as? [String])
            let got = try #require(rv.coverageInterval)
            for (end, text) in zip(got, interval) {
                let tolerance = Swift.max(0.03 * u, 2 * Self.halfUnit(text)) + Self.halfUnit(text)
                #expect(abs(end - (try Self.value(text))) <= tolerance, "\(file) interval end \(end) vs \(text)")
            }
            #expect(evaluation.details?.trials == 100_000)
        }
    }

    @Test func mraDegreesOfEquivalenceOfCCQMK88AgreeToThreePercent() throws {
        // NICOB manual Exhibit 26: bootstrap U for the five included labs, and U =
        // 1.96·√(u_j² + var(μ_k) + τ̂²) for the five excluded ones.
        let file = "CCQM-K88.comparison.json"
        let entry = try #require(
            Self.published(file, method: "dersimonian-laird (NICOB parametric bootstrap DoE").first)
        let estimator = RandomEffects(DerSimonianLaird(), degreesOfEquivalence: .mraBootstrap)
        let evaluation = try estimator.evaluate(try Fixtures.comparison(file), options: Self.bootstrapOptions())
        let rows = try #require(entry["degreesOfEquivalence"] as? [[String: Any]])
        #expect(rows.count == 10)
        for row in rows {
            let lab = LaboratoryID(try #require(row["laboratory"] as? String))
            let want = try Self.value(row["expandedUncertainty"])
            let doe = try #require(evaluation.degreeOfEquivalence(of: lab))
            #expect(
                abs(doe.expandedUncertainty - want) <= 0.03 * want,
                "U(D) of \(lab): \(doe.expandedUncertainty) vs \(want)")
            // The closed-form variant without dark uncertainty is always attached.
            #expect(doe.expandedUncertaintyWithoutDarkUncertainty != nil)
        }
    }
}
