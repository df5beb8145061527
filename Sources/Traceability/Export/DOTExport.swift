/// The traceability graph as Graphviz DOT: the SI at the top, findings in colour.
///
/// Layout as the reference note §4.5 proposes: `rankdir=BT`, so that an edge "calibration →
/// what it was traced to" points up and the anchors sit at the top; shapes by node kind (anchor
/// `doubleoctagon`, organization `box`, calibration `ellipse`, CMC `note`, comparison `hexagon`);
/// chain edges labelled with the calibration date and its uncertainty (`date\nU (k)`); nodes and
/// edges named by an error finding drawn in red, by a warning in orange. Catalog edges (issued
/// by, held by, CMC) are dotted and do not constrain the ranks.
///
///     let dot = DOTExport(graph, findings: TraceabilityChecker().check(graph).findings).text
///     // digraph traceability { rankdir=BT; … "cal-B" -> "cal-A" [label="2024-06-01\nU = …"]; … }
///
/// - Complexity: O(nodes + references).
public struct DOTExport: Sendable {
    /// The DOT source, ending with a newline.
    public let text: String

    /// - Parameters:
    ///   - findings: the findings to colour (usually a ``TraceabilityAssessment``'s).
    ///   - includesCatalog: also draw organizations, CMCs and their relations.
    public init(_ graph: TraceabilityGraph, findings: [Finding] = [], includesCatalog: Bool = true) {
        let view = ExportView(graph, findings: findings, includesCatalog: includesCatalog)
        var lines = [
            "digraph traceability {",
            "  rankdir=BT;",
            "  node [fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=8];",
        ]
        for node in view.nodes {
            var attributes = [
                "shape=\(Self.shape(node.kind))", "label=\(Self.quoted(node.label))",
            ]
            attributes += Self.colour(node.marks.severity)
            if !node.marks.codes.isEmpty { attributes.append("tooltip=\(Self.quoted(node.marks.codeList))") }
            lines.append("  \(Self.quoted(node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for edge in view.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(Self.quoted(label))") }
            switch edge.relation {
            case .tracedTo:
                attributes += Self.colour(edge.marks.severity)
                if !edge.marks.codes.isEmpty { attributes.append("tooltip=\(Self.quoted(edge.marks.codeList))") }
            case .participant:
                attributes += ["style=dashed", "constraint=false"]
            case .issuedBy, .heldBy, .offeredBy, .claims:
                attributes += ["style=dotted", "arrowhead=none", "constraint=false", "color=gray50"]
            }
            let list = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            lines.append("  \(Self.quoted(edge.source)) -> \(Self.quoted(edge.target))\(list);")
        }
        lines.append("}")
        text = lines.joined(separator: "\n") + "\n"
    }

    static func shape(_ kind: ExportView.NodeKind) -> String {
        switch kind {
        case .anchor: "doubleoctagon"
        case .organization: "box"
        case .calibration: "ellipse"
        case .cmc: "note"
        case .comparison: "hexagon"
        }
    }

    static func colour(_ severity: Finding.Severity?) -> [String] {
        switch severity {
        case .error: ["color=red", "fontcolor=red", "penwidth=2"]
        case .warning: ["color=orange", "fontcolor=orange", "penwidth=2"]
        case .info, nil: []
        }
    }

    /// A DOT double-quoted string: `"` and `\` escaped, newlines as `\n`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
