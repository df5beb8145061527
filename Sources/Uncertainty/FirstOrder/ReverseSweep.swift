/// The partial derivatives of one result with respect to every node of its graph, from a single
/// reverse (adjoint) sweep: reverse-mode automatic differentiation (Griewank & Walther,
/// *Evaluating Derivatives*, 2nd ed., SIAM 2008, ch. 3).
///
/// The nodes reachable from the root are put in topological order by an iterative depth-first
/// search (no recursion, so chains of any length are safe); then, from the root (adjoint 1)
/// back to the leaves, each node adds adjoint × partial to each parent.
///
/// - Complexity: O(k) for a graph of k nodes and edges, whatever the number of inputs.
struct ReverseSweep {
    /// The reachable nodes, parents before children; the root is last.
    let nodes: [DependencyNode]
    /// ∂root/∂node for each node of ``nodes``.
    let adjoints: [Double]
    private let index: [ObjectIdentifier: Int]

    init(from root: DependencyNode) {
        var index: [ObjectIdentifier: Int] = [ObjectIdentifier(root): -1]
        var nodes: [DependencyNode] = []
        var stack: [(node: DependencyNode, next: Int)] = [(root, 0)]
        while let (node, next) = stack.last {
            if let (parent, _) = node.parent(next) {
                stack[stack.count - 1].next = next + 1
                let id = ObjectIdentifier(parent)
                if index[id] == nil {
                    index[id] = -1
                    stack.append((parent, 0))
                }
            } else {
                stack.removeLast()
                index[ObjectIdentifier(node)] = nodes.count
                nodes.append(node)
            }
        }
        var adjoints = [Double](repeating: 0, count: nodes.count)
        adjoints[nodes.count - 1] = 1
        for position in stride(from: nodes.count - 1, through: 0, by: -1) {
            let adjoint = adjoints[position]
            // A zero adjoint propagates nothing; skipping it also keeps 0 × ∞ (a path through
            // a point where some partial is infinite but whose weight is zero) from making NaN.
            if adjoint == 0 { continue }
            let node = nodes[position]
            var k = 0
            while let (parent, partial) = node.parent(k) {
                if let p = index[ObjectIdentifier(parent)] { adjoints[p] += adjoint * partial }
                k += 1
            }
        }
        self.nodes = nodes
        self.adjoints = adjoints
        self.index = index
    }

    /// ∂root/∂node, zero when the root does not depend on `node`.
    func adjoint(of node: DependencyNode) -> Double {
        guard let position = index[ObjectIdentifier(node)], position >= 0 else { return 0 }
        return adjoints[position]
    }
}

/// The first-order description of an uncertain number: its sensitivity to each input quantity it
/// depends on, in creation order of the inputs. Variances, covariances and degrees of freedom
/// are computed from it.
struct SensitivityProfile {
    struct Term {
        let serial: UInt64
        let input: InputProperties
        /// c_i = ∂y/∂x_i.
        let sensitivity: Double
        /// c_i·u(x_i), the signed uncertainty component.
        var component: Double { sensitivity * input.standardUncertainty }
    }

    let terms: [Term]

    init(_ x: UncertainReal) {
        guard let root = x.node else {
            self.init(terms: [])
            return
        }
        self.init(ReverseSweep(from: root))
    }

    private init(terms: [Term]) {
        self.terms = terms
    }

    init(_ sweep: ReverseSweep) {
        var terms: [Term] = []
        for (node, adjoint) in zip(sweep.nodes, sweep.adjoints) {
            if let input = node.inputProperties {
                terms.append(Term(serial: node.serial, input: input, sensitivity: adjoint))
            }
        }
        terms.sort { $0.serial < $1.serial }
        self.init(terms: terms)
    }

    /// u²(y) = Σ_i Σ_j c_i u_i r_ij u_j c_j (GUM 5.2.2, eq. 13).
    var variance: Double { Self.covariance(self, self) }

    /// u(y, z) = Σ_i Σ_j c_i u_i r_ij u_j d_j for y and z with sensitivities c and d (GUM F.1.2.3).
    ///
    /// - Complexity: O(n) over the inputs plus O(m_a·m_b) for each correlated group with m_a
    ///   members in a and m_b in b.
    static func covariance(_ a: SensitivityProfile, _ b: SensitivityProfile) -> Double {
        var total = 0.0
        // Diagonal terms: the same input in both (merge on the creation serial).
        var i = 0
        var j = 0
        while i < a.terms.count, j < b.terms.count {
            let (sa, sb) = (a.terms[i].serial, b.terms[j].serial)
            if sa == sb {
                total += a.terms[i].component * b.terms[j].component
                i += 1
                j += 1
            } else if sa < sb {
                i += 1
            } else {
                j += 1
            }
        }
        // Off-diagonal terms: distinct members of one correlated group.
        var groups: [ObjectIdentifier: (group: CorrelationGroup, a: [(Int, Double)], b: [(Int, Double)])] = [:]
        for term in a.terms {
            guard let group = term.input.group else { continue }
            groups[ObjectIdentifier(group), default: (group, [], [])].a.append((term.input.member, term.component))
        }
        guard !groups.isEmpty else { return total }
        for term in b.terms {
            guard let group = term.input.group else { continue }
            groups[ObjectIdentifier(group)]?.b.append((term.input.member, term.component))
        }
        for (_, entry) in groups {
            for (p, cp) in entry.a where cp != 0 {
                for (q, cq) in entry.b where q != p && cq != 0 {
                    total += cp * entry.group.correlation(p, q) * cq
                }
            }
        }
        return total
    }

