/// The distribution of the laboratory effects λ_i in the hierarchical model x_i = μ + λ_i + ε_i.
///
/// Both have mean 0 and standard deviation τ, the dark uncertainty (Thompson & Ellison, Accred.
/// Qual. Assur. 16 (2011) 483).
public enum LaboratoryEffects: String, Sendable, Hashable, Codable, CaseIterable {
    /// λ_i ~ N(0, τ²): NICOB's "Bayesian hierarchical" model (Koepke et al., Metrologia 54 (2017)
    /// S34, §A.3) and the NIST Decision Tree's HGG.
    case gaussian
    /// λ_i ~ Laplace with standard deviation τ (scale τ/√2, density exp(−√2|λ|/τ)/(√2τ)): heavier
    /// tails, so that an outlying laboratory pulls the reference value less (Rukhin & Possolo,
    /// Comput. Stat. Data Anal. 55 (2011) 1815; NICOB 1.4 "Bayes Laplace", the Decision Tree's HLG).
    case laplace
}
