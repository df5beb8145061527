import Benchmark
import Equivalence
import Foundation

/// First-order (GUM) propagation of a sum of n correlated inputs: the workload of the
/// uncertainty reference notes §3(a) (y = Σ x_i, unit uncertainties, r = 0.5 among the first
/// n/10 inputs), which GUM Tree Calculator 1.5.1 takes 0.15–0.3 s for at n = 1000.
/// `peers/gtc_linear_sum.py` times GTC on the same workload in the same run.
///
/// * "setup + propagate": create the inputs (the correlated block with its PSD check by LAPACK
///   dsyevd), build y with n − 1 additions, compute u(y) — GTC's "total".
/// * "propagate": y by n − 1 additions and u(y) from inputs already made — GTC's "propagate + u(y)".
/// * "budget": u(y), ν_eff and the n components from one reverse sweep.
/// * "model file": the same model written as a model file (n quantities, C(n/10, 2) correlations,
///   the expression x1 + … + xn), parsed, compiled and evaluated (`evaluateFirstOrder`).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds, warmupIterations: 3,
        maxDuration: .seconds(5), maxIterations: 2000)

    for n in [100, 1000] {
        let workload = SumWorkload(order: n)
        Benchmark("sum n=\(n): setup + propagate") { benchmark in
            for _ in benchmark.scaledIterations {
                let inputs = try workload.makeInputs()
                let y = inputs.dropFirst().reduce(inputs[0], +)
                blackHole(y.standardUncertainty)
            }
        }
        let inputs = try? workload.makeInputs()
        Benchmark("sum n=\(n): propagate") { benchmark in
            guard let inputs else { return }
            for _ in benchmark.scaledIterations {
                let y = inputs.dropFirst().reduce(inputs[0], +)
                blackHole(y.standardUncertainty)
            }
        }
        Benchmark("sum n=\(n): UncertainReal.sum + u") { benchmark in
            guard let inputs else { return }
            for _ in benchmark.scaledIterations { blackHole(UncertainReal.sum(inputs).standardUncertainty) }
        }
        Benchmark("sum n=\(n): budget (u, nu_eff, components)") { benchmark in
            guard let inputs else { return }
            let y = inputs.dropFirst().reduce(inputs[0], +)
            for _ in benchmark.scaledIterations { blackHole(y.budget()) }
        }
        let file = workload.modelFile
        Benchmark("sum n=\(n): model file (parse + evaluateFirstOrder)") { benchmark in
            for _ in benchmark.scaledIterations {
                let model = try MeasurementModel(json: file)
                blackHole(try model.evaluateFirstOrder())
            }
        }
        Benchmark("sum n=\(n): model file, JSON decoding only") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try MeasurementModel(json: file)) }
        }
        let decoded = try? MeasurementModel(json: file)
        Benchmark("sum n=\(n): model file, evaluateFirstOrder only") { benchmark in
            guard let decoded else { return }
            for _ in benchmark.scaledIterations { blackHole(try decoded.evaluateFirstOrder()) }
        }
    }
}

/// y = Σ x_i, x_i = 1 ± 1, r = 0.5 among the first n/10.
struct SumWorkload: Sendable {
    let order: Int
    let correlation: Matrix
    let modelFile: Data

    init(order n: Int) {
        self.order = n
        let m = n / 10
        var r = Matrix.identity(order: m)
        for j in 0..<m { for i in 0..<m where i != j { r[i, j] = 0.5 } }
        correlation = r
        var quantities: [String] = []
        for i in 1...n { quantities.append(#"{"name": "x\#(i)", "value": 1, "standardUncertainty": 1}"#) }
        var correlations: [String] = []
        for i in 1...m { for j in (i + 1)..<(m + 1) { correlations.append(#"{"quantities": ["x\#(i)", "x\#(j)"], "coefficient": 0.5}"#) } }
        let expression = (1...n).map { "x\($0)" }.joined(separator: " + ")
        let text = """
            {"quantities": [\(quantities.joined(separator: ","))], "correlations": [\(correlations.joined(separator: ","))],
             "measurands": [{"name": "y", "expression": "\(expression)"}]}
            """
        modelFile = Data(text.utf8)
    }

    func makeInputs() throws -> [UncertainReal] {
        let m = order / 10
        var inputs = try UncertainReal.correlatedInputs(
            values: [Double](repeating: 1, count: m), standardUncertainties: [Double](repeating: 1, count: m),
            correlation: correlation)
        inputs.reserveCapacity(order)
        for _ in m..<order { inputs.append(try UncertainReal.input(value: 1, standardUncertainty: 1)) }
        return inputs
    }
}
