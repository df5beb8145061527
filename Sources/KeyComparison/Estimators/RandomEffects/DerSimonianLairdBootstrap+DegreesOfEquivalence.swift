import Uncertainty

extension DerSimonianLairdBootstrap.Sample {
    /// The MRA unilateral degrees of equivalence from the bootstrap (NICOB manual §3.2.8, §A.5).
    ///
    /// For a result included in the KCRV: D_j = x_j − μ̂_DL, u(D_j) the standard deviation of the
    /// replicates D_jk, U(D_j) the half-length of the shortest interval symmetric about D_j that holds
    /// a fraction p of them, and the coverage interval their (1 ∓ p)/2 percentiles. For a result
    /// excluded from the KCRV (uncorrelated with it): u²(D_j) = u_j² + var(μ_k) + τ̂²,
    /// U(D_j) = z_{(1+p)/2}·u(D_j) (NICOB: 1.96·√(u_j² + var(μ_k) + τ̂²)).
    ///
    /// - Parameters:
    ///   - referenceValue: μ̂_DL; tauSquared: τ̂²_DL, both from the same included results.
    /// - Precondition: the differences were recorded.
    public func unilateralDegreesOfEquivalence(
        _ comparison: Comparison, referenceValue mu: Double, tauSquared tau2: Double, coverageProbability p: Double
    ) -> [DegreeOfEquivalence] {
        precondition(  // allowed: documented contract; RandomEffects records the differences
            differences.count == resultCount * referenceValues.count, "the differences were not recorded")
        let sdOfMean = ReplicateStatistics.standardDeviation(referenceValues)
        let varianceOfMean = sdOfMean * sdOfMean
        let z = NormalDistribution.standard.quantile((1 + p) / 2)
        let results = comparison.results
        let included = results.indices.filter { results[$0].includedInReferenceValue }
        let summaries = ReplicateStatistics.summaries(
            columns: differences, replicates: referenceValues.count,
            pairs: included.map { ($0, nil, results[$0].value - mu) }, coverage: p, parallel: true)
        var summaryOf: [Int: ReplicateStatistics.Summary] = [:]
        for (j, summary) in zip(included, summaries) { summaryOf[j] = summary }
        return results.enumerated().map { j, result in
            let d = result.value - mu
            guard let summary = summaryOf[j] else {
                let u = (result.variance + varianceOfMean + tau2).squareRoot()
                return DegreeOfEquivalence(
                    laboratory: result.laboratory, includedInReferenceValue: false, difference: d,
                    standardUncertainty: u, expandedUncertainty: z * u, coverageInterval: [d - z * u, d + z * u])
            }
            return DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: true, difference: d,
                standardUncertainty: summary.standardDeviation, expandedUncertainty: summary.halfWidth,
                coverageInterval: summary.interval)
        }
    }

    /// The bilateral degrees of equivalence from the bootstrap: B_ij = D_i − D_j with the replicates
    /// B_ijk = D_ik − D_jk, U the half-length of the shortest interval symmetric about B_ij holding a
    /// fraction p of them (NICOB `DoEBilateralDerSimonianLaird.R`), for every pair i < j.
    ///
    /// - Complexity: O(n²·K), spread over the available cores.
    public func pairwiseDegreesOfEquivalence(_ comparison: Comparison, coverageProbability p: Double)
        -> [PairwiseDegreeOfEquivalence]
    {
        precondition(  // allowed: documented contract; RandomEffects records the differences
            differences.count == resultCount * referenceValues.count, "the differences were not recorded")
        return DerSimonianLairdBootstrap.pairwise(
            comparison, differences: comparison.results.map(\.value), columns: differences,
            replicates: referenceValues.count, coverageProbability: p)
    }
}

extension DerSimonianLairdBootstrap {
    /// Bilateral DoE from per-result columns of replicates (column j at [j·K, (j + 1)·K)) centred at
    /// the point differences: d_ij = differences[i] − differences[j].
    static func pairwise(
        _ comparison: Comparison, differences: [Double], columns: [Double], replicates k: Int,
        coverageProbability p: Double
    ) -> [PairwiseDegreeOfEquivalence] {
        let results = comparison.results
        var requests: [(first: Int, second: Int?, centre: Double)] = []
        for i in results.indices {
            for j in results.indices where j > i { requests.append((i, j, differences[i] - differences[j])) }
        }
        let summaries = ReplicateStatistics.summaries(
            columns: columns, replicates: k, pairs: requests, coverage: p, parallel: true)
        return zip(requests, summaries).map { request, summary in
            let j = request.second ?? request.first
            var pair = PairwiseDegreeOfEquivalence(
                laboratories: [results[request.first].laboratory, results[j].laboratory], difference: request.centre,
                standardUncertainty: summary.standardDeviation, expandedUncertainty: summary.halfWidth)
            pair.coverageInterval = summary.interval
            return pair
        }
    }
}