    /// The variance components that carry finite degrees of freedom, as (v, ν) pairs: one per
    /// finite-ν input standing alone, v = (c_i u_i)², and one per ensemble E,
    /// v = Σ_{i,j∈E} c_i u_i r_ij u_j c_j (Willink, Metrologia 44 (2007) 340, §4.1).
    func finiteDegreesOfFreedomComponents() -> [(variance: Double, degreesOfFreedom: Double)] {
        var result: [(Double, Double)] = []
        var ensembles: [EnsembleKey: (group: CorrelationGroup, nu: Double, members: [(Int, Double)])] = [:]
        var order: [EnsembleKey] = []
        for term in terms where term.input.degreesOfFreedom.isFinite {
            let c = term.component
            if let group = term.input.group, let e = group.ensemble[term.input.member] {
                let key = EnsembleKey(group: ObjectIdentifier(group), ensemble: e)
                if ensembles[key] == nil {
                    ensembles[key] = (group, term.input.degreesOfFreedom, [])
                    order.append(key)
                }
                ensembles[key]?.members.append((term.input.member, c))
            } else {
                result.append((c * c, term.input.degreesOfFreedom))
            }
        }
        for key in order {
            guard let entry = ensembles[key] else { continue }
            var v = 0.0
            for (p, cp) in entry.members {
                for (q, cq) in entry.members { v += cp * (p == q ? 1 : entry.group.correlation(p, q)) * cq }
            }
            result.append((v, entry.nu))
        }
        return result
    }

    /// ν_eff = u⁴(y) / Σ_g v_g²/ν_g over the finite-ν components g (Welch–Satterthwaite, GUM
    /// G.4.1, eq. G.2b, with Willink's ensembles); infinite when no component has finite ν or
    /// u(y) = 0.
    func effectiveDegreesOfFreedom(variance: Double) -> Double {
        guard variance > 0 else { return .infinity }
        var denominator = 0.0
        for (v, nu) in finiteDegreesOfFreedomComponents() {
            let share = v / variance  // normalised, so that u⁴ cannot overflow
            denominator += share * share / nu
        }
        guard denominator > 0 else { return .infinity }
        // A component with a subnormal ν can make the sum overflow; ν_eff is then the smallest
        // positive double, not 0, which no t distribution accepts.
        return Swift.max(1 / denominator, .leastNonzeroMagnitude)
    }
}

struct EnsembleKey: Hashable {
    let group: ObjectIdentifier
    let ensemble: Int
}

/// The 2 × 2 covariance blocks of a pair of results (the real and imaginary parts of a complex
/// result) over the finite-ν components, for the Willink–Hall total-variance degrees of freedom.
struct BivariateComponents {
    /// (v₁₁, v₁₂, v₂₂, ν) per finite-ν component: an input standing alone or an ensemble.
    let blocks: [(v11: Double, v12: Double, v22: Double, degreesOfFreedom: Double)]

    init(_ a: SensitivityProfile, _ b: SensitivityProfile) {
        // Align the components of both profiles on the input serial.
        var byInput: [UInt64: (input: InputProperties, a: Double, b: Double)] = [:]
        var order: [UInt64] = []
        for term in a.terms where term.input.degreesOfFreedom.isFinite {
            byInput[term.serial] = (term.input, term.component, 0)
            order.append(term.serial)
        }
        for term in b.terms where term.input.degreesOfFreedom.isFinite {
            if byInput[term.serial] == nil {
                byInput[term.serial] = (term.input, 0, term.component)
                order.append(term.serial)
            } else {
                byInput[term.serial]?.b = term.component
            }
        }
        var blocks: [(Double, Double, Double, Double)] = []
        var ensembles: [EnsembleKey: (group: CorrelationGroup, nu: Double, members: [(Int, Double, Double)])] = [:]
        var ensembleOrder: [EnsembleKey] = []
        for serial in order {
            guard let (input, ca, cb) = byInput[serial] else { continue }
            if let group = input.group, let e = group.ensemble[input.member] {
                let key = EnsembleKey(group: ObjectIdentifier(group), ensemble: e)
                if ensembles[key] == nil {
                    ensembles[key] = (group, input.degreesOfFreedom, [])
                    ensembleOrder.append(key)
                }
                ensembles[key]?.members.append((input.member, ca, cb))
            } else {
                blocks.append((ca * ca, ca * cb, cb * cb, input.degreesOfFreedom))
            }
        }
        for key in ensembleOrder {
            guard let entry = ensembles[key] else { continue }
            var (v11, v12, v22) = (0.0, 0.0, 0.0)
            for (p, ap, bp) in entry.members {
                for (q, aq, bq) in entry.members {
                    let r = p == q ? 1 : entry.group.correlation(p, q)
                    v11 += ap * r * aq
                    v12 += ap * r * bq
                    v22 += bp * r * bq
                }
            }
            blocks.append((v11, v12, v22, entry.nu))
        }
        self.blocks = blocks
    }
}
