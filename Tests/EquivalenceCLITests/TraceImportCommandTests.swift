import Foundation
import Testing

/// `equivalence trace import` through the built binary, on the sample files bundled with the
/// Traceability tests.
@Suite("trace import")
struct TraceImportCommandTests {
    static let samples = CLI.packageRoot.appendingPathComponent("Tests/TraceabilityTests/Fixtures/samples")

    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

    @Test("DCCs and KCDB JSON become one graph JSON")
    func json() throws {
        let output = try CLI.run([
            "trace", "import", Self.sample("dcc_ptb_gp_temperature_typical_v3.1.1.xml"),
            Self.sample("dcc_ptb_gp_humidity_v3.1.2.xml"), Self.sample("kcdb_cmc_search_results_RECONSTRUCTED.json"),
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let calibrations = try #require(object["calibrations"] as? [[String: Any]])
        #expect(
            calibrations.compactMap { $0["id"] as? String } == ["GP_DCC_temperature_typical_1.2", "Id 123456789 HtW"])
        #expect(calibrations.first?["validUntil"] as? String == "1959-10-22")
        #expect((object["cmcs"] as? [Any])?.count == 2)
        #expect(output.standardError.contains("equivalence: note: APMP-PR-NZ-00000624-1: the range has no limits"))
    }

    @Test("Text summary of the Ra-223 comparison")
    func text() throws {
        let output = try CLI.run(["trace", "import", Self.sample("kc_bipm_RI-II-K1_Ra-223.xml"), "--format", "text"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("comparison BIPM.RI(II)-K1.Ra-223: LNE-LNHB, NPL, POLATOM, PTB"))
    }

    @Test("A file of another kind fails with its name and the reason")
    func failure() throws {
        let output = try CLI.run(["trace", "import", Self.sample("msl_equipment_register_mass.xml")])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("equivalence: \(Self.sample("msl_equipment_register_mass.xml")): "))
        #expect(output.standardError.contains("not a DCC"))
        #expect(output.standardOutput.isEmpty)
    }
}
