/// A measuring instrument or measurement standard that is calibrated: a weight, a thermometer,
/// a travelling standard of a comparison.
///
/// VIM 2.40 Note 2: the elements of a calibration hierarchy are "one or more measurement
/// standards and measuring systems". The item's ``holder`` tells an in-house calibration (issuer
/// = holder, no CMC needed) from a calibration service to a customer. Calibrations may name items
/// that are not listed: such an item is known only by its id.
///
///     Item(id: "W-1kg-07", name: "1 kg weight, class E1", holder: "LabA", role: .reference)
public struct Item: Sendable, Hashable, Codable {
    /// The position of a standard in the hierarchy (VIM 5.4–5.8).
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case primary, secondary, reference, working, transfer, travelling, instrument
    }

    /// Unique among all nodes of the graph.
    public var id: String
    public var name: String?
    /// The ``Organization`` holding the item.
    public var holder: String?
    public var role: Role?
    /// Identifications such as serial numbers (DCC `identifications`), as free text.
    public var identifications: [String]

    public init(
        id: String, name: String? = nil, holder: String? = nil, role: Role? = nil, identifications: [String] = []
    ) {
        self.id = id
        self.name = name
        self.holder = holder
        self.role = role
        self.identifications = identifications
    }

    private enum CodingKeys: String, CodingKey { case id, name, holder, role, identifications }

    public init(from decoder: any Decoder) throws {
        self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
            Item(
                id: id, name: try container.decodeIfPresent(String.self, forKey: .name),
                holder: try container.decodeIfPresent(String.self, forKey: .holder),
                role: try container.decodeIfPresent(String.self, forKey: .role) == nil
                    ? nil : try container.decodeChoice(Role.self, .role, node: id),
                identifications: try container.decodeIfPresent([String].self, forKey: .identifications) ?? [])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(holder, forKey: .holder)
        try container.encodeIfPresent(role, forKey: .role)
        if !identifications.isEmpty { try container.encode(identifications, forKey: .identifications) }
    }
}
