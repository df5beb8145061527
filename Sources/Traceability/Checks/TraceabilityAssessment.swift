/// The outcome of checking a traceability graph: a verdict, the findings, and (on request) the
/// chains of the results with their budgets.
///
/// The verdict is `invalid` when any finding is an error, otherwise `incomplete` when a finding
/// says that something could not be verified (``FindingCode/meansIncomplete``: no recalibration
/// interval, unspecified CMC range, unrecognised route, unverifiable reference digest), otherwise
/// `valid` (warnings such as `NON_SI_ANCHOR` do not change it).
///
/// Its JSON is the report of `trace check --format json`:
///
///     { "verdict": "invalid",
///       "findings": [ { "code": "CIRCULAR_TRACEABILITY", "severity": "error",
///                       "nodes": ["cal-17", "cal-21"], "message": "…", "rule": "T03: VIM 2.40 …" } ],
///       "chains": [ { "result": "cal-42", "anchor": "PTB-kg", "links": [ … ],
///                     "standardUncertainty": 0.0031, "validUntil": "2027-03-01" } ],
///       "summary": { … } }
public struct TraceabilityAssessment: Sendable, Hashable, Codable {
    /// The overall judgement of a graph.
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        /// No error, and nothing that could not be verified: every result is traceable.
        case valid
        /// At least one error finding: traceability is not established.
        case invalid
        /// No error, but something could not be verified (``FindingCode/meansIncomplete``).
        case incomplete
    }

    /// Counts that put the findings in proportion.
    public struct Summary: Sendable, Hashable, Codable {
        /// The number of anchors in the graph.
        public var anchors: Int
        /// The number of organizations in the graph.
        public var organizations: Int
        /// The number of CMCs in the graph.
        public var cmcs: Int
        /// The number of calibrations (certificates) in the graph.
        public var calibrations: Int
        /// The number of calibration points: the nodes of the hierarchy other than anchors.
        public var points: Int
        /// The number of references over all points: the edges of the hierarchy.
        public var references: Int
        /// Calibrations that no other calibration uses (the ends of the chains).
        public var results: Int
        /// The number of error findings.
        public var errors: Int
        /// The number of warning findings.
        public var warnings: Int
        /// The number of info findings.
        public var infos: Int
    }

    /// The judgement: `invalid` with any error, else `incomplete` when something could not be
    /// verified, else `valid`.
    public var verdict: Verdict
    /// The date at which the results' validity was judged (`--at`), if any.
    public var evaluatedAt: CalendarDate?
    /// Findings, errors first, then warnings and infos; within a severity in code order.
    public var findings: [Finding]
    /// Every path of every result to its anchors, when requested.
    public var chains: [ChainPath]?
    /// Counts of the graph's nodes and of the findings by severity.
    public var summary: Summary

    /// An assessment of these findings: sorts them (errors first, then in ``FindingCode`` case
    /// order, then as found), counts them into `summary` (whose finding counts are recomputed) and
    /// derives the verdict.
    public init(
        findings: [Finding], chains: [ChainPath]? = nil, evaluatedAt: CalendarDate? = nil, summary: Summary
    ) {
        let order = Dictionary(uniqueKeysWithValues: FindingCode.allCases.enumerated().map { ($1, $0) })
        let sorted = findings.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            let (ca, cb) = (order[a.element.code] ?? 0, order[b.element.code] ?? 0)
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
        self.findings = sorted
        self.chains = chains
        self.evaluatedAt = evaluatedAt
        var summary = summary
        summary.errors = sorted.count { $0.severity == .error }
        summary.warnings = sorted.count { $0.severity == .warning }
        summary.infos = sorted.count { $0.severity == .info }
        self.summary = summary
        if summary.errors > 0 {
            verdict = .invalid
        } else if sorted.contains(where: { $0.code.meansIncomplete }) {
            verdict = .incomplete
        } else {
            verdict = .valid
        }
    }

    /// The distinct codes found.
    public var codes: Set<FindingCode> { Set(findings.map(\.code)) }

    /// The findings that involve a node.
    public func findings(involving node: String) -> [Finding] { findings.filter { $0.nodes.contains(node) } }
}
