/// One step of a traceability chain, with its part of the uncertainty budget (reference note §4.3).
///
/// For the link's point y with references y_j: the inherited uncertainty is
/// √Var(Σ_j c_j·y_j), the added variance δ² = u²(y) − Var(Σ_j c_j·y_j) (negative when rule T07 is
/// violated), and the share is c²·δ²/u²(result), the fraction of the result's variance that this
/// link contributes (c = the result's sensitivity to the link through all paths). For an anchor,
/// nothing is inherited and δ² = u².
public struct ChainLink: Sendable, Hashable, Codable {
    /// The kind of node of a link.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The top of a chain: a realization of the unit or another accepted reference (``Anchor``).
        case anchor
        /// A calibration point (``Calibration/Point``).
        case calibration
    }

    /// The calibration (`id` or `id#point`) or anchor.
    public var node: String
    /// Whether the link is an anchor or a calibration point.
    public var kind: Kind
    /// The issuer of the calibration, or the holder of the anchor.
    public var organization: String?
    /// The day the calibration was performed; nil for an anchor.
    public var date: CalendarDate?
    /// x, the calibrated (or realised) value, in ``unit``; nil for an anchor that states none (a
    /// unit definition).
    public var value: Double?
    /// The unit of the link's value and uncertainties, as the graph spells it.
    public var unit: String
    /// U as stated, in ``unit``; nil when the link states a standard uncertainty.
    public var expandedUncertainty: Double?
    /// k of ``expandedUncertainty`` (u = U/k, GUM 6.2.1); nil when a standard uncertainty is stated.
    public var coverageFactor: Double?
    /// u of the link, in ``unit``.
    public var standardUncertainty: Double
    /// √Var(Σ_j c_j·y_j) over all the link's references, in ``unit``; nil without a budget.
    public var inheritedUncertainty: Double?
    /// δ², in ``unit``²; nil without a budget.
    public var addedVariance: Double?
    /// √max(0, δ²).
    public var addedUncertainty: Double?
    /// c²·δ²/u²(result); nil without a budget.
    public var share: Double?
    /// The link's own expiry (validUntil, or date + interval).
    public var validUntil: CalendarDate?
}

/// One path from a result up to an anchor (or to where the chain stops), links ordered from the
/// anchor down to the result — the chain entry of the `trace check --format json` report.
public struct ChainPath: Sendable, Hashable, Codable {
    /// The result (`calibration` or `calibration#point`).
    public var result: String
    /// The anchor at the top, nil when the path stops elsewhere (a broken chain).
    public var anchor: String?
    /// The links, from the anchor (or the last link reached) down to the result.
    public var links: [ChainLink]
    /// u of the result, in ``unit``.
    public var standardUncertainty: Double
    /// The unit of ``standardUncertainty``: the result's.
    public var unit: String
    /// The earliest expiry along the path: the date until which every certificate in it is valid.
    public var validUntil: CalendarDate?
}
