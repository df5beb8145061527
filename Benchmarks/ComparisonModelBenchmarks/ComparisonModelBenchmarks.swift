import Benchmark
import Equivalence

/// Issue 9: a multi-point comparison of 30 laboratories × 100 points (3000 readings) with a dense
/// block covariance, evaluated end to end by generalized least squares, against a bare Cholesky
/// factorization of the same V in the same run. The target is ≤ 1.5× the factorization: the
/// evaluation adds O(n²) work (building V, whitening 130 columns, the solves) to the n³/3 flops
/// of dpotrf.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(20), maxIterations: 20)

    let workload = MultiPointWorkload(laboratories: 30, points: 100)
    Benchmark("GLS model 30 labs × 100 points, end to end") { benchmark in
        for _ in benchmark.scaledIterations {
            let model = try ComparisonModel(
                identifier: "synthetic", readings: workload.readings, covariance: workload.covariance)
            blackHole(try model.evaluate())
        }
    }
    Benchmark("GLS model 30 labs × 100 points, evaluate") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try workload.model.evaluate())
        }
    }
    // The two largest parts of the evaluation besides dpotrf, to see where the ratio comes from.
    Benchmark("build V (3000 readings, 31 shared components)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try workload.covariance.matrix(for: workload.readings))
        }
    }
    let factor = try? CholeskyFactorization(workload.matrix, symmetryTolerance: nil)
    Benchmark("whiten the 3000 × 130 design (dtrtrs)") { benchmark in
        guard let factor else { return }
        for _ in benchmark.scaledIterations {
            blackHole(try factor.whiten(workload.design))
        }
    }
    Benchmark("dpotrf n=3000 (the model's V)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CholeskyFactorization(workload.matrix, symmetryTolerance: nil))
        }
    }
}

/// 30 laboratories each measuring one artefact at 100 points: u between 1 and 3 (unit of the
/// values), every laboratory's readings sharing a component of half its u (within-laboratory
/// blocks), and all 3000 readings sharing a traceability component of 0.3, so that V is dense.
/// Biases common to the points, a weighted-mean reference value: 100 point values + 30 biases.
struct MultiPointWorkload {
    let readings: [ComparisonReading]
    let covariance: ReadingCovariance
    let model: ComparisonModel
    let matrix: Matrix
    /// The design: a column per point value, a column per laboratory bias.
    let design: Matrix

    init(laboratories: Int, points: Int) {
        var random = Xoshiro256(seed: 9)
        var readings: [ComparisonReading] = []
        var shared: [ReadingCovariance.SharedComponent] = []
        for l in 0..<laboratories {
            let u = 1 + 2 * Double(l) / Double(laboratories)
            let bias = random.nextStandardNormal()
            var names: [String] = []
            for p in 0..<points {
                let name = "L\(l)/P\(p)"
                names.append(name)
                readings.append(
                    ComparisonReading(
                        identifier: name, laboratory: LaboratoryID("L\(l)"), point: "P\(p)",
                        value: 100 + Double(p) + bias + u * random.nextStandardNormal(), standardUncertainty: u))
            }
            shared.append(.init(readings: names, standardUncertainty: 0.5 * u))
        }
        shared.append(.init(readings: readings.map(\.identifier), standardUncertainty: 0.3))
        self.readings = readings
        self.covariance = ReadingCovariance(sharedComponents: shared)
        // The workload is valid by construction; an invalid one would be a defect of this file.
        guard let model = try? ComparisonModel(identifier: "synthetic", readings: readings, covariance: covariance),
            let matrix = try? covariance.matrix(for: readings)
        else { preconditionFailure("benchmark workload is not a valid model") }
        self.model = model
        self.matrix = matrix
        var design = Matrix(rows: laboratories * points, columns: points + laboratories)
        for l in 0..<laboratories {
            for p in 0..<points {
                design[l * points + p, p] = 1
                design[l * points + p, points + l] = 1
            }
        }
        self.design = design
    }
}
