// swift-tools-version: 6.1
//
// Equivalence: key comparisons, uncertainty propagation and metrological traceability.
// Dependencies flow downward only (DESIGN.md):
//   EquivalenceCLI → Reporting → {KeyComparison, Traceability} → Uncertainty → LinearAlgebra → CLAPACKE
import PackageDescription

let package = Package(
    name: "Equivalence",
    products: [
        .library(name: "Equivalence", targets: ["Equivalence"]),
        .executable(name: "equivalence", targets: ["EquivalenceCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACKE"]),
        .target(name: "Uncertainty", dependencies: ["LinearAlgebra"]),
        .target(name: "KeyComparison", dependencies: ["Uncertainty", "LinearAlgebra"]),
        .target(name: "Traceability", dependencies: ["KeyComparison", "Uncertainty", "LinearAlgebra"]),
        .target(name: "Reporting", dependencies: ["KeyComparison", "Traceability", "Uncertainty"]),
        .target(
            name: "Equivalence",
            dependencies: ["LinearAlgebra", "Uncertainty", "KeyComparison", "Traceability", "Reporting"]
        ),
        .executableTarget(
            name: "EquivalenceCLI",
            dependencies: [
                "Reporting", "KeyComparison", "Uncertainty", "Traceability",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", .numerics]),
        .testTarget(name: "UncertaintyTests", dependencies: ["Uncertainty", .numerics, .propertyBased]),
        .testTarget(
            name: "KeyComparisonTests",
            dependencies: ["KeyComparison", .numerics, .propertyBased],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TraceabilityTests", dependencies: ["Traceability", .numerics], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", .numerics]),
        .testTarget(name: "EquivalenceCLITests", dependencies: ["EquivalenceCLI", .numerics]),
    ]
)

extension Target.Dependency {
    static let numerics = Target.Dependency.product(name: "Numerics", package: "swift-numerics")
    static let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")
}
