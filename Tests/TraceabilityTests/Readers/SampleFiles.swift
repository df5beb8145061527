import Foundation

/// The sample and synthetic files of the reader tests, from the test bundle's own copies
/// (Fixtures/samples: validation/traceability with its README and licences; Fixtures/synthetic:
/// written for these tests), so that the tests run without ../shared.
enum SampleFiles {
    static let fixtures: URL = {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures")
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }()

    static func sample(_ name: String) -> URL { fixtures.appendingPathComponent("samples/\(name)") }
    static func synthetic(_ name: String) -> URL { fixtures.appendingPathComponent("synthetic/\(name)") }

    static let temperatureDCC = sample("dcc_ptb_gp_temperature_typical_v3.1.1.xml")
    static let humidityDCC = sample("dcc_ptb_gp_humidity_v3.1.2.xml")
    static let radium223 = sample("kc_bipm_RI-II-K1_Ra-223.xml")
    static let kcdb = sample("kcdb_cmc_search_results_RECONSTRUCTED.json")
    static let massDCC2 = synthetic("dcc_synthetic_mass_v2.4.0.xml")

    /// The shared validation folder beside the package (../shared/validation/traceability), if present.
    static let sharedTraceability: URL? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = package.deletingLastPathComponent().appendingPathComponent("shared/validation/traceability")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}
