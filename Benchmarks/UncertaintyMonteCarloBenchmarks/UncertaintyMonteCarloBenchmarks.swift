import Benchmark
import Equivalence

/// JCGM 101 9.3 (mass calibration) by Monte Carlo with M = 10⁶ trials, estimate, standard
/// uncertainty and both 95 % coverage intervals (issue 4). Peers on the same workload:
/// `peers/mc_mass_numpy.py` (numpy, vectorised) and `peers/mc_mass_suncal.py` (suncal 1.7.1).
///
/// Variants: the model as a block closure (one loop per block) and as the parsed expression of
/// the model file `Examples/JCGM101-9.3-mass-calibration.model.json` (`ExpressionModel`, one loop
/// per instruction and chunk), each on all cores and on one thread; the model as a per-trial
/// closure; the draws and model alone; the intervals alone; the adaptive procedure of JCGM 101
/// 7.9 with two significant digits.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 30)

    let inputs = MassCalibration.inputs
    let trials = 1_000_000

    Benchmark("JCGM 101 9.3 M=10^6 block closure, all cores") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try MonteCarloMethod().propagate(MassCalibration.block, inputs: inputs, trials: trials))
        }
    }
    Benchmark("JCGM 101 9.3 M=10^6 block closure, 1 thread") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try MonteCarloMethod(threadCount: 1).propagate(MassCalibration.block, inputs: inputs, trials: trials))
        }
    }
    Benchmark("JCGM 101 9.3 M=10^6 parsed expression, all cores") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try MonteCarloMethod().propagate(MassCalibration.expression, inputs: inputs, trials: trials))
        }
    }
    Benchmark("JCGM 101 9.3 M=10^6 parsed expression, 1 thread") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try MonteCarloMethod(threadCount: 1).propagate(MassCalibration.expression, inputs: inputs, trials: trials))
        }
    }
    Benchmark("JCGM 101 9.3 M=10^6 per-trial closure, all cores") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try MonteCarloMethod().propagate(MassCalibration.perTrial, inputs: inputs, trials: trials))
        }
    }
    Benchmark("JCGM 101 9.3 M=10^6 draws and model only, 1 thread") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try MonteCarloMethod(threadCount: 1).sample(MassCalibration.block, inputs: inputs, trials: trials))
        }
    }
    Benchmark("JCGM 101 9.3 M=10^6 estimate, u and both intervals of a drawn sample") { benchmark in
        let sample = try MonteCarloMethod(seed: 1).sample(MassCalibration.block, inputs: inputs, trials: trials)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(
                try MonteCarloResult(summarizing: sample, measurands: ["dm"], coverageProbability: 0.95, seed: 1))
        }
    }
    Benchmark("JCGM 101 9.3 adaptive 7.9, 2 significant digits, all cores") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try MonteCarloMethod().propagateAdaptively(MassCalibration.block, inputs: inputs, significantDigits: 2))
        }
    }
}

/// δm = (m_R,c + δm_R,c)·[1 + (ρ_a − ρ_a0)·(1/ρ_W − 1/ρ_R)] − m_nom (JCGM 101 9.3, masses in mg).
enum MassCalibration {
    static let block = MeasurementFunction(inputCount: 5, outputCount: 1) { x, y, count in
        let (mRc, dmRc, rhoA, rhoW, rhoR) = (x[0], x[1], x[2], x[3], x[4])
        let out = y[0]
        for t in 0..<count {
            out[t] = (mRc[t] + dmRc[t]) * (1 + (rhoA[t] - 1.2) * (1 / rhoW[t] - 1 / rhoR[t])) - 100_000
        }
    }

    static let perTrial = MeasurementFunction(inputCount: 5) { x in
        (x[0] + x[1]) * (1 + (x[2] - 1.2) * (1 / x[3] - 1 / x[4])) - 100_000
    }

    /// The measurand of `Examples/JCGM101-9.3-mass-calibration.model.json`, compiled.
    static let expression: ExpressionModel = {
        guard
            let model = try? ExpressionModel(
                expression: "(m_Rc + dm_Rc)*(1 + (rho_a - rho_a0)*(1/rho_W - 1/rho_R)) - m_nom",
                inputs: ["m_Rc", "dm_Rc", "rho_a", "rho_W", "rho_R"], constants: ["rho_a0": 1.2, "m_nom": 100_000],
                measurand: "dm")
        else { preconditionFailure("benchmark expression does not compile") }
        return model
    }()

    static let inputs: JointDistribution = {
        // Valid by construction; an invalid specification would be a defect of this file.
        guard
            let inputs = try? JointDistribution([
                ("m_Rc", .gaussian(mean: 100_000, standardDeviation: 0.050)),
                ("dm_Rc", .gaussian(mean: 1.234, standardDeviation: 0.020)),
                ("rho_a", .rectangular(lower: 1.10, upper: 1.30)),
                ("rho_W", .rectangular(lower: 7_000, upper: 9_000)),
                ("rho_R", .rectangular(lower: 7_950, upper: 8_050)),
            ])
        else { preconditionFailure("benchmark inputs are not a valid joint distribution") }
        return inputs
    }()
}
