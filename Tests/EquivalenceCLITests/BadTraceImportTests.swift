import Foundation
import Testing

/// A bad file for `equivalence trace import`, made by editing a bundled sample, and what the
/// rejection must name.
struct BadImport: Sendable, CustomTestStringConvertible {
    var name: String
    var contents: String
    var naming: [String]

    var testDescription: String { name }

    static let samples = CLI.packageRoot.appendingPathComponent("Tests/TraceabilityTests/Fixtures/samples")

    static func sample(_ file: String) -> String {
        (try? String(contentsOf: samples.appendingPathComponent(file), encoding: .utf8)) ?? ""
    }

    /// The PTB temperature DCC (calibration id GP_DCC_temperature_typical_1.2).
    static let dcc = sample("dcc_ptb_gp_temperature_typical_v3.1.1.xml")
    static let keyComparison = sample("kc_bipm_RI-II-K1_Ra-223.xml")
    static let kcdb = sample("kcdb_cmc_search_results_RECONSTRUCTED.json")
    static let node = "GP_DCC_temperature_typical_1.2"

    /// The DCC with the first occurrence of `old` replaced (every occurrence with `everywhere`).
    static func dcc(
        _ name: String, replacing old: String, with new: String, everywhere: Bool = false, naming: [String]
    ) -> BadImport {
        var text = dcc
        if everywhere {
            text = text.replacingOccurrences(of: old, with: new)
        } else if let range = text.range(of: old) {
            text.replaceSubrange(range, with: new)
        }
        return BadImport(name: name + ".xml", contents: text, naming: naming)
    }

    /// The DCC with every kelvin list in another unit (the points are read from one of them).
    static func unit(_ name: String, _ unit: String, naming: [String] = ["invalid unit"]) -> BadImport {
        dcc(
            name, replacing: #"<si:unitXMLList>\kelvin</si:unitXMLList>"#,
            with: "<si:unitXMLList>\(unit)</si:unitXMLList>",
            everywhere: true, naming: naming)
    }

    static let uncertainty = "<si:uncertaintyXMLList>0.061</si:uncertaintyXMLList>"
    static let coverageFactor = "<si:coverageFactorXMLList>2</si:coverageFactorXMLList>"
    static let values = "<si:valueXMLList>306.248 373.121 448.253 523.319 593.154</si:valueXMLList>"

