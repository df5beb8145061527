/// A measurement model Y = f(X) with N inputs and m outputs, evaluated on blocks of Monte Carlo
/// draws at once (JCGM 101 §7.6, JCGM 102 §7.5).
///
/// Evaluating a block of draws per call, rather than one draw, lets an interpreted model (an
/// expression parsed from a file) run at close to compiled speed: the interpretation cost is paid
/// once per block and each operation is a tight loop over the block.
///
/// The contract: `inputs[j]` holds `count` draws of input j (in the model's input order);
/// the model writes `count` values of output k into `outputs[k]`. Where the model is undefined for
/// a draw (division by zero, logarithm of a negative number), it writes NaN; the Monte Carlo method
/// counts and reports such draws rather than trapping. Implementations must be safe to call from
/// several threads at once on different buffers.
public protocol VectorizedModel: Sendable {
    /// N, the number of input quantities.
    var inputCount: Int { get }
    /// m, the number of output quantities (measurands).
    var outputCount: Int { get }
    /// Evaluates the model on `count` draws.
    func evaluate(
        inputs: [UnsafeBufferPointer<Double>], outputs: [UnsafeMutableBufferPointer<Double>], count: Int)
}
