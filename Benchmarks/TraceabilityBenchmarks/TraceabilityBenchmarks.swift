import Benchmark
import Equivalence
import Foundation

/// Issue 5: a generated graph of 10⁶ calibrations (depth 8, two references per calibration)
/// checked end to end — indexing (ids → dense indices, adjacency arrays, one unit parse per
/// spelling) and every rule (T01–T10, Tarjan twice). `read JSON + check` adds decoding the graph
/// file from memory. The same graph and the same checks written with networkx are timed by
/// `peers/traceability_networkx.py`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 5)

    for size in [10_000, 100_000, 1_000_000] {
        let label = size == 1_000_000 ? "10^6" : size == 100_000 ? "10^5" : "10^4"
        Benchmark("check \(label) calibrations") { benchmark in
            let document = Workload.document(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let graph = try TraceabilityGraph(document)
                let assessment = TraceabilityChecker().check(graph)
                guard assessment.findings.isEmpty else {
                    preconditionFailure("the synthetic graph must be valid: \(assessment.findings.count) findings")
                }
                blackHole(assessment)
            }
        }
        Benchmark("read JSON + check \(label) calibrations") { benchmark in
            let data = try Workload.json(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let graph = try TraceabilityGraph(TraceabilityDocument(jsonData: data))
                blackHole(TraceabilityChecker().check(graph))
            }
        }
    }
}

/// The generated graphs, built once per size and kept for the iterations (outside the measurement).
enum Workload {
    private static let cache = Cache()

    static func document(_ size: Int) -> TraceabilityDocument { cache.document(size) }

    static func json(_ size: Int) throws -> Data { try cache.json(size) }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var documents: [Int: TraceabilityDocument] = [:]
        private var encoded: [Int: Data] = [:]

        func json(_ size: Int) throws -> Data {
            let document = document(size)
            lock.lock()
            defer { lock.unlock() }
            if let data = encoded[size] { return data }
            encoded.removeAll()
            let data = try document.jsonData()
            encoded[size] = data
            return data
        }

        func document(_ size: Int) -> TraceabilityDocument {
            lock.lock()
            defer { lock.unlock() }
            if let document = documents[size] { return document }
            // Only one size at a time: the 10⁶ graph alone is several hundred MB.
            documents.removeAll()
            let document = SyntheticGraph.document(calibrations: size)
            documents[size] = document
            return document
        }
    }
}
