import Uncertainty

extension HierarchicalBayes {
    /// Draws D_jk = x_j − ξ_jk of every result's deviation from a new laboratory's result predicted
    /// by the posterior (Jones & Spiegelhalter, Am. Stat. 65 (2011) 154, approach 2):
    /// ξ_jk = μ_k + λ_jk + ε_jk with λ_jk from the laboratory-effect distribution with τ_k (omitted
    /// when ``recognizesDarkUncertainty`` is false) and ε_jk ~ N(0, σ_jk²); σ_j = u_j for a result
    /// excluded from the KCRV. Results in result order.
    ///
    /// Each posterior draw k of (τ, σ, e) yields R predictive draws (k·R … k·R + R − 1),
    /// R = ⌊10⁵/K⌋ within a memory budget of 4·10⁶ draws in all (at least 1), each with its own μ from
    /// the conditional Gaussian N(E(μ | ·)_k, Var(μ | ·)_k): the tails of D, which set U(d), then rest
    /// on about 10⁵ draws rather than on the K posterior draws alone. The μ of draw (k, r) is shared
    /// across results, so D_i − D_j is a draw of the bilateral difference.
    ///
    /// - Complexity: O(K·R·N) for K posterior draws and N results.
    func differenceDraws(
        _ comparison: Comparison, posterior: HierarchicalBayesPosterior, random: inout Xoshiro256
    ) -> [[Double]] {
        let mean = posterior.conditionalMeans
        let deviation = posterior.conditionalVariances.map { $0.squareRoot() }
        let tau = posterior.tau
        let count = Swift.max(1, mean.count)
        let budget = 4_000_000 / (count * Swift.max(1, comparison.results.count))
        let repeats = Swift.max(1, Swift.min(100_000 / count, budget))
        var mu = [Double](repeating: 0, count: mean.count * repeats)
        for k in mean.indices {
            for r in 0..<repeats { mu[k * repeats + r] = mean[k] + deviation[k] * random.nextStandardNormal() }
        }
        var position: [LaboratoryID: Int] = [:]
        for (i, lab) in posterior.laboratories.enumerated() { position[lab] = i }
        return comparison.results.map { result in
            let x = result.value
            let sigma = position[result.laboratory].map { posterior.withinLaboratoryStandardDeviations[$0] }
            var draws = [Double](repeating: 0, count: mu.count)
            for k in mean.indices {
                let s = sigma?[k] ?? result.standardUncertainty
                let t = tau[k]
                for r in 0..<repeats {
                    let effect: Double
                    switch (recognizesDarkUncertainty, laboratoryEffects) {
                    case (false, _):
                        effect = s * random.nextStandardNormal()
                    case (true, .gaussian):
                        effect = (t * t + s * s).squareRoot() * random.nextStandardNormal()
                    case (true, .laplace):
                        effect = random.nextLaplace(scale: t / 2.squareRoot()) + s * random.nextStandardNormal()
                    }
                    draws[k * repeats + r] = x - mu[k * repeats + r] - effect
                }
            }
            return draws
        }
    }

    /// Unilateral DoE from the draws: d_j = x_j − E(μ), u(d_j) = sd(D_j), U(d_j) the half-width of the
    /// shortest interval centred on d_j holding the fraction p of the D_jk, and the probabilistically
    /// symmetric and shortest intervals of the D_jk.
    static func unilateral(
        _ comparison: Comparison, draws: [[Double]], referenceValue: Double, coverage p: Double
    ) -> [DegreeOfEquivalence] {
        zip(comparison.results, draws).map { result, d in
            let difference = result.value - referenceValue
            let sorted = d.sorted()
            return DegreeOfEquivalence(
                laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                difference: difference,
                standardUncertainty: SampleStatistics.standardDeviation(d, mean: SampleStatistics.mean(d)),
                expandedUncertainty: SampleStatistics.centredHalfWidth(d, centre: difference, coverage: p),
                coverageInterval: SampleStatistics.symmetricInterval(sorted: sorted, coverage: p),
                shortestCoverageInterval: SampleStatistics.shortestInterval(sorted: sorted, coverage: p))
        }
    }

    /// Bilateral DoE from the draws B_ijk = D_ik − D_jk: d_ij = x_i − x_j, u(d_ij) = sd(B_ij) and
    /// U(d_ij) the half-width of the shortest interval centred on d_ij holding the fraction p.
    ///
    /// - Complexity: O(K·N²) expected.
    static func pairwise(_ comparison: Comparison, draws: [[Double]], coverage p: Double)
        -> [PairwiseDegreeOfEquivalence]
    {
        let results = comparison.results
        var pairs: [PairwiseDegreeOfEquivalence] = []
        pairs.reserveCapacity(results.count * (results.count - 1) / 2)
        var b = [Double](repeating: 0, count: draws.first?.count ?? 0)
        for i in results.indices {
            for j in results.indices where j > i {
                for k in b.indices { b[k] = draws[i][k] - draws[j][k] }
                let difference = results[i].value - results[j].value
                pairs.append(
                    PairwiseDegreeOfEquivalence(
                        laboratories: [results[i].laboratory, results[j].laboratory], difference: difference,
                        standardUncertainty: SampleStatistics.standardDeviation(b, mean: SampleStatistics.mean(b)),
                        expandedUncertainty: SampleStatistics.centredHalfWidth(b, centre: difference, coverage: p)))
            }
        }
        return pairs
    }
}
