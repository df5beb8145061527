import Benchmark
import Equivalence
import Foundation

/// Issue 3's Monte Carlo and subset workloads (files in Workloads/, shared with the numpy peers
/// in peers/):
/// - Cox 2002 Procedure B, 20 laboratories (2 excluded), 10⁶ trials: the whole evaluation
///   (simulation, the KCRV and 20 DoE summaries with both 95 % intervals), on all cores and on one;
/// - the exact largest consistent subset at 25 and 40 laboratories (sweep plus the branch-and-bound
///   count of tied subsets);
/// - the linear pool of CCT-K7 (21 laboratories, 10⁵ draws).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 20)

    let procedureB = Workloads.comparison("procedure-b-20")
    let options = try EvaluationOptions(includesPairwise: false, trials: 1_000_000)
    Benchmark("Procedure B n=20 M=1e6") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Median().evaluate(procedureB, options: options)) }
    }
    Benchmark("Procedure B n=20 M=1e6 one thread") { benchmark in
        var median = Median()
        median.runsInParallel = false
        for _ in benchmark.scaledIterations { blackHole(try median.evaluate(procedureB, options: options)) }
    }
    for n in [25, 40] {
        let comparison = Workloads.comparison("lcs-\(n)")
        Benchmark("LCS exact n=\(n)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try LargestConsistentSubset().estimate(comparison)) }
        }
    }
    let cctK7 = Workloads.comparison("cct-k7")
    Benchmark("linear pool CCT-K7 K=1e5") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LinearPool().evaluate(cctK7, options: EvaluationOptions(includesPairwise: false)))
        }
    }
}

/// The comparison files in Benchmarks/Workloads.
enum Workloads {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Workloads")

    static func comparison(_ name: String) -> Comparison {
        // The workloads are files of this package; an unreadable one is a defect of the checkout.
        guard let comparison = try? Comparison(contentsOf: directory.appendingPathComponent("\(name).comparison.json"))
        else { preconditionFailure("benchmark workload \(name) is missing or invalid") }
        return comparison
    }
}
