/// The verdict of an outlier test at the two levels of ISO 5725-2:1994 §7.3.2.
///
/// A test statistic beyond its 5 % critical value but not beyond its 1 % critical value marks a
/// *straggler*; beyond the 1 % critical value, a *statistical outlier*; otherwise the value is
/// *correct* (ISO's word), here ``consistent``. The same two levels are used for the bootstrapped
/// statistics (MSD, pair-difference χ²), whose critical values are the simulated 95 % and 99 %
/// quantiles.
public enum OutlierClassification: String, Sendable, Hashable, Codable, CaseIterable {
    /// Within the 5 % critical value.
    case consistent
    /// Beyond the 5 % but within the 1 % critical value.
    case straggler
    /// Beyond the 1 % critical value.
    case outlier

    /// The verdict for a statistic that is large under the alternative (Mandel h and k, Grubbs
    /// single, Cochran, MSD, pair-difference χ²). Pass |h| for Mandel's two-sided h.
    public init(upperTailStatistic statistic: Double, criticalValues: CriticalValues) {
        if statistic > criticalValues.onePercent {
            self = .outlier
        } else if statistic > criticalValues.fivePercent {
            self = .straggler
        } else {
            self = .consistent
        }
    }

    /// The verdict for a statistic that is small under the alternative (the double Grubbs ratio).
    public init(lowerTailStatistic statistic: Double, criticalValues: CriticalValues) {
        if statistic < criticalValues.onePercent {
            self = .outlier
        } else if statistic < criticalValues.fivePercent {
            self = .straggler
        } else {
            self = .consistent
        }
    }
}
