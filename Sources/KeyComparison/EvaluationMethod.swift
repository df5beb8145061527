/// The names of the evaluation methods, as the CLI's `--method` and the JSON `method` field
/// spell them.
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
    /// ISO 13528 Algorithm A (robust average x*, u = 1.25·s*/√p).
    case algorithmA = "algorithm-a"
    /// Huber M-estimate with weights 1/u² (metRology `huber.estimate`, MASS `rlm`).
    case huber = "huber"
    /// Random effects, Hunter–Schmidt τ² (metafor "HS").
    case hunterSchmidt = "hunter-schmidt"
    /// Random effects, Sidik–Jonkman τ² (metafor "SJ").
    case sidikJonkman = "sidik-jonkman"
    /// Random effects, Hedges' unweighted method-of-moments τ² (metafor "HE").
    case hedges = "hedges"
    /// Hierarchical Bayes with Laplace laboratory effects (Rukhin & Possolo 2011; NICOB "Bayes Laplace").
    case hierarchicalBayesLaplace = "hierarchical-bayes-laplace"
}
