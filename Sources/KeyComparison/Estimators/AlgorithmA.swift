import Uncertainty

/// ISO 13528 Algorithm A: the robust average x* and robust standard deviation s* of the results
/// (Huber's "proposal 2" M-estimate of location with iterated scale), as a reference value.
///
/// ISO 13528:2015 Annex C.3 (≡ ISO 5725-5:1998 §6.2.1):
///
/// 1. x* = median(x_i), s* = 1.483·median|x_i − x*|.
/// 2. δ = 1.5·s*; winsorise: x_i* = x* − δ if x_i < x* − δ, x* + δ if x_i > x* + δ, else x_i.
/// 3. x* = Σ x_i*/p, s* = 1.134·√(Σ (x_i* − x*)²/(p − 1)).
/// 4. Repeat 2–3 until convergence.
///
/// The standards leave the stopping rule to the user (ISO 13528 suggests "no change in the third
/// significant figure"). Here the iteration stops at the first step m with
/// |s*_m − s*_{m−1}| < tol·s*_{m−1} and |x*_m − x*_{m−1}| < tol·s*_{m−1}, tol = 1e-12 by default:
/// the fixed point of the iteration to rounding, independent of where another implementation
/// happened to stop. metRology's `algA` differs in three details — it starts from R's `mad`
/// (factor 1.4826), corrects s* by the exact factor 1/√θ(1.5) = 1.13339 instead of 1.134, and
/// stops when the relative change of s* falls below ε^¼ = 1.22e-4 — which ``metRology`` reproduces:
/// on the ISO 5725-5 creosote means it gives x* = 20.41214, s* = 1.067455 (18 iterations), against
/// the fixed point s* = 1.069840 with ISO's constants.
///
/// As a reference value (`algorithm-a`) its uncertainty is the one ISO 13528:2015 §7.7.3 gives,
/// u(x*) = 1.25·s*/√p. x* is not a linear function of the x_i and s* measures their scatter rather
/// than the stated u_i, so no linear-combination DoE is defensible; the degrees of equivalence
/// take x* as uncorrelated with each result, u²(d_i) = u_i² + u²(x*), the denominator of the
/// ISO 13528 ζ score (§9.6). This overstates u(d_i) for a laboratory with much weight in x*.
///
///     let estimate = try AlgorithmA().estimate([24.140, 20.155, 19.500, 20.300, 20.705,
///                                               17.570, 20.100, 20.940, 21.185])
///     // x* = 20.41214, s* = 1.06984
///
/// - Complexity: O(p log p) for the median, then O(p) per iteration.
public struct AlgorithmA: ReferenceValueEstimator {
    /// The winsorisation point in robust standard deviations, δ = k·s* (1.5 in ISO 13528).
    public var winsorizationFactor: Double
    /// The factor of the initial scale s* = c·median|x_i − x*| (1.483 in ISO 13528).
    public var initialScaleFactor: Double
    /// The consistency correction of s* (1.134 in ISO 13528; 1/√θ(k) exactly).
    public var scaleCorrectionFactor: Double
    /// tol in the stopping rule (see the type's discussion).
    public var relativeTolerance: Double
    /// The iteration limit; reaching it is an error.
    public var maximumIterations: Int

    public init(
        winsorizationFactor: Double = 1.5, initialScaleFactor: Double = 1.483, scaleCorrectionFactor: Double = 1.134,
        relativeTolerance: Double = 1e-12, maximumIterations: Int = 1000
    ) {
        self.winsorizationFactor = winsorizationFactor
        self.initialScaleFactor = initialScaleFactor
        self.scaleCorrectionFactor = scaleCorrectionFactor
        self.relativeTolerance = relativeTolerance
        self.maximumIterations = maximumIterations
    }

    /// The settings of metRology's `algA(x, k = 1.5)`: initial factor 1.4826, exact correction
    /// 1/√θ(1.5), tolerance ε^¼ = 2⁻¹³, at most 25 iterations.
    public static let metRology = AlgorithmA(
        initialScaleFactor: 1.4826, scaleCorrectionFactor: exactScaleCorrection(winsorizationFactor: 1.5),
        relativeTolerance: 0x1p-13, maximumIterations: 25)

    /// 1/√θ(k), θ(k) = (2Φ(k) − 1) + k²·2(1 − Φ(k)) − 2k·φ(k): the factor that makes s* consistent for
    /// the standard deviation of a normal distribution (Huber 1981 §6.4; 1.13339 for k = 1.5).
    public static func exactScaleCorrection(winsorizationFactor k: Double) -> Double {
        let normal = NormalDistribution.standard
        let inside = 2 * normal.cumulativeProbability(k) - 1
        let theta = inside + k * k * (1 - inside) - 2 * k * normal.density(k)
        return 1 / theta.squareRoot()
    }

    public var method: EvaluationMethod { .algorithmA }

