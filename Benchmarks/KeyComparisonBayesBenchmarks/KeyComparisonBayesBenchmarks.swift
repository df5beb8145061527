import Benchmark
import Equivalence

/// Hierarchical Bayes (issue 3, item 6) on CCT-K7 (21 laboratories, σ_i = u_i known) and on
/// CCQM-K25 PCB 28 (6 laboratories, σ_i unknown with ν_i), with the default chain length:
/// 2 chains × 50 000 iterations = 10⁵ iterations in all, so the time of one posterior is the time
/// per 10⁵ iterations (the chains run in parallel: wall clock ≈ one chain, CPU ≈ both).
/// The peer is NICOB's JAGS model on the same data (peers/hb_jags.R).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(20), maxIterations: 20)

    let options = try EvaluationOptions(includesPairwise: false, seed: 1)
    for (name, comparison) in [("CCT-K7", BayesWorkload.triplePoint), ("PCB 28", BayesWorkload.pcb28)] {
        for effects in LaboratoryEffects.allCases {
            let estimator = HierarchicalBayes(laboratoryEffects: effects)
            Benchmark("HB \(effects.rawValue) posterior \(name), 2 × 50 000 iterations") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try estimator.estimate(comparison, options: options))
                }
            }
        }
    }
    Benchmark("HB gaussian evaluate CCT-K7 (posterior, DoE and 210 bilateral DoE)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try HierarchicalBayes().evaluate(BayesWorkload.triplePoint, options: EvaluationOptions(seed: 1)))
        }
    }
}

/// The published data, as in the validation set (Stock et al. 2006 Table 19; Schantz & Wise 2004).
enum BayesWorkload {
    static let triplePoint = make(
        "CCT-K7",
        [
            ("BIPM", 0, 44), ("BNM", -54, 66), ("CEM", -14, 41), ("CENAM", -5, 27), ("CSIR", 105, 74),
            ("CSIRO", -29, 34), ("IMGC", -15, 27), ("IPQ", 40, 160), ("KRISS", 69, 56), ("MSL", 117, 16),
            ("NIM", 33, 61), ("NIST", -40, 33), ("NMIJ", 54, 151), ("NMi-VSL", 16, 55), ("NPL", 45, 39),
            ("NRC", 85, 23), ("PTB", -14, 56), ("SMU", 69, 53), ("SPRING", 34, 71), ("UME", -53, 91),
            ("VNIIM", 22, 46),
        ], degreesOfFreedom: [:])

    static let pcb28 = make(
        "CCQM-K25 PCB 28",
        [
            ("IRMM", 34.3, 1.03), ("KRISS", 32.9, 0.69), ("NARL", 34.53, 0.83), ("NIST", 32.42, 0.29),
            ("NMIJ", 31.9, 0.4), ("NRC", 35.8, 0.38),
        ], degreesOfFreedom: ["IRMM": 60, "KRISS": 4, "NARL": 18, "NIST": 2, "NMIJ": 13, "NRC": 60])

    static func make(_ identifier: String, _ rows: [(String, Double, Double)], degreesOfFreedom: [String: Double])
        -> Comparison
    {
        let results = rows.map { lab, x, u in
            LaboratoryResult(
                laboratory: LaboratoryID(lab), value: x, standardUncertainty: u, degreesOfFreedom: degreesOfFreedom[lab])
        }
        // The workload is valid by construction; an invalid one would be a defect of this file.
        guard let comparison = try? Comparison(identifier: identifier, results: results) else {
            preconditionFailure("benchmark workload \(identifier) is not a valid comparison")
        }
        return comparison
    }
}
