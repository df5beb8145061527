/// A method that evaluates a key comparison: computes the reference value (KCRV) from the
/// included results and the degrees of equivalence of every result.
///
/// Each method is one conforming type in `Estimators/`, so a new method is one new file. The
/// method's own settings (priors, the Knapp–Hartung adjustment, pool weights, …) are stored
/// properties of the conforming type, checked by ``validateSettings()``; the settings every method
/// shares are an ``EvaluationOptions`` value, valid by construction. ``EvaluationConfiguration``
/// builds any estimator from a method name and its settings, so a program never needs to know the
/// conforming types.
///
/// Every estimator gives two things: its own result, ``estimate(_:options:)`` (the fitted model,
/// the posterior, the subset search — whatever the method computes before the degrees of
/// equivalence), and the ``Evaluation`` that reports it in the common form.
///
///     let evaluation = try WeightedMean().evaluate(comparison)
///     evaluation.referenceValue.value        // 33.2996 for CCQM-K25 PCB 28
///     let fit = try WeightedMean().estimate(comparison)
///     fit.chiSquared                         // 68.22
public protocol ReferenceValueEstimator: Sendable {
    /// The method's own result (e.g. ``WeightedMean/Estimate``, ``HierarchicalBayesPosterior``).
    associatedtype Estimate: Sendable

    /// The method this estimator implements.
    var method: EvaluationMethod { get }

    /// Checks the estimator's own settings (not the data): the one place each method states which
    /// settings it accepts. The default has nothing to check.
    ///
    /// - Throws: ``KeyComparisonError/invalidSetting(_:value:reason:)`` or
    ///   ``KeyComparisonError/conflictingSettings(_:_:)``.
    func validateSettings() throws(KeyComparisonError)

    /// The method's own result for the comparison.
    ///
    /// - Throws: ``KeyComparisonError`` when the data or the settings do not allow the method.
    func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Estimate

    /// Evaluates the comparison: reference value, consistency or heterogeneity, degrees of
    /// equivalence.
    ///
    /// - Throws: ``KeyComparisonError`` when the data do not allow the method (too few included
    ///   results, an unusable setting), never a trap.
    func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
}

extension ReferenceValueEstimator {
    public func validateSettings() throws(KeyComparisonError) {}

    /// Evaluates with the default options (k = 2, 95 %, pairwise DoE, the default seed).
    public func evaluate(_ comparison: Comparison) throws(KeyComparisonError) -> Evaluation {
        try evaluate(comparison, options: EvaluationOptions())
    }

    /// The method's own result with the default options.
    public func estimate(_ comparison: Comparison) throws(KeyComparisonError) -> Estimate {
        try estimate(comparison, options: EvaluationOptions())
    }
}