    /// The outcome of Algorithm A.
    public struct Estimate: Sendable, Hashable, Codable {
        /// x*, the robust average.
        public var location: Double
        /// s*, the robust standard deviation.
        public var scale: Double
        /// u(x*) = 1.25·s*/√p (ISO 13528:2015 §7.7.3).
        public var standardUncertainty: Double
        /// p, the number of values.
        public var count: Int
        /// The number of iterations performed.
        public var iterations: Int
    }

    /// Runs Algorithm A on values.
    ///
    /// - Throws: ``KeyComparisonError/insufficientParticipants(needed:found:)`` for fewer than 2
    ///   values; ``KeyComparisonError/nonFiniteValue(laboratory:field:)`` for a NaN or infinite value;
    ///   ``KeyComparisonError/zeroDispersion(statistic:)`` when more than half the values are equal
    ///   (the median absolute deviation is 0); ``KeyComparisonError/didNotConverge(method:detail:)``
    ///   at the iteration limit; ``KeyComparisonError/invalidSetting(_:value:reason:)`` for
    ///   settings that are not positive.
    public func estimate(_ values: [Double]) throws(KeyComparisonError) -> Estimate {
        try validateSettings()
        let p = values.count
        guard p >= 2 else { throw .insufficientParticipants(needed: 2, found: p) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(laboratory: LaboratoryID("#\(bad + 1)"), field: "value")
        }
        var location = Population.median(values)
        var scale = initialScaleFactor * Population.median(values.map { abs($0 - location) })
        guard scale > 0 else {
            throw .zeroDispersion(statistic: "Algorithm A's initial scale (scaled median absolute deviation)")
        }
        var winsorized = values
        for iteration in 1...maximumIterations {
            let delta = winsorizationFactor * scale
            for i in 0..<p { winsorized[i] = Swift.min(Swift.max(values[i], location - delta), location + delta) }
            let (mean, sd) = Population.meanAndStandardDeviation(winsorized)
            let newScale = scaleCorrectionFactor * sd
            let converged =
                abs(newScale - scale) < relativeTolerance * scale && abs(mean - location) < relativeTolerance * scale
            location = mean
            scale = newScale
            guard scale > 0 else { throw .zeroDispersion(statistic: "Algorithm A's robust standard deviation") }
            if converged {
                return Estimate(
                    location: location, scale: scale, standardUncertainty: 1.25 * scale / Double(p).squareRoot(),
                    count: p, iterations: iteration)
            }
        }
        throw .didNotConverge(
            method: method.rawValue,
            detail: "no fixed point to relative \(relativeTolerance) within \(maximumIterations) iterations")
    }

    public func validateSettings() throws(KeyComparisonError) {
        for (setting, value) in [
            (EvaluationSetting.winsorizationFactor, winsorizationFactor), (.initialScaleFactor, initialScaleFactor),
            (.scaleCorrectionFactor, scaleCorrectionFactor), (.tolerance, relativeTolerance),
        ] where !(value.isFinite && value > 0) {
            throw .invalidSetting(setting, value: "\(value)", reason: "must be positive and finite")
        }
        guard maximumIterations >= 1 else {
            throw .invalidSetting(.maximumIterations, value: "\(maximumIterations)", reason: "must be at least 1")
        }
    }

    /// Algorithm A on the values of the included results.
    public func estimate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Estimate {
        try estimate(comparison.includedResults.map(\.value))
    }

    public func evaluate(_ comparison: Comparison, options: EvaluationOptions) throws(KeyComparisonError) -> Evaluation
    {
        let included = comparison.includedResults
        let estimate = try estimate(comparison, options: options)
        let k = options.coverageFactor
        return Evaluation(
            comparison: comparison.identifier, unit: comparison.unit, method: method,
            referenceValue: ReferenceValue(
                value: estimate.location, standardUncertainty: estimate.standardUncertainty, coverageFactor: k),
            includedLaboratories: included.map(\.laboratory),
            degreesOfEquivalence: DegreeOfEquivalence.forIndependentReferenceValue(
                comparison, referenceValue: estimate.location, standardUncertainty: estimate.standardUncertainty,
                coverageFactor: k),
            pairwise: options.includesPairwise
                ? PairwiseDegreeOfEquivalence.allPairs(of: comparison, coverageFactor: k) : nil,
            details: EvaluationDetails(notes: [
                "Algorithm A (ISO 13528:2015 C.3): x* = \(estimate.location), s* = \(estimate.scale) after \(estimate.iterations) iterations (stop: changes of x* and s* below \(relativeTolerance)·s*)",
                "u(x*) = 1.25·s*/√p (ISO 13528:2015 §7.7.3); x* is robust, not linear in the results: u²(d_i) = u_i² + u²(x*), taking x* as uncorrelated with each result (ISO 13528 §9.6)",
            ]))
    }
}
