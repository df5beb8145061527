// swift-tools-version: 6.1
//
// Benchmarks for Equivalence (ordo-one/benchmark). A nested package so that the root build
// stays lean: `make bench` from the root, or `swift package benchmark` here.
// One executable target per area; peer tools (numpy, metafor, networkx, …) are timed on the
// same workloads by the scripts in peers/.
import PackageDescription

let package = Package(
    name: "EquivalenceBenchmarks",
    dependencies: [
        .package(name: "Equivalence", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LinearAlgebraBenchmarks",
            dependencies: [
                .product(name: "Equivalence", package: "Equivalence"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "LinearAlgebraBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TraceabilityBenchmarks",
            dependencies: [
                .product(name: "Equivalence", package: "Equivalence"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "TraceabilityBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
