import Uncertainty

/// A random-effects (laboratory-effects) evaluation of a key comparison: the consensus value
/// μ̂(τ̂²) of the model x_i = μ + λ_i + ε_i, λ_i ~ (0, τ²), with τ̂² from one of the
/// ``BetweenLaboratoryVarianceEstimator``s, the dark uncertainty τ̂, Cochran's Q, I² and H², and the
/// degrees of equivalence.
///
/// * **Reference value** y = μ̂ = Σ w_i* x_i / Σ w_i*, w_i* = 1/(u_i² + τ̂²) (DerSimonian & Laird 1986).
///   Its uncertainty (``UncertaintyMethod``): the model-based u = (Σ w_i*)^(-1/2) with U = k·u and a
///   normal coverage interval (metafor's `se`, `ci.lb`, `ci.ub`); the Knapp–Hartung
///   u² = q/Σ w_i*, q = Σ w_i*(x_i − μ̂)²/(n − 1), not floored at 1, with a t_{n−1} interval (metafor
///   `test = "knha"`; Knapp & Hartung, Stat. Med. 22 (2003) 2693); or NICOB's parametric bootstrap
///   (``DerSimonianLairdBootstrap``, DerSimonian–Laird only).
/// * **Heterogeneity**: τ̂, τ̂², Q with ν = n − 1 and Pr{χ²(ν) > Q}, and I² = τ̂²/(τ̂² + s̃²),
///   H² = (τ̂² + s̃²)/s̃², s̃² = (n − 1)/(S1 − S2/S1), as metafor defines them for every τ² method
///   (I² = (Q − ν)/Q only for DerSimonian–Laird). I² is a fraction in [0, 1] (metafor prints percent).
/// * **Degrees of equivalence** (``DegreesOfEquivalenceMethod``): in closed form "with dark
///   uncertainty", cov(d) = (I − 1aᵀ)(V + τ̂²I)(I − 1aᵀ)ᵀ with a_i = w_i*/Σ w* (``DegreeOfEquivalence/forLinearReferenceValue(_:weights:referenceValue:additionalVariance:coverageFactor:)``):
///   u²(d_i) = u_i² + τ̂² − u²(μ̂) for an included result and u_i² + τ̂² + u²(μ̂) for an excluded one,
///   which stays uncorrelated with the KCRV; or NICOB's bootstrap MRA or leave-one-out versions. Every
///   DoE also carries the closed-form variant "without dark uncertainty" (τ̂² left out of the
///   covariance, the same weights a), in `standardUncertaintyWithoutDarkUncertainty`.
///
/// When τ̂ = 0 every method gives the weighted mean of Procedure A (CCEM.RF-K25.W).
///
///     let evaluation = try RandomEffects(DerSimonianLaird()).evaluate(pcb28)
///     evaluation.referenceValue.value        // 33.6004 (metafor DL)
///     evaluation.heterogeneity?.tau          // 1.7114 ng/g
///
/// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` with fewer than two
///   included results (three for the leave-one-out DoE); ``KeyComparisonError/correlationsNotSupported(method:)``;
///   ``KeyComparisonError/inapplicableSetting(_:method:)`` for the bootstrap with another τ² method.
/// - Complexity: O(n) for the closed-form evaluation (plus O(n²) for the bilateral DoE); O(K·n) for
///   the bootstrap and O(K·n²) for its bilateral DoE.
public struct RandomEffects: ReferenceValueEstimator {
    /// How τ² is estimated.
    public var tauSquaredEstimator: any BetweenLaboratoryVarianceEstimator
    /// How u(KCRV) is evaluated.
    public var uncertaintyMethod: UncertaintyMethod
    /// How the degrees of equivalence are evaluated.
    public var degreesOfEquivalenceMethod: DegreesOfEquivalenceMethod

