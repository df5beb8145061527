import Foundation
import Testing

/// The validation cases and model files of the test bundle (Fixtures/, provenance in its
/// README): published figures as printed strings, computed figures as numbers.
enum ValidationCases {
    static let directory: URL = {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures")
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }()

    static func model(_ name: String) -> URL {
        directory.appendingPathComponent("models/\(name).model.json")
    }

    /// The case file `validation/<name>.uncertainty.json` as nested dictionaries.
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("validation/\(name).uncertainty.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The first `expected.computedHere` entry whose method starts with `method` (and whose
    /// quantity is `quantity`, when given).
    static func computed(_ name: String, method: String, quantity: String? = nil) throws -> [String: Any] {
        let expected = try #require(try load(name)["expected"] as? [String: Any])
        let entries = try #require(expected["computedHere"] as? [[String: Any]])
        return try #require(
            entries.first {
                ($0["method"] as? String)?.hasPrefix(method) == true
                    && (quantity == nil || $0["quantity"] as? String == quantity)
            })
    }

    /// The `expected.published` entries.
    static func published(_ name: String) throws -> [[String: Any]] {
        let expected = try #require(try load(name)["expected"] as? [String: Any])
        return try #require(expected["published"] as? [[String: Any]])
    }
}

/// A published figure: the printed string, its value and half a unit of its last digit (the
/// tolerance for figures reproduced "to the published digits").
struct PublishedFigure {
    let text: String
    let value: Double
    let halfUnit: Double

    init(_ text: String) throws {
        self.text = text
        self.value = try #require(Double(text))
        let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
        self.halfUnit = 0.5 * pow(10, -Double(decimals))
    }

    /// True when `x` printed to the same digits gives the published figure.
    func matches(_ x: Double) -> Bool { abs(x - value) <= halfUnit * (1 + 1e-12) }
}

extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) throws -> Double { try #require(self[key] as? Double, "missing \(key)") }
    func string(_ key: String) throws -> String { try #require(self[key] as? String, "missing \(key)") }
    func dictionary(_ key: String) throws -> [String: Any] {
        try #require(self[key] as? [String: Any], "missing \(key)")
    }
    func doubles(_ key: String) throws -> [Double] { try #require(self[key] as? [Double], "missing \(key)") }
}
