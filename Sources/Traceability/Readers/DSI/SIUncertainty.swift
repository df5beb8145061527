/// A univariate measurement uncertainty as D-SI states it.
///
/// D-SI 2.x `measurementUncertaintyUnivariate` (`standardMU`, `expandedMU`, `coverageIntervalMU`)
/// and its deprecated D-SI 1.x/2.0 forms `expandedUnc` and `coverageInterval` (D-SI XSD 2.2.0,
/// realQuantityType). All normalise to a standard uncertainty u: u = U/k for an expanded
/// uncertainty (GUM 6.2.1), the stated u for the other two.
///
///     SIUncertainty.expanded(0.061, coverageFactor: 2, coverageProbability: 0.95, distribution: "normal")
///         .standardUncertainty   // 0.0305
public enum SIUncertainty: Sendable, Hashable {
    /// u, optionally with its distribution.
    case standard(Double, distribution: String?)
    /// U with k, p and the distribution.
    case expanded(Double, coverageFactor: Double, coverageProbability: Double?, distribution: String?)
    /// A coverage interval [lower, upper] with probability p and its standard uncertainty u.
    case coverageInterval(standardUncertainty: Double, lower: Double, upper: Double, coverageProbability: Double?)

    /// u: U/k, or the stated standard uncertainty.
    public var standardUncertainty: Double {
        switch self {
        case .standard(let u, _): u
        case .expanded(let expanded, let k, _, _): expanded / k
        case .coverageInterval(let u, _, _, _): u
        }
    }

    /// U when the uncertainty is stated as expanded.
    public var expandedUncertainty: Double? {
        if case .expanded(let expanded, _, _, _) = self { return expanded }
        return nil
    }

    /// k when the uncertainty is stated as expanded.
    public var coverageFactor: Double? {
        if case .expanded(_, let k, _, _) = self { return k }
        return nil
    }

    /// p when stated.
    public var coverageProbability: Double? {
        switch self {
        case .standard: nil
        case .expanded(_, _, let p, _): p
        case .coverageInterval(_, _, _, let p): p
        }
    }
}