    public init(
        _ estimator: any BetweenLaboratoryVarianceEstimator, uncertainty: UncertaintyMethod = .model,
        degreesOfEquivalence: DegreesOfEquivalenceMethod = .closedForm
    ) {
        self.tauSquaredEstimator = estimator
        self.uncertaintyMethod = uncertainty
        self.degreesOfEquivalenceMethod = degreesOfEquivalence
    }

    public var method: EvaluationMethod { tauSquaredEstimator.method }

    /// The fitted model: τ̂², μ̂ and its uncertainties, the heterogeneity statistics.
    public struct Estimate: Sendable, Hashable {
        /// μ̂(τ̂²).
        public var value: Double
        /// The model-based u(μ̂) = (Σ w_i*)^(-1/2).
        public var standardUncertainty: Double
        /// The Knapp–Hartung u(μ̂) = √(q/Σ w_i*), q = Σ w_i*(x_i − μ̂)²/(n − 1) (0 when that sum is
        /// below machine epsilon, as metafor).
        public var knappHartungStandardUncertainty: Double
        /// τ̂².
        public var tauSquared: Double
        /// a with μ̂ = aᵀx over all results (0 for results excluded from the KCRV).
        public var weights: [Double]
        /// τ, τ², Q, its p-value, I², H².
        public var heterogeneity: Heterogeneity
        /// The maximized log-likelihood for ML, the restricted one for REML (metafor's `logLik`).
        public var logLikelihood: Double?
        /// The number n of included results.
        public var includedCount: Int
    }

    /// NICOB's bootstrap (for u(y), or for the MRA and leave-one-out degrees of equivalence) is
    /// defined for DerSimonian–Laird only.
    ///
    /// - Throws: ``KeyComparisonError/inapplicableSetting(_:method:)`` for the bootstrap,
    ///   ``KeyComparisonError/invalidSetting(_:value:reason:)`` for the MRA or leave-one-out DoE.
    public func validateSettings() throws(KeyComparisonError) {
        guard tauSquaredEstimator.method != .derSimonianLaird else { return }
        if uncertaintyMethod == .bootstrap { throw .inapplicableSetting(.bootstrap, method: method) }
        if degreesOfEquivalenceMethod != .closedForm {
            throw .invalidSetting(
                .degreesOfEquivalence, value: degreesOfEquivalenceMethod.rawValue,
                reason: "NICOB's bootstrap degrees of equivalence are defined for dersimonian-laird only")
        }
    }

