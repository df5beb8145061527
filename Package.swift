// swift-tools-version: 6.1
//
// Equivalence: key comparisons, uncertainty propagation and metrological traceability.
// Dependencies flow downward only (ARCHITECTURE.md):
//   EquivalenceCLI → Reporting → Traceability → KeyComparison → Uncertainty → LinearAlgebra → CLAPACKE
// (Traceability uses KeyComparison's data model to hand a covariance to an evaluation; KeyComparison
// never imports Traceability.) EquivalenceSupport, below them all, holds what several modules share
// with `package` access only: reading files, describing decoding errors, the JSON writer.
import PackageDescription

let package = Package(
    name: "Equivalence",
    products: [
        .library(name: "Equivalence", targets: ["Equivalence"]),
        .executable(name: "equivalence", targets: ["EquivalenceCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "EquivalenceSupport"),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACKE"]),
        .target(name: "Uncertainty", dependencies: ["LinearAlgebra", "EquivalenceSupport"]),
        .target(
            name: "KeyComparison",
            dependencies: [
                "Uncertainty", "LinearAlgebra", "EquivalenceSupport", .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "Traceability",
            dependencies: [
                "KeyComparison", "LinearAlgebra", "EquivalenceSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Reporting",
            dependencies: ["KeyComparison", "Traceability", "Uncertainty", "LinearAlgebra", "EquivalenceSupport"]),
        .target(
            name: "Equivalence",
            dependencies: ["LinearAlgebra", "Uncertainty", "KeyComparison", "Traceability", "Reporting"]
        ),
        .executableTarget(
            name: "EquivalenceCLI",
            dependencies: [
                "Reporting", "KeyComparison", "Uncertainty", "Traceability", "EquivalenceSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", .numerics]),
        .testTarget(
            name: "UncertaintyTests", dependencies: ["Uncertainty", "LinearAlgebra", .numerics, .propertyBased],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KeyComparisonTests",
            dependencies: ["KeyComparison", .numerics, .propertyBased],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TraceabilityTests", dependencies: ["Traceability", .numerics], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", .numerics]),
        .testTarget(name: "EquivalenceSupportTests", dependencies: ["EquivalenceSupport"]),
        .testTarget(name: "EquivalenceCLITests", dependencies: ["EquivalenceCLI", .numerics]),
    ]
)

extension Target.Dependency {
    static let numerics = Target.Dependency.product(name: "Numerics", package: "swift-numerics")
    static let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")
}
