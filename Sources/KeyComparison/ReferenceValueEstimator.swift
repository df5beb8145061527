import Uncertainty

/// A method that evaluates a key comparison: computes the reference value (KCRV) from the
/// included results and the degrees of equivalence of every result.
///
/// Each method is one conforming type in `Estimators/`, so a new method is one new file. The
/// method's own settings (Monte Carlo trials, priors, the Knapp–Hartung adjustment, …) are
/// stored properties of the conforming type; settings every method shares are in
/// ``EvaluationOptions``.
///
///     let evaluation = try WeightedMean().evaluate(comparison)
///     evaluation.referenceValue.value        // 33.2996 for CCQM-K25 PCB 28
public protocol ReferenceValueEstimator: Sendable {
    /// The method's name as in DESIGN.md (`weighted-mean`, `dersimonian-laird`, …).
    var method: String { get }

    /// Evaluates the comparison.
    ///
    /// - Throws: ``KeyComparisonError`` when the data do not allow the method (too few included
    ///   results, an unusable option), never a trap.
    func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
}

extension ReferenceValueEstimator {
    /// Evaluates with the default options (k = 2, 95 %, pairwise DoE, the default seed).
    public func evaluate(_ comparison: Comparison) throws(KeyComparisonError) -> Evaluation {
        try evaluate(comparison, options: EvaluationOptions())
    }
}

/// Settings shared by every evaluation method.
public struct EvaluationOptions: Sendable, Hashable {
    /// The coverage factor k for expanded uncertainties U = k·u of closed-form methods (default 2).
    public var coverageFactor: Double
    /// The coverage probability of intervals from Monte Carlo methods (default 0.95).
    public var coverageProbability: Double
    /// Whether to compute the bilateral degrees of equivalence (default true).
    public var includesPairwise: Bool
    /// Monte Carlo trials, bootstrap replicates or MCMC iterations; nil = the method's default.
    public var trials: Int?
    /// The seed of the random generator (default ``Xoshiro256/defaultSeed``).
    public var seed: UInt64

    public init(
        coverageFactor: Double = 2, coverageProbability: Double = 0.95, includesPairwise: Bool = true,
        trials: Int? = nil, seed: UInt64 = Xoshiro256.defaultSeed
    ) {
        self.coverageFactor = coverageFactor
        self.coverageProbability = coverageProbability
        self.includesPairwise = includesPairwise
        self.trials = trials
        self.seed = seed
    }

    /// Checks the shared options.
    public func validate() throws(KeyComparisonError) {
        guard coverageFactor.isFinite, coverageFactor > 0 else {
            throw .invalidOption(name: "coverageFactor", value: "\(coverageFactor)", reason: "must be positive")
        }
        guard coverageProbability > 0, coverageProbability < 1 else {
            throw .invalidOption(
                name: "coverageProbability", value: "\(coverageProbability)",
                reason: "must lie strictly between 0 and 1")
        }
        if let trials, trials < 1 {
            throw .invalidOption(name: "trials", value: "\(trials)", reason: "must be a positive number")
        }
    }
}
