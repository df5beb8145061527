internal import EquivalenceSupport

/// A measurand of a model file: a name and the expression that defines it (the language of
/// ``ExpressionModel``). It may use the quantities, the constants and earlier measurands.
///
///     { "name": "l", "expression": "l_s + d - l_s*(d_alpha*theta + alpha_s*d_theta)" }
public struct ModelMeasurand: Sendable, Hashable, Codable {
    /// The name of the measurand.
    public var name: String
    /// Its expression.
    public var expression: String
    /// The unit, for reports only.
    public var unit: String?

    public init(name: String, expression: String, unit: String? = nil) {
        self.name = name
        self.expression = expression
        self.unit = unit
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case name, expression, unit }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "a measurand")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            expression: try container.decode(String.self, forKey: .expression),
            unit: try container.decodeIfPresent(String.self, forKey: .unit))
    }
}
