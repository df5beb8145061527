import Uncertainty

/// Settings shared by every evaluation method, valid by construction: a value of this type has a
/// positive finite coverage factor, a coverage probability strictly between 0 and 1 and, when
/// given, a positive number of trials, so no estimator checks them again.
///
///     let options = try EvaluationOptions(coverageFactor: 2, trials: 10_000, seed: 5)
public struct EvaluationOptions: Sendable, Hashable {
    /// The coverage factor k for expanded uncertainties U = k·u of closed-form methods (default 2).
    public let coverageFactor: Double
    /// The coverage probability of intervals from Monte Carlo methods (default 0.95).
    public let coverageProbability: Double
    /// Whether to compute the bilateral degrees of equivalence (default true).
    public let includesPairwise: Bool
    /// Monte Carlo trials, bootstrap replicates or MCMC iterations; nil = the method's default.
    public let trials: Int?
    /// The seed of the random generator (default ``Xoshiro256/defaultSeed``).
    public let seed: UInt64

    /// The defaults: k = 2, p = 0.95, pairwise degrees of equivalence, each method's trials, the
    /// default seed.
    public init() {
        coverageFactor = 2
        coverageProbability = 0.95
        includesPairwise = true
        trials = nil
        seed = Xoshiro256.defaultSeed
    }

    /// Options with the given values.
    ///
    /// - Throws: ``KeyComparisonError/invalidSetting(_:value:reason:)`` naming
    ///   ``EvaluationSetting/coverageFactor``, ``EvaluationSetting/coverageProbability`` or
    ///   ``EvaluationSetting/trials``.
    public init(
        coverageFactor: Double = 2, coverageProbability: Double = 0.95, includesPairwise: Bool = true,
        trials: Int? = nil, seed: UInt64 = Xoshiro256.defaultSeed
    ) throws(KeyComparisonError) {
        guard coverageFactor.isFinite, coverageFactor > 0 else {
            throw .invalidSetting(.coverageFactor, value: "\(coverageFactor)", reason: "must be positive and finite")
        }
        guard coverageProbability > 0, coverageProbability < 1 else {
            throw .invalidSetting(
                .coverageProbability, value: "\(coverageProbability)", reason: "must lie strictly between 0 and 1")
        }
        if let trials, trials < 1 {
            throw .invalidSetting(.trials, value: "\(trials)", reason: "must be a positive number")
        }
        self.coverageFactor = coverageFactor
        self.coverageProbability = coverageProbability
        self.includesPairwise = includesPairwise
        self.trials = trials
        self.seed = seed
    }
}
