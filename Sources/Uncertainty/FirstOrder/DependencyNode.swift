import Synchronization

/// A vertex of the graph that an uncertain number carries: an input quantity (a leaf), an
/// intermediate result, or an operation with the partial derivatives of its result with respect
/// to its operands (its parents).
///
/// Nodes are immutable once built and shared between every uncertain number computed from them
/// (structure sharing), so `y = a + b` costs one node whatever the size of the graphs behind `a`
/// and `b`. The sensitivities of a result to all its inputs come from one reverse sweep over
/// the graph (``ReverseSweep``).
///
/// The class is `@unchecked Sendable` because the parent references are `var`: they are written
/// in `init` and, in `deinit`, only on nodes that nothing else references (see `deinit`).
final class DependencyNode: @unchecked Sendable {
    /// What the node stands for.
    enum Role: Sendable {
        /// The result of an operation.
        case operation
        /// An independent input quantity.
        case input(InputProperties)
        /// A result declared as an intermediate result (GUM H.1: d, θ), so that budgets can be
        /// expressed with respect to it.
        case intermediate(label: String, value: Double)
    }

    /// Creation order, increasing across the process: budgets list inputs in this order.
    let serial: UInt64
    let role: Role
    private(set) var first: DependencyNode?
    let firstPartial: Double
    private(set) var second: DependencyNode?
    let secondPartial: Double
    private(set) var others: [DependencyNode]
    let otherPartials: [Double]

    private static let serials = Atomic<UInt64>(0)

    private init(
        role: Role, first: DependencyNode?, firstPartial: Double, second: DependencyNode?, secondPartial: Double,
        others: [DependencyNode] = [], otherPartials: [Double] = []
    ) {
        self.serial = Self.serials.wrappingAdd(1, ordering: .relaxed).oldValue
        self.role = role
        self.first = first
        self.firstPartial = firstPartial
        self.second = second
        self.secondPartial = secondPartial
        self.others = others
        self.otherPartials = otherPartials
    }

    /// A leaf for an independent input quantity.
    static func input(_ properties: InputProperties) -> DependencyNode {
        DependencyNode(role: .input(properties), first: nil, firstPartial: 0, second: nil, secondPartial: 0)
    }

    /// An intermediate-result marker over `node` (∂marker/∂node = 1).
    static func intermediate(label: String, value: Double, over node: DependencyNode) -> DependencyNode {
        DependencyNode(
            role: .intermediate(label: label, value: value), first: node, firstPartial: 1, second: nil,
            secondPartial: 0)
    }

    /// The node of an operation with one or two operands, or nil when no operand is uncertain
    /// (the result is then an exact number).
    static func operation(
        _ a: DependencyNode?, _ partialA: Double, _ b: DependencyNode? = nil, _ partialB: Double = 0
    ) -> DependencyNode? {
        switch (a, b) {
        case (nil, nil): nil
        case (let a?, nil):
            DependencyNode(role: .operation, first: a, firstPartial: partialA, second: nil, secondPartial: 0)
        case (nil, let b?):
            DependencyNode(role: .operation, first: b, firstPartial: partialB, second: nil, secondPartial: 0)
        case (let a?, let b?):
            DependencyNode(role: .operation, first: a, firstPartial: partialA, second: b, secondPartial: partialB)
        }
    }

    /// The node of a linear combination Σ c_k·x_k over many operands (one node, not a chain).
    static func linearCombination(_ nodes: [DependencyNode], _ coefficients: [Double]) -> DependencyNode? {
        switch nodes.count {
        case 0: return nil
        case 1: return operation(nodes[0], coefficients[0])
        case 2: return operation(nodes[0], coefficients[0], nodes[1], coefficients[1])
        default:
            return DependencyNode(
                role: .operation, first: nodes[0], firstPartial: coefficients[0], second: nodes[1],
                secondPartial: coefficients[1], others: Array(nodes[2...]), otherPartials: Array(coefficients[2...]))
        }
    }

    /// Parent number `k` (0-based) with its partial derivative, or nil past the last parent.
    @inline(__always)
    func parent(_ k: Int) -> (node: DependencyNode, partial: Double)? {
        switch k {
        case 0: first.map { ($0, firstPartial) }
        case 1: second.map { ($0, secondPartial) }
        default: k - 2 < others.count ? (others[k - 2], otherPartials[k - 2]) : nil
        }
    }

    var inputProperties: InputProperties? {
        if case .input(let properties) = role { return properties }
        return nil
    }

    // Releasing the last reference to a long chain (a sum of 10⁵ terms built with +) would
    // release each parent from inside its child's deinit, one stack frame per link. Instead the
    // parents of uniquely referenced nodes are detached onto a local stack and released in a loop.
    deinit {
        guard first != nil else { return }
        var pending: [DependencyNode] = []
        Self.detachParents(of: self, into: &pending)
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) { Self.detachParents(of: node, into: &pending) }
        }
    }

    private static func detachParents(of node: DependencyNode, into pending: inout [DependencyNode]) {
        if let parent = node.first { pending.append(parent) }
        if let parent = node.second { pending.append(parent) }
        pending.append(contentsOf: node.others)
        node.first = nil
        node.second = nil
        node.others = []
    }
}

/// The properties of an independent input quantity, held by its leaf.
struct InputProperties: Sendable {
    var label: String?
    var value: Double
    var standardUncertainty: Double
    /// ν; `.infinity` when the uncertainty is known exactly.
    var degreesOfFreedom: Double
    /// The inputs this one was created with and may be correlated with.
    var group: CorrelationGroup?
    /// The position of this input in `group`.
    var member: Int
}

/// A set of input quantities created together with a correlation matrix (GUM 5.2), e.g. the
/// means of simultaneous observations (GUM H.2) or the parameters of a least-squares fit.
///
/// Finite-ν members joined by non-zero correlations form ensembles (Willink, Metrologia 44
/// (2007) 340, §4.1): an ensemble counts as one component in the Welch–Satterthwaite formula.
final class CorrelationGroup: Sendable {
    /// m, the number of members.
    let order: Int
    /// The correlation matrix, row-major m × m.
    let correlation: [Double]
    /// The ensemble of each member, or nil when the member stands alone (infinite ν, or
    /// correlated with no other finite-ν member).
    let ensemble: [Int?]

    init(order: Int, correlation: [Double], ensemble: [Int?]) {
        self.order = order
        self.correlation = correlation
        self.ensemble = ensemble
    }

    @inline(__always)
    func correlation(_ i: Int, _ j: Int) -> Double { correlation[i * order + j] }
}
