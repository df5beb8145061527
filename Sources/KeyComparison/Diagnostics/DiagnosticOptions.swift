import Uncertainty

/// Settings of ``ComparisonDiagnostics/diagnose(_:using:options:)``.
public struct DiagnosticOptions: Sendable, Hashable {
    /// k for the expanded uncertainties of the reference value and the degrees of equivalence (2).
    public var coverageFactor: Double
    /// Replicates of the parametric bootstraps (MSD, pair-difference χ²) and samples of the double
    /// Grubbs simulation (default 10 000, at least 100). The reference-value method keeps its own
    /// default number of trials.
    public var trials: Int
    /// The seed of every simulation (default ``Xoshiro256/defaultSeed``).
    public var seed: UInt64
    /// Whether the consistency diagnostics look at every result rather than only those included
    /// in the reference value (default false). Scores always cover every result.
    public var includesAllLaboratories: Bool
    /// σ_pt, the standard deviation for proficiency assessment, for z and z′ scores (nil: none).
    public var proficiencyStandardDeviation: Double?
    /// An assigned value independent of the results; when given, the scores are computed against
    /// it instead of against the evaluation's reference value.
    public var assignedValue: ReferenceValue?
    /// Within-laboratory spreads for Mandel's k and Cochran's test (nil: k is omitted and Cochran's
    /// C uses the u_i²).
    public var withinLaboratorySpreads: [WithinLaboratorySpread]?

    public init(
        coverageFactor: Double = 2, trials: Int = 10_000, seed: UInt64 = Xoshiro256.defaultSeed,
        includesAllLaboratories: Bool = false, proficiencyStandardDeviation: Double? = nil,
        assignedValue: ReferenceValue? = nil, withinLaboratorySpreads: [WithinLaboratorySpread]? = nil
    ) {
        self.coverageFactor = coverageFactor
        self.trials = trials
        self.seed = seed
        self.includesAllLaboratories = includesAllLaboratories
        self.proficiencyStandardDeviation = proficiencyStandardDeviation
        self.assignedValue = assignedValue
        self.withinLaboratorySpreads = withinLaboratorySpreads
    }
}
