internal import EquivalenceSupport

/// An uncertainty as a certificate states it: a standard uncertainty u, or an expanded
/// uncertainty U with its coverage factor k (u = U/k, GUM 6.2.1).
///
/// Kept as stated so that a graph file reads back exactly as written; checks and budgets use
/// ``standardUncertainty``. D-SI (kValueType) requires k ≥ 1; the graph reader enforces it.
///
///     StatedUncertainty.expanded(0.061, coverageFactor: 2).standardUncertainty   // 0.0305
public enum StatedUncertainty: Sendable, Hashable {
    /// u, in the unit of the value.
    case standard(Double)
    /// U and k, in the unit of the value.
    case expanded(Double, coverageFactor: Double)

    /// u = U/k, or the stated u.
    public var standardUncertainty: Double {
        switch self {
        case .standard(let u): u
        case .expanded(let expanded, let k): expanded / k
        }
    }

    /// The stated U, or nil for a standard uncertainty.
    public var expandedUncertainty: Double? {
        if case .expanded(let expanded, _) = self { return expanded }
        return nil
    }

    /// The stated k, or nil for a standard uncertainty.
    public var coverageFactor: Double? {
        if case .expanded(_, let k) = self { return k }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case standardUncertainty, expandedUncertainty, coverageFactor
    }

    /// Reads `standardUncertainty`, or `expandedUncertainty` with `coverageFactor`, from a node's
    /// container; nil when none of them is present.
    ///
    /// - Parameter allowsZero: anchors may state u = 0 (a defined value); calibration points may not.
    static func decodeIfPresent(
        from decoder: any Decoder, node: String, prefix: String = "", allowsZero: Bool
    ) throws -> StatedUncertainty? {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = try container.decodeFiniteIfPresent(.standardUncertainty, node: node)
        let expanded = try container.decodeFiniteIfPresent(.expandedUncertainty, node: node)
        let k = try container.decodeFiniteIfPresent(.coverageFactor, node: node)
        func check(_ value: Double, _ field: CodingKeys) throws {
            guard allowsZero ? value >= 0 : value > 0 else {
                throw TraceabilityError.invalidField(
                    node: node, field: prefix + field.stringValue,
                    reason: allowsZero ? "must not be negative, found \(value)" : "must be positive, found \(value)")
            }
        }
        switch (standard, expanded, k) {
        case (nil, nil, nil):
            return nil
        case (let u?, nil, nil):
            try check(u, .standardUncertainty)
            return .standard(u)
        case (nil, let expanded?, let k?):
            try check(expanded, .expandedUncertainty)
            if let problem = CoverageBounds.coverageFactorProblem(k) {
                throw TraceabilityError.invalidField(node: node, field: prefix + "coverageFactor", reason: problem)
            }
            return .expanded(expanded, coverageFactor: k)
        case (nil, _?, nil):
            throw TraceabilityError.invalidField(
                node: node, field: prefix + "coverageFactor", reason: "required with expandedUncertainty")
        case (nil, nil, _?):
            throw TraceabilityError.invalidField(
                node: node, field: prefix + "expandedUncertainty", reason: "coverageFactor given without it")
        default:
            throw TraceabilityError.invalidField(
                node: node, field: prefix + "standardUncertainty",
                reason: "give either standardUncertainty or expandedUncertainty with coverageFactor, not both")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .standard(let u):
            try container.encode(u, forKey: .standardUncertainty)
        case .expanded(let expanded, let k):
            try container.encode(expanded, forKey: .expandedUncertainty)
            try container.encode(k, forKey: .coverageFactor)
        }
    }
}
