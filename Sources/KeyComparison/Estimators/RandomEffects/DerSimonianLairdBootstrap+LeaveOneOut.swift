import Dispatch
import Uncertainty

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DerSimonianLairdBootstrap {
    /// The leave-one-out degrees of equivalence of NICOB (manual §3.2.8, §A.5; Duewer et al.,
    /// Accred. Qual. Assur. 19 (2014) 329; Viechtbauer & Cheung, Res. Synth. Methods 1 (2010) 112).
    ///
    /// For each included result j, with μ̂_{−j} the DerSimonian–Laird estimate from the other
    /// included results:
    /// * D*_j = x_j − μ̂_{−j};
    /// * μ_{−j} is approximated by a modified Knapp–Hartung scaled t (Röver, Knapp & Friede, BMC Med.
    ///   Res. Methodol. 15 (2015) 99): μ_{−j,k} = μ̂_{−j} + u*·t_{m−2}/φ(m − 2), u*² = max(1, q)/Σw*,
    ///   q = Σw*(x − μ̂_{−j})²/(m − 2) over the m − 1 other results;
    /// * e_jk ~ N(0, τ²_k + u_j²), or √(τ²_k + u_j²)·t_{ν_j}/φ(ν_j) when ν_j is finite, with τ²_k from the
    ///   gamma approximation of the leave-one-out Q (``CochranQGammaApproximation``);
    /// * D*_jk = x_j + e_jk − μ_{−j,k} (Jones & Spiegelhalter, Am. Stat. 65 (2011) 154, Approach 2);
    ///   U(D*_j) is the half-length of the shortest interval symmetric about D*_j holding a fraction p.
    ///
    /// φ(ν) = √(ν/(ν − 2)) for ν > 2 scales the t to unit variance; for ν ≤ 2 (infinite variance)
    /// NICOB's empirical 1.5·(1 − ¾(a − 4b(ν^(−3/4) − 1)/3))^(−4/3), a = 0.4668994, b = −0.3998882.
    ///
    /// A result excluded from the KCRV keeps D_j = x_j − μ̂_DL (it is already left out) with
    /// u²(D_j) = u_j² + u*²(μ̂_DL) + τ̂²_DL, u* the same modified Knapp–Hartung uncertainty of the full
    /// estimate, and U = z_{(1+p)/2}·u. (NICOB uses the variance of the last leave-one-out sample
    /// here, which its code flags for checking; this is the consistent choice.)
    ///
    /// Lab j's draws come from `Xoshiro256(seed: seed, stream: (j + 1)·2³² + b)` for block b of 1 000
    /// replicates, so the result does not depend on the number of threads.
    ///
    /// - Returns: the unilateral DoE of every result, and the bilateral ones (from independent
    ///   replicates, B_ijk = D*_ik − D*_jk) when `includesPairwise`.
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than three
    ///   included results.
    /// - Complexity: O(K·n) time and memory, O(K·n²) with the pairs.
    public func leaveOneOutDegreesOfEquivalence(
        _ comparison: Comparison, coverageProbability p: Double, includesPairwise: Bool
    ) throws(KeyComparisonError) -> (unilateral: [DegreeOfEquivalence], pairwise: [PairwiseDegreeOfEquivalence]?) {
        try checkReplicates(resultCount: comparison.results.count)
        let model = try RandomEffectsModel.requiringTwoResults(comparison)
        guard model.count >= 3 else { throw .insufficientParticipants(needed: 3, found: model.count) }
        let full = try ModifiedKnappHartung(model)
        let included = comparison.includedIndices
        let results = comparison.results
        let k = replicates
        let z = NormalDistribution.standard.quantile((1 + p) / 2)

        // One task per (result, block); each result's column is written by its own tasks only.
        var plans: [LeaveOneOutPlan] = []
        for (position, j) in included.enumerated() {
            let reduced = model.removing(position)
            let fit = try ModifiedKnappHartung(reduced)
            plans.append(
                LeaveOneOutPlan(
                    index: j, value: results[j].value, variance: results[j].variance,
                    degreesOfFreedom: results[j].degreesOfFreedom, centre: fit.mean, scale: fit.standardUncertainty,
                    tDegreesOfFreedom: Double(reduced.count - 1), gamma: CochranQGammaApproximation(reduced),
                    excludedStandardDeviation: nil))
        }
        for j in results.indices where !results[j].includedInReferenceValue {
            let u = (results[j].variance + full.standardUncertainty * full.standardUncertainty + full.tauSquared)
                .squareRoot()
            plans.append(
                LeaveOneOutPlan(
                    index: j, value: results[j].value, variance: results[j].variance, degreesOfFreedom: nil,
                    centre: full.mean, scale: 0, tDegreesOfFreedom: 0, gamma: nil, excludedStandardDeviation: u))
        }
        let blocks = (k + Self.blockSize - 1) / Self.blockSize
        let tasks = plans.count * blocks
        let allPlans = plans
        let seed = self.seed
        var d = [Double](repeating: 0, count: results.count * k)
        d.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let work: @Sendable (Int) -> Void = { task in
                allPlans[task / blocks].run(block: task % blocks, replicates: k, seed: seed, into: out)
            }
            if runsInParallel && tasks > 1 {
                DispatchQueue.concurrentPerform(iterations: tasks, execute: work)
            } else {
                for task in 0..<tasks { work(task) }
            }
        }

        let includedPlans = plans.filter { $0.excludedStandardDeviation == nil }
        let summaries = ReplicateStatistics.summaries(
            columns: d, replicates: k, pairs: includedPlans.map { ($0.index, nil, $0.value - $0.centre) }, coverage: p,
            parallel: runsInParallel)
        var summaryOf: [Int: ReplicateStatistics.Summary] = [:]
        for (plan, summary) in zip(includedPlans, summaries) { summaryOf[plan.index] = summary }
        var unilateral: [DegreeOfEquivalence?] = Array(repeating: nil, count: results.count)
        for plan in plans {
            let j = plan.index
            let difference = plan.value - plan.centre
            if let summary = summaryOf[j] {
                unilateral[j] = DegreeOfEquivalence(
                    laboratory: results[j].laboratory, includedInReferenceValue: true, difference: difference,
                    standardUncertainty: summary.standardDeviation, expandedUncertainty: summary.halfWidth,
                    coverageInterval: summary.interval)
            } else {
                let u = plan.excludedStandardDeviation ?? 0
                unilateral[j] = DegreeOfEquivalence(
                    laboratory: results[j].laboratory, includedInReferenceValue: false, difference: difference,
                    standardUncertainty: u, expandedUncertainty: z * u,
                    coverageInterval: [difference - z * u, difference + z * u])
            }
        }
        let doe = unilateral.compactMap { $0 }
        guard includesPairwise else { return (doe, nil) }
        // Bilateral: the point difference is D*_i − D*_j; the columns are centred at D*_i, D*_j.
        return (
            doe,
            Self.pairwise(
                comparison, differences: doe.map(\.difference), columns: d, replicates: k, coverageProbability: p)
        )
    }

    /// NICOB's scale φ(ν) of a Student t with ν degrees of freedom: the standard deviation
    /// √(ν/(ν − 2)) for ν > 2, an empirical substitute for ν ≤ 2 (NICOB `DoEUnilateralDerSimonianLaird.R`).
    static func studentScale(_ nu: Double) -> Double {
        if nu > 2 { return (nu / (nu - 2)).squareRoot() }
        let a = 0.4668994
        let b = -0.3998882
        let inner = a - 4 * b * (pow(nu, -0.75) - 1) / 3
        return 1.5 * pow(1 - 0.75 * inner, -4.0 / 3.0)
    }
}

