import Foundation
import Synchronization

/// Many comparison files evaluated with one configuration, in parallel over the cores: what
/// `equivalence evaluate DIR | FILE…` runs.
///
/// Every file is evaluated exactly as `EvaluationConfiguration.evaluate(_:)` evaluates it alone,
/// with the same seed, so an outcome depends neither on the other files, nor on their order, nor on
/// the number of threads. A file that cannot be read or evaluated gives a failed outcome naming
/// the file; the batch goes on.
public struct ComparisonBatch: Sendable {
    /// The comparison files, in the order of the outcomes.
    public var files: [URL]
    /// The method and its settings, shared by every file.
    public var configuration: EvaluationConfiguration

    /// A batch of `files` evaluated with `configuration`.
    public init(files: [URL], configuration: EvaluationConfiguration) {
        self.files = files
        self.configuration = configuration
    }

    /// The batch of every comparison file found under `locations`: a file is taken as it is, a
    /// directory contributes its `*.comparison.json` and `*.csv` files (recursively, in path order).
    ///
    /// - Throws: ``KeyComparisonError/unreadableFile(path:reason:)`` for a location that does not
    ///   exist or a directory that cannot be listed, and for a directory without comparison files.
    public init(locations: [URL], configuration: EvaluationConfiguration) throws(KeyComparisonError) {
        var files: [URL] = []
        for location in locations {
            files += try Self.comparisonFiles(at: location)
        }
        self.init(files: files, configuration: configuration)
    }

    /// Evaluates every file; `threads` workers take the files one at a time (the default is one
    /// per core), and `progress` is called (from any thread) with the number of files done so far.
    ///
    /// - Throws: ``KeyComparisonError`` when the configuration itself is invalid (nothing is
    ///   evaluated then); a file's failure is its outcome, never thrown.
    public func evaluate(
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (_ done: Int) -> Void)? = nil
    ) throws(KeyComparisonError) -> [BatchOutcome] {
        try configuration.validate()
        let outcomes = Mutex([BatchOutcome?](repeating: nil, count: files.count))
        let next = Atomic(0)
        let done = Atomic(0)
        let workers = max(1, min(threads, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let outcome = self.outcome(of: files[index])
                outcomes.withLock { $0[index] = outcome }
                let count = done.add(1, ordering: .relaxed).newValue
                progress?(count)
            }
        }
        return outcomes.withLock { $0.compactMap(\.self) }
    }

    /// One file read and evaluated, its failure caught.
    func outcome(of file: URL) -> BatchOutcome {
        let path = file.relativePath
        do throws(KeyComparisonError) {
            guard case .comparison(let comparison) = try ComparisonDocument(contentsOf: file) else {
                throw .malformedFile(
                    file: path, location: "(document)",
                    reason: "a comparison model is evaluated on its own (equivalence evaluate MODEL), not in a batch")
            }
            return BatchOutcome(file: path, result: .success(try configuration.evaluate(comparison)))
        } catch {
            return BatchOutcome(file: path, result: .failure(error))
        }
    }

    /// The comparison files at a location: the file itself, or the comparison files of a
    /// directory tree in path order.
    static func comparisonFiles(at location: URL) throws(KeyComparisonError) -> [URL] {
        var isDirectory: ObjCBool = false
        let path = location.relativePath
        guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [location] }
        // Paths below the directory, without a stat per file: a directory named like a
        // comparison file is reported by its reader ("it is a directory"), as a file would be.
        guard let enumerator = FileManager.default.enumerator(atPath: location.path) else {
            throw .unreadableFile(path: path, reason: "the directory cannot be listed")
        }
        var files: [URL] = []
        for case let relative as String in enumerator
        where Self.isComparisonFile(relative) && !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
        {
            files.append(location.appending(path: relative))
        }
        guard !files.isEmpty else {
            throw .unreadableFile(path: path, reason: "the directory holds no *.comparison.json or *.csv file")
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    /// `*.comparison.json` or `*.csv`.
    static func isComparisonFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".comparison.json") || lowered.hasSuffix(".csv")
    }

}

/// The outcome of one file of a ``ComparisonBatch``: its evaluation, or the error that stopped it.
public struct BatchOutcome: Sendable {
    /// The file as the batch names it (the location given, plus the path below a directory).
    public var file: String
    /// The evaluation, or the typed error (unreadable or malformed file, invalid data, a method failure).
    public var result: Result<Evaluation, KeyComparisonError>

    /// An outcome.
    public init(file: String, result: Result<Evaluation, KeyComparisonError>) {
        self.file = file
        self.result = result
    }
}
