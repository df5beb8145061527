import ArgumentParser
import KeyComparison

/// The options of `equivalence evaluate` that apply to the random-effects methods
/// (dersimonian-laird, paule-mandel, reml, ml, hunter-schmidt, sidik-jonkman, hedges).
struct RandomEffectsOptions: ParsableArguments {
    @Flag(
        help: """
            Random-effects methods: u(y) by Knapp–Hartung, u² = q/Σw* with q not floored at 1, and a t(n−1) \
            interval (metafor test="knha").
            """)
    var knappHartung = false

    @Flag(
        help: """
            dersimonian-laird: u(y) and the 95 % interval from NICOB's parametric bootstrap (uncertainty of τ \
            and of the u_i through their degrees of freedom); --trials replicates (default 10000), --seed.
            """)
    var bootstrap = false

    @Option(
        name: .customLong("doe"),
        help: """
            Random-effects degrees of equivalence: closed-form (default; V + τ²I, also reported without τ²), \
            mra (NICOB's bootstrap, dersimonian-laird) or leave-one-out (NICOB, dersimonian-laird).
            """)
    var degreesOfEquivalence: RandomEffects.DegreesOfEquivalenceMethod?

    /// Sets the options that were given; the configuration checks that they apply to its method.
    func apply(to configuration: inout EvaluationConfiguration) throws {
        if knappHartung && bootstrap {
            throw ValidationError("--knapp-hartung and --bootstrap exclude each other: choose one evaluation of u(y)")
        }
        if knappHartung { configuration.randomEffectsUncertainty = .knappHartung }
        if bootstrap { configuration.randomEffectsUncertainty = .bootstrap }
        configuration.randomEffectsDegreesOfEquivalence = degreesOfEquivalence
    }
}
