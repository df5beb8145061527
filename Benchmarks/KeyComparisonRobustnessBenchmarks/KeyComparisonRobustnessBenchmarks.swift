import Benchmark
import Equivalence

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cost of refusing NaN and infinities in results: `Evaluation.checkedFinite()` walks an
/// evaluation's Codable tree before `equivalence evaluate` prints it. Measured against the
/// evaluations it guards: the weighted mean of CCT-K7 (21 labs, 210 bilateral degrees of
/// equivalence) and REML on 1000 comparisons of 10 labs (45 pairs each). No peer: the check has
/// no counterpart in metafor or NICOB.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds, warmupIterations: 3,
        maxDuration: .seconds(5), maxIterations: 2000)

    let cctK7 = Workloads.cctK7
    let weighted = (try? WeightedMean().evaluate(cctK7))
    Benchmark("WeightedMean.evaluate CCT-K7 with 210 pairs") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try WeightedMean().evaluate(cctK7)) }
    }
    Benchmark("checkedFinite on the CCT-K7 weighted-mean evaluation") { benchmark in
        guard let weighted else { return }
        for _ in benchmark.scaledIterations { blackHole(try weighted.checkedFinite()) }
    }

    let thousand = Workloads.thousandComparisons
    let reml = RandomEffects(RestrictedMaximumLikelihood())
    let evaluations = thousand.compactMap { try? reml.evaluate($0) }
    Benchmark(
        "REML.evaluate on 1000 comparisons of 10 labs",
        configuration: .init(timeUnits: .milliseconds, maxIterations: 50)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            for comparison in thousand { blackHole(try reml.evaluate(comparison)) }
        }
    }
    Benchmark(
        "checkedFinite on 1000 REML evaluations of 10 labs",
        configuration: .init(timeUnits: .milliseconds, maxIterations: 50)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            for evaluation in evaluations { blackHole(try evaluation.checkedFinite()) }
        }
    }
}

enum Workloads {
    /// CCT-K7, water triple point, T_lab − T_BIPM in µK (Stock et al. 2006, Table 19).
    static let cctK7: Comparison = {
        let data: [(String, Double, Double)] = [
            ("BIPM", 0, 44), ("BNM", -54, 66), ("CEM", -14, 41), ("CENAM", -5, 27), ("CSIR", 105, 74),
            ("CSIRO", -29, 34), ("IMGC", -15, 27), ("IPQ", 40, 160), ("KRISS", 69, 56), ("MSL", 117, 16),
            ("NIM", 33, 61), ("NIST", -40, 33), ("NMIJ", 54, 151), ("NMi-VSL", 16, 55), ("NPL", 45, 39),
            ("NRC", 85, 23), ("PTB", -14, 56), ("SMU", 69, 53), ("SPRING", 34, 71), ("UME", -53, 91),
            ("VNIIM", 22, 46),
        ]
        return comparison(
            "CCT-K7",
            data.map { LaboratoryResult(laboratory: LaboratoryID($0.0), value: $0.1, standardUncertainty: $0.2) })
    }()

    /// The 1000 comparisons of KeyComparisonRandomEffectsBenchmarks: for t = 10c + j + 1,
    /// u = 0.5 + 1.5·frac(0.6180339887498949·t), x = 10 + 2·sin(1.3·t) + u·cos(2.1·t).
    static let thousandComparisons: [Comparison] = (0..<1000).map { c in
        comparison(
            "synthetic \(c)",
            (0..<10).map { j in
                let t = Double(10 * c + j + 1)
                let f = 0.6180339887498949 * t
                let u = 0.5 + 1.5 * (f - f.rounded(.down))
                return LaboratoryResult(
                    laboratory: LaboratoryID("L\(j)"), value: 10 + 2 * sin(1.3 * t) + u * cos(2.1 * t),
                    standardUncertainty: u)
            })
    }

    static func comparison(_ identifier: String, _ results: [LaboratoryResult]) -> Comparison {
        // Valid by construction; an invalid workload would be a defect of this file.
        guard let comparison = try? Comparison(identifier: identifier, results: results) else {
            preconditionFailure("benchmark workload \(identifier) is not a valid comparison")
        }
        return comparison
    }
}
