internal import EquivalenceSupport
import Foundation

/// The content of a traceability graph file (`*.traceability.json`), as written and read.
///
/// An object with the arrays `anchors`, `organizations`, `cmcs`, `items`, `calibrations` and
/// `comparisons` (each optional, empty when absent), documented by the JSON Schema
/// `Schemas/traceability.schema.json` and the Traceability article "The graph file". The
/// document is plain data: ``TraceabilityGraph`` indexes it and checks the identifiers.
///
///     let document = try TraceabilityDocument(contentsOf: URL(fileURLWithPath: "lab.traceability.json"))
///     let graph = try TraceabilityGraph(document)
public struct TraceabilityDocument: Sendable, Hashable, Codable {
    /// The references at the tops of the chains.
    public var anchors: [Anchor]
    /// The BIPM, institutes and laboratories that issue calibrations, hold items and offer CMCs.
    public var organizations: [Organization]
    /// The calibration and measurement capabilities the organizations claim.
    public var cmcs: [CalibrationMeasurementCapability]
    /// The calibrated standards and instruments that are described (calibrations may name others).
    public var items: [Item]
    /// The calibration certificates: the nodes of the chains, their references the edges.
    public var calibrations: [Calibration]
    /// The key or supplementary comparisons whose laboratories' results are in the graph.
    public var comparisons: [ComparisonRecord]

    /// Creates a document from its node lists (each empty by default).
    public init(
        anchors: [Anchor] = [], organizations: [Organization] = [], cmcs: [CalibrationMeasurementCapability] = [],
        items: [Item] = [], calibrations: [Calibration] = [], comparisons: [ComparisonRecord] = []
    ) {
        self.anchors = anchors
        self.organizations = organizations
        self.cmcs = cmcs
        self.items = items
        self.calibrations = calibrations
        self.comparisons = comparisons
    }

    private enum CodingKeys: String, CodingKey {
        case anchors, organizations, cmcs, items, calibrations, comparisons
    }

    /// Reads the graph file object; each of the six arrays may be absent (empty).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        anchors = try container.decodeIfPresent([Anchor].self, forKey: .anchors) ?? []
        organizations = try container.decodeIfPresent([Organization].self, forKey: .organizations) ?? []
        cmcs = try container.decodeIfPresent([CalibrationMeasurementCapability].self, forKey: .cmcs) ?? []
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
        calibrations = try container.decodeIfPresent([Calibration].self, forKey: .calibrations) ?? []
        comparisons = try container.decodeIfPresent([ComparisonRecord].self, forKey: .comparisons) ?? []
    }

    /// Writes the six arrays; `items` and `comparisons` are left out when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(anchors, forKey: .anchors)
        try container.encode(organizations, forKey: .organizations)
        try container.encode(cmcs, forKey: .cmcs)
        if !items.isEmpty { try container.encode(items, forKey: .items) }
        try container.encode(calibrations, forKey: .calibrations)
        if !comparisons.isEmpty { try container.encode(comparisons, forKey: .comparisons) }
    }
}

extension TraceabilityDocument {
    /// Reads a graph from JSON data.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the node and field
    ///   (bad date, missing uncertainty, k < 1, …), or ``TraceabilityError/malformedFile(location:reason:)``
    ///   with the JSON path when the error is outside a node (not JSON, an `id` missing).
    public init(jsonData data: Data) throws(TraceabilityError) {
        do {
            self = try JSONDecoder().decode(TraceabilityDocument.self, from: data)
        } catch let error as TraceabilityError {
            throw error
        } catch let error as DecodingError {
            let problem = DecodingProblem(error, in: data)
            throw .malformedFile(location: problem.path, reason: problem.reason)
        } catch {
            throw .malformedFile(location: "(document)", reason: "\(error)")
        }
    }

    /// Reads a graph file; errors name the file as given.
    ///
    /// - Throws: ``TraceabilityError/unreadableFile(path:reason:)``, and the errors of
    ///   ``init(jsonData:)``.
    public init(contentsOf url: URL) throws(TraceabilityError) {
        self = try TraceabilityError.reading(url) { data, _ throws(TraceabilityError) in
            try TraceabilityDocument(jsonData: data)
        }
    }

    /// The document as pretty-printed JSON with sorted keys (stable for diffs), ending with a newline.
    public func jsonData() throws(TraceabilityError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(self)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch {
            throw .malformedFile(location: "(document)", reason: "cannot be encoded: \(error)")
        }
    }
}
