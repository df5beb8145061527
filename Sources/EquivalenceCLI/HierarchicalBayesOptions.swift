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

    private var isSet: Bool {
        tauPriorMedian != nil || sigmaPriorMedian != nil || chains != nil || burnIn != nil || thinning != nil
            || ignoreDarkUncertainty || requireConvergence
    }

    /// The estimator with these options applied; the options are an error for any other method.
    func configure(_ estimator: any ReferenceValueEstimator) throws -> any ReferenceValueEstimator {
        guard var bayes = estimator as? HierarchicalBayes else {
            if isSet {
                throw ValidationError(
                    "--tau-prior-median, --sigma-prior-median, --chains, --burn-in, --thinning, "
                        + "--ignore-dark-uncertainty and --require-convergence apply to the hierarchical-bayes methods only"
                )
            }
            return estimator
        }
        if let tauPriorMedian { bayes.tauPriorMedian = tauPriorMedian }
        if let sigmaPriorMedian { bayes.sigmaPriorMedian = sigmaPriorMedian }
        if let chains { bayes.chains = chains }
        if let burnIn { bayes.burnIn = burnIn }
        if let thinning { bayes.thinning = thinning }
        if ignoreDarkUncertainty { bayes.recognizesDarkUncertainty = false }
        if requireConvergence { bayes.requiresConvergence = true }
        return bayes
    }
}
