/// The uncertainty budget of a result along its traceability chain: every path to its anchors and,
/// for every link of its ancestry, the added variance and its share of the result's variance.
///
/// Reference note §4.3: for a path of direct comparisons, u²(y_n) = u²(y_0) + Σ_i δ_i² with
/// δ_i² = u²(y_i) − c_i²·u²(y_{i−1}). For a branched chain (a DAG, VIM 2.41 Note 4) the budget is
/// computed over the whole ancestry, each link an independent contribution: δ² = u² − Var(Σ_j c_j·y_j), and
/// u²(result) = Σ_links c²·δ², so the shares of all links add up to 1. A negative δ² is rule T07
/// (`UNCERTAINTY_DECREASES`) and is shown as such.
///
///     let budget = try ChainBudget(of: "cal-labA-7", in: graph)
///     budget.contributions.first   // the link that dominates u²(result)
///     budget.validUntil            // the earliest expiry in the ancestry
///
/// - Complexity: O(V·E) over the result's ancestry for the budget; path enumeration stops after
///   `maximumPaths` paths (``pathsTruncated``).
public struct ChainBudget: Sendable, Hashable, Codable {
    /// One link's part of u²(result).
    public struct Contribution: Sendable, Hashable, Codable {
        /// The link: a calibration point (`id` or `id#point`) or an anchor id.
        public var node: String
        /// Whether the link is a calibration point or an anchor.
        public var kind: ChainLink.Kind
        /// c, the sensitivity of the result to this link (through every path), in result unit per link unit.
        public var sensitivity: Double
        /// δ², in the link's unit².
        public var addedVariance: Double
        /// c²·δ², in the result's unit².
        public var variance: Double
        /// c²·δ²/u²(result).
        public var share: Double
    }

    /// The result the budget is for (`calibration` or `calibration#point`).
    public var result: String
    /// y, the result's value, in ``unit``.
    public var value: Double
    /// The unit of the result's value and uncertainty (its calibration's unit, as written).
    public var unit: String
    /// u(y), the result's standard uncertainty as stated, in ``unit``: the contributions add up to
    /// it, u² = Σ_links c²·δ² (the shares sum to 1).
    public var standardUncertainty: Double
    /// The earliest expiry in the ancestry (the result's own included).
    public var validUntil: CalendarDate?
    /// Every path from the result up to an anchor or to where the chain stops (at most
    /// `maximumPaths`), with the budget columns of each link filled in.
    public var paths: [ChainPath]
    /// True when there were more than `maximumPaths` paths and the list stops there (a DAG can
    /// have exponentially many); the contributions still cover the whole ancestry.
    public var pathsTruncated: Bool
    /// Every link of the ancestry, largest share first.
    public var contributions: [Contribution]
    /// False when a reference of the ancestry does not resolve: its variance is then hidden in δ²
    /// of the link that used it.
    public var isComplete: Bool

    /// The budget of a result (`calibration` or `calibration#point`).
    ///
    /// - Throws: ``TraceabilityError/unknownResult(_:)``, ``TraceabilityError/ambiguousResult(calibration:points:)``,
    ///   ``TraceabilityError/circularTraceability(nodes:)``, or a unit error naming the node.
    public init(of result: String, in graph: TraceabilityGraph, maximumPaths: Int = 256) throws(TraceabilityError) {
        let p = try graph.resultPoint(result)
        let links = try LinkContributions(of: [p], in: graph)
        let coefficients = links.coefficients(of: Int32(p))
        let u2 = graph.nodeVariance(Int32(p))
        var contributions: [Contribution] = []
        var validUntil: CalendarDate?
        for (i, node) in links.nodes.enumerated() {
            let c = coefficients[i]
            let variance = c * c * links.addedVariance[i]
            contributions.append(
                Contribution(
                    node: graph.nodeLabel(node), kind: node >= 0 ? .calibration : .anchor, sensitivity: c,
                    addedVariance: links.addedVariance[i], variance: variance, share: u2 > 0 ? variance / u2 : 0))
            if let expiry = graph.nodeExpiry(node) { validUntil = validUntil.map { Swift.min($0, expiry) } ?? expiry }
        }
        contributions.sort { $0.share != $1.share ? $0.share > $1.share : $0.node < $1.node }
        let enumeration = Self.paths(of: p, in: graph, limit: maximumPaths, budget: (links, coefficients))
        let point = graph.point(p)
        self.result = graph.pointLabel(p)
        self.value = point.value
        self.unit = graph.document.calibrations[Int(graph.pointCalibration[p])].unit
        self.standardUncertainty = point.standardUncertainty
        self.validUntil = validUntil
        self.paths = enumeration.paths
        self.pathsTruncated = enumeration.truncated
        self.contributions = contributions
        self.isComplete = links.isComplete
    }

