/// An estimator of the between-laboratory variance τ² of the laboratory-effects model
/// (``RandomEffectsModel``): DerSimonian–Laird, Paule–Mandel, ML, REML, Hunter–Schmidt,
/// Sidik–Jonkman, Hedges.
///
/// Each estimator is one type, so a new one is one new file; ``RandomEffects`` turns any of them
/// into a key comparison evaluation (reference value μ̂(τ̂²), heterogeneity, degrees of equivalence).
///
///     let tau2 = try DerSimonianLaird().tauSquared(RandomEffectsModel(pcb28))   // 2.9289 (ng/g)²
public protocol BetweenLaboratoryVarianceEstimator: Sendable {
    /// The evaluation method this estimator defines (its `--method` name).
    var method: EvaluationMethod { get }

    /// τ̂² ≥ 0 for the model's results.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than two
    ///   results; ``KeyComparisonError/didNotConverge(method:detail:)`` if an iteration fails.
    func tauSquared(_ model: RandomEffectsModel) throws(KeyComparisonError) -> Double
}

extension RandomEffectsModel {
    /// Throws unless the model has at least two results (τ² is not identifiable from one).
    func requireTwoResults() throws(KeyComparisonError) {
        guard count >= 2 else { throw .insufficientParticipants(needed: 2, found: count) }
    }

    /// The model of a comparison with at least two included results.
    static func requiringTwoResults(_ comparison: Comparison) throws(KeyComparisonError) -> RandomEffectsModel {
        guard !comparison.isCorrelated else { throw .correlationsNotSupported(method: "the random-effects model") }
        let included = comparison.includedIndices.count
        guard included >= 2 else { throw .insufficientParticipants(needed: 2, found: included) }
        return try RandomEffectsModel(comparison)
    }
}