/// The DerSimonian–Laird fit with NICOB's modified Knapp–Hartung uncertainty
/// u*² = max(1, q)/Σw*, q = Σw*(x_i − μ̂)²/(n − 1) (Röver, Knapp & Friede 2015).
struct ModifiedKnappHartung {
    let mean: Double
    let tauSquared: Double
    let standardUncertainty: Double

    init(_ model: RandomEffectsModel) throws(KeyComparisonError) {
        let tau2 = try DerSimonianLaird().tauSquared(model)
        tauSquared = tau2
        mean = model.mean(tauSquared: tau2)
        let q = Swift.max(1, model.generalizedQ(tauSquared: tau2) / Double(model.count - 1))
        standardUncertainty = (q / model.totalWeight(tauSquared: tau2)).squareRoot()
    }
}

/// The replicates of one result in the leave-one-out bootstrap.
private struct LeaveOneOutPlan: Sendable {
    let index: Int
    let value: Double
    let variance: Double
    let degreesOfFreedom: Double?
    /// μ̂_{−j} (or μ̂_DL for an excluded result).
    let centre: Double
    /// u* of μ̂_{−j}.
    let scale: Double
    /// m − 2, the degrees of freedom of the t for μ_{−j}.
    let tDegreesOfFreedom: Double
    let gamma: CochranQGammaApproximation?
    /// √(u_j² + u*² + τ̂²) for a result excluded from the KCRV; nil for an included one.
    let excludedStandardDeviation: Double?

    func run(block: Int, replicates: Int, seed: UInt64, into d: UnsafeMutableBufferPointer<Double>) {
        let start = block * DerSimonianLairdBootstrap.blockSize
        let end = Swift.min(start + DerSimonianLairdBootstrap.blockSize, replicates)
        var random = Xoshiro256(seed: seed, stream: (UInt64(index + 1) << 32) | UInt64(block))
        var normal = PolarNormalSampler()
        let base = index * replicates
        if let u = excludedStandardDeviation {
            let difference = value - centre
            for k in start..<end { d[base + k] = difference + u * normal.next(&random) }
            return
        }
        guard let gamma else { return }
        let meanScale = scale / DerSimonianLairdBootstrap.studentScale(tDegreesOfFreedom)
        let nu = degreesOfFreedom.flatMap { $0.isFinite ? $0 : nil }
        let errorScale = nu.map { 1 / DerSimonianLairdBootstrap.studentScale($0) } ?? 1
        for k in start..<end {
            let tau2 = gamma.sample(using: &random)
            let muK = centre + meanScale * random.nextStudentT(degreesOfFreedom: tDegreesOfFreedom)
            let sigma = (tau2 + variance).squareRoot()
            let e: Double
            if let nu {
                e = sigma * random.nextStudentT(degreesOfFreedom: nu) * errorScale
            } else {
                e = sigma * normal.next(&random)
            }
            d[base + k] = value + e - muK
        }
    }
}
