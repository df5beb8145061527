/// The outcome of evaluating a key comparison with one method: the reference value, the
/// consistency or heterogeneity statistics the method produces, and the degrees of equivalence.
///
/// It encodes to the evaluation JSON (`equivalence evaluate --format json`; ARCHITECTURE.md, "File formats"); fields
/// a method does not produce are nil and are omitted from the JSON, never filled with zeros.
public struct Evaluation: Sendable, Hashable, Codable {
    /// The comparison's identifier.
    public var comparison: String
    /// The unit of the reference value and of the differences.
    public var unit: String?
    /// The method (encoded as its name, e.g. `weighted-mean`).
    public var method: EvaluationMethod
    /// The key comparison reference value (KCRV) and its uncertainty.
    public var referenceValue: ReferenceValue
    /// The χ² test of Cox 2002 Procedure A, for methods that assume a common value.
    public var consistency: ConsistencyCheck?
    /// Cochran's Q and the between-laboratory standard deviation τ, for random-effects methods.
    public var heterogeneity: Heterogeneity?
    /// The laboratories whose results determine the reference value.
    public var includedLaboratories: [LaboratoryID]
    /// Unilateral degrees of equivalence, one per result (included or not), in result order.
    public var degreesOfEquivalence: [DegreeOfEquivalence]
    /// Bilateral degrees of equivalence, one per unordered pair of results.
    public var pairwise: [PairwiseDegreeOfEquivalence]?
    /// Method-specific details (Monte Carlo trials and seed, the subset search, sampler diagnostics).
    public var details: EvaluationDetails?

    public init(
        comparison: String, unit: String?, method: EvaluationMethod, referenceValue: ReferenceValue,
        consistency: ConsistencyCheck? = nil, heterogeneity: Heterogeneity? = nil,
        includedLaboratories: [LaboratoryID], degreesOfEquivalence: [DegreeOfEquivalence],
        pairwise: [PairwiseDegreeOfEquivalence]? = nil, details: EvaluationDetails? = nil
    ) {
        self.comparison = comparison
        self.unit = unit
        self.method = method
        self.referenceValue = referenceValue
        self.consistency = consistency
        self.heterogeneity = heterogeneity
        self.includedLaboratories = includedLaboratories
        self.degreesOfEquivalence = degreesOfEquivalence
        self.pairwise = pairwise
        self.details = details
    }

    /// The unilateral degree of equivalence of a laboratory, or nil.
    public func degreeOfEquivalence(of laboratory: LaboratoryID) -> DegreeOfEquivalence? {
        degreesOfEquivalence.first { $0.laboratory == laboratory }
    }
}

/// The key comparison reference value y and its uncertainty.
public struct ReferenceValue: Sendable, Hashable, Codable {
    /// The value y (the KCRV).
    public var value: Double
    /// u(y).
    public var standardUncertainty: Double
    /// U(y) = k·u(y), or half the width of a coverage interval for Monte Carlo methods.
    public var expandedUncertainty: Double
    /// k, when U was obtained as k·u.
    public var coverageFactor: Double?
    /// A coverage interval [low, high] (probabilistically symmetric for Monte Carlo methods).
    public var coverageInterval: [Double]?
    /// The shortest coverage interval (JCGM 101 5.3.4), for Monte Carlo methods.
    public var shortestCoverageInterval: [Double]?
    /// The coverage probability of the intervals.
    public var coverageProbability: Double?

    public init(
        value: Double, standardUncertainty: Double, expandedUncertainty: Double, coverageFactor: Double? = nil,
        coverageInterval: [Double]? = nil, shortestCoverageInterval: [Double]? = nil,
        coverageProbability: Double? = nil
    ) {
        self.value = value
        self.standardUncertainty = standardUncertainty
        self.expandedUncertainty = expandedUncertainty
        self.coverageFactor = coverageFactor
        self.coverageInterval = coverageInterval
        self.shortestCoverageInterval = shortestCoverageInterval
        self.coverageProbability = coverageProbability
    }

