import Foundation
import Testing

/// Runs the built `equivalence` executable as a user would.
enum CLI {
    static let executable: URL = {
        // Tests run from the build products directory, beside the executable.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("equivalence") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? packageRoot.appendingPathComponent(".build/debug/equivalence")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// False when the process was killed by a signal (a trap or a crash), whatever `status` says.
        var exitedNormally = true
    }

    /// Runs the binary; a run longer than `timeout` seconds is killed (and so reported as not
    /// having exited normally), so that a hang fails a test instead of stalling the suite.
    ///
    /// Standard output and error go to temporary files, read once the process has exited: with
    /// many processes spawned in parallel, a blocking read of a pipe can be interrupted by a
    /// signal (EINTR), on which `FileHandle.readDataToEndOfFile()` traps.
    static func run(_ arguments: [String], timeout: Double = 300) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = try temporaryFile("stdout", data: Data())
        let err = try temporaryFile("stderr", data: Data())
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        let watchdog = Watchdog(processIdentifier: process.processIdentifier, timeout: timeout)
        process.waitUntilExit()
        watchdog.cancel()
        try? outHandle.close()
        try? errHandle.close()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: err), as: UTF8.self),
            exitedNormally: process.terminationReason == .exit)
    }

    /// Kills a process that outlives its time with SIGKILL, from a thread of its own: a Dispatch
    /// timer can be starved when the test runner's threads are all busy, which let a runaway
    /// process stall the whole suite on the 2-core CI runner.
    final class Watchdog: @unchecked Sendable {
        private let condition = NSCondition()
        private var cancelled = false

        init(processIdentifier: Int32, timeout: Double) {
            let deadline = Date(timeIntervalSinceNow: timeout)
            let thread = Thread { [self] in
                condition.lock()
                while !cancelled && condition.wait(until: deadline) {}
                let expired = !cancelled
                condition.unlock()
                if expired { kill(processIdentifier, SIGKILL) }
            }
            thread.start()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.signal()
            condition.unlock()
        }
    }

    static func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        try temporaryFile(name, data: Data(contents.utf8))
    }

    static func temporaryFile(_ name: String, data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "equivalence-tests-\(UUID().uuidString)-\(name)")
        try data.write(to: url)
        return url
    }
}

@Suite("equivalence evaluate")
struct EvaluateCommandTests {
    let example = CLI.packageRoot.appendingPathComponent("Examples/CCQM-K25-PCB28.comparison.json").path

    @Test func jsonOutputReproducesProcedureA() throws {
        let output = try CLI.run(["evaluate", example, "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let rv = try #require(object["referenceValue"] as? [String: Any])
        // expected.json reference.weightedMean for this file; JSON round trip is exact.
        #expect(abs(try #require(rv["value"] as? Double) - 33.29956621330193) < 1e-12)
        #expect(abs(try #require(rv["standardUncertainty"] as? Double) - 0.18392673296058087) < 1e-14)
    }

    @Test func textOutputIsTheDefault() throws {
        let output = try CLI.run(["evaluate", example, "--coverage-factor", "2"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Reference value  y = 33.300 ng/g"))
    }

    @Test func csvInputAndOutput() throws {
        let file = try CLI.temporaryFile("k.csv", "laboratory,value,standardUncertainty\nA,1.0,0.1\nB,1.2,0.1\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLI.run(["evaluate", file.path, "--format", "csv", "--method", "arithmetic-mean"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasPrefix("laboratory,includedInReferenceValue,difference"))
        #expect(output.standardOutput.contains("\nA,true,-0.1"))
    }

    @Test func badInputExitsNonZeroNamingFileAndLaboratory() throws {
        let file = try CLI.temporaryFile(
            "bad.comparison.json",
            #"{"identifier":"X","results":[{"laboratory":"PTB","value":1,"standardUncertainty":-2}]}"#)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLI.run(["evaluate", file.path])
        #expect(output.status != 0)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains(file.path))
        #expect(output.standardError.contains("PTB: the standard uncertainty must be positive"))
    }

    @Test func unknownMethodAndMissingFileAreErrors() throws {
        let unknown = try CLI.run(["evaluate", example, "--method", "magic"])
        #expect(
            unknown.status != 0
                && unknown.standardError.contains("The value 'magic' is invalid for '--method <method>'"))
        let missing = try CLI.run(["evaluate", "/nonexistent.json"])
        #expect(missing.status != 0 && missing.standardError.contains("/nonexistent.json"))
    }
}

@Suite("equivalence diagnose")
struct DiagnoseCommandTests {
    let example = CLI.packageRoot.appendingPathComponent("Examples/CCQM-K25-PCB28.comparison.json").path

    @Test func jsonOutputHasScoresAndBootstrapPValues() throws {
        let output = try CLI.run(["diagnose", example, "--format", "json", "--trials", "500", "--seed", "9"])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["seed"] as? Int == 9 && object["trials"] as? Int == 500)
        let scores = try #require(object["scores"] as? [[String: Any]])
        // NRC's E_n of Procedure A, expected.json 3.7598007389596755 (JSON round trip is exact).
        let nrc = try #require(scores.first { $0["laboratory"] as? String == "NRC" })
        #expect(abs(try #require(nrc["normalizedError"] as? Double) - 3.7598007389596755) < 1e-9)
        let msd = try #require(object["medianScaledDifference"] as? [String: Any])
        #expect((msd["laboratories"] as? [[String: Any]])?.allSatisfy { $0["pValue"] != nil } == true)
    }

    @Test func textOutputAndTheRobustReferenceValues() throws {
        let output = try CLI.run(["diagnose", example, "--trials", "200", "--reference-value-method", "algorithm-a"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasPrefix("CCQM-K25 PCB 28 — diagnostics against algorithm-a"))
        let evaluate = try CLI.run(["evaluate", example, "--method", "huber"])
        #expect(evaluate.status == 0 && evaluate.standardOutput.contains("Reference value  y = 32.973"))
    }

    @Test func badOptionsAndFilesAreErrors() throws {
        let few = try CLI.run(["diagnose", example, "--trials", "10"])
        #expect(few.status != 0 && few.standardError.contains("trials"))
        let lonely = try CLI.run(["diagnose", example, "--assigned-value", "33"])
        #expect(lonely.status != 0)
        let missing = try CLI.run(["diagnose", example, "--within-laboratory", "/nonexistent.csv"])
        #expect(missing.status != 0 && missing.standardError.contains("/nonexistent.csv"))
        let spreads = try CLI.temporaryFile("s.csv", "laboratory,standardDeviation,replicates\nPTB,0.1,3\n")
        defer { try? FileManager.default.removeItem(at: spreads) }
        let unknown = try CLI.run(["diagnose", example, "--within-laboratory", spreads.path, "--trials", "200"])
        #expect(unknown.status != 0 && unknown.standardError.contains("PTB"))
    }
}
