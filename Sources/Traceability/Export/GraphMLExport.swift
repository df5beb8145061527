/// The traceability graph as GraphML, readable by yEd, Gephi and networkx (`read_graphml`).
///
/// Plain GraphML 1.0 (graphml.graphdrawing.org) with a `<key>` declaration for every attribute, as
/// the reference note §4.5 lists them: node `kind`, `label`, `quantity`, `unit`, `value`,
/// `expandedUncertainty`, `coverageFactor`, `standardUncertainty`, `date`, `validUntil`, `status`,
/// `findings` (codes, space separated) and `severity`; edge `relation`, `label`, `sensitivity`,
/// `point`, `usedAt`, `findings`, `severity`. Edges go from a calibration to what it was traced to.
///
///     let xml = GraphMLExport(graph, findings: assessment.findings).text
///     // networkx: G = nx.read_graphml("graph.graphml"); G.nodes["cal-B"]["kind"] == "calibration"
///
/// - Complexity: O(nodes + references).
public struct GraphMLExport: Sendable {
    /// The XML document, ending with a newline.
    public let text: String

    private struct Key {
        var id: String
        var domain: String
        var type: String
    }

    private static let keys: [Key] = [
        Key(id: "kind", domain: "node", type: "string"), Key(id: "label", domain: "node", type: "string"),
        Key(id: "quantity", domain: "node", type: "string"), Key(id: "unit", domain: "node", type: "string"),
        Key(id: "value", domain: "node", type: "double"),
        Key(id: "expandedUncertainty", domain: "node", type: "double"),
        Key(id: "coverageFactor", domain: "node", type: "double"),
        Key(id: "standardUncertainty", domain: "node", type: "double"),
        Key(id: "date", domain: "node", type: "string"), Key(id: "validUntil", domain: "node", type: "string"),
        Key(id: "status", domain: "node", type: "string"), Key(id: "findings", domain: "node", type: "string"),
        Key(id: "severity", domain: "node", type: "string"),
        Key(id: "relation", domain: "edge", type: "string"), Key(id: "edgeLabel", domain: "edge", type: "string"),
        Key(id: "sensitivity", domain: "edge", type: "double"), Key(id: "point", domain: "edge", type: "string"),
        Key(id: "usedAt", domain: "edge", type: "double"), Key(id: "edgeFindings", domain: "edge", type: "string"),
        Key(id: "edgeSeverity", domain: "edge", type: "string"),
    ]

    /// The GraphML of a graph.
    ///
    /// - Parameters:
    ///   - findings: the findings to attach as `findings`/`severity` data (usually a
    ///     ``TraceabilityAssessment``'s).
    ///   - includesCatalog: also write organizations, CMCs and their relations.
    public init(_ graph: TraceabilityGraph, findings: [Finding] = [], includesCatalog: Bool = true) {
        let view = ExportView(graph, findings: findings, includesCatalog: includesCatalog)
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#,
        ]
        for key in Self.keys {
            let name =
                key.id == "edgeLabel"
                ? "label"
                : key.id == "edgeFindings"
                    ? "findings"
                    : key.id == "edgeSeverity" ? "severity" : key.id
            lines.append(
                #"  <key id="\#(key.id)" for="\#(key.domain)" attr.name="\#(name)" attr.type="\#(key.type)"/>"#)
        }
        lines.append(#"  <graph id="traceability" edgedefault="directed">"#)
        for node in view.nodes {
            var data: [(String, String)] = [("kind", node.kind.rawValue), ("label", node.label)]
            if let quantity = node.quantity { data.append(("quantity", quantity)) }
            if let unit = node.unit { data.append(("unit", unit)) }
            if let value = node.value { data.append(("value", Self.number(value))) }
            if let expanded = node.expandedUncertainty { data.append(("expandedUncertainty", Self.number(expanded))) }
            if let k = node.coverageFactor { data.append(("coverageFactor", Self.number(k))) }
            if let u = node.standardUncertainty { data.append(("standardUncertainty", Self.number(u))) }
            if let date = node.date { data.append(("date", date.description)) }
            if let validUntil = node.validUntil { data.append(("validUntil", validUntil.description)) }
            if let status = node.status { data.append(("status", status)) }
            if !node.marks.codes.isEmpty { data.append(("findings", node.marks.codeList)) }
            if let severity = node.marks.severity { data.append(("severity", severity.rawValue)) }
            lines.append(#"    <node id="\#(Self.escaped(node.id))">"#)
            for (key, value) in data { lines.append(#"      <data key="\#(key)">\#(Self.escaped(value))</data>"#) }
            lines.append("    </node>")
        }
        for edge in view.edges {
            var data: [(String, String)] = [("relation", edge.relation.rawValue)]
            if let label = edge.label { data.append(("edgeLabel", label)) }
            if let c = edge.sensitivity { data.append(("sensitivity", Self.number(c))) }
            if let point = edge.point { data.append(("point", point)) }
            if let usedAt = edge.usedAt { data.append(("usedAt", Self.number(usedAt))) }
            if !edge.marks.codes.isEmpty { data.append(("edgeFindings", edge.marks.codeList)) }
            if let severity = edge.marks.severity { data.append(("edgeSeverity", severity.rawValue)) }
            lines.append(#"    <edge source="\#(Self.escaped(edge.source))" target="\#(Self.escaped(edge.target))">"#)
            for (key, value) in data { lines.append(#"      <data key="\#(key)">\#(Self.escaped(value))</data>"#) }
            lines.append("    </edge>")
        }
        lines += ["  </graph>", "</graphml>"]
        text = lines.joined(separator: "\n") + "\n"
    }

    /// The shortest decimal that reads back to the same double (XML Schema xs:double lexical form).
    static func number(_ x: Double) -> String { "\(x)" }

    /// XML character escaping for text and attribute values; control characters other than tab
    /// and newline, which XML 1.0 forbids, are dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
