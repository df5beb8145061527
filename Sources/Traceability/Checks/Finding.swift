internal import EquivalenceSupport

/// One thing a traceability check found: a stable code, a severity, the nodes involved, a message,
/// the source of the rule, and the numbers that were compared.
///
///     Finding(code: .uncertaintyDecreases, nodes: ["cal-7", "cal-3"],
///             message: "…", values: ["standardUncertainty": 0.1, "inheritedUncertainty": 0.2])
///
/// In the report JSON (`trace check --format json`): `{ "code", "severity", "nodes", "message", "rule", "values" }`.
public struct Finding: Sendable, Hashable, Codable {
    /// How serious a finding is; errors make the verdict `invalid`.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// Something worth knowing that is not a fault, e.g. `UNVERIFIABLE_REFERENCE` (a digest that
        /// cannot be checked, which leaves the verdict `incomplete`).
        case info
        /// A departure from good practice that does not break traceability (e.g. `NON_SI_ANCHOR`).
        case warning
        /// Traceability is not established: the verdict is `invalid`.
        case error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        /// Orders by seriousness: info < warning < error.
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// What was found, a stable code such as `UNCERTAINTY_DECREASES`.
    public var code: FindingCode
    /// How serious the finding is: the code's ``FindingCode/severity``.
    public var severity: Severity
    /// The ids of the nodes involved, the node at fault first (e.g. the calibration, then its reference).
    public var nodes: [String]
    /// One sentence a person can act on, naming the nodes and the numbers compared.
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

    /// Writes the report JSON object; `values` is left out when empty and its keys are written in
    /// sorted order, so that the report is the same from run to run (a dictionary's own order
    /// changes with every process).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(severity, forKey: .severity)
        try container.encode(nodes, forKey: .nodes)
        try container.encode(message, forKey: .message)
        try container.encode(rule, forKey: .rule)
        if !values.isEmpty {
            var sorted = container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .values)
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                try sorted.encode(value, forKey: AnyCodingKey(stringValue: key))
            }
        }
    }

    /// Reads a finding as ``encode(to:)`` writes it (`values` may be absent).
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
