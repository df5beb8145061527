import Foundation
import Testing

@testable import Traceability

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// DOT and GraphML exports (issue 5 item 7, reference note §4.5).
@Suite("Exports")
struct ExportTests {
    /// The base graph with cal-B traced to a certificate from the future (an error on the edge
    /// cal-B → cal-A) and a non-SI anchor (a warning on SI-kg).
    static func brokenGraph() throws -> (TraceabilityGraph, [Finding]) {
        var document = BaseGraph.changing("cal-B") { $0.date = BaseGraph.date("2024-02-01") }
        document.anchors[0].kind = .consensusStandard
        let graph = try TraceabilityGraph(document)
        return (graph, TraceabilityChecker().check(graph).findings)
    }

    @Test func dotPutsTheSIAtTheTopAndColoursFindings() throws {
        let (graph, findings) = try Self.brokenGraph()
        let dot = DOTExport(graph, findings: findings).text
        #expect(dot.hasPrefix("digraph traceability {\n  rankdir=BT;"))
        #expect(dot.contains(#""SI-kg" [shape=doubleoctagon, label="SI-kg\nconsensus-standard", color=orange"#))
        #expect(dot.contains(#""NMI" [shape=box"#) && dot.contains(#""NMI-mass" [shape=note"#))
        #expect(dot.contains(#""cal-B" [shape=ellipse, label="cal-B\nLabA\n1000 g", color=red"#))
        // The edge of the finding is red; its label is the calibration date and U (k).
        #expect(
            dot.contains(
                #""cal-B" -> "cal-A" [label="2024-02-01\nU = 0.00012 (k = 2)", color=red, fontcolor=red, penwidth=2, tooltip="REFERENCE_FROM_FUTURE"];"#
            ))
        #expect(dot.contains(#""cal-A" -> "cal-nmi" [label="2024-03-01\nu = 3e-08"];"#))
        #expect(dot.contains(#""cal-B" -> "LabA" [style=dotted"#))
        #expect(dot.hasSuffix("}\n"))
    }

    @Test func dotEscapesQuotes() throws {
        var document = BaseGraph.document()
        document.anchors[0].id = #"SI "kg""#
        document.calibrations[0].points[0].references = [.init(.anchor(#"SI "kg""#))]
        let dot = DOTExport(try TraceabilityGraph(document), includesCatalog: false).text
        #expect(dot.contains(#""SI \"kg\"" [shape=doubleoctagon"#))
        #expect(!dot.contains(#""NMI" [shape=box"#))
    }

    @Test func graphMLDeclaresItsKeysAndIsWellFormed() throws {
        let (graph, findings) = try Self.brokenGraph()
        let xml = GraphMLExport(graph, findings: findings).text
        let reader = GraphMLReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        // 1 anchor + 3 organizations + 3 CMCs + 3 calibrations.
        #expect(reader.nodes.count == 10)
        #expect(Set(reader.keys) == Set(reader.usedKeys).union(reader.keys))
        #expect(reader.keys.contains("standardUncertainty") && reader.keys.contains("findings"))
        #expect(reader.usedKeys.allSatisfy(reader.keys.contains))
        #expect(reader.data["cal-B"]?["findings"] == "REFERENCE_FROM_FUTURE")
        #expect(reader.data["cal-B"]?["severity"] == "error")
        #expect(reader.data["cal-A"]?["validUntil"] == "2026-03-01")
        #expect(reader.data["SI-kg"]?["status"] == "non-SI")
    }

    static let networkxAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import networkx"]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    @Test(.enabled(if: networkxAvailable, "needs python3 with networkx"))
    func networkxReadsTheGraphML() throws {
        let (graph, findings) = try Self.brokenGraph()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "equivalence-\(UUID().uuidString).graphml")
        try GraphMLExport(graph, findings: findings).text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = """
            import networkx as nx, sys
            g = nx.read_graphml(sys.argv[1])
            print(g.number_of_nodes(), g.number_of_edges(), g.nodes['cal-A']['standardUncertainty'], \
            g.edges['cal-B', 'cal-A']['relation'], g.nodes['cal-B']['findings'])
            """
        process.arguments = ["python3", "-c", script, url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Edges: 3 references + 3 issued-by + 1 held-by + 3 offered-by.
        #expect(output == "10 10 3e-08 tracedTo REFERENCE_FROM_FUTURE\n")
    }
}

/// Collects the key declarations, nodes and data of a GraphML document.
private final class GraphMLReader: NSObject, XMLParserDelegate {
    var keys: [String] = []
    var usedKeys: [String] = []
    var nodes: [String] = []
    var data: [String: [String: String]] = [:]
    private var currentNode: String?
    private var currentKey: String?
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "key": keys.append(attributes["id"] ?? "")
        case "node":
            nodes.append(attributes["id"] ?? "")
            currentNode = attributes["id"]
        case "edge": currentNode = nil
        case "data":
            usedKeys.append(attributes["key"] ?? "")
            currentKey = attributes["key"]
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "data", let node = currentNode, let key = currentKey { data[node, default: [:]][key] = text }
        if element == "node" { currentNode = nil }
    }
}
