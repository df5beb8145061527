import ArgumentParser
import Uncertainty

/// `--trials` and `--seed`, shared by every command that simulates (evaluate, diagnose, propagate).
struct SimulationOptions: ParsableArguments {
    @Option(
        help: """
            Monte Carlo trials, bootstrap replicates or MCMC iterations per chain (the method's or command's \
            default when absent).
            """)
    var trials: Int?

    @Option(
        help: "Seed of the random generator (default \(Xoshiro256.defaultSeed)); the same seed gives the same result."
    )
    var seed: UInt64?
}

/// `--coverage-factor`, shared by the commands that report expanded uncertainties U = k·u.
struct CoverageOptions: ParsableArguments {
    @Option(help: "The coverage factor k for expanded uncertainties U = k·u.")
    var coverageFactor: Double = 2
}
