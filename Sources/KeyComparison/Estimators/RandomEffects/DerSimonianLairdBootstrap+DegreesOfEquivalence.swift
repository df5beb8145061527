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
        precondition(differences.count == resultCount * referenceValues.count, "the differences were not recorded")
        let sdOfMean = ReplicateStatistics.standardDeviation(referenceValues)
        let varianceOfMean = sdOfMean * sdOfMean
        let z = NormalDistribution.standard.quantile((1 + p) / 2)
        return comparison.results.enumerated().map { j, result in
            let d = result.value - mu
            guard result.includedInReferenceValue else {
                let u = (result.variance + varianceOfMean + tau2).squareRoot()
                return DegreeOfEquivalence(
                    laboratory: result.laboratory, includedInReferenceValue: false, difference: d,
                    standardUncertainty: u, expandedUncertainty: z * u, coverageInterval: [d - z * u, d + z * u])
            }
            let column = differences(ofResult: j)
            let interval = ReplicateStatistics.quantiles(column, [(1 - p) / 2, (1 + p) / 2])
            return DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: true, difference: d,
                standardUncertainty: ReplicateStatistics.standardDeviation(column),
                expandedUncertainty: ReplicateStatistics.symmetricHalfWidth(column, about: d, coverage: p),
                coverageInterval: interval)
        }
    }

    /// The bilateral degrees of equivalence from the bootstrap: B_ij = D_i − D_j with the replicates
    /// B_ijk = D_ik − D_jk, U the half-length of the shortest interval symmetric about B_ij holding a
    /// fraction p of them (NICOB `DoEBilateralDerSimonianLaird.R`), for every pair i < j.
    ///
    /// - Complexity: O(n²·K).
    public func pairwiseDegreesOfEquivalence(_ comparison: Comparison, coverageProbability p: Double)
        -> [PairwiseDegreeOfEquivalence]
    {
        precondition(differences.count == resultCount * referenceValues.count, "the differences were not recorded")
        return Self.pairwise(comparison, coverageProbability: p) { differences(ofResult: $0) }
    }

    /// Bilateral DoE from per-result columns of replicates centred at the point differences.
    static func pairwise(
        _ comparison: Comparison, coverageProbability p: Double, column: (Int) -> ArraySlice<Double>
    ) -> [PairwiseDegreeOfEquivalence] {
        let results = comparison.results
        var pairs: [PairwiseDegreeOfEquivalence] = []
        pairs.reserveCapacity(results.count * (results.count - 1) / 2)
        for i in results.indices {
            let first = column(i)
            for j in results.indices where j > i {
                let second = column(j)
                var b = [Double](repeating: 0, count: first.count)
                for (k, (x, y)) in zip(first, second).enumerated() { b[k] = x - y }
                let centre = results[i].value - results[j].value
                var pair = PairwiseDegreeOfEquivalence(
                    laboratories: [results[i].laboratory, results[j].laboratory], difference: centre,
                    standardUncertainty: ReplicateStatistics.standardDeviation(b),
                    expandedUncertainty: ReplicateStatistics.symmetricHalfWidth(b, about: centre, coverage: p))
                pair.coverageInterval = ReplicateStatistics.quantiles(b, [(1 - p) / 2, (1 + p) / 2])
                pairs.append(pair)
            }
        }
        return pairs
    }
}
