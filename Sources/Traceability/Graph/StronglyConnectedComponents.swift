/// Tarjan's strongly connected components of a graph in compressed sparse row form, computed
/// without recursion.
///
/// R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1 (1972) 146–160.
/// The depth-first search keeps its own stack of (node, next edge) frames instead of recursing,
/// so a chain of 10⁶ calibrations does not overflow the thread's stack. Components are numbered
/// in the order Tarjan completes them: every edge goes from a component to one with a number
/// not larger than its own (a reverse topological order of the condensation).
///
/// - Complexity: O(V + E) time, O(V) memory.
struct StronglyConnectedComponents {
    /// The component of each node.
    let component: [Int32]
    /// The number of components.
    let count: Int
    /// Members of the components of more than one node, or of one node with an edge to itself:
    /// the cycles.
    let cycles: [[Int32]]

    /// - Parameters:
    ///   - offsets: edges of node v are `targets[offsets[v] ..< offsets[v + 1]]`; `offsets.count == nodeCount + 1`.
    ///   - targets: target node indices; negative entries are not edges (anchors, unresolved) and are skipped.
    init(nodeCount n: Int, offsets: [Int32], targets: [Int32]) {
        precondition(  // allowed: the offsets are built by CheckRun from the graph index, not read from a file
            offsets.count == n + 1, "StronglyConnectedComponents: one offset per node plus one")
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        var frames: [(node: Int32, edge: Int32)] = []
        var counter: Int32 = 0
        var components: Int32 = 0
        var cycles: [[Int32]] = []
        /// Tarjan's first visit of node v: numbered, put on the component stack, its edges next.
        func visit(_ v: Int) {
            index[v] = counter
            low[v] = counter
            counter += 1
            stack.append(Int32(v))
            onStack[v] = true
            frames.append((Int32(v), offsets[v]))
        }

        for root in 0..<n where index[root] < 0 {
            visit(root)
            while let frame = frames.last {
                let v = Int(frame.node)
                if frame.edge < offsets[v + 1] {
                    frames[frames.count - 1].edge += 1
                    let w = Int(targets[Int(frame.edge)])
                    guard w >= 0 else { continue }
                    if index[w] < 0 {
                        visit(w)
                    } else if onStack[w] {
                        low[v] = Swift.min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    low[Int(parent.node)] = Swift.min(low[Int(parent.node)], low[v])
                }
                guard low[v] == index[v] else { continue }
                var members: [Int32] = []
                while let w = stack.popLast() {
                    onStack[Int(w)] = false
                    component[Int(w)] = components
                    members.append(w)
                    if Int(w) == v { break }
                }
                let selfLoop =
                    members.count == 1
                    && targets[Int(offsets[v])..<Int(offsets[v + 1])].contains(Int32(v))
                if members.count > 1 || selfLoop { cycles.append(members.reversed()) }
                components += 1
            }
        }
        self.component = component
        self.count = Int(components)
        self.cycles = cycles
    }
}