    /// Fits the model to the included results (the bootstrap, when chosen, is part of the
    /// evaluation, not of the fit).
    ///
    /// - Throws: as ``evaluate(_:options:)``.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Estimate {
        let model = try RandomEffectsModel.requiringTwoResults(comparison)
        let tau2 = try tauSquaredEstimator.tauSquared(model)
        guard tau2.isFinite, tau2 >= 0 else {
            throw .didNotConverge(
                method: method.rawValue, detail: "τ² estimate \(tau2) is not a finite non-negative number")
        }
        let n = model.count
        let mu = model.mean(tauSquared: tau2)
        let totalWeight = model.totalWeight(tauSquared: tau2)
        var weights = [Double](repeating: 0, count: comparison.results.count)
        for i in comparison.includedIndices {
            weights[i] = 1 / ((comparison.results[i].variance + tau2) * totalWeight)
        }
        let rss = model.generalizedQ(tauSquared: tau2)
        let q = rss <= Double.ulpOfOne ? 0 : rss / Double(n - 1)
        let cochranQ = model.cochranQ
        let typical = model.typicalVariance
        let heterogeneity = Heterogeneity(
            tau: tau2.squareRoot(), tauSquared: tau2, cochranQ: cochranQ, degreesOfFreedom: n - 1,
            pValue: ChiSquaredDistribution(degreesOfFreedom: Double(n - 1)).survivalProbability(cochranQ),
            iSquared: tau2 / (typical + tau2), hSquared: tau2 / typical + 1)
        var logLikelihood: Double?
        switch tauSquaredEstimator.method {
        case .maximumLikelihood: logLikelihood = model.logLikelihood(tauSquared: tau2)
        case .restrictedMaximumLikelihood: logLikelihood = model.restrictedLogLikelihood(tauSquared: tau2)
        default: logLikelihood = nil
        }
        return Estimate(
            value: mu, standardUncertainty: (1 / totalWeight).squareRoot(),
            knappHartungStandardUncertainty: (q / totalWeight).squareRoot(), tauSquared: tau2, weights: weights,
            heterogeneity: heterogeneity, logLikelihood: logLikelihood, includedCount: n)
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        try validateSettings()
        let usesBootstrap = uncertaintyMethod == .bootstrap || degreesOfEquivalenceMethod != .closedForm
        let fit = try estimate(comparison, options: options)
        let p = options.coverageProbability
        let k = options.coverageFactor
        let bootstrap = DerSimonianLairdBootstrap(
            replicates: options.trials ?? DerSimonianLairdBootstrap.defaultReplicates, seed: options.seed)
        var sample: DerSimonianLairdBootstrap.Sample?
        if uncertaintyMethod == .bootstrap || degreesOfEquivalenceMethod == .mraBootstrap {
            sample = try bootstrap.sample(comparison, recordingDifferences: degreesOfEquivalenceMethod == .mraBootstrap)
        }
        var notes: [String] = []
        if fit.tauSquared == 0 {
            notes.append("τ̂² = 0: the reference value equals the weighted mean (Procedure A)")
        }

        let referenceValue: ReferenceValue
        switch uncertaintyMethod {
        case .model:
            let z = NormalDistribution.standard.quantile((1 + p) / 2)
            let u = fit.standardUncertainty
            referenceValue = ReferenceValue(
                value: fit.value, standardUncertainty: u, expandedUncertainty: k * u, coverageFactor: k,
                coverageInterval: [fit.value - z * u, fit.value + z * u], coverageProbability: p)
        case .knappHartung:
            let t = StudentTDistribution(degreesOfFreedom: Double(fit.includedCount - 1)).quantile((1 + p) / 2)
            let u = fit.knappHartungStandardUncertainty
            referenceValue = ReferenceValue(
                value: fit.value, standardUncertainty: u, expandedUncertainty: t * u, coverageFactor: t,
                coverageInterval: [fit.value - t * u, fit.value + t * u], coverageProbability: p)
            notes.append(
                "u(y) by Knapp–Hartung (metafor test = \"knha\"): u² = q/Σw*, q = Σw*(x − μ̂)²/(n − 1) not floored at 1, t quantile for ν = \(fit.includedCount - 1)"
            )
        case .bootstrap:
            let values = sample?.referenceValues ?? []
            let interval = ReplicateStatistics.quantiles(values, [(1 - p) / 2, (1 + p) / 2])
            referenceValue = ReferenceValue(
                value: fit.value, standardUncertainty: ReplicateStatistics.standardDeviation(values),
                expandedUncertainty: (interval[1] - interval[0]) / 2, coverageInterval: interval,
                coverageProbability: p)
            notes.append(
                "u(y) and the interval from NICOB's parametric bootstrap (\(bootstrap.replicates) replicates): the sd and the percentiles of the replicated DerSimonian–Laird estimates"
            )
        }

