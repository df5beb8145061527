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
    var degreesOfEquivalence: DegreesOfEquivalenceOption?

    /// Applies the options to a random-effects estimator; any of them with another method is an error.
    func configure(_ estimator: any ReferenceValueEstimator) throws(KeyComparisonError) -> any ReferenceValueEstimator {
        guard knappHartung || bootstrap || degreesOfEquivalence != nil else { return estimator }
        let flag = knappHartung ? "knapp-hartung" : bootstrap ? "bootstrap" : "doe"
        guard var randomEffects = estimator as? RandomEffects else {
            throw .invalidOption(
                name: flag, value: estimator.method, reason: "applies to the random-effects methods only")
        }
        if knappHartung && bootstrap {
            throw .invalidOption(
                name: "bootstrap", value: "with --knapp-hartung", reason: "choose one uncertainty evaluation for u(y)")
        }
        if knappHartung { randomEffects.uncertaintyMethod = .knappHartung }
        if bootstrap { randomEffects.uncertaintyMethod = .bootstrap }
        if let degreesOfEquivalence { randomEffects.degreesOfEquivalenceMethod = degreesOfEquivalence.method }
        return randomEffects
    }
}

/// The values of `--doe`.
enum DegreesOfEquivalenceOption: String, ExpressibleByArgument, CaseIterable {
    case closedForm = "closed-form"
    case mra
    case leaveOneOut = "leave-one-out"

    var method: RandomEffects.DegreesOfEquivalenceMethod {
        switch self {
        case .closedForm: .closedForm
        case .mra: .mraBootstrap
        case .leaveOneOut: .leaveOneOut
        }
    }
}
