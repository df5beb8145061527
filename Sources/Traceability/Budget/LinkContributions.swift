/// The independent contributions of the links of a calibration hierarchy, and the sensitivity of
/// each result to each of them (GUM 5.1.2, 5.2.4; F.1.2.3).
///
/// Each point's value is modelled as y = Σ_j c_j·y_j + q, with y_j the values of its references,
/// c_j their sensitivities (times the unit factor) and q an independent contribution of the
/// calibration itself with variance δ² (an anchor is all contribution: δ² = u²). Then, in
/// topological order (references before their users),
///
///     δ²(y) = u²(y) − Var(Σ_j c_j·y_j) = u²(y) − Σ_{l ∈ ancestors(y)} c_{y,l}²·δ_l²,
///
/// where c_{y,l} = Σ over paths l → y of the product of the sensitivities on the path. So
/// u²(y) = Σ_{l ∈ ancestry(y) ∪ {y}} c_{y,l}²·δ_l² (the chain budget), and two results that share
/// links are correlated: u(y_a, y_b) = Σ_{l shared} c_{a,l}·c_{b,l}·δ_l² (GUM F.1.2.3, eq. F.2).
/// With c = 1 along a tree this is the variance of the deepest common ancestor.
///
/// References that do not resolve (or have no certificate) contribute nothing: their variance is
/// absorbed in δ² of the point that used them, and ``isComplete`` is false.
///
/// - Complexity: O(V + E) over the ancestry for chains of single links; one O(V + E) coefficient
///   sweep more for every link with several references.
struct LinkContributions {
    /// Nodes of the ancestry in topological order (references before users): a point p ≥ 0 or an
    /// anchor −(a + 1).
    let nodes: [Int32]
    /// Position of each node in ``nodes``.
    let position: [Int32: Int]
    /// δ² of each node, in the square of its unit (may be negative when T07 is violated).
    let addedVariance: [Double]
    /// u² of each node.
    let variance: [Double]
    /// For each node, its references as (position, c·unit factor).
    let edges: [[(position: Int, factor: Double)]]
    /// False when some reference of the ancestry did not resolve.
    let isComplete: Bool

    /// The ancestry of `targets` (point indices) with its contributions.
    ///
    /// - Throws: ``TraceabilityError/circularTraceability(nodes:)`` for a cycle,
    ///   ``TraceabilityError/invalidField(node:field:reason:)`` for a unit that cannot be read or converted.
    init(of targets: [Int], in graph: TraceabilityGraph, maximumNodes: Int = .max) throws(TraceabilityError) {
        // Iterative depth-first search; post-order gives references before their users.
        var order: [Int32] = []
        var state: [Int32: UInt8] = [:]  // 1 = on the stack, 2 = done
        var complete = true
        for target in targets where state[Int32(target)] == nil {
            var frames: [(node: Int32, next: Int)] = [(Int32(target), 0)]
            state[Int32(target)] = 1
            while let frame = frames.last {
                let node = frame.node
                let count = node >= 0 ? Int(graph.referenceStart[Int(node) + 1] - graph.referenceStart[Int(node)]) : 0
                if frame.next < count {
                    frames[frames.count - 1].next += 1
                    let referenceTarget = graph.referenceTargets[Int(graph.referenceStart[Int(node)]) + frame.next]
                    if referenceTarget == TraceabilityGraph.unresolvedTarget
                        || referenceTarget == TraceabilityGraph.uncertifiedTarget
                    {
                        complete = false
                        continue
                    }
                    switch state[referenceTarget] {
                    case nil:
                        state[referenceTarget] = 1
                        frames.append((referenceTarget, 0))
                    case 1:
                        let cycleStart = frames.firstIndex { $0.node == referenceTarget } ?? 0
                        let labels = frames[cycleStart...].map { graph.nodeLabel($0.node) }
                        throw .circularTraceability(nodes: labels + [graph.nodeLabel(referenceTarget)])
                    default:
                        break
                    }
                    continue
                }
                frames.removeLast()
                state[node] = 2
                order.append(node)
                if order.count > maximumNodes { throw .ancestryTooLarge(limit: maximumNodes) }
            }
        }
        var position: [Int32: Int] = [:]
        for (i, node) in order.enumerated() { position[node] = i }

        var edges: [[(position: Int, factor: Double)]] = []
        var variance: [Double] = []
        edges.reserveCapacity(order.count)
        for node in order {
            variance.append(graph.nodeVariance(node))
            guard node >= 0 else {
                edges.append([])
                continue
            }
            let p = Int(node)
            let c = Int(graph.pointCalibration[p])
            var list: [(position: Int, factor: Double)] = []
            for r in Int(graph.referenceStart[p])..<Int(graph.referenceStart[p + 1]) {
                let referenceTarget = graph.referenceTargets[r]
                guard let j = position[referenceTarget] else { continue }
                let factor = try graph.conversionFactor(
                    from: graph.nodeUnit(referenceTarget), sensitivity: graph.referenceSensitivityUnit[r],
                    to: graph.calibrationUnit[c],
                    node: graph.nodeLabel(node))
                list.append((j, graph.reference(r, of: p).sensitivity * factor))
            }
            edges.append(list)
        }

        // δ² in topological order, each from the coefficients of the node over its ancestors.
        var added = [Double](repeating: 0, count: order.count)
        var coefficients = [Double](repeating: 0, count: order.count)
        for i in order.indices {
            if edges[i].count <= 1 {
                // One reference (or none): Var(c·y_j) = c²·u²(y_j), no sweep needed — a long
                // chain of single links costs O(length), not O(length²).
                let inherited = edges[i].first.map { $0.factor * $0.factor * variance[$0.position] } ?? 0
                added[i] = variance[i] - inherited
                continue
            }
            Self.sweep(from: i, edges: edges, into: &coefficients)
            var inherited = 0.0
            for j in 0..<i where coefficients[j] != 0 {
                inherited += coefficients[j] * coefficients[j] * added[j]
                coefficients[j] = 0
            }
            coefficients[i] = 0
            added[i] = variance[i] - inherited
        }
        self.nodes = order
        self.position = position
        self.addedVariance = added
        self.variance = variance
        self.edges = edges
        self.isComplete = complete
    }