    /// y ± k·u.
    public init(value: Double, standardUncertainty: Double, coverageFactor k: Double) {
        self.init(
            value: value, standardUncertainty: standardUncertainty, expandedUncertainty: k * standardUncertainty,
            coverageFactor: k)
    }
}

/// The χ² consistency check of Cox 2002 Procedure A (Metrologia 39, 589, §5.1 step 3).
///
/// χ²_obs = Σ (x_i − y)²/u_i² (rᵀV⁻¹r with correlations), ν = n − 1; the check fails when
/// Pr{χ²(ν) > χ²_obs} < 0.05. The Birge ratio R_B = √(χ²_obs/ν) (Birge 1932).
public struct ConsistencyCheck: Sendable, Hashable, Codable {
    /// χ²_obs.
    public var chiSquared: Double
    /// ν = n − 1 for n included results.
    public var degreesOfFreedom: Int
    /// Pr{χ²(ν) > χ²_obs}.
    public var pValue: Double
    /// χ²_{0.95}(ν), the critical value at the 5 % level.
    public var criticalValue: Double
    /// R_B = √(χ²_obs/ν).
    public var birgeRatio: Double
    /// χ²_obs ≤ χ²_{0.95}(ν).
    public var consistent: Bool

    public init(
        chiSquared: Double, degreesOfFreedom: Int, pValue: Double, criticalValue: Double, birgeRatio: Double,
        consistent: Bool
    ) {
        self.chiSquared = chiSquared
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.criticalValue = criticalValue
        self.birgeRatio = birgeRatio
        self.consistent = consistent
    }
}

/// Heterogeneity of a random-effects (laboratory-effects) evaluation: the estimated
/// between-laboratory standard deviation τ ("dark uncertainty", Thompson & Ellison 2011) and
/// Cochran's Q with I² and H² (Higgins & Thompson, Stat. Med. 21 (2002) 1539).
public struct Heterogeneity: Sendable, Hashable, Codable {
    /// τ̂.
    public var tau: Double
    /// τ̂².
    public var tauSquared: Double
    /// Cochran's Q = Σ w_i (x_i − ȳ_FE)², w_i = 1/u_i².
    public var cochranQ: Double
    /// ν = n − 1 of Q.
    public var degreesOfFreedom: Int?
    /// Pr{χ²(n − 1) > Q}.
    public var pValue: Double?
    /// I² as a fraction in [0, 1]: τ̂²/(τ̂² + s̃²), s̃² the typical within-laboratory variance
    /// (metafor's definition; equal to (Q − ν)/Q for DerSimonian–Laird).
    public var iSquared: Double?
    /// H² = (τ̂² + s̃²)/s̃².
    public var hSquared: Double?
    /// u(τ): the posterior standard deviation of τ, for Bayesian methods.
    public var tauStandardUncertainty: Double?
    /// A coverage (credible) interval for τ, for Bayesian methods: probabilistically symmetric, with
    /// the coverage probability of the reference value's interval.
    public var tauCoverageInterval: [Double]?

    public init(
        tau: Double, tauSquared: Double, cochranQ: Double, degreesOfFreedom: Int? = nil, pValue: Double? = nil,
        iSquared: Double? = nil, hSquared: Double? = nil
    ) {
        self.tau = tau
        self.tauSquared = tauSquared
        self.cochranQ = cochranQ
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.iSquared = iSquared
        self.hSquared = hSquared
    }
}

/// A unilateral degree of equivalence (CIPM MRA T.3): d_i = x_i − y and its expanded uncertainty.
public struct DegreeOfEquivalence: Sendable, Hashable, Codable {
    /// The laboratory.
    public var laboratory: LaboratoryID
    /// Whether the result took part in the reference value.
    public var includedInReferenceValue: Bool
    /// d_i = x_i − y.
    public var difference: Double
    /// u(d_i), where the method gives one.
    public var standardUncertainty: Double?
    /// U(d_i): k·u(d_i), or the half-width of a 95 % interval for Monte Carlo methods.
    public var expandedUncertainty: Double
    /// E_n = d_i/U(d_i) (ISO 13528 §9.7); omitted when U(d_i) = 0.
    public var normalizedError: Double?
    /// A 95 % coverage interval for d_i, for Monte Carlo methods.
    public var coverageInterval: [Double]?
    /// The shortest 95 % coverage interval for d_i, for Monte Carlo methods.
    public var shortestCoverageInterval: [Double]?
    /// u(d_i) "without dark uncertainty", for random-effects methods: the same d_i and KCRV weights,
    /// with τ² left out of the covariance, so that it reflects only u(x_i), u(y) and their
    /// correlation (the NIST Decision Tree's U*, manual §6).
    public var standardUncertaintyWithoutDarkUncertainty: Double?
    /// k·u(d_i) without dark uncertainty.
    public var expandedUncertaintyWithoutDarkUncertainty: Double?

