import KeyComparison
import LinearAlgebra

extension Comparison {
    /// A copy of the comparison whose covariance comes from the laboratories' shared traceability.
    ///
    /// The graph's `comparisons` entry with this comparison's identifier (or `identifier`) maps
    /// each laboratory to the calibration that holds its result. The covariance between two
    /// laboratories is the variance of the links their chains share (GUM 5.2.4, F.1.2.3;
    /// `SharedTraceabilityCovariance`), converted to the comparison's unit when it states one;
    /// the diagonal keeps the comparison file's u_i², which must agree with the graph's to 0.1 %.
    /// The weighted mean then becomes generalized least squares and the degrees of equivalence use
    /// cov(d) = (I − 1aᵀ)V(I − 1aᵀ)ᵀ (Cox 2002; Sutton 2004).
    ///
    ///     let correlated = try comparison.correlated(through: graph)
    ///     let evaluation = try WeightedMean().evaluate(correlated)
    ///
    /// - Throws: `TraceabilityError.unknownComparison`,
    ///   `TraceabilityError.unmappedLaboratory`,
    ///   `TraceabilityError.uncertaintyMismatch`, the covariance
    ///   errors, or `TraceabilityError.comparison` if the resulting matrix is not a valid covariance.
    public func correlated(through graph: TraceabilityGraph, comparison identifier: String? = nil)
        throws(TraceabilityError) -> Comparison
    {
        let id = identifier ?? self.identifier
        guard !isCorrelated else {
            throw .invalidField(
                node: self.identifier, field: "correlations",
                reason: "the comparison already states correlations; the graph's covariance would replace them")
        }
        guard let record = graph.comparison(id) else {
            throw .unknownComparison(id, known: graph.document.comparisons.map(\.id))
        }
        var resultIDs: [String] = []
        for result in results {
            guard let participant = record.participants.first(where: { $0.laboratory == result.laboratory.name }) else {
                throw .unmappedLaboratory(comparison: id, laboratory: result.laboratory.name)
            }
            resultIDs.append(participant.result)
        }
        let shared = try SharedTraceabilityCovariance(of: resultIDs, in: graph)
        var factor = 1.0
        if let unit, !unit.isEmpty {
            do {
                factor = try MeasurementUnit(parsing: shared.unit).conversion(to: MeasurementUnit(parsing: unit))
                    .difference(1)
            } catch {
                throw .invalidField(node: id, field: "unit", reason: error.description)
            }
        }
        let n = results.count
        var v = Matrix(rows: n, columns: n)
        for a in 0..<n {
            let graphU = abs(factor) * shared.standardUncertainties[a]
            let fileU = results[a].standardUncertainty
            guard abs(graphU - fileU) <= 1e-3 * fileU else {
                throw .uncertaintyMismatch(laboratory: results[a].laboratory.name, comparison: fileU, graph: graphU)
            }
            v[a, a] = fileU * fileU
            for b in 0..<n where b != a { v[a, b] = factor * factor * shared.covariance[a, b] }
        }
        do {
            return try Comparison(
                identifier: self.identifier, measurand: measurand, unit: unit, results: results, covariance: v)
        } catch {
            throw .comparison(error)
        }
    }
}
