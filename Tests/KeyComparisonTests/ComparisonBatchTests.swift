import Foundation
import KeyComparison
import Testing

@Suite("Batch evaluation")
struct ComparisonBatchTests {
    /// A directory of the published comparisons plus a bad file and a CSV file in a subfolder.
    static func batchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)")
        let sub = directory.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for file in Fixtures.comparisonFiles {
            try FileManager.default.copyItem(
                at: Fixtures.publishedDirectory.appendingPathComponent(file), to: directory.appendingPathComponent(file)
            )
        }
        try Data(
            #"{"identifier": "bad", "results": [{"laboratory": "A", "value": 1, "standardUncertainty": -1}]}"#.utf8
        )
        .write(to: sub.appendingPathComponent("bad.comparison.json"))
        try Data("laboratory,value,standardUncertainty\nA,1.0,0.1\nB,1.2,0.1\nC,0.9,0.2\n".utf8)
            .write(to: sub.appendingPathComponent("three.csv"))
        try Data("not a comparison".utf8).write(to: sub.appendingPathComponent("notes.txt"))
        return directory
    }

    @Test func eachOutcomeIsTheEvaluationOfTheFileAloneWhateverTheThreads() throws {
        let directory = try Self.batchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A seeded Monte Carlo method: the strictest case for "independent of the thread count".
        var configuration = EvaluationConfiguration(method: .median)
        configuration.trials = 2000
        configuration.seed = 11
        let batch = try ComparisonBatch(locations: [directory], configuration: configuration)
        // The published files, then sub/ (bad, three.csv); notes.txt is not a comparison file.
        #expect(batch.files.count == Fixtures.comparisonFiles.count + 2)
        #expect(batch.files.map(\.lastPathComponent).suffix(2) == ["bad.comparison.json", "three.csv"])
        let serial = try batch.evaluate(threads: 1)
        let parallel = try batch.evaluate(threads: 4)
        #expect(serial.map(\.file) == parallel.map(\.file))
        for (one, other) in zip(serial, parallel) {
            #expect(one.result == other.result)
        }
        for (file, outcome) in zip(batch.files, serial) where file.pathExtension == "json" {
            guard file.lastPathComponent != "bad.comparison.json" else { continue }
            let alone = try configuration.evaluate(Comparison(contentsOf: file))
            #expect(try outcome.result.get() == alone, "\(file.lastPathComponent)")
        }
    }

    @Test func aFailedFileIsAnOutcomeAndTheBatchGoesOn() throws {
        let directory = try Self.batchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcomes = try ComparisonBatch(locations: [directory], configuration: .init(method: .weightedMean))
            .evaluate()
        let failed = outcomes.filter { if case .failure = $0.result { true } else { false } }
        #expect(failed.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["bad.comparison.json"])
        guard case .failure(let error) = failed.first?.result else { return }
        #expect("\(error)".contains("A"))
        // The CSV comparison: weighted mean of 1.0, 1.2 (u 0.1) and 0.9 (u 0.2):
        // y = (100 + 120 + 22.5)/225 = 1.0777…, u = 1/√225 = 0.0667.
        let three = try #require(outcomes.last).result.get()
        #expect(abs(three.referenceValue.value - 242.5 / 225) < 1e-14)
        #expect(abs(three.referenceValue.standardUncertainty - 1 / 15) < 1e-15)
    }

    @Test func locationsThatAreNotThereAreTypedErrors() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/batch")
        #expect(
            throws: KeyComparisonError.unreadableFile(path: missing.relativePath, reason: "no such file or directory")
        ) {
            try ComparisonBatch(locations: [missing], configuration: .init(method: .weightedMean))
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: KeyComparisonError.self) {
            try ComparisonBatch(locations: [empty], configuration: .init(method: .weightedMean))
        }
    }

    @Test func anInvalidConfigurationStopsTheBatchBeforeAnyFile() throws {
        var configuration = EvaluationConfiguration(method: .weightedMean)
        configuration.randomEffectsUncertainty = .knappHartung
        let batch = ComparisonBatch(
            files: [URL(fileURLWithPath: "/nonexistent.comparison.json")], configuration: configuration)
        #expect(throws: KeyComparisonError.self) { try batch.evaluate() }
    }
}
