// swift-tools-version: 6.1
//
// Benchmarks for Equivalence (ordo-one/benchmark). A nested package so that the root build
// stays lean: `make bench` from the root, or `swift package benchmark` here.
// One executable target per area; peer tools (numpy, metafor, networkx, …) are timed on the
// same workloads by the scripts in peers/.
import Foundation
import PackageDescription

/// One executable target per benchmark suite, each in the folder of the same name.
let suites = [
    "LinearAlgebraBenchmarks",
    "ComparisonModelBenchmarks",
    "KeyComparisonRandomEffectsBenchmarks",
    "KeyComparisonRobustnessBenchmarks",
    "KeyComparisonMonteCarloBenchmarks",
    "KeyComparisonBayesBenchmarks",
    "UncertaintyFirstOrderBenchmarks",
    "UncertaintyMonteCarloBenchmarks",
    "TraceabilityBenchmarks",
].filter { FileManager.default.fileExists(atPath: Context.packageDirectory + "/" + $0) }

let package = Package(
    name: "EquivalenceBenchmarks",
    dependencies: [
        .package(name: "Equivalence", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: suites.map { suite in
        .executableTarget(
            name: suite,
            dependencies: [
                .product(name: "Equivalence", package: "Equivalence"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: suite,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
)
