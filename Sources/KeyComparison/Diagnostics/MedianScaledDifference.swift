import Uncertainty

/// The median scaled difference of each laboratory (Ellison, Metrologia 55 (2018); metRology `msd`,
/// `bootMSD`), with parametric-bootstrap p-values.
///
/// MSD_i = median_{j≠i} |x_i − x_j| / √(u_i² + u_j²): the typical number of combined standard
/// uncertainties separating laboratory i from the others. Values above about 2 suggest a result
/// inconsistent with the rest. The p-value of MSD_i is the fraction of replicates x* ~ N(0, V) whose
/// MSD*_i exceeds the observed MSD_i (strictly, as metRology's `bootMSD` counts), and the critical
/// values are the replicates' 95 % and 99 % quantiles (R type 7). Replicates are drawn in fixed
/// blocks of ``Xoshiro256`` streams, so a seed fixes the result on any number of cores.
///
/// The statistic itself ignores correlations (as Ellison defines it); the replicates are drawn from
/// the full covariance V, so the p-values are those of the stated uncertainty model. With
/// independent results this is exactly metRology's `bootMSD(msd(x, u))`.
///
///     let msd = try MedianScaledDifference.evaluate(pcb28, trials: 10_000)   // NRC: 3.68, p < 1e-4
public struct MedianScaledDifference: Sendable, Hashable, Codable {
    /// MSD_i per included laboratory, with p-value and critical values when bootstrapped.
    public var laboratories: [LaboratoryStatistic]
    /// The number of bootstrap replicates; nil without a bootstrap.
    public var trials: Int?
    /// The seed of the bootstrap.
    public var seed: UInt64?

    public init(laboratories: [LaboratoryStatistic], trials: Int? = nil, seed: UInt64? = nil) {
        self.laboratories = laboratories
        self.trials = trials
        self.seed = seed
    }

    /// MSD_i of the included results, bootstrapped with `trials` replicates (nil: values only).
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 2
    ///   included results; ``KeyComparisonError/invalidSetting(_:value:reason:)`` for trials < 100.
    /// - Complexity: O(trials·n² log n), in parallel blocks.
    public static func evaluate(
        _ comparison: Comparison, trials: Int? = nil, seed: UInt64 = Xoshiro256.defaultSeed
    ) throws(KeyComparisonError) -> MedianScaledDifference {
        try PairwiseStatistics(comparison).evaluate(trials: trials, seed: seed).0
    }
}