    static let all: [BadImport] = [
        BadImport(name: "empty.xml", contents: "", naming: ["empty.xml"]),
        BadImport(name: "text.xml", contents: "not xml at all", naming: ["not well-formed XML"]),
        BadImport(name: "truncated.xml", contents: String(dcc.prefix(3000)), naming: ["not well-formed XML"]),
        BadImport(name: "other-root.xml", contents: #"<?xml version="1.0"?><root/>"#, naming: ["not a DCC"]),
        BadImport(
            name: "deep.xml",
            contents: String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000),
            naming: ["nested deeper than"]),
        BadImport(
            name: "entity-expansion.xml",
            contents: #"""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                 <!ENTITY lol "lol">
                 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                ]>
                <lolz>&lol9;</lolz>
                """#, naming: ["entity-expansion.xml"]),
        BadImport(
            name: "external-entity.xml",
            contents:
                #"<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><root>&xxe;</root>"#,
            naming: ["external-entity.xml"]),
        dcc("nan-value", replacing: values, with: "<si:valueXMLList>NaN 1 2 3 4</si:valueXMLList>", naming: ["'NaN'"]),
        dcc(
            "infinite-value", replacing: values, with: "<si:valueXMLList>inf 1 2 3 4</si:valueXMLList>",
            naming: ["'inf'"]),
        dcc(
            "overflowing-value", replacing: values, with: "<si:valueXMLList>1e400 1 2 3 4</si:valueXMLList>",
            naming: ["'1e400'"]),
        dcc("text-value", replacing: values, with: "<si:valueXMLList>a b c d e</si:valueXMLList>", naming: ["'a'"]),
        dcc(
            "negative-uncertainty", replacing: uncertainty,
            with: "<si:uncertaintyXMLList>-0.061</si:uncertaintyXMLList>", naming: [node, "uncertainty", "-0.061"]),
        dcc(
            "zero-uncertainty", replacing: uncertainty, with: "<si:uncertaintyXMLList>0</si:uncertaintyXMLList>",
            naming: [node, "uncertainty"]),
        dcc(
            "nan-uncertainty", replacing: uncertainty, with: "<si:uncertaintyXMLList>nan</si:uncertaintyXMLList>",
            naming: ["'nan'"]),
        dcc(
            "list-length", replacing: uncertainty, with: "<si:uncertaintyXMLList>0.1 0.2</si:uncertaintyXMLList>",
            naming: ["2 entries for 5 values"]),
        dcc(
            "zero-coverage-factor", replacing: coverageFactor,
            with: "<si:coverageFactorXMLList>0</si:coverageFactorXMLList>",
            naming: ["line 435: si:coverageFactorXMLList: a coverage factor must be a finite number of at least 1"]),
        dcc(
            "nan-coverage-factor", replacing: coverageFactor,
            with: "<si:coverageFactorXMLList>nan</si:coverageFactorXMLList>", naming: ["'nan'"]),
        dcc(
            "bad-date", replacing: "<dcc:endPerformanceDate>1957-08-13", with: "<dcc:endPerformanceDate>1957-02-30",
            naming: [node, "endPerformanceDate"]),
        dcc(
            "huge-year", replacing: "<dcc:endPerformanceDate>1957-08-13",
            with: "<dcc:endPerformanceDate>99999999999999999999-01-01", naming: [node, "endPerformanceDate"]),
        dcc(
            "huge-period", replacing: "<dcc:date>1959-10-22</dcc:date>",
            with: "<dcc:period>P9223372036854775807Y</dcc:period>", naming: [node, "period"]),
        unit("unknown-unit", #"\furlong\fortnight"#, naming: ["invalid unit", #"\furlong"#]),
        unit("int-max-power", #"\metre\tothe{9223372036854775807}\metre\tothe{9223372036854775807}"#),
        unit("int-min-power", #"\metre\tothe{-9223372036854775808}"#),
        unit(
            "overflowing-sum-of-powers", #"\metre\tothe{1073741824}\metre\tothe{1073741824}"#,
            naming: ["invalid unit", "out of range"]),
        unit(
            "coprime-denominators",
            #"\metre\tothe{1/1073741789}\metre\tothe{1/1073741783}\metre\tothe{1/1073741741}"#,
            naming: ["invalid unit", "out of range"]),
        unit("huge-scale", #"\kilo\metre\tothe{200}"#, naming: ["invalid unit", "out of range"]),
        unit("huge-decimal-power", #"\metre\tothe{99999999999999999.5}"#),
        unit("zero-denominator", #"\metre\tothe{1/0}"#),
        BadImport(
            name: "kc-negative-uncertainty.xml",
            contents: keyComparison.replacingOccurrences(
                of: "<dsi:uncertainty>", with: "<dsi:uncertainty>-"),
            naming: ["uncertainty"]),
        BadImport(name: "null.json", contents: "null", naming: ["JSON"]),
        BadImport(name: "string.json", contents: #""hello""#, naming: ["JSON"]),
        BadImport(name: "object.json", contents: "{}", naming: ["no KCDB CMC record"]),
        BadImport(
            name: "deep.json",
            contents: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), naming: ["JSON"]),
        BadImport(
            name: "kcdb-reversed-range.json",
            contents: kcdb.replacingOccurrences(
                of: #""cmc": {"lowerLimit": null, "unit": "A/lx, V/lx, reading/lx", "upperLimit": null}"#,
                with: #""cmc": {"lowerLimit": 10, "unit": "K", "upperLimit": 1}"#),
            naming: ["APMP-PR-NZ-00000624-1", "lower limit"]),
        BadImport(
            name: "kcdb-zero-coverage-factor.json",
            contents: kcdb.replacingOccurrences(of: #""coverageFactor": 2.3"#, with: #""coverageFactor": 0"#),
            naming: ["APMP-PR-NZ-00000624-1", "coverageFactor"]),
        BadImport(
            name: "kcdb-overflowing-number.json",
            contents: kcdb.replacingOccurrences(of: #""coverageFactor": 2.3"#, with: #""coverageFactor": 1e400"#),
            naming: ["JSON"]),
    ]
}

@Suite("Bad files for trace import")
struct BadTraceImportTests {
    @Test func theSamplesAreThere() {
        #expect(!BadImport.dcc.isEmpty && !BadImport.keyComparison.isEmpty && !BadImport.kcdb.isEmpty)
    }

    @Test(arguments: BadImport.all)
    func importRefusesTheFileNamingWhatIsWrong(file: BadImport) throws {
        try Robustness.withFile(file.name, file.contents) { path in
            for format in ["json", "text"] {
                let output = try CLI.run(["trace", "import", path, "--format", format])
                Robustness.expectRejected(output, file: path, naming: file.naming)
            }
        }
    }

    @Test func aGoodSampleStillImports() throws {
        try Robustness.withFile("good.xml", BadImport.dcc) { path in
            let output = try CLI.run(["trace", "import", path])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(!Robustness.containsNonFiniteNumber(output.standardOutput))
        }
    }

    @Test func aDirectoryIsNotAFileToImport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "equivalence-tests-\(UUID().uuidString).xml")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try CLI.run(["trace", "import", directory.path])
        Robustness.expectRejected(output, file: directory.path, naming: ["it is a directory"])
    }

    @Test func aBadBaseGraphIsNamed() throws {
        try Robustness.withFile("base.traceability.json", #"{"anchors": [{"id": 1}]}"#) { base in
            let sample = BadImport.samples.appendingPathComponent("kc_bipm_RI-II-K1_Ra-223.xml").path
            let output = try CLI.run(["trace", "import", sample, "--graph", base])
            Robustness.expectRejected(output, file: base)
        }
    }
}
