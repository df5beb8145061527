import ArgumentParser
import KeyComparison

/// The options of `equivalence evaluate` that only the hierarchical Bayes methods
/// (`hierarchical-bayes`, `hierarchical-bayes-laplace`) take; `--trials` sets their iterations
/// per chain and `--seed` their seed.
struct HierarchicalBayesOptions: ParsableArguments {
    @Option(help: "Hierarchical Bayes: median of the half-Cauchy prior of τ (default mad of the included values).")
    var tauPriorMedian: Double?

    @Option(help: "Hierarchical Bayes: median of the half-Cauchy priors of the σ_i (default median u_i).")
    var sigmaPriorMedian: Double?

    @Option(help: "Hierarchical Bayes: number of Markov chains (default 2).")
    var chains: Int?

    @Option(help: "Hierarchical Bayes: iterations discarded at the start of each chain (default trials/5).")
    var burnIn: Int?

    @Option(help: "Hierarchical Bayes: keep every n-th iteration (default: at most 20 000 draws per chain).")
    var thinning: Int?

    @Flag(help: "Hierarchical Bayes: degrees of equivalence without the laboratory effect (dark uncertainty).")
    var ignoreDarkUncertainty = false

    @Flag(help: "Hierarchical Bayes: fail instead of warning when split-R̂ of μ or τ exceeds 1.05.")
    var requireConvergence = false

    /// Sets the options that were given; the configuration checks that they apply to its method.
    func apply(to configuration: inout EvaluationConfiguration) {
        configuration.tauPriorMedian = tauPriorMedian
        configuration.sigmaPriorMedian = sigmaPriorMedian
        configuration.chains = chains
        configuration.burnIn = burnIn
        configuration.thinning = thinning
        if ignoreDarkUncertainty { configuration.recognizesDarkUncertainty = false }
        if requireConvergence { configuration.requiresConvergence = true }
    }
}