    /// Every path from point p up to an anchor or to where the chain stops, at most `limit`,
    /// with the budget columns filled when the ancestry has one (no cycle, readable units).
    static func paths(of p: Int, in graph: TraceabilityGraph, limit: Int) -> (paths: [ChainPath], truncated: Bool) {
        let budget: (LinkContributions, [Double])?
        if let links = try? LinkContributions(of: [p], in: graph, maximumNodes: 100_000) {
            budget = (links, links.coefficients(of: Int32(p)))
        } else {
            budget = nil
        }
        return paths(of: p, in: graph, limit: limit, budget: budget)
    }

    private static func paths(
        of p: Int, in graph: TraceabilityGraph, limit: Int, budget: (links: LinkContributions, coefficients: [Double])?
    ) -> (paths: [ChainPath], truncated: Bool) {
        let resultVariance = graph.nodeVariance(Int32(p))
        let resultLabel = graph.pointLabel(p)
        let resultUnit = graph.document.calibrations[Int(graph.pointCalibration[p])].unit
        var paths: [ChainPath] = []
        var truncated = false
        // Depth-first over references; the current path is the stack of frames.
        var frames: [(node: Int32, next: Int)] = [(Int32(p), 0)]
        var onPath: Set<Int32> = [Int32(p)]
        func record(_ frames: [(node: Int32, next: Int)]) {
            let nodes = frames.map(\.node).reversed()
            let top = nodes.first ?? Int32(p)
            var validUntil: CalendarDate?
            let links = nodes.map { node -> ChainLink in
                let link = self.link(node, in: graph, budget: budget, resultVariance: resultVariance)
                if let expiry = link.validUntil { validUntil = validUntil.map { Swift.min($0, expiry) } ?? expiry }
                return link
            }
            paths.append(
                ChainPath(
                    result: resultLabel, anchor: top < 0 ? graph.nodeLabel(top) : nil, links: links,
                    standardUncertainty: resultVariance.squareRoot(), unit: resultUnit, validUntil: validUntil))
        }
        while let frame = frames.last {
            if paths.count >= limit {
                truncated = true
                break
            }
            let node = frame.node
            guard node >= 0 else {
                record(frames)
                onPath.remove(frames.removeLast().node)
                continue
            }
            let start = Int(graph.referenceStart[Int(node)])
            let count = Int(graph.referenceStart[Int(node) + 1]) - start
            if frame.next == 0 {
                let resolvable = (start..<start + count).contains {
                    graph.referenceTargets[$0] > TraceabilityGraph.uncertifiedTarget
                }
                if !resolvable {
                    record(frames)  // the chain stops here
                    onPath.remove(frames.removeLast().node)
                    continue
                }
            }
            guard frame.next < count else {
                onPath.remove(frames.removeLast().node)
                continue
            }
            frames[frames.count - 1].next += 1
            let target = graph.referenceTargets[start + frame.next]
            guard target > TraceabilityGraph.uncertifiedTarget, onPath.insert(target).inserted else { continue }
            frames.append((target, 0))
        }
        return (paths, truncated)
    }

    private static func link(
        _ node: Int32, in graph: TraceabilityGraph, budget: (links: LinkContributions, coefficients: [Double])?,
        resultVariance: Double
    ) -> ChainLink {
        var link: ChainLink
        if node >= 0 {
            let p = Int(node)
            let calibration = graph.document.calibrations[Int(graph.pointCalibration[p])]
            let point = graph.point(p)
            link = ChainLink(
                node: graph.pointLabel(p), kind: .calibration, organization: calibration.issuer, date: calibration.date,
                value: point.value, unit: calibration.unit, expandedUncertainty: point.uncertainty.expandedUncertainty,
                coverageFactor: point.uncertainty.coverageFactor, standardUncertainty: point.standardUncertainty,
                validUntil: calibration.expiry)
        } else {
            let anchor = graph.document.anchors[TraceabilityGraph.anchorIndex(node)]
            link = ChainLink(
                node: anchor.id, kind: .anchor, organization: anchor.holder, date: nil, value: anchor.value,
                unit: anchor.unit, expandedUncertainty: anchor.uncertainty.expandedUncertainty,
                coverageFactor: anchor.uncertainty.coverageFactor, standardUncertainty: anchor.standardUncertainty,
                validUntil: anchor.validUntil)
        }
        if let budget, let i = budget.links.position[node] {
            let added = budget.links.addedVariance[i]
            let inherited = Swift.max(0, budget.links.variance[i] - added)
            let c = budget.coefficients[i]
            link.inheritedUncertainty = inherited.squareRoot()
            link.addedVariance = added
            link.addedUncertainty = Swift.max(0, added).squareRoot()
            link.share = resultVariance > 0 ? c * c * added / resultVariance : 0
        }
        return link
    }
}

extension TraceabilityGraph {
    /// The expiry of a node: a calibration's (validUntil or date + interval), an anchor's validUntil.
    func nodeExpiry(_ node: Int32) -> CalendarDate? {
        node >= 0
            ? document.calibrations[Int(pointCalibration[Int(node)])].expiry
            : document.anchors[Self.anchorIndex(node)].validUntil
    }
}