    /// c_{node, l} for every l in the ancestry (0 outside the node's own ancestry), c_{node,node} = 1.
    func coefficients(of node: Int32) -> [Double] {
        var coefficients = [Double](repeating: 0, count: nodes.count)
        if let i = position[node] { Self.sweep(from: i, edges: edges, into: &coefficients) }
        return coefficients
    }

    /// Propagates c = 1 at position i down to its ancestors: positions are topological, so every
    /// user of a node sits after it and has its coefficient complete when the sweep reaches it.
    private static func sweep(from i: Int, edges: [[(position: Int, factor: Double)]], into c: inout [Double]) {
        c[i] = 1
        var k = i
        while k >= 0 {
            let ck = c[k]
            if ck != 0 {
                for edge in edges[k] { c[edge.position] += ck * edge.factor }
            }
            k -= 1
        }
    }
}

extension TraceabilityGraph {
    /// The boundary id of a node: a point's label or an anchor's id.
    func nodeLabel(_ node: Int32) -> String {
        node >= 0 ? pointLabel(Int(node)) : document.anchors[Self.anchorIndex(node)].id
    }

    /// u² of a node in its own unit.
    func nodeVariance(_ node: Int32) -> Double {
        let u =
            node >= 0
            ? point(Int(node)).standardUncertainty : document.anchors[Self.anchorIndex(node)].standardUncertainty
        return u * u
    }

    /// The unit-table index of a node's unit.
    func nodeUnit(_ node: Int32) -> Int32 {
        node >= 0 ? calibrationUnit[Int(pointCalibration[Int(node)])] : anchorUnit[Self.anchorIndex(node)]
    }

    /// The factor that converts (a value in `from`) × (a sensitivity in `sensitivity`) to `to`.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the node when a unit
    ///   cannot be read or the dimensions differ.
    func conversionFactor(from: Int32, sensitivity: Int32, to: Int32, node: String) throws(TraceabilityError)
        -> Double
    {
        do {
            let source = try unitTable[Int(from)].get()
            let factor = try unitTable[Int(sensitivity)].get()
            let target = try unitTable[Int(to)].get()
            let product = factor == .one ? source : MeasurementUnit(factors: source.factors + factor.factors)
            return try product.conversion(to: target).difference(1)
        } catch {
            throw .invalidField(node: node, field: "unit", reason: error.description)
        }
    }
}
