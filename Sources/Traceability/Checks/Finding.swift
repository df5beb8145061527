/// One thing a traceability check found: a stable code, a severity, the nodes involved, a message,
/// the source of the rule, and the numbers that were compared.
///
///     Finding(code: .uncertaintyDecreases, nodes: ["cal-7", "cal-3"],
///             message: "…", values: ["standardUncertainty": 0.1, "inheritedUncertainty": 0.2])
///
/// In the report JSON (DESIGN.md): `{ "code", "severity", "nodes", "message", "rule", "values" }`.
public struct Finding: Sendable, Hashable, Codable {
    /// How serious a finding is; errors make the verdict `invalid`.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var code: FindingCode
    public var severity: Severity
    /// The ids of the nodes involved, the node at fault first (e.g. the calibration, then its reference).
    public var nodes: [String]
    public var message: String
    /// The rule and its source, e.g. "T07: VIM 2.40 Note 1 (…)".
    public var rule: String
    /// The measured numbers (finite), by name: `standardUncertainty`, `inheritedUncertainty`,
    /// `cmcStandardUncertainty`, `value`, `lowerLimit`, `upperLimit`, `daysAfterExpiry`, …
    public var values: [String: Double]

    /// A finding with the code's severity and rule.
    public init(code: FindingCode, nodes: [String], message: String, values: [String: Double] = [:]) {
        self.code = code
        self.severity = code.severity
        self.nodes = nodes
        self.message = message
        self.rule = code.rule
        self.values = values.filter { $0.value.isFinite }
    }

    private enum CodingKeys: String, CodingKey { case code, severity, nodes, message, rule, values }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(severity, forKey: .severity)
        try container.encode(nodes, forKey: .nodes)
        try container.encode(message, forKey: .message)
        try container.encode(rule, forKey: .rule)
        if !values.isEmpty { try container.encode(values, forKey: .values) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(FindingCode.self, forKey: .code)
        severity = try container.decode(Severity.self, forKey: .severity)
        nodes = try container.decode([String].self, forKey: .nodes)
        message = try container.decode(String.self, forKey: .message)
        rule = try container.decode(String.self, forKey: .rule)
        values = try container.decodeIfPresent([String: Double].self, forKey: .values) ?? [:]
    }
}