        let withoutDark = DegreeOfEquivalence.forLinearReferenceValue(
            comparison, weights: fit.weights, referenceValue: fit.value, additionalVariance: 0, coverageFactor: k)
        var doe: [DegreeOfEquivalence]
        var pairs: [PairwiseDegreeOfEquivalence]?
        switch degreesOfEquivalenceMethod {
        case .closedForm:
            doe = DegreeOfEquivalence.forLinearReferenceValue(
                comparison, weights: fit.weights, referenceValue: fit.value, additionalVariance: fit.tauSquared,
                coverageFactor: k)
            if options.includesPairwise {
                pairs = PairwiseDegreeOfEquivalence.allPairs(
                    of: comparison, additionalVariance: fit.tauSquared, coverageFactor: k)
            }
        case .mraBootstrap:
            guard let sample else {
                throw .didNotConverge(method: method.rawValue, detail: "the bootstrap produced no sample")
            }
            doe = sample.unilateralDegreesOfEquivalence(
                comparison, referenceValue: fit.value, tauSquared: fit.tauSquared, coverageProbability: p)
            if options.includesPairwise {
                pairs = sample.pairwiseDegreesOfEquivalence(comparison, coverageProbability: p)
            }
            notes.append(
                "degrees of equivalence from the bootstrap (MRA form, NICOB): U = half-length of the shortest interval symmetric about d_i holding \(p) of the replicates"
            )
        case .leaveOneOut:
            let loo = try bootstrap.leaveOneOutDegreesOfEquivalence(
                comparison, coverageProbability: p, includesPairwise: options.includesPairwise)
            doe = loo.unilateral
            pairs = loo.pairwise
            notes.append(
                "leave-one-out degrees of equivalence (NICOB): d_i = x_i − μ̂ without lab i, U from \(bootstrap.replicates) replicates"
            )
        }
        for i in doe.indices {
            doe[i].standardUncertaintyWithoutDarkUncertainty = withoutDark[i].standardUncertainty
            doe[i].expandedUncertaintyWithoutDarkUncertainty = withoutDark[i].expandedUncertainty
        }
        if let current = pairs {
            let withoutDarkPairs = PairwiseDegreeOfEquivalence.allPairs(
                of: comparison, additionalVariance: 0, coverageFactor: k)
            pairs = zip(current, withoutDarkPairs).map { pair, plain in
                var pair = pair
                pair.standardUncertaintyWithoutDarkUncertainty = plain.standardUncertainty
                pair.expandedUncertaintyWithoutDarkUncertainty = plain.expandedUncertainty
                return pair
            }
        }
        var details = EvaluationDetails(notes: notes.isEmpty ? nil : notes)
        if usesBootstrap {
            details.trials = bootstrap.replicates
            details.seed = bootstrap.seed
        }
        details.logLikelihood = fit.logLikelihood
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: referenceValue, heterogeneity: fit.heterogeneity,
            includedLaboratories: comparison.includedResults.map(\.laboratory), degreesOfEquivalence: doe,
            pairwise: pairs, details: details)
    }
}

extension RandomEffects {
    /// How the uncertainty of the random-effects reference value is evaluated.
    public enum UncertaintyMethod: String, Sendable, Hashable, Codable, CaseIterable {
        /// u = (Σ w_i*)^(-1/2), U = k·u, normal coverage interval (metafor's default `test = "z"`).
        case model = "model"
        /// Knapp–Hartung: u² = q/Σ w_i*, t_{n−1} interval, q not floored (metafor `test = "knha"`).
        case knappHartung = "knapp-hartung"
        /// NICOB's parametric bootstrap (DerSimonian–Laird only): u = sd of the replicates,
        /// percentile interval.
        case bootstrap = "bootstrap"
    }

    /// How the degrees of equivalence of a random-effects evaluation are evaluated.
    public enum DegreesOfEquivalenceMethod: String, Sendable, Hashable, Codable, CaseIterable {
        /// Closed form with dark uncertainty: cov(d) = (I − 1aᵀ)(V + τ̂²I)(I − 1aᵀ)ᵀ, U = k·u.
        case closedForm = "closed-form"
        /// NICOB's MRA degrees of equivalence from the parametric bootstrap (DerSimonian–Laird only).
        case mraBootstrap = "mra"
        /// NICOB's leave-one-out degrees of equivalence (DerSimonian–Laird only, at least 3 results).
        case leaveOneOut = "leave-one-out"
    }
}
