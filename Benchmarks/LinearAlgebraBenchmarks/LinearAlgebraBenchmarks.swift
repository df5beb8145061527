import Benchmark
import Equivalence

/// Cholesky factorization and solve, and the GLS weighted mean, at n = 100, 1000, 4000
/// (issue 2). The GLS mean costs one dpotrf (n³/3 flops) plus two triangular solves (2n²), so its
/// time should be within a few per cent of the bare factorization at n = 4000.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(10), maxIterations: 50)

    for n in [100, 1000, 4000] {
        let workload = Workload(order: n)
        Benchmark("dpotrf n=\(n)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try CholeskyFactorization(workload.covariance, symmetryTolerance: nil))
            }
        }
        Benchmark("Cholesky solve n=\(n)") { benchmark in
            for _ in benchmark.scaledIterations {
                let cholesky = try CholeskyFactorization(workload.covariance, symmetryTolerance: nil)
                blackHole(try cholesky.solve(workload.values))
            }
        }
        Benchmark("GLS weighted mean n=\(n)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try WeightedMean().estimate(workload.comparison))
            }
        }
    }
}

/// A dense SPD covariance with unit-order diagonal and correlations up to about 0.3, and values
/// around 10, built deterministically.
struct Workload {
    let covariance: Matrix
    let values: [Double]
    let comparison: Comparison

    init(order n: Int) {
        var random = Xoshiro256(seed: UInt64(n))
        var a = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n { a[i, j] = random.nextStandardNormal() } }
        var v = a.sandwich(.identity(order: n))
        for j in 0..<n { for i in 0..<n { v[i, j] *= 0.3 / Double(n) } }
        for i in 0..<n { v[i, i] += 1 }
        for j in 0..<n { for i in 0..<j { v[i, j] = v[j, i] } }
        covariance = v
        let x = (0..<n).map { _ in 10 + random.nextStandardNormal() }
        values = x
        let results = (0..<n).map { i in
            LaboratoryResult(laboratory: LaboratoryID("L\(i)"), value: x[i], standardUncertainty: v[i, i].squareRoot())
        }
        // The workload is valid by construction; an invalid one would be a defect of this file.
        guard let comparison = try? Comparison(identifier: "synthetic n=\(n)", results: results, covariance: v) else {
            preconditionFailure("benchmark workload is not a valid comparison")
        }
        self.comparison = comparison
    }
}
