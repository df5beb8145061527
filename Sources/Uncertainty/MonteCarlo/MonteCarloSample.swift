/// The model values y_r = f(x_r), r = 1, …, M, of a Monte Carlo run (JCGM 101:2008 7.4), with
/// the trials where the model was undefined left out.
///
/// A trial is *undefined* when any output is NaN or infinite (a division by zero, the logarithm
/// of a negative number); the whole trial is dropped, so that every output keeps the same trials
/// and their covariance is meaningful. ``undefinedTrials`` says how many were dropped.
///
/// The values of output k are stored contiguously, in trial order:
///
///     let sample = try MonteCarloMethod(seed: 1).sample(model, inputs: inputs, trials: 100_000)
///     sample[output: 0].count     // sample.trials
public struct MonteCarloSample: Sendable, Hashable {
    /// m, the number of outputs.
    public let outputCount: Int
    /// M, the number of trials kept (defined for every output).
    public let trials: Int
    /// The number of trials dropped because an output was NaN or infinite.
    public let undefinedTrials: Int
    /// The values, output after output: value r of output k at `k·trials + r`.
    public let values: [Double]
    /// For each output, the number of trials in which it was NaN or infinite.
    let undefinedByOutput: [Int]

    /// Builds a sample from raw model values laid out output after output (`count` trials each),
    /// dropping undefined trials.
    init(raw: [Double], outputCount: Int, count: Int) {
        self.outputCount = outputCount
        var defined = [Bool](repeating: true, count: count)
        var undefined = 0
        var byOutput = [Int](repeating: 0, count: outputCount)
        raw.withUnsafeBufferPointer { raw in
            for k in 0..<outputCount {
                let base = k * count
                for t in 0..<count where !raw[base + t].isFinite {
                    byOutput[k] += 1
                    if defined[t] {
                        defined[t] = false
                        undefined += 1
                    }
                }
            }
        }
        undefinedTrials = undefined
        undefinedByOutput = byOutput
        trials = count - undefined
        if undefined == 0 {
            values = raw
        } else {
            var kept = [Double]()
            kept.reserveCapacity(outputCount * (count - undefined))
            for k in 0..<outputCount {
                for t in 0..<count where defined[t] { kept.append(raw[k * count + t]) }
            }
            values = kept
        }
    }

    /// The M values of output k, in trial order.
    public subscript(output k: Int) -> ArraySlice<Double> {
        values[(k * trials)..<((k + 1) * trials)]
    }
}
