import Uncertainty

/// The pair-difference χ² of each laboratory (Douglas & Steele, Metrologia 43 (2006) 89; metRology
/// `pdchisq`, `bootPDchisq`), with correlations and parametric-bootstrap p-values.
///
/// χ²_PD,j = (1/(N − 1)) Σ_{i≠j} (x_i − x_j)² / (u_i² + u_j² − 2u_ij): the mean squared
/// standardized difference between laboratory j and each other laboratory, with u_ij the
/// covariance of x_i and x_j. Its expectation is 1 when the results agree within their
/// uncertainties; the terms are not independent, so the reference distribution is simulated: the
/// p-value is the fraction of replicates x* ~ N(0, V) whose χ²*_PD,j exceeds the observed one, the
/// critical values their 95 % and 99 % quantiles.
///
/// metRology's `bootPDchisq` draws its replicates independently even when a covariance is given;
/// here they are drawn from N(0, V) with the covariance, the null distribution of the statistic as
/// defined. Without correlations the two are the same.
public struct PairDifferenceChiSquared: Sendable, Hashable, Codable {
    /// χ²_PD,j per included laboratory, with p-value and critical values when bootstrapped.
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

    /// χ²_PD,j of the included results (using the comparison's covariance), bootstrapped with
    /// `trials` replicates (nil: values only).
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than 2
    ///   included results; ``KeyComparisonError/invalidSetting(_:value:reason:)`` for trials < 100.
    /// - Complexity: O(trials·n²), in parallel blocks.
    public static func evaluate(
        _ comparison: Comparison, trials: Int? = nil, seed: UInt64 = Xoshiro256.defaultSeed
    ) throws(KeyComparisonError) -> PairDifferenceChiSquared {
        try PairwiseStatistics(comparison).evaluate(trials: trials, seed: seed).1
    }
}
