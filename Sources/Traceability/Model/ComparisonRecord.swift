/// A key or supplementary comparison as the traceability graph knows it: which calibration holds
/// each participant's result.
///
/// This is how a comparison's laboratories map to results in the graph. The participant's result
/// is a calibration node whose references are the laboratory's own standards, so that two
/// laboratories whose chains share a link (a common reference standard, a common NMI) get the
/// covariance u(y_a, y_b) = Σ_shared c_a·c_b·δ² (GUM 5.2.4, F.1.2.3).
/// `equivalence evaluate FILE --traceability GRAPH` finds the record whose ``id`` equals the
/// comparison file's `identifier`; every laboratory of the file must be listed.
///
///     { "id": "CCM.M-K1", "measurand": "mass of a 1 kg stainless steel standard",
///       "participants": [ { "laboratory": "PTB", "result": "ptb-k1" },
///                         { "laboratory": "NPL", "result": "npl-k1" } ] }
public struct ComparisonRecord: Sendable, Hashable, Codable {
    /// One participant: the laboratory's name in the comparison and its result in the graph.
    public struct Participant: Sendable, Hashable, Codable {
        /// The laboratory as named in the comparison file (e.g. "PTB").
        public var laboratory: String
        /// The calibration holding the result: its id, or `id#point` for a point of a
        /// multi-point calibration.
        public var result: String
        /// The participating ``Organization``, when listed.
        public var organization: String?

        /// Creates a participant from its fields.
        public init(laboratory: String, result: String, organization: String? = nil) {
            self.laboratory = laboratory
            self.result = result
            self.organization = organization
        }
    }

    /// The comparison identifier, e.g. "CCM.M-K1"; unique among all nodes.
    public var id: String
    /// The quantity compared, as free text (e.g. "mass of a 1 kg stainless steel standard").
    public var measurand: String?
    /// One entry per laboratory of the comparison, mapping it to its result in the graph.
    public var participants: [Participant]

    /// Creates a comparison record from its fields.
    public init(id: String, measurand: String? = nil, participants: [Participant]) {
        self.id = id
        self.measurand = measurand
        self.participants = participants
    }

    private enum CodingKeys: String, CodingKey { case id, measurand, participants }

    /// Reads a comparison node of the graph file: `id`, optional `measurand`, `participants`.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the comparison and the field.
    public init(from decoder: any Decoder) throws {
        self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
            ComparisonRecord(
                id: id, measurand: try container.decodeIfPresent(String.self, forKey: .measurand),
                participants: try container.decode([Participant].self, forKey: .participants))
        }
    }
}
