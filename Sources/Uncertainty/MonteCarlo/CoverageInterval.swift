/// An interval [y_low, y_high] containing the value of a measurand with a stated probability
/// (JCGM 101:2008 3.12, 7.7; JCGM 100 6.2).
///
/// Encoded in JSON as the two-element array `[lower, upper]`, the form of the `propagate`
/// document (`"symmetricInterval": [1.0847, 1.3838]`).
///
/// From a Monte Carlo sample of M values, JCGM 101 7.7 defines, with q = pM when pM is an
/// integer and the integer part of pM + ½ otherwise, and y₍₁₎ ≤ … ≤ y₍M₎ the sorted values:
/// * the **probabilistically symmetric** interval [y₍r₎, y₍r+q₎], r = (M − q)/2 when that is an
///   integer and the integer part of (M − q + 1)/2 otherwise (7.7.2 a);
/// * the **shortest** interval [y₍r*₎, y₍r*+q₎], where r* minimises y₍r+q₎ − y₍r₎ over
///   r = 1, …, M − q (7.7.2 b; the first such r when several tie).
///
///     let sample = (1...1000).map(Double.init)
///     try CoverageInterval.probabilisticallySymmetric(of: sample, coverageProbability: 0.95)   // [25, 975]
public struct CoverageInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lower end point y_low.
    public var lower: Double
    /// The upper end point y_high.
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// y_high − y_low.
    public var width: Double { upper - lower }

    /// (y_low + y_high)/2.
    public var midpoint: Double { (lower + upper) / 2 }

    /// True when y_low ≤ y ≤ y_high.
    public func contains(_ y: Double) -> Bool { lower <= y && y <= upper }

    public var description: String { "[\(lower), \(upper)]" }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        lower = try container.decode(Double.self)
        upper = try container.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(lower)
        try container.encode(upper)
    }

    /// The probabilistically symmetric coverage interval of a sample (JCGM 101 7.7.2 a).
    ///
    /// - Throws: ``UncertaintyError/invalidCoverageProbability(_:)``,
    ///   ``UncertaintyError/tooFewTrials(needed:found:)`` when M − q < 1,
    ///   ``UncertaintyError/nonFiniteValue(quantity:)`` naming the first value that is NaN or infinite.
    /// - Complexity: O(M + (1 − p)M·log M): one pass, then sorting of the two (1 − p)M tails.
    public static func probabilisticallySymmetric(of sample: [Double], coverageProbability p: Double)
        throws(UncertaintyError) -> CoverageInterval
    {
        try intervals(of: sample, coverageProbability: p).symmetric
    }

    /// The shortest coverage interval of a sample (JCGM 101 7.7.2 b).
    ///
    /// - Throws: as ``probabilisticallySymmetric(of:coverageProbability:)``.
    /// - Complexity: O(M + (1 − p)M·log M).
    public static func shortest(of sample: [Double], coverageProbability p: Double) throws(UncertaintyError)
        -> CoverageInterval
    {
        try intervals(of: sample, coverageProbability: p).shortest
    }

    private static func intervals(of sample: [Double], coverageProbability p: Double) throws(UncertaintyError)
        -> (symmetric: CoverageInterval, shortest: CoverageInterval)
    {
        if let index = sample.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(quantity: "sample value \(index + 1)")
        }
        return try sample.withUnsafeBufferPointer { values throws(UncertaintyError) in
            try OrderStatistics.coverageIntervals(values, coverageProbability: p)
        }
    }
}
