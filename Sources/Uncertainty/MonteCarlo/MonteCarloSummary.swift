/// The Monte Carlo results for one measurand (JCGM 101:2008 7.6, 7.7): estimate, standard
/// uncertainty, probabilistically symmetric and shortest coverage intervals, number of trials.
///
/// Encodes to the `monteCarlo` block of the `propagate` JSON document:
/// `{"value", "standardUncertainty", "symmetricInterval": [lo, hi], "shortestInterval": [lo, hi], "trials"}`.
///
///     // JCGM 101 9.3, M = 10⁶: value 1.2341 mg, u 0.0754 mg, shortest 95 % interval width 0.2991 mg
public struct MonteCarloSummary: Sendable, Hashable, Codable {
    /// y = (1/M)·Σ y_r, the average of the model values (JCGM 101 7.6).
    public var value: Double
    /// u(y) = [1/(M − 1)·Σ (y_r − y)²]^½ (JCGM 101 7.6).
    public var standardUncertainty: Double
    /// The probabilistically symmetric coverage interval (JCGM 101 7.7.2 a).
    public var symmetricInterval: CoverageInterval
    /// The shortest coverage interval (JCGM 101 7.7.2 b).
    public var shortestInterval: CoverageInterval
    /// M, the number of trials the figures come from (undefined trials excluded).
    public var trials: Int

    public init(
        value: Double, standardUncertainty: Double, symmetricInterval: CoverageInterval,
        shortestInterval: CoverageInterval, trials: Int
    ) {
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.symmetricInterval = symmetricInterval
        self.shortestInterval = shortestInterval
        self.trials = trials
    }

    /// Summarises the (finite) values of one output.
    init(values: UnsafeBufferPointer<Double>, coverageProbability p: Double) throws(UncertaintyError) {
        let (mean, variance) = Self.moments(values)
        let (symmetric, shortest) = try OrderStatistics.coverageIntervals(values, coverageProbability: p)
        self.init(
            value: mean, standardUncertainty: variance.squareRoot(), symmetricInterval: symmetric,
            shortestInterval: shortest, trials: values.count)
    }

    /// The average and the sample variance (divisor M − 1) by two passes, each summed in four
    /// interleaved partial sums (a fixed order, so the result does not depend on threads).
    static func moments(_ values: UnsafeBufferPointer<Double>) -> (mean: Double, variance: Double) {
        let m = values.count
        guard m > 0 else { return (0, 0) }
        func sum(_ term: (Double) -> Double) -> Double {
            var s0 = 0.0
            var s1 = 0.0
            var s2 = 0.0
            var s3 = 0.0
            var i = 0
            while i + 4 <= m {
                s0 += term(values[i])
                s1 += term(values[i + 1])
                s2 += term(values[i + 2])
                s3 += term(values[i + 3])
                i += 4
            }
            while i < m {
                s0 += term(values[i])
                i += 1
            }
            return (s0 + s1) + (s2 + s3)
        }
        let mean = sum { $0 } / Double(m)
        guard m > 1 else { return (mean, 0) }
        let variance = sum { ($0 - mean) * ($0 - mean) } / Double(m - 1)
        return (mean, variance)
    }
}
