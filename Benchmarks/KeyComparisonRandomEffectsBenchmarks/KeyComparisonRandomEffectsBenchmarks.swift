import Benchmark
import Equivalence

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 3 random-effects workloads:
/// * NICOB's DerSimonian–Laird parametric bootstrap with 10⁵ replicates on CCT-K7 (21 labs): u(KCRV)
///   and its interval alone, and with the MRA degrees of equivalence (21 unilateral, 210 bilateral);
///   peer: peers/dl_bootstrap_numpy.py (numpy, vectorised over the replicates).
/// * REML on 1000 comparisons of 10 labs (τ², μ̂, u(μ̂) of each); peer: peers/reml_metafor.R (metafor
///   `rma.uni`, the same 1000 comparisons: they are defined by a formula, not a random stream).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(10), maxIterations: 20)

    let cctK7 = Workloads.cctK7
    Benchmark("DL bootstrap K=100000 CCT-K7: u and interval") { benchmark in
        let estimator = RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap)
        let options = try EvaluationOptions(includesPairwise: false, trials: 100_000)
        for _ in benchmark.scaledIterations {
            blackHole(try estimator.evaluate(cctK7, options: options))
        }
    }
    Benchmark("DL bootstrap K=100000 CCT-K7: u, interval and MRA DoE with 210 pairs") { benchmark in
        let estimator = RandomEffects(DerSimonianLaird(), uncertainty: .bootstrap, degreesOfEquivalence: .mraBootstrap)
        let options = try EvaluationOptions(includesPairwise: true, trials: 100_000)
        for _ in benchmark.scaledIterations {
            blackHole(try estimator.evaluate(cctK7, options: options))
        }
    }
    let thousand = Workloads.thousandComparisons
    Benchmark("REML on 1000 comparisons of 10 labs") { benchmark in
        let estimator = RandomEffects(RestrictedMaximumLikelihood())
        for _ in benchmark.scaledIterations {
            for comparison in thousand { blackHole(try estimator.estimate(comparison)) }
        }
    }
    Benchmark("DerSimonian-Laird on 1000 comparisons of 10 labs") { benchmark in
        let estimator = RandomEffects(DerSimonianLaird())
        for _ in benchmark.scaledIterations {
            for comparison in thousand { blackHole(try estimator.estimate(comparison)) }
        }
    }
}

enum Workloads {
    /// CCT-K7, water triple point, T_lab − T_BIPM in µK (Stock et al. 2006, Table 19; NICOB `triple.ncb`).
    static let cctK7: Comparison = {
        let data: [(String, Double, Double)] = [
            ("BIPM", 0, 44), ("BNM", -54, 66), ("CEM", -14, 41), ("CENAM", -5, 27), ("CSIR", 105, 74),
            ("CSIRO", -29, 34), ("IMGC", -15, 27), ("IPQ", 40, 160), ("KRISS", 69, 56), ("MSL", 117, 16),
            ("NIM", 33, 61), ("NIST", -40, 33), ("NMIJ", 54, 151), ("NMi-VSL", 16, 55), ("NPL", 45, 39),
            ("NRC", 85, 23), ("PTB", -14, 56), ("SMU", 69, 53), ("SPRING", 34, 71), ("UME", -53, 91),
            ("VNIIM", 22, 46),
        ]
        return comparison("CCT-K7", data.map { LaboratoryResult(laboratory: LaboratoryID($0.0), value: $0.1, standardUncertainty: $0.2) })
    }()

    /// 1000 comparisons of 10 labs defined by a formula, so that peers/reml_metafor.R builds the
    /// same ones: for t = 10c + j + 1, u = 0.5 + 1.5·frac(0.6180339887498949·t),
    /// x = 10 + 2·sin(1.3·t) + u·cos(2.1·t).
    static let thousandComparisons: [Comparison] = (0..<1000).map { c in
        comparison(
            "synthetic \(c)",
            (0..<10).map { j in
                let t = Double(10 * c + j + 1)
                let f = 0.6180339887498949 * t
                let u = 0.5 + 1.5 * (f - f.rounded(.down))
                return LaboratoryResult(laboratory: LaboratoryID("L\(j)"), value: 10 + 2 * sin(1.3 * t) + u * cos(2.1 * t), standardUncertainty: u)
            })
    }

    static func comparison(_ identifier: String, _ results: [LaboratoryResult]) -> Comparison {
        // The workloads are valid by construction; an invalid one would be a defect of this file.
        guard let comparison = try? Comparison(identifier: identifier, results: results) else {
            preconditionFailure("benchmark workload \(identifier) is not a valid comparison")
        }
        return comparison
    }
}
