/// Checks on the size of a Monte Carlo request, so that a bad `--trials` is a typed error and
/// not a crash in the allocator or an interval with an empty tail.
enum MonteCarloLimits {
    /// The largest number of stored simulated values (trials × quantities): 5·10⁸, i.e. 2 GB in
    /// single precision.
    static let maximumStoredValues = 500_000_000

    /// Checks that the trials give non-empty tails for the coverage interval (JCGM 101 7.7:
    /// M − q ≥ 1; at least 20 trials for 95 %) and that the stored sample fits in memory.
    ///
    /// - Throws: ``KeyComparisonError/invalidSetting(_:value:reason:)`` naming `trials`.
    static func validate(trials: Int, quantities: Int, coverageProbability p: Double) throws(KeyComparisonError) {
        let minimum = SampleSummary.minimumTrials(coverageProbability: p)
        guard trials >= minimum else {
            throw .invalidSetting(
                .trials, value: "\(trials)",
                reason:
                    "at least \(minimum) trials are needed for a \(percent(p)) coverage interval (10⁵ or more advised)")
        }
        let (stored, overflow) = trials.multipliedReportingOverflow(by: Swift.max(quantities, 1))
        guard !overflow, stored <= maximumStoredValues else {
            throw .invalidSetting(
                .trials, value: "\(trials)",
                reason:
                    "\(quantities) quantities × \(trials) trials exceed the \(maximumStoredValues) simulated values this method stores; use fewer trials"
            )
        }
    }

    /// A coverage probability as a percentage for messages, e.g. "95 %".
    static func percent(_ p: Double) -> String {
        let value = p * 100
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? "\(Int(rounded)) %" : "\(rounded) %"
    }
}
