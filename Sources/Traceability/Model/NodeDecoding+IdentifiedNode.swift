extension NodeDecoding {
    /// Decodes one node of the graph: reads its `id` from the node's keyed container first, then
    /// runs `body` with the id and that container inside ``node(_:decoder:_:)``, so that every
    /// failure after the id names the node and the field.
    ///
    /// The shared opening of the strict `init(from:)` of ``Anchor``, ``Organization``,
    /// ``CalibrationMeasurementCapability``, ``Item``, ``Calibration`` and ``ComparisonRecord``:
    ///
    ///     public init(from decoder: any Decoder) throws {
    ///         self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
    ///             Item(id: id, name: try container.decodeIfPresent(String.self, forKey: .name), …)
    ///         }
    ///     }
    ///
    /// - Throws: the `DecodingError` of a missing or non-string `id` (there is no node to name
    ///   yet), else what ``node(_:decoder:_:)`` makes of the failure.
    static func node<Keys: CodingKey, Node>(
        from decoder: any Decoder, identifiedBy idKey: Keys,
        _ body: (_ id: String, _ container: KeyedDecodingContainer<Keys>) throws -> Node
    ) throws -> Node {
        let container = try decoder.container(keyedBy: Keys.self)
        let id = try container.decode(String.self, forKey: idKey)
        return try node(id, decoder: decoder) { try body(id, container) }
    }
}
