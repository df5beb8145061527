/// A measurement model Y = f(X) written as a Swift closure, for the Monte Carlo method
/// (JCGM 101 §7.6).
///
/// Two forms: a **block** closure that receives whole blocks of draws (one buffer per input,
/// one per output) and runs at full speed, and a **per-trial** closure that receives the N input
/// values of one trial and returns the m output values, easier to write and a few nanoseconds
/// slower per trial.
///
///     // JCGM 101 9.2: Y = X₁ + X₂ + X₃ + X₄, per trial
///     let sum = MeasurementFunction(inputCount: 4) { x in x[0] + x[1] + x[2] + x[3] }
///
///     // The same, on blocks
///     let fast = MeasurementFunction(inputCount: 4, outputCount: 1) { x, y, count in
///         for t in 0..<count { y[0][t] = x[0][t] + x[1][t] + x[2][t] + x[3][t] }
///     }
///
/// Where the model is undefined for a draw, the closure returns (writes) NaN; the Monte Carlo
/// method counts such trials and leaves them out. The closure must be safe to call from several
/// threads at once.
public struct MeasurementFunction: VectorizedModel {
    /// The block form: input buffers, output buffers, number of draws.
    public typealias Block =
        @Sendable ([UnsafeBufferPointer<Double>], [UnsafeMutableBufferPointer<Double>], Int) -> Void

    public let inputCount: Int
    public let outputCount: Int
    private let body: Block

    /// A model evaluated on blocks of draws.
    public init(inputCount: Int, outputCount: Int, block: @escaping Block) {
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.body = block
    }

    /// A model with one output, evaluated trial by trial: `value(x)` receives the N inputs of
    /// one trial.
    public init(inputCount: Int, value: @escaping @Sendable (UnsafeBufferPointer<Double>) -> Double) {
        self.init(inputCount: inputCount, outputCount: 1) { inputs, outputs, count in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: inputCount) { x in
                for t in 0..<count {
                    for j in 0..<inputCount { x[j] = inputs[j][t] }
                    outputs[0][t] = value(UnsafeBufferPointer(x))
                }
            }
        }
    }

    /// A model with m outputs, evaluated trial by trial: `values(x, y)` reads the N inputs of one
    /// trial from `x` and writes the m outputs into `y`.
    public init(
        inputCount: Int, outputCount: Int,
        values: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) {
        self.init(inputCount: inputCount, outputCount: outputCount) { inputs, outputs, count in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: inputCount + outputCount) { scratch in
                let x = UnsafeMutableBufferPointer(rebasing: scratch[0..<inputCount])
                let y = UnsafeMutableBufferPointer(rebasing: scratch[inputCount...])
                for t in 0..<count {
                    for j in 0..<inputCount { x[j] = inputs[j][t] }
                    values(UnsafeBufferPointer(x), y)
                    for k in 0..<outputCount { outputs[k][t] = y[k] }
                }
            }
        }
    }

    public func evaluate(
        inputs: [UnsafeBufferPointer<Double>], outputs: [UnsafeMutableBufferPointer<Double>], count: Int
    ) {
        body(inputs, outputs, count)
    }
}
