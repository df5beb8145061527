internal import EquivalenceSupport

/// The correlation coefficient of two input quantities of a model file (GUM 5.2.2, r(x_i, x_j)):
///
///     { "quantities": ["V", "I"], "coefficient": -0.36 }
public struct ModelCorrelation: Sendable, Hashable, Codable {
    /// The two quantities, by name.
    public var quantities: [String]
    /// r in [−1, 1].
    public var coefficient: Double

    public init(_ first: String, _ second: String, coefficient: Double) {
        self.quantities = [first, second]
        self.coefficient = coefficient
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case quantities, coefficient }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "a correlation")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quantities = try container.decode([String].self, forKey: .quantities)
        coefficient = try container.decode(Double.self, forKey: .coefficient)
        guard quantities.count == 2 else {
            throw DecodingError.dataCorruptedError(
                forKey: .quantities, in: container, debugDescription: "name exactly two quantities")
        }
    }
}