    public init(
        laboratory: LaboratoryID, includedInReferenceValue: Bool, difference: Double, standardUncertainty: Double?,
        expandedUncertainty: Double, coverageInterval: [Double]? = nil, shortestCoverageInterval: [Double]? = nil
    ) {
        self.laboratory = laboratory
        self.includedInReferenceValue = includedInReferenceValue
        self.difference = difference
        self.standardUncertainty = standardUncertainty
        self.expandedUncertainty = expandedUncertainty
        self.normalizedError = expandedUncertainty > 0 ? difference / expandedUncertainty : nil
        self.coverageInterval = coverageInterval
        self.shortestCoverageInterval = shortestCoverageInterval
    }
}

/// A bilateral degree of equivalence between two laboratories (CIPM MRA T.3):
/// d_ij = x_i − x_j = d_i − d_j and its expanded uncertainty.
public struct PairwiseDegreeOfEquivalence: Sendable, Hashable, Codable {
    /// The two laboratories [i, j]; the difference is i minus j.
    public var laboratories: [LaboratoryID]
    /// d_ij = d_i − d_j.
    public var difference: Double
    /// u(d_ij), where the method gives one.
    public var standardUncertainty: Double?
    /// U(d_ij).
    public var expandedUncertainty: Double
    /// d_ij/U(d_ij); omitted when U(d_ij) = 0.
    public var normalizedError: Double?
    /// A 95 % coverage interval for d_ij, for Monte Carlo methods.
    public var coverageInterval: [Double]?
    /// u(d_ij) without dark uncertainty (τ² left out), for random-effects methods.
    public var standardUncertaintyWithoutDarkUncertainty: Double?
    /// k·u(d_ij) without dark uncertainty.
    public var expandedUncertaintyWithoutDarkUncertainty: Double?

    public init(
        laboratories: [LaboratoryID], difference: Double, standardUncertainty: Double?, expandedUncertainty: Double
    ) {
        self.laboratories = laboratories
        self.difference = difference
        self.standardUncertainty = standardUncertainty
        self.expandedUncertainty = expandedUncertainty
        self.normalizedError = expandedUncertainty > 0 ? difference / expandedUncertainty : nil
    }
}

/// Method-specific details of an evaluation; every field is optional.
public struct EvaluationDetails: Sendable, Hashable, Codable {
    /// Monte Carlo trials (or bootstrap replicates, or MCMC draws kept).
    public var trials: Int?
    /// The seed of the random generator.
    public var seed: UInt64?
    /// Free-form notes for the reader of the report (e.g. "τ̂ = 0: the weighted mean").
    public var notes: [String]?
    /// The maximized log-likelihood of a likelihood-based method (for REML the restricted one),
    /// with the constants metafor includes (its `logLik`).
    public var logLikelihood: Double?
    /// Chain lengths and convergence diagnostics (split-R̂, effective sample size) of Markov chain
    /// Monte Carlo methods.
    public var markovChain: MarkovChainDiagnostics?
    /// The subset search of the largest-consistent-subset method (Cox 2007).
    public var largestConsistentSubset: ConsistentSubsetSearch?

    public init(
        trials: Int? = nil, seed: UInt64? = nil, notes: [String]? = nil, markovChain: MarkovChainDiagnostics? = nil
    ) {
        self.trials = trials
        self.seed = seed
        self.notes = notes
        self.markovChain = markovChain
    }
}
