/// The names of the evaluation methods, as the CLI's `--method` and the JSON `method` field
/// spell them (DESIGN.md).
public enum EvaluationMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Cox 2002 Procedure A: the weighted mean (GLS with the covariance when one is given).
    case weightedMean = "weighted-mean"
    /// The arithmetic mean with u = √(Σu_i²)/n.
    case arithmeticMean = "arithmetic-mean"
    /// Cox 2002 Procedure B: the median with Monte Carlo uncertainties.
    case median = "median"
    /// Cox 2007: the weighted mean of the largest consistent subset.
    case largestConsistentSubset = "largest-consistent-subset"
    /// Random effects, DerSimonian–Laird τ².
    case derSimonianLaird = "dersimonian-laird"
    /// Random effects, Paule–Mandel τ².
    case pauleMandel = "paule-mandel"
    /// Random effects, restricted maximum likelihood τ².
    case restrictedMaximumLikelihood = "reml"
    /// Random effects, maximum likelihood τ².
    case maximumLikelihood = "ml"
    /// Toman 2007 linear opinion pool.
    case linearPool = "linear-pool"
    /// Hierarchical Bayes with Gaussian laboratory effects.
    case hierarchicalBayes = "hierarchical-bayes"
    /// Hierarchical Bayes with Laplace laboratory effects (Rukhin & Possolo 2011; NICOB "Bayes Laplace").
    case hierarchicalBayesLaplace = "hierarchical-bayes-laplace"
}
