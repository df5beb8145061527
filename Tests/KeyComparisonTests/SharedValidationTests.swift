import Foundation
import Testing

/// The fixtures are copies of ../shared/validation/key-comparisons; when ../shared is present,
/// check that the copies have not drifted from the originals.
@Suite("Shared validation set", .enabled(if: Fixtures.sharedValidation != nil))
struct SharedValidationTests {
    @Test func fixtureCopiesEqualTheSharedOriginals() throws {
        let shared = try #require(Fixtures.sharedValidation).appendingPathComponent("key-comparisons")
        let files = try FileManager.default.contentsOfDirectory(atPath: shared.path).filter { $0.hasSuffix(".json") }
        #expect(!files.isEmpty)
        for file in files {
            let original = try Data(contentsOf: shared.appendingPathComponent(file))
            let copy = try Data(contentsOf: Fixtures.publishedDirectory.appendingPathComponent(file))
            #expect(original == copy, "\(file) differs from ../shared")
        }
    }
}
