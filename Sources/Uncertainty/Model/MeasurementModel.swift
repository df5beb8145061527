internal import EquivalenceSupport
import LinearAlgebra

/// A measurement model as written in a model file (`*.model.json`): the input quantities, their
/// correlations, named constants, the measurands defined by expressions, and the coverage
/// probability. The format is documented by `Schemas/measurement-model.schema.json` and the
/// article <doc:MeasurementModelFiles>.
///
///     { "quantities": [
///         { "name": "V", "value": 4.999, "standardUncertainty": 0.0032, "degreesOfFreedom": 4 },
///         { "name": "I", "value": 19.661e-3, "standardUncertainty": 9.5e-6, "degreesOfFreedom": 4 } ],
///       "correlations": [ { "quantities": ["V", "I"], "coefficient": -0.36 } ],
///       "measurands": [ { "name": "Z", "expression": "V/I" } ],
///       "coverageProbability": 0.95 }
///
/// The same model serves the first-order method (``evaluateFirstOrder()``, GUM 5) and the Monte
/// Carlo method (``expressionModel()`` is a ``VectorizedModel``; ``ModelQuantity/distribution``
/// the JCGM 101 input distributions).
public struct MeasurementModel: Sendable, Hashable, Codable {
    /// The input quantities, in the order budgets list them.
    public var quantities: [ModelQuantity]
    /// Correlation coefficients between pairs of quantities (absent pairs are uncorrelated).
    public var correlations: [ModelCorrelation]
    /// Exact named constants usable in expressions (besides `pi`).
    public var constants: [String: Double]
    /// The measurands, in order; each may use the ones before it.
    public var measurands: [ModelMeasurand]
    /// p for coverage factors and intervals; 0.95 when absent.
    public var coverageProbability: Double

