import LinearAlgebra

/// The covariance between results that share links of their traceability chains.
///
/// GUM 5.2.4: two results are correlated "if the same measuring instrument, physical measurement
/// standard, or reference datum having a significant standard uncertainty is used in their
/// determination". Modelling every link as an independent contribution q_l with variance δ_l²
/// (δ_l² = u_l² − Var(Σ_j c_j·y_j) over its references, see ``ChainBudget``), GUM F.1.2.3
/// (eq. F.2) gives
///
///     u(y_a, y_b) = Σ_{l ∈ L_a ∩ L_b} c_{a,l}·c_{b,l}·δ_l²,
///
/// the sum over the links the two chains share. In a tree of direct comparisons (c = 1) this is
/// the variance of the deepest common ancestor: two laboratories calibrated against the same
/// standard S are correlated by u²(S). All entries are expressed in the unit of the first result.
///
///     let v = try SharedTraceabilityCovariance(of: ["lab-A", "lab-B", "lab-C"], in: graph)
///     v.covariance[0, 1]   // u²(shared standard)
///
/// - Complexity: O(V·E) over the union of the results' ancestries, plus O(n²·V) for the matrix.
public struct SharedTraceabilityCovariance: Sendable, Hashable {
    /// The results, in the order of the matrix (`calibration` or `calibration#point`).
    public var results: [String]
    /// The unit of the values, uncertainties and covariances (squared): that of the first result.
    public var unit: String
    /// The values, converted to ``unit``.
    public var values: [Double]
    /// u of each result, in ``unit``.
    public var standardUncertainties: [Double]
    /// V, n × n, in ``unit``²: u² on the diagonal, shared variance off it.
    public var covariance: Matrix

    /// The covariance of results given by id.
    ///
    /// - Throws: ``TraceabilityError/unknownResult(_:)``, ``TraceabilityError/circularTraceability(nodes:)``,
    ///   ``TraceabilityError/inconsistentUncertainty(node:addedVariance:)`` (a link whose
    ///   uncertainty is smaller than what it inherits), or a unit error naming the result.
    public init(of results: [String], in graph: TraceabilityGraph) throws(TraceabilityError) {
        var points: [Int] = []
        for id in results { points.append(try graph.resultPoint(id)) }
        let links = try LinkContributions(of: points, in: graph)
        for (i, added) in links.addedVariance.enumerated() where added < -1e-9 * links.variance[i] {
            throw .inconsistentUncertainty(node: graph.nodeLabel(links.nodes[i]), addedVariance: added)
        }
        let n = points.count
        let common = graph.calibrationUnit[Int(graph.pointCalibration[points.first ?? 0])]
        var factors: [Double] = []
        var values: [Double] = []
        var uncertainties: [Double] = []
        var coefficients: [[Double]] = []
        for p in points {
            let own = graph.calibrationUnit[Int(graph.pointCalibration[p])]
            let factor = try graph.conversionFactor(
                from: own, sensitivity: TraceabilityGraph.oneUnit, to: common, node: graph.pointLabel(p))
            let point = graph.point(p)
            factors.append(factor)
            values.append(try graph.convertedValue(point.value, from: own, to: common, node: graph.pointLabel(p)))
            uncertainties.append(abs(factor) * point.standardUncertainty)
            coefficients.append(links.coefficients(of: Int32(p)))
        }
        var v = Matrix(rows: n, columns: n)
        for a in 0..<n {
            v[a, a] = uncertainties[a] * uncertainties[a]
            for b in 0..<a {
                var shared = 0.0
                for l in links.nodes.indices where coefficients[a][l] != 0 && coefficients[b][l] != 0 {
                    shared += coefficients[a][l] * coefficients[b][l] * links.addedVariance[l]
                }
                shared *= factors[a] * factors[b]
                v[a, b] = shared
                v[b, a] = shared
            }
        }
        self.results = points.map(graph.pointLabel)
        self.unit = graph.unitSpelling[Int(common)]
        self.values = values
        self.standardUncertainties = uncertainties
        self.covariance = v
    }

    /// r_ab = u(y_a, y_b)/(u_a·u_b).
    public var correlation: Matrix {
        let n = results.count
        var r = Matrix(rows: n, columns: n)
        for a in 0..<n {
            for b in 0..<n {
                let denominator = standardUncertainties[a] * standardUncertainties[b]
                r[a, b] = denominator > 0 ? covariance[a, b] / denominator : (a == b ? 1 : 0)
            }
        }
        return r
    }
}

extension TraceabilityGraph {
    /// A value converted between two units of the table, with the °C offset.
    func convertedValue(_ x: Double, from: Int32, to: Int32, node: String) throws(TraceabilityError) -> Double {
        do {
            return try unitTable[Int(from)].get().conversion(to: unitTable[Int(to)].get()).value(x)
        } catch {
            throw .invalidField(node: node, field: "unit", reason: error.description)
        }
    }
}
