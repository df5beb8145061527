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
    /// The position of a standard in the hierarchy (VIM 5.4–5.9, 3.1).
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// A primary measurement standard (VIM 5.4): by a primary reference procedure, or by convention.
        case primary
        /// A secondary measurement standard (VIM 5.5), calibrated against a primary one.
        case secondary
        /// A reference measurement standard (VIM 5.6), for the calibration of other standards.
        case reference
        /// A working measurement standard (VIM 5.7), used routinely to calibrate or verify instruments.
        case working
        /// A transfer measurement device (VIM 5.9), an intermediary to compare standards.
        case transfer
        /// A travelling measurement standard (VIM 5.8), transported between sites, e.g. in a comparison.
        case travelling
        /// A measuring instrument (VIM 3.1) that is calibrated but is not a standard.
        case instrument
    }

    /// Unique among all nodes of the graph.
    public var id: String
    /// A description such as "1 kg weight, class E1".
    public var name: String?
    /// The ``Organization`` holding the item.
    public var holder: String?
    /// The position of the item in the hierarchy, when stated.
    public var role: Role?
    /// Identifications such as serial numbers (DCC `identifications`), as free text.
    public var identifications: [String]

    /// Creates an item from its fields.
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

    /// Reads an item node of the graph file: `id`, optional `name`, `holder`, `role` (one of the
    /// ``Role`` raw values) and `identifications`.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the item and the field.
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

    /// Writes the item as ``init(from:)`` reads it; `identifications` is left out when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(holder, forKey: .holder)
        try container.encodeIfPresent(role, forKey: .role)
        if !identifications.isEmpty { try container.encode(identifications, forKey: .identifications) }
    }
}