    public init(
        quantities: [ModelQuantity], correlations: [ModelCorrelation] = [], constants: [String: Double] = [:],
        measurands: [ModelMeasurand], coverageProbability: Double = 0.95
    ) {
        self.quantities = quantities
        self.correlations = correlations
        self.constants = constants
        self.measurands = measurands
        self.coverageProbability = coverageProbability
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case quantities, correlations, constants, measurands, coverageProbability
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "the model")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let coverageProbability = try container.decodeIfPresent(Double.self, forKey: .coverageProbability) ?? 0.95
        if let problem = CoverageBounds.coverageProbabilityProblem(coverageProbability) {
            throw UncertaintyError.malformedModel(field: CodingKeys.coverageProbability.stringValue, reason: problem)
        }
        self.init(
            quantities: try container.decode([ModelQuantity].self, forKey: .quantities),
            correlations: try container.decodeIfPresent([ModelCorrelation].self, forKey: .correlations) ?? [],
            constants: try container.decodeIfPresent([String: Double].self, forKey: .constants) ?? [:],
            measurands: try container.decode([ModelMeasurand].self, forKey: .measurands),
            coverageProbability: coverageProbability)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quantities, forKey: .quantities)
        if !correlations.isEmpty { try container.encode(correlations, forKey: .correlations) }
        if !constants.isEmpty { try container.encode(constants, forKey: .constants) }
        try container.encode(measurands, forKey: .measurands)
        try container.encode(coverageProbability, forKey: .coverageProbability)
    }

    /// The measurands compiled into one ``ExpressionModel`` of the quantities.
    ///
    /// - Throws: the errors of ``ExpressionModel/init(inputs:constants:outputs:)``.
    public func expressionModel() throws(UncertaintyError) -> ExpressionModel {
        try ExpressionModel(
            inputs: quantities.map(\.name), constants: constants, outputs: measurands.map { ($0.name, $0.expression) })
    }

    /// Checks the coverage probability and the correlations: known, distinct quantities, finite
    /// coefficients in [−1, 1], no pair twice.
    ///
    /// - Throws: ``UncertaintyError/invalidCoverageProbability(_:)``, ``UncertaintyError/unknownQuantity(_:context:)``,
    ///   ``UncertaintyError/invalidCorrelation(quantities:coefficient:)``,
    ///   ``UncertaintyError/duplicateCorrelation(first:second:)``, ``UncertaintyError/duplicateName(_:)``.
    public func validateCorrelations() throws(UncertaintyError) {
        guard coverageProbability > 0, coverageProbability < 1 else {
            throw .invalidCoverageProbability(coverageProbability)
        }
        _ = try correlationPairs()
    }

    /// The correlations as index pairs, checked.
    private func correlationPairs() throws(UncertaintyError) -> [(i: Int, j: Int, r: Double)] {
        var index: [String: Int] = [:]
        for (i, quantity) in quantities.enumerated() {
            guard index[quantity.name] == nil else { throw .duplicateName(quantity.name) }
            index[quantity.name] = i
        }
        var seen: Set<Int> = []
        var pairs: [(Int, Int, Double)] = []
        for correlation in correlations {
            // The file reader insists on two names; a correlation built in code may not have them.
            guard correlation.quantities.count == 2 else {
                throw .invalidCorrelation(quantities: correlation.quantities, coefficient: correlation.coefficient)
            }
            let (a, b) = (correlation.quantities[0], correlation.quantities[1])
            let context = "correlation of \(a) and \(b)"
            guard let i = index[a] else { throw .unknownQuantity(a, context: context) }
            guard let j = index[b] else { throw .unknownQuantity(b, context: context) }
            let r = correlation.coefficient
            guard i != j, r.isFinite, Swift.abs(r) <= 1 else {
                throw .invalidCorrelation(quantities: [a, b], coefficient: r)
            }
            guard seen.insert(Swift.min(i, j) * quantities.count + Swift.max(i, j)).inserted else {
                throw .duplicateCorrelation(first: a, second: b)
            }
            pairs.append((i, j, r))
        }
        return pairs
    }

    /// The input quantities as uncertain numbers for the first-order method, in file order.
    /// Quantities joined by non-zero correlations are created together, one group per connected
    /// set, whose correlation matrix must be positive semi-definite; within it, finite-ν
    /// quantities form ensembles (see ``UncertainReal/correlatedInputs(values:standardUncertainties:correlation:degreesOfFreedom:labels:)``).
    ///
    /// - Throws: the errors of ``ModelQuantity/firstOrderSpecification()``, of
    ///   ``validateCorrelations()`` and ``UncertaintyError/correlationNotPositiveSemidefinite(quantities:smallestEigenvalue:)``,
    ///   ``UncertaintyError/correlatedInputsNotAnEnsemble(first:second:)``.
    public func firstOrderInputs() throws(UncertaintyError) -> [UncertainReal] {
        var specifications: [(value: Double, standardUncertainty: Double, degreesOfFreedom: Double)] = []
        for quantity in quantities { specifications.append(try quantity.firstOrderSpecification()) }
        let pairs = try correlationPairs()
        let n = quantities.count
        // Connected sets of quantities under non-zero correlation (union–find).
        var parent = Array(0..<n)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for pair in pairs where pair.r != 0 { parent[root(pair.i)] = root(pair.j) }
        var members: [Int: [Int]] = [:]
        for i in 0..<n { members[root(i), default: []].append(i) }
        var inputs = [UncertainReal?](repeating: nil, count: n)
        for i in 0..<n where inputs[i] == nil {
            let set = members[root(i)] ?? [i]
            if set.count == 1 {
                let s = specifications[i]
                inputs[i] = try UncertainReal.input(
                    value: s.value, standardUncertainty: s.standardUncertainty, degreesOfFreedom: s.degreesOfFreedom,
                    label: quantities[i].name)
                continue
            }
            var position: [Int: Int] = [:]
            for (p, k) in set.enumerated() { position[k] = p }
            var r = Matrix.identity(order: set.count)
            for pair in pairs {
                guard let p = position[pair.i], let q = position[pair.j] else { continue }
                r[p, q] = pair.r
                r[q, p] = pair.r
            }
            let group = try UncertainReal.correlatedInputs(
                values: set.map { specifications[$0].value },
                standardUncertainties: set.map { specifications[$0].standardUncertainty }, correlation: r,
                degreesOfFreedom: set.map { specifications[$0].degreesOfFreedom },
                labels: set.map { quantities[$0].name })
            for (p, k) in set.enumerated() { inputs[k] = group[p] }
        }
        return inputs.compactMap { $0 }
    }

    /// The first-order evaluation of every measurand (the GUM uncertainty framework, JCGM 100
    /// §5 and G.4–G.6): the values, the combined standard uncertainties by the law of propagation
    /// of uncertainty with exact sensitivities, ν_eff (Welch–Satterthwaite with Willink's
    /// ensembles), k_p = t_{(1+p)/2}(ν_eff), U = k_p·u, the budget over the quantities, and the
    /// covariance matrix of the measurands (GUM H.2).
    ///
    /// - Throws: the errors of ``expressionModel()``, ``firstOrderInputs()`` and
    ///   ``ExpressionModel/evaluate(_:)-(Array<UncertainReal>)`` (division by zero or a function
    ///   outside its domain at the estimates, naming the measurand);
    ///   ``UncertaintyError/nonFiniteCoverageFactor(measurand:coverageProbability:effectiveDegreesOfFreedom:)``
    ///   when p is too close to 1 for ν_eff; ``UncertaintyError/nonFiniteResult(measurand:)`` when U
    ///   or y ± U overflows.
    /// - Complexity: O(m·(k + n)) for m measurands, a graph of k nodes and n quantities, plus
    ///   O(g³) for each correlated group of g quantities.
    public func evaluateFirstOrder() throws(UncertaintyError) -> FirstOrderEvaluation {
        guard coverageProbability > 0, coverageProbability < 1 else {
            throw .invalidCoverageProbability(coverageProbability)
        }
        let function = try expressionModel()
        let inputs = try firstOrderInputs()
        let outputs = try function.evaluate(inputs)
        let order = Dictionary(quantities.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let p = coverageProbability
        var results: [MeasurandEvaluation] = []
        for (k, output) in outputs.enumerated() {
            let budget = output.budget()
            let name = measurands[k].name
            guard budget.standardUncertainty.isFinite else { throw .nonFiniteResult(measurand: name) }
            let components = budget.components.sorted {
                order[$0.quantity, default: 0] < order[$1.quantity, default: 0]
            }
            let k95 = budget.coverageFactor(coverageProbability: p)
            guard k95.isFinite else {
                throw .nonFiniteCoverageFactor(
                    measurand: name, coverageProbability: p, effectiveDegreesOfFreedom: budget.effectiveDegreesOfFreedom
                )
            }
            // The report prints U and y ± U: they must be finite too.
            let expanded = k95 * budget.standardUncertainty
            guard expanded.isFinite, (output.value - expanded).isFinite, (output.value + expanded).isFinite else {
                throw .nonFiniteResult(measurand: name)
            }
            results.append(
                MeasurandEvaluation(
                    name: name, unit: measurands[k].unit, value: output.value,
                    standardUncertainty: budget.standardUncertainty,
                    effectiveDegreesOfFreedom: budget.effectiveDegreesOfFreedom, coverageProbability: p,
                    coverageFactor: k95, expandedUncertainty: expanded, budget: components))
        }
        return FirstOrderEvaluation(
            measurands: results, outputs: outputs, covariance: UncertainReal.covarianceMatrix(outputs),
            correlation: UncertainReal.correlationMatrix(outputs), coverageProbability: p)
    }
}
