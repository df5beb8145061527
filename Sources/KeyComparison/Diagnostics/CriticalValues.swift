/// The critical values of a test statistic at the 5 % and 1 % significance levels, the two levels
/// of ISO 5725-2:1994 §7.3.2 (straggler and statistical outlier).
///
/// For a simulated statistic (MSD, pair-difference χ²) these are its 95 % and 99 % quantiles under
/// the hypothesis that every result is consistent with a common value (metRology `bootMSD`,
/// `probs = c(0.95, 0.99)`); for the double Grubbs ratio, which is small under the alternative, they
/// are lower quantiles.
public struct CriticalValues: Sendable, Hashable, Codable {
    /// The critical value at the 5 % level.
    public var fivePercent: Double
    /// The critical value at the 1 % level.
    public var onePercent: Double

    public init(fivePercent: Double, onePercent: Double) {
        self.fivePercent = fivePercent
        self.onePercent = onePercent
    }
}
