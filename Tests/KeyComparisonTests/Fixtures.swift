import Foundation
import KeyComparison

/// The published comparisons and their expected figures, from the test bundle's own copies
/// (Fixtures/published, provenance in its README), so the tests run without ../shared.
enum Fixtures {
    static let publishedDirectory: URL = {
        let bundled = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/published")
        return bundled
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/published")
    }()

    /// The file names of the published comparisons, sorted.
    static let comparisonFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publishedDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".comparison.json") }.sorted()
    }()

    static func comparison(_ file: String) throws -> Comparison {
        try Comparison(contentsOf: publishedDirectory.appendingPathComponent(file))
    }

    /// expected.json → comparisons → file, as nested dictionaries.
    static func expected(_ file: String) -> [String: Any] {
        (expectedDocument["comparisons"] as? [String: Any])?[file] as? [String: Any] ?? [:]
    }

    nonisolated(unsafe) static let expectedDocument: [String: Any] = {
        guard let data = try? Data(contentsOf: publishedDirectory.appendingPathComponent("expected.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }()

    /// The directory of the shared validation set beside the package (../shared), if present.
    static let sharedValidation: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/validation")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}

extension Dictionary where Key == String, Value == Any {
    /// A nested value by path, e.g. `["reference", "weightedMean", "value"]`.
    subscript(path path: String...) -> Any? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }

    func double(_ path: String...) -> Double? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return (current as? NSNumber)?.doubleValue
    }
}
