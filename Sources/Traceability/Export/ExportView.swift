/// The nodes and edges that the DOT and GraphML exports draw, with the findings folded in.
///
/// Nodes are the graph's anchors, organizations, CMCs, calibrations (one node per certificate)
/// and comparisons; edges are the references (calibration → what it was traced to, one edge per
/// pair of certificates) and the catalog relations (issued by, holds, claims CMC, participates).
/// A node or edge takes the highest severity of the findings that name it (an edge: a finding
/// whose first two nodes are its ends).
struct ExportView {
    enum NodeKind: String {
        case anchor, organization, cmc, calibration, comparison
    }

    enum Relation: String {
        /// calibration → reference certificate or anchor (the traceability chain).
        case tracedTo
        /// calibration → issuer, anchor → holder, CMC → organization.
        case issuedBy, heldBy, offeredBy
        /// calibration → CMC claimed.
        case claims
        /// comparison → participant's result.
        case participant
    }

    struct Node {
        var id: String
        var kind: NodeKind
        var label: String
        var quantity: String?
        var unit: String?
        var value: Double?
        var expandedUncertainty: Double?
        var coverageFactor: Double?
        var standardUncertainty: Double?
        var date: CalendarDate?
        var validUntil: CalendarDate?
        var status: String?
        var marks = Marks()
    }

    struct Edge {
        var source: String
        var target: String
        var relation: Relation
        var label: String?
        var sensitivity: Double?
        var point: String?
        var usedAt: Double?
        var marks = Marks()
    }

    /// What the findings that name a node or an edge add to its drawing.
    struct Marks {
        /// The distinct codes, in the order of the findings.
        var codes: [FindingCode] = []
        /// The highest severity, nil without findings.
        var severity: Finding.Severity?

        init(_ findings: [Finding] = []) {
            var seen = Set<FindingCode>()
            codes = findings.map(\.code).filter { seen.insert($0).inserted }
            severity = findings.map(\.severity).max()
        }

        /// The codes separated by spaces (DOT `tooltip`, GraphML `findings`); empty without findings.
        var codeList: String { codes.map(\.rawValue).joined(separator: " ") }
    }

    /// Anchors, then organizations and CMCs (with the catalog), calibrations, comparisons; each
    /// in file order.
    let nodes: [Node]
    /// The edges, grouped by the node they leave, in the order of ``nodes``.
    let edges: [Edge]

    init(_ graph: TraceabilityGraph, findings: [Finding], includesCatalog: Bool) {
        let document = graph.document
        var nodeFindings: [String: [Finding]] = [:]
        var edgeFindings: [String: [Finding]] = [:]
        for finding in findings {
            for node in finding.nodes { nodeFindings[node, default: []].append(finding) }
            if finding.nodes.count >= 2 {
                edgeFindings[finding.nodes[0] + "\u{0}" + finding.nodes[1], default: []].append(finding)
            }
        }
        var nodes: [Node] = []
        var edges: [Edge] = []
        /// Appends a node with the marks of the findings that name it.
        func add(_ node: Node) {
            var marked = node
            marked.marks = Marks(nodeFindings[node.id] ?? [])
            nodes.append(marked)
        }
        for anchor in document.anchors {
            add(
                Node(
                    id: anchor.id, kind: .anchor, label: "\(anchor.id)\n\(anchor.kind.rawValue)",
                    quantity: anchor.quantity, unit: anchor.unit, value: anchor.value,
                    expandedUncertainty: anchor.uncertainty.expandedUncertainty,
                    coverageFactor: anchor.uncertainty.coverageFactor, standardUncertainty: anchor.standardUncertainty,
                    validUntil: anchor.validUntil, status: anchor.kind.isSI ? "SI" : "non-SI"))
            if includesCatalog, let holder = anchor.holder {
                edges.append(Edge(source: anchor.id, target: holder, relation: .heldBy))
            }
        }
        if includesCatalog {
            for organization in document.organizations {
                add(
                    Node(
                        id: organization.id, kind: .organization,
                        label: "\(organization.id)\n\(organization.kind.rawValue)", status: organization.kind.rawValue))
            }
            for cmc in document.cmcs {
                add(
                    Node(
                        id: cmc.id, kind: .cmc,
                        label: "\(cmc.id)\n\(cmc.quantity) \(CheckRun.interval(cmc.range)) \(cmc.unit)",
                        quantity: cmc.quantity, unit: cmc.unit, coverageFactor: cmc.coverageFactor,
                        status: cmc.status.max { $0.from < $1.from }?.status.rawValue))
                edges.append(Edge(source: cmc.id, target: cmc.organization, relation: .offeredBy))
            }
        }
        for (c, calibration) in document.calibrations.enumerated() {
            let first = calibration.points[0]
            let valueText =
                calibration.points.count == 1
                ? "\(CheckRun.number(first.value)) \(calibration.unit)"
                : "\(calibration.points.count) points, \(calibration.unit)"
            add(
                Node(
                    id: calibration.id, kind: .calibration,
                    label: "\(calibration.id)\n\(calibration.issuer)\n\(valueText)",
                    quantity: calibration.quantity, unit: calibration.unit, value: first.value,
                    expandedUncertainty: first.uncertainty.expandedUncertainty,
                    coverageFactor: first.uncertainty.coverageFactor, standardUncertainty: first.standardUncertainty,
                    date: calibration.date, validUntil: calibration.expiry))
            var drawn: Set<Int32> = []
            for (q, point) in calibration.points.enumerated() {
                let p = Int(graph.pointStart[c]) + q
                for (k, reference) in point.references.enumerated() {
                    let target = graph.referenceTargets[Int(graph.referenceStart[p]) + k]
                    let targetID: String
                    let key: Int32
                    if target >= 0 {
                        key = graph.pointCalibration[Int(target)]
                        targetID = document.calibrations[Int(key)].id
                    } else if target > TraceabilityGraph.uncertifiedTarget {
                        key = target
                        targetID = document.anchors[TraceabilityGraph.anchorIndex(target)].id
                    } else {
                        continue  // nothing to draw an edge to; the finding colours the node
                    }
                    guard drawn.insert(key).inserted else { continue }
                    let stated =
                        point.uncertainty.expandedUncertainty.map {
                            "U = \(CheckRun.number($0)) (k = \(CheckRun.number(point.uncertainty.coverageFactor ?? 2)))"
                        } ?? "u = \(CheckRun.number(point.standardUncertainty))"
                    var edge = Edge(
                        source: calibration.id, target: targetID, relation: .tracedTo,
                        label: "\(calibration.date)\n\(stated)",
                        sensitivity: reference.sensitivity, point: reference.point, usedAt: reference.usedAt)
                    edge.marks = Marks(edgeFindings[calibration.id + "\u{0}" + targetID] ?? [])
                    edges.append(edge)
                }
            }
            if includesCatalog {
                edges.append(Edge(source: calibration.id, target: calibration.issuer, relation: .issuedBy))
                if let cmc = calibration.cmc {
                    edges.append(Edge(source: calibration.id, target: cmc, relation: .claims))
                }
            }
        }
        for comparison in document.comparisons {
            add(
                Node(id: comparison.id, kind: .comparison, label: comparison.id, quantity: comparison.measurand))
            for participant in comparison.participants {
                let calibration = participant.result.split(separator: "#").first.map(String.init) ?? participant.result
                edges.append(
                    Edge(
                        source: comparison.id, target: calibration, relation: .participant,
                        label: participant.laboratory))
            }
        }
        self.nodes = nodes
        self.edges = edges
    }
}
