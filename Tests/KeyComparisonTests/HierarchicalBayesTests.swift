import Foundation
import KeyComparison
import Numerics
import Testing

/// Hierarchical Bayes (NICOB's HB, Gaussian and Laplace laboratory effects) against the published
/// NICOB and NIST Decision Tree figures, against exact posteriors computed by quadrature, and for
/// reproducibility and bad input.
///
/// Monte Carlo tolerances (expected.json → tolerances → monte-carlo): uncertainties, τ and interval
/// half-widths to ±3 % relative; locations (posterior means, D_i, interval ends) to 3 % of the
/// associated uncertainty or one unit of the last printed digit, whichever is larger. A figure
/// printed with few digits is itself only known to half a unit of its last digit, so an uncertainty
/// also passes within that half unit (CCT-K7's u = "14": NICOB's model gives 14.42 exactly, see
/// `samplerMatchesTheExactPosteriorWhenUncertaintiesAreKnown`).
@Suite("Hierarchical Bayes")
struct HierarchicalBayesTests {
    /// A figure as printed in a source: its value and the unit of its last digit.
    struct Printed: CustomStringConvertible {
        var text: String
        var value: Double
        var lastDigit: Double

        init?(_ any: Any?) {
            guard let text = any as? String, let value = Double(text) else { return nil }
            self.text = text
            self.value = value
            var mantissa = text.lowercased()
            var exponent = 0
            if let e = mantissa.firstIndex(of: "e") {
                exponent = Int(mantissa[mantissa.index(after: e)...]) ?? 0
                mantissa = String(mantissa[..<e])
            }
            let decimals =
                mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
            self.lastDigit = pow(10, Double(exponent - decimals))
        }

        var description: String { text }

        /// An uncertainty, τ or half-width: ±3 %, or within half a unit of the last printed digit.
        func agreesAsUncertainty(with ours: Double) -> Bool {
            abs(ours - value) <= Swift.max(0.03 * value, lastDigit / 2)
        }

        /// A location: 3 % of the associated uncertainty or one unit of the last digit.
        func agreesAsLocation(with ours: Double, uncertainty: Double) -> Bool {
            abs(ours - value) <= Swift.max(0.03 * uncertainty, lastDigit)
        }
    }

    /// The published entries of a file whose method starts with the prefix.
    static func published(_ file: String, method prefix: String) -> [[String: Any]] {
        let entries = Fixtures.expected(file)["published"] as? [[String: Any]] ?? []
        return entries.filter { ($0["method"] as? String)?.hasPrefix(prefix) == true }
    }

    /// Every result included: NICOB's CCEM.RF-K25.W figures use all 8 (expected.json).
    static func allIncluded(_ file: String) throws -> Comparison {
        let comparison = try Fixtures.comparison(file)
        return try comparison.including(only: Set(comparison.laboratories))
    }

    // MARK: - Published figures

    /// NICOB's HB (JAGS, 250 000 iterations, 1 chain of 8 000 kept draws) against ours with the
    /// default 2 × 50 000 iterations (40 000 nearly independent draws, split-R̂ ≤ 1.001).
    @Test(arguments: [
        "CCQM-K25-PCB28.comparison.json", "CCL-K1.comparison.json", "CCT-K7.comparison.json",
        "CCEM.RF-K25.W.comparison.json",
    ])
    func reproducesNICOBPublishedFigures(file: String) throws {
        let entries = Self.published(file, method: "hierarchical-bayes (NICOB, Gaussian")
        try #require(!entries.isEmpty)
        let evaluation = try HierarchicalBayes().evaluate(
            try Self.allIncluded(file), options: EvaluationOptions(includesPairwise: false))
        let rv = evaluation.referenceValue
        let chain = try #require(evaluation.details?.markovChain)
        #expect(chain.converged)
        for entry in entries {
            if let published = entry["referenceValue"] as? [String: Any] {
                let u = try #require(Printed(published["standardUncertainty"]))
                let value = try #require(Printed(published["value"]))
                #expect(value.agreesAsLocation(with: rv.value, uncertainty: u.value), "KCRV \(rv.value) vs \(value)")
                if file.hasPrefix("CCEM.RF-K25.W") {
                    // NICOB's manual prints u = 0.0022; NICOB's own model run in JAGS 4.3.1 (three seeds,
                    // 250 000 iterations) gives 0.00239–0.00243 and the exact posterior (quadrature)
                    // 0.002427, which ours reproduces in `samplerMatchesTheExactPosterior…`.
                    withKnownIssue("NICOB manual's u = 0.0022 for CCEM.RF-K25.W is not what its model gives") {
                        #expect(u.agreesAsUncertainty(with: rv.standardUncertainty))
                    }
                } else {
                    #expect(u.agreesAsUncertainty(with: rv.standardUncertainty), "u \(rv.standardUncertainty) vs \(u)")
                }
                // The interval of CCEM.RF-K25.W is misprinted in the source (README): not tested.
                if !file.hasPrefix("CCEM.RF-K25.W"), let ends = published["coverageInterval95"] as? [Any] {
                    let low = try #require(Printed(ends[0]))
                    let high = try #require(Printed(ends[1]))
                    let ours = try #require(rv.coverageInterval)
                    let halfWidth = (high.value - low.value) / 2
                    // Interval ends: 3 % of the interval's half-width (the half-width's own tolerance) or
                    // one unit of the last digit; the half-width itself to 3 %.
                    #expect(abs((ours[1] - ours[0]) / 2 - halfWidth) <= 0.03 * halfWidth + low.lastDigit)
                    var interval = ours
                    let comparison = try Self.allIncluded(file)
                    if comparison.results.allSatisfy({ $0.degreesOfFreedom == nil }) {
                        // σ_i known: the exact interval of NICOB's model is available. CCT-K7's printed
                        // lower end −4 lies 0.996 from the exact −4.996, at the edge of the one-unit
                        // tolerance, where our Monte Carlo error (±0.03) decides: compare the exact
                        // interval with the printed one, and ours with the exact one within 4 standard
                        // errors of a 2.5 % quantile estimated from the effective sample size.
                        let exact = ExactPosterior(
                            values: comparison.results.map(\.value),
                            uncertainties: comparison.results.map(\.standardUncertainty),
                            tauScale: Self.medianAbsoluteDeviation(comparison.results.map(\.value)))
                        let ess = chain.parameters[0].effectiveSampleSize
                        let quantileError = 4 * (0.025 * 0.975 / ess).squareRoot() / 0.05844 * exact.sdMu
                        for (o, e) in zip(ours, exact.interval) {
                            #expect(abs(o - e) <= quantileError, "\(ours) vs \(exact.interval)")
                        }
                        interval = exact.interval
                    }
                    #expect(low.agreesAsLocation(with: interval[0], uncertainty: halfWidth), "\(interval) vs \(low)")
                    #expect(high.agreesAsLocation(with: interval[1], uncertainty: halfWidth), "\(interval) vs \(high)")
                }
            }
            if let tau = Printed(entry["tau"]) {
                let ours = try #require(evaluation.heterogeneity?.tau)
                #expect(tau.agreesAsUncertainty(with: ours), "τ \(ours) vs \(tau)")
            }
        }
    }

    /// The HB run archived in the NIST Decision Tree repository (R/archive/KCplotDoEplot.R): KCRV,
    /// u, τ and the MRA degrees of equivalence of CCQM-K25 PCB 28.
    @Test func reproducesTheDecisionTreeDegreesOfEquivalence() throws {
        let file = "CCQM-K25-PCB28.comparison.json"
        let entry = try #require(Self.published(file, method: "hierarchical-bayes (another HB run").first)
        let evaluation = try HierarchicalBayes().evaluate(
            try Fixtures.comparison(file), options: EvaluationOptions(includesPairwise: false))
        let published = try #require(entry["referenceValue"] as? [String: Any])
        let u = try #require(Printed(published["standardUncertainty"]))
        #expect(u.agreesAsUncertainty(with: evaluation.referenceValue.standardUncertainty))
        #expect(
            try #require(Printed(published["value"])).agreesAsLocation(
                with: evaluation.referenceValue.value, uncertainty: u.value))
        #expect(
            try #require(Printed(entry["tau"])).agreesAsUncertainty(with: try #require(evaluation.heterogeneity?.tau)))
        let rows = try #require(entry["degreesOfEquivalence"] as? [[String: Any]])
        #expect(rows.count == 6)
        for row in rows {
            let lab = LaboratoryID(try #require(row["laboratory"] as? String))
            let doe = try #require(evaluation.degreeOfEquivalence(of: lab))
            let expanded = try #require(Printed(row["expandedUncertainty"]))
            #expect(
                expanded.agreesAsUncertainty(with: doe.expandedUncertainty),
                "U(d) of \(lab): \(doe.expandedUncertainty)")
            // D_i: 3 % of its standard uncertainty (U/2 here) or one unit of the last digit.
            #expect(
                try #require(Printed(row["difference"])).agreesAsLocation(
                    with: doe.difference, uncertainty: expanded.value / 2), "d of \(lab): \(doe.difference)")
            let ends = try #require(row["coverageInterval95"] as? [Any])
            let interval = try #require(doe.coverageInterval)
            for (end, ours) in zip(ends, interval) {
                #expect(
                    try #require(Printed(end)).agreesAsLocation(with: ours, uncertainty: expanded.value),
                    "interval of \(lab): \(interval)")
            }
        }
    }

    // MARK: - Exact posteriors

    /// The exact posterior of (μ, τ) when every σ_i = u_i is known: p(τ | x) ∝ half-Cauchy(τ)·L(τ) with
    /// μ integrated out of the Gaussian likelihood, and μ | τ Gaussian; moments and the 2.5 % and
    /// 97.5 % quantiles of μ by Simpson's rule on a grid of 20 001 points over [0, 60·a_τ] (the tail
    /// beyond decays as τ^−(n+1)). Independent of the sampler's code; cross-checked against scipy
    /// (CCT-K7: E μ = 23.982, sd 14.4232, interval [−4.99628, 51.892], E τ = 43.507, sd 11.3324).
    struct ExactPosterior {
        var meanMu = 0.0
        var sdMu = 0.0
        var interval = [Double]()
        var meanTau = 0.0
        var sdTau = 0.0

        init(values x: [Double], uncertainties u: [Double], tauScale a: Double) {
            let priorPrecision = 1e-10
            let count = 20_000
            let h = 60 * a / Double(count)
            var logDensity = [Double]()
            var means = [Double]()
            var deviations = [Double]()
            for k in 0...count {
                let tau = Double(k) * h
                var w = priorPrecision
                var wx = 0.0
                var logV = 0.0
                for i in x.indices {
                    let v = tau * tau + u[i] * u[i]
                    w += 1 / v
                    wx += x[i] / v
                    logV += log(v)
                }
                let mean = wx / w
                var q = priorPrecision * mean * mean
                for i in x.indices { q += (x[i] - mean) * (x[i] - mean) / (tau * tau + u[i] * u[i]) }
                logDensity.append(-0.5 * logV - 0.5 * log(w) - 0.5 * q - log1p(tau * tau / (a * a)))
                means.append(mean)
                deviations.append((1 / w).squareRoot())
            }
            let peak = logDensity.max() ?? 0
            let weights = logDensity.enumerated().map { k, l in
                (k == 0 || k == count ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)) * exp(l - peak)
            }
            let total = weights.reduce(0, +)
            var m = [Double](repeating: 0, count: 4)  // μ, μ², τ, τ²
            for k in 0...count {
                let tau = Double(k) * h
                m[0] += weights[k] * means[k]
                m[1] += weights[k] * (deviations[k] * deviations[k] + means[k] * means[k])
                m[2] += weights[k] * tau
                m[3] += weights[k] * tau * tau
            }
            meanMu = m[0] / total
            sdMu = (m[1] / total - meanMu * meanMu).squareRoot()
            meanTau = m[2] / total
            sdTau = (m[3] / total - meanTau * meanTau).squareRoot()
            func distribution(_ y: Double) -> Double {
                var sum = 0.0
                for k in 0...count { sum += weights[k] * 0.5 * erfc((means[k] - y) / (deviations[k] * 2.squareRoot())) }
                return sum / total
            }
            interval = [0.025, 0.975].map { p in
                var low = meanMu - 20 * sdMu
                var high = meanMu + 20 * sdMu
                for _ in 0..<60 {
                    let middle = (low + high) / 2
                    if distribution(middle) < p { low = middle } else { high = middle }
                }
                return (low + high) / 2
            }
        }
    }

    /// With σ_i known (no degrees of freedom) the posterior is exact by quadrature; the sampler must
    /// agree within 4 Monte Carlo standard errors computed from its own effective sample sizes
    /// (mean: sd/√ESS; standard deviation: 1 %, about 4 standard errors for ESS ≈ 80 000 and the
    /// mildly heavy-tailed posterior; interval ends: 4·√(p(1 − p)/ESS)/f(q) with f the Gaussian
    /// density of the same sd). The Rao–Blackwellised estimates used for the reference value have
    /// smaller errors than these bounds, which hold for the raw draws.
    @Test(arguments: ["CCT-K7.comparison.json", "CCEM.RF-K25.W.comparison.json"])
    func samplerMatchesTheExactPosteriorWhenUncertaintiesAreKnown(file: String) throws {
        let comparison = try Self.allIncluded(file)
        let x = comparison.results.map(\.value)
        let exact = ExactPosterior(
            values: x, uncertainties: comparison.results.map(\.standardUncertainty),
            tauScale: Self.medianAbsoluteDeviation(x))
        let evaluation = try HierarchicalBayes(thinning: 1).evaluate(
            comparison, options: EvaluationOptions(includesPairwise: false, trials: 50_000, seed: 11))
        let diagnostics = try #require(evaluation.details?.markovChain?.parameters)
        let essMu = diagnostics[0].effectiveSampleSize
        let essTau = diagnostics[1].effectiveSampleSize
        #expect(essMu > 40_000 && essTau > 40_000, "ESS \(essMu), \(essTau) of 80 000 draws")
        let rv = evaluation.referenceValue
        #expect(
            abs(rv.value - exact.meanMu) <= 4 * exact.sdMu / essMu.squareRoot(), "E μ \(rv.value) vs \(exact.meanMu)")
        #expect(
            rv.standardUncertainty.isApproximatelyEqual(to: exact.sdMu, relativeTolerance: 0.01),
            "sd μ \(rv.standardUncertainty) vs \(exact.sdMu)")
        let interval = try #require(rv.coverageInterval)
        let quantileError = 4 * (0.025 * 0.975 / essMu).squareRoot() / 0.05844 * exact.sdMu
        for (ours, expected) in zip(interval, exact.interval) {
            #expect(abs(ours - expected) <= quantileError, "interval \(interval) vs \(exact.interval)")
        }
        let heterogeneity = try #require(evaluation.heterogeneity)
        let meanTau = heterogeneity.tau
        let sdTau = try #require(heterogeneity.tauStandardUncertainty)
        #expect(
            abs(meanTau - exact.meanTau) <= 4 * exact.sdTau / essTau.squareRoot(), "E τ \(meanTau) vs \(exact.meanTau)")
        #expect(
            sdTau.isApproximatelyEqual(to: exact.sdTau, relativeTolerance: 0.015), "sd τ \(sdTau) vs \(exact.sdTau)")
        if file.hasPrefix("CCT-K7") {
            // The quadrature itself against scipy (same model, independent code).
            #expect(exact.meanMu.isApproximatelyEqual(to: 23.982, relativeTolerance: 1e-4))
            #expect(exact.sdMu.isApproximatelyEqual(to: 14.4232, relativeTolerance: 1e-5))
            #expect(exact.meanTau.isApproximatelyEqual(to: 43.507, relativeTolerance: 1e-5))
            #expect(abs(exact.interval[0] - -4.99628) <= 1e-3 && abs(exact.interval[1] - 51.892) <= 1e-3)
        }
    }

    /// Laplace effects with σ_i known, CCT-K7: the exact posterior by 2-D quadrature over (μ, τ) with
    /// the Laplace–Gauss convolution in closed form (scipy, erfcx; grids of 3 001 × 4 000 and
    /// 9 001 × 12 000 points agree to the digits given): E μ = 17.9174, sd 14.445, 95 % interval
    /// [−10.3928, 46.482], E τ = 43.4404, sd 14.5194. JAGS 4.3.1 on NICOB's bayesLaplace model
    /// (4 chains × 2·10⁶ iterations) gives 18.03, 14.37, [−10.12, 46.32], 43.43, 14.51.
    /// Tolerances as for the Gaussian case, from the effective sample sizes (40–70 % of the draws for
    /// Laplace effects).
    @Test func laplaceSamplerMatchesTheExactPosterior() throws {
        let comparison = try Fixtures.comparison("CCT-K7.comparison.json")
        let evaluation = try HierarchicalBayes(laboratoryEffects: .laplace, thinning: 1).evaluate(
            comparison, options: EvaluationOptions(includesPairwise: false, trials: 60_000, seed: 12))
        let diagnostics = try #require(evaluation.details?.markovChain?.parameters)
        let essMu = diagnostics[0].effectiveSampleSize
        let essTau = diagnostics[1].effectiveSampleSize
        let exact = (meanMu: 17.9174, sdMu: 14.445, interval: [-10.3928, 46.482], meanTau: 43.4404, sdTau: 14.5194)
        let rv = evaluation.referenceValue
        #expect(abs(rv.value - exact.meanMu) <= 4 * exact.sdMu / essMu.squareRoot(), "E μ \(rv.value)")
        #expect(rv.standardUncertainty.isApproximatelyEqual(to: exact.sdMu, relativeTolerance: 0.015), "sd μ")
        let quantileError = 4 * (0.025 * 0.975 / essMu).squareRoot() / 0.05844 * exact.sdMu
        for (ours, expected) in zip(try #require(rv.coverageInterval), exact.interval) {
            #expect(abs(ours - expected) <= quantileError, "interval end \(ours) vs \(expected)")
        }
        let tau = try #require(evaluation.heterogeneity)
        #expect(abs(tau.tau - exact.meanTau) <= 4 * exact.sdTau / essTau.squareRoot(), "E τ \(tau.tau)")
        #expect(try #require(tau.tauStandardUncertainty).isApproximatelyEqual(to: exact.sdTau, relativeTolerance: 0.02))
    }

    /// Laplace effects with unknown σ_i (finite ν_i), CCQM-K25 PCB 28, against NICOB's bayesLaplace
    /// model run in JAGS 4.3.1 (4 chains × 2·10⁶ iterations, 32 000 kept draws, R̂ ≤ 1.0003; DoE by
    /// NICOB's DoEUnilateralBayesLaplace rule; driver in Benchmarks/peers/hb_jags.R): μ 33.4421,
    /// u 0.817746, τ 1.91453, U(d) 4.9814, 4.8819, 4.9508, 4.8321, 4.696, 4.7286. Both are Monte
    /// Carlo estimates: the README's rule (3 % for u, τ, U; 3 % of u for μ and d).
    @Test func laplaceEffectsReproduceJAGS() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let evaluation = try HierarchicalBayes(laboratoryEffects: .laplace).evaluate(
            comparison, options: EvaluationOptions(includesPairwise: false))
        let rv = evaluation.referenceValue
        #expect(abs(rv.value - 33.4421) <= 0.03 * 0.817746, "μ \(rv.value)")
        #expect(rv.standardUncertainty.isApproximatelyEqual(to: 0.817746, relativeTolerance: 0.03))
        #expect(try #require(evaluation.heterogeneity?.tau).isApproximatelyEqual(to: 1.91453, relativeTolerance: 0.03))
        let expanded = [4.9814, 4.8819, 4.9508, 4.8321, 4.696, 4.7286]
        for (doe, published) in zip(evaluation.degreesOfEquivalence, expanded) {
            #expect(
                doe.expandedUncertainty.isApproximatelyEqual(to: published, relativeTolerance: 0.03),
                "U(d) of \(doe.laboratory): \(doe.expandedUncertainty)")
        }
        #expect(evaluation.details?.markovChain?.converged == true)
    }

    /// A τ prior median of 10⁻⁹·min u_i makes τ negligible: the posterior of μ is then exactly the
    /// Gaussian N(ȳ, u²(ȳ)) of Procedure A (up to the N(0, 10¹⁰) prior, included here), and the draws
    /// of μ are independent: mean within 4·u/√N, standard deviation and the 2.5 % and 97.5 %
    /// quantiles within 2 %.
    @Test func exactGaussianPosteriorWhenTauIsNegligible() throws {
        let comparison = try Fixtures.comparison("CCT-K7.comparison.json")
        let smallest = comparison.results.map(\.standardUncertainty).min() ?? 1
        let posterior = try HierarchicalBayes(tauPriorMedian: 1e-9 * smallest, thinning: 1).estimate(
            comparison, options: EvaluationOptions(trials: 25_000, seed: 13))
        var precision = 1e-10
        var weighted = 0.0
        for r in comparison.results {
            precision += 1 / r.variance
            weighted += r.value / r.variance
        }
        let mean = weighted / precision
        let sd = (1 / precision).squareRoot()
        let draws = posterior.referenceValue.sorted()
        let n = Double(draws.count)
        #expect(abs(draws.reduce(0, +) / n - mean) <= 4 * sd / n.squareRoot())
        #expect(Self.standardDeviation(draws).isApproximatelyEqual(to: sd, relativeTolerance: 0.02))
        let z = 1.959963984540054
        #expect(abs(draws[Int(0.025 * n)] - (mean - z * sd)) <= 0.02 * z * sd)
        #expect(abs(draws[Int(0.975 * n)] - (mean + z * sd)) <= 0.02 * z * sd)
    }

    // MARK: - Degrees of equivalence

    /// With σ_j known, D_j = x_j − μ − e_j with e_j | τ ~ N(0, τ² + u_j²) independent of μ, so
    /// u²(d_j) = Var(μ) + E(τ²) + u_j² for every result, included or excluded (law of total variance),
    /// and u²(d_ij) = 2E(τ²) + u_i² + u_j². Checked to 2 % (Monte Carlo). Without dark uncertainty the
    /// E(τ²) terms drop out.
    @Test(arguments: [true, false])
    func degreeOfEquivalenceUncertaintiesFollowTheModel(recognizesDarkUncertainty: Bool) throws {
        // NRC is excluded from the KCRV in this file: it keeps its DoE.
        let comparison = try Fixtures.comparison("CCEM.RF-K25.W.comparison.json")
        let options = try EvaluationOptions(trials: 20_000, seed: 14)
        let estimator = HierarchicalBayes(recognizesDarkUncertainty: recognizesDarkUncertainty)
        let evaluation = try estimator.evaluate(comparison, options: options)
        // Var(μ) = u²(y) (Rao–Blackwellised); E(τ²) = sd²(τ) + (E τ)² up to the factor (K − 1)/K.
        let varianceMu = pow(evaluation.referenceValue.standardUncertainty, 2)
        let tau = try #require(evaluation.heterogeneity)
        let meanTau2 =
            recognizesDarkUncertainty ? pow(try #require(tau.tauStandardUncertainty), 2) + tau.tau * tau.tau : 0
        #expect(evaluation.degreesOfEquivalence.count == comparison.results.count)
        #expect(evaluation.includedLaboratories.count == 7)
        for result in comparison.results {
            let doe = try #require(evaluation.degreeOfEquivalence(of: result.laboratory))
            #expect(doe.includedInReferenceValue == result.includedInReferenceValue)
            #expect(abs(doe.difference - (result.value - evaluation.referenceValue.value)) <= 1e-12)
            let expected = (varianceMu + meanTau2 + result.variance).squareRoot()
            #expect(
                try #require(doe.standardUncertainty).isApproximatelyEqual(to: expected, relativeTolerance: 0.02),
                "u(d) of \(result.laboratory)")
            // For a nearly Gaussian D, U ≈ 1.96 u(d): within 5 %.
            #expect(doe.expandedUncertainty.isApproximatelyEqual(to: 1.96 * expected, relativeTolerance: 0.05))
        }
        let pairs = try #require(evaluation.pairwise)
        #expect(pairs.count == 28)
        for pair in pairs {
            let i = try #require(comparison.result(for: pair.laboratories[0]))
            let j = try #require(comparison.result(for: pair.laboratories[1]))
            #expect(abs(pair.difference - (i.value - j.value)) <= 1e-15)
            let expected = (2 * meanTau2 + i.variance + j.variance).squareRoot()
            #expect(try #require(pair.standardUncertainty).isApproximatelyEqual(to: expected, relativeTolerance: 0.02))
        }
    }

    @Test func excludedLaboratoriesDoNotChangeTheReferenceValueButKeepTheirDegreeOfEquivalence() throws {
        let all = try Self.allIncluded("CCEM.RF-K25.W.comparison.json")
        let withoutNRC = try all.including(only: Set(all.laboratories.filter { $0 != "NRC" }))
        let options = try EvaluationOptions(trials: 10_000, seed: 15)
        let reduced = try HierarchicalBayes().evaluate(withoutNRC, options: options)
        let sevenLabs = try Comparison(
            identifier: "CCEM.RF-K25.W without NRC", results: withoutNRC.results.filter(\.includedInReferenceValue))
        let seven = try HierarchicalBayes().evaluate(sevenLabs, options: options)
        // The same included data and seed: the same chains, hence the same KCRV to the last bit.
        #expect(reduced.referenceValue == seven.referenceValue)
        let nrc = try #require(reduced.degreeOfEquivalence(of: "NRC"))
        #expect(!nrc.includedInReferenceValue)
        #expect(nrc.expandedUncertainty > 0 && nrc.expandedUncertainty.isFinite)
    }

    // MARK: - Reproducibility

    /// Same seed, same draws; the chains run in parallel, each on its own stream, so the result cannot
    /// depend on how many threads run them: four evaluations started at once (so that the chains
    /// interleave differently on the two cores) equal a run on its own, bit for bit.
    @Test func sameSeedGivesIdenticalResultsWhateverTheThreads() async throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let estimator = HierarchicalBayes(chains: 4)
        let options = try EvaluationOptions(trials: 4_000, seed: 16)
        let alone = try estimator.evaluate(comparison, options: options)
        let concurrent = try await withThrowingTaskGroup(of: Evaluation.self) { group in
            for _ in 0..<4 { group.addTask { try estimator.evaluate(comparison, options: options) } }
            return try await group.reduce(into: [Evaluation]()) { $0.append($1) }
        }
        for evaluation in concurrent { #expect(evaluation == alone) }
        let other = try estimator.evaluate(comparison, options: EvaluationOptions(trials: 4_000, seed: 17))
        #expect(other.referenceValue.value != alone.referenceValue.value)
    }

    /// Chain c depends on (seed, c) only: the first two chains of a three-chain run are the two chains
    /// of a two-chain run.
    @Test func eachChainDependsOnlyOnTheSeedAndItsIndex() throws {
        let comparison = try Fixtures.comparison("CCL-K1.comparison.json")
        let options = try EvaluationOptions(trials: 2_000, seed: 18)
        let two = try HierarchicalBayes(chains: 2).estimate(comparison, options: options)
        let three = try HierarchicalBayes(chains: 3).estimate(comparison, options: options)
        #expect(Array(three.referenceValue.prefix(two.count)) == two.referenceValue)
        #expect(Array(three.tau.prefix(two.count)) == two.tau)
    }

    // MARK: - Invariance

    /// Shifting every value by b moves the KCRV and leaves every uncertainty; scaling values and
    /// uncertainties by a > 0 scales them. The sampler works on data standardised by the median of
    /// the values and of the uncertainties, so with values and shifts that are exact in binary, a
    /// power-of-two scale and a flat prior for μ (the N(0, 10¹⁰) prior is not shift-invariant) the
    /// chains are the same bit for bit: 1e-9 relative to u (rounding in the back-transformation). (An inexact shift changes the last bit
    /// of the standardised data and, through the slice sampler's accept decisions, the whole chain:
    /// the results then agree only to Monte Carlo error.)
    @Test func shiftingAndScalingTransformTheResults() throws {
        let comparison = try Comparison(
            identifier: "dyadic",
            results: [
                LaboratoryResult(laboratory: "A", value: 10.25, standardUncertainty: 0.25),
                LaboratoryResult(laboratory: "B", value: 11.5, standardUncertainty: 0.5, degreesOfFreedom: 8),
                LaboratoryResult(laboratory: "C", value: 9.75, standardUncertainty: 0.125),
                LaboratoryResult(laboratory: "D", value: 10.125, standardUncertainty: 0.25, degreesOfFreedom: 4),
                LaboratoryResult(laboratory: "E", value: 12, standardUncertainty: 0.375),
                LaboratoryResult(
                    laboratory: "F", value: 10.5, standardUncertainty: 0.25, includedInReferenceValue: false),
            ])
        let options = try EvaluationOptions(trials: 5_000, seed: 19)
        for effects in LaboratoryEffects.allCases {
            let estimator = HierarchicalBayes(
                laboratoryEffects: effects, referenceValuePriorStandardDeviation: .infinity)
            let base = try estimator.evaluate(comparison, options: options)
            let u = base.referenceValue.standardUncertainty
            for (a, b) in [(1.0, 1024.0), (4.0, 0.0), (0.25, -512.0)] {
                let transformed = try estimator.evaluate(comparison.rescaled(by: a, shiftedBy: b), options: options)
                let rv = transformed.referenceValue
                let tolerance = 1e-9 * a * u
                #expect(
                    abs(rv.value - (a * base.referenceValue.value + b)) <= tolerance, "\(effects) a = \(a), b = \(b)")
                #expect(abs(rv.standardUncertainty - a * u) <= tolerance)
                #expect(
                    abs(try #require(transformed.heterogeneity?.tau) - a * (base.heterogeneity?.tau ?? 0)) <= tolerance)
                for (d, d0) in zip(transformed.degreesOfEquivalence, base.degreesOfEquivalence) {
                    #expect(abs(d.expandedUncertainty - a * d0.expandedUncertainty) <= tolerance)
                    #expect(abs(d.difference - a * d0.difference) <= tolerance)
                }
                for (d, d0) in zip(transformed.pairwise ?? [], base.pairwise ?? []) {
                    #expect(abs(d.expandedUncertainty - a * d0.expandedUncertainty) <= tolerance)
                }
            }
        }
    }

    // MARK: - Bad input

    @Test func fewerThanThreeIncludedResultsIsATypedError() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        for count in [0, 1, 2] {
            let subset = try comparison.including(only: Set(comparison.laboratories.prefix(count)))
            #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: count)) {
                try HierarchicalBayes().evaluate(subset)
            }
        }
        let two = try Comparison(
            identifier: "two", results: comparison.results.prefix(2).map { $0 })
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 2)) {
            try HierarchicalBayes(laboratoryEffects: .laplace).evaluate(two)
        }
    }

    /// Three results, two of them equal (mad(x) = 0): the τ prior median falls back to median(u_i),
    /// said in a note, and every number is finite.
    @Test func threeResultsWithZeroMadGiveAFiniteResult() throws {
        let comparison = try Comparison(
            identifier: "three",
            results: [
                LaboratoryResult(laboratory: "A", value: 10, standardUncertainty: 0.1),
                LaboratoryResult(laboratory: "B", value: 10, standardUncertainty: 0.2, degreesOfFreedom: 3),
                LaboratoryResult(laboratory: "C", value: 11, standardUncertainty: 0.1),
            ])
        for effects in LaboratoryEffects.allCases {
            let evaluation = try HierarchicalBayes(laboratoryEffects: effects).evaluate(
                comparison, options: EvaluationOptions(trials: 5_000))
            let rv = evaluation.referenceValue
            #expect(rv.value.isFinite && rv.standardUncertainty.isFinite && rv.standardUncertainty > 0)
            #expect(evaluation.details?.notes?.contains { $0.hasPrefix("mad(x) = 0") } == true)
            let json = try JSONEncoder().encode(evaluation)
            #expect(!String(decoding: json, as: UTF8.self).lowercased().contains("nan"))
        }
    }

    @Test func unusableSettingsAreTypedErrors() throws {
        let comparison = try Fixtures.comparison("CCL-K1.comparison.json")
        let cases: [(HierarchicalBayes, EvaluationOptions, EvaluationSetting)] = [
            (HierarchicalBayes(chains: 1), EvaluationOptions(), .chains),
            (HierarchicalBayes(burnIn: 5_000), try EvaluationOptions(trials: 5_000), .burnIn),
            (HierarchicalBayes(thinning: 0), EvaluationOptions(), .thinning),
            // 4 chains × 8·10⁷ kept draws × 9 numbers exceed the 2·10⁸ stored numbers.
            (HierarchicalBayes(chains: 4, thinning: 1), try EvaluationOptions(trials: 100_000_000), .thinning),
            (HierarchicalBayes(), try EvaluationOptions(trials: 100_000_001), .trials),
            (HierarchicalBayes(chains: 1000), EvaluationOptions(), .chains),
            (HierarchicalBayes(), try EvaluationOptions(trials: 50), .trials),
            (HierarchicalBayes(tauPriorMedian: -1), EvaluationOptions(), .tauPriorMedian),
            (HierarchicalBayes(sigmaPriorMedian: .nan), EvaluationOptions(), .sigmaPriorMedian),
            (
                HierarchicalBayes(referenceValuePriorStandardDeviation: 0), EvaluationOptions(),
                .referenceValuePriorStandardDeviation
            ),
            (HierarchicalBayes(convergenceThreshold: -1), EvaluationOptions(), .convergenceThreshold),
        ]
        for (estimator, options, name) in cases {
            do {
                _ = try estimator.evaluate(comparison, options: options)
                Issue.record("\(name): no error")
            } catch {
                guard case .invalidSetting(let setting, _, _) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(setting == name)
            }
        }
        let correlated = try Comparison(
            identifier: "correlated", results: comparison.results,
            correlations: [Correlation("NPL", "LNE", coefficient: 0.5)])
        #expect(throws: KeyComparisonError.correlationsNotSupported(method: "hierarchical-bayes")) {
            try HierarchicalBayes().evaluate(correlated)
        }
    }

    /// R̂ above the threshold is reported in a note, or rejected when convergence is required. This
    /// sampler converges too fast to fail honestly in a test, so the threshold is set to 0.5, which
    /// no R̂ (≈ 1 for converged chains) can meet.
    @Test func nonConvergenceIsReportedOrRejected() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let lenient = HierarchicalBayes(convergenceThreshold: 0.5)
        let evaluation = try lenient.evaluate(comparison, options: EvaluationOptions(trials: 1_000, seed: 20))
        #expect(evaluation.details?.markovChain?.converged == false)
        #expect(
            evaluation.details?.notes?.contains { $0.hasPrefix("WARNING: the chains may not have converged") } == true)
        var strict = lenient
        strict.requiresConvergence = true
        #expect {
            try strict.evaluate(comparison, options: EvaluationOptions(trials: 1_000, seed: 20))
        } throws: { error in
            guard case KeyComparisonError.didNotConverge(let method, _) = error else { return false }
            return method == "hierarchical-bayes"
        }
    }

    @Test func methodNamesAndFactory() throws {
        #expect(try EvaluationMethod(name: "hierarchical-bayes").estimator().method == .hierarchicalBayes)
        #expect(
            try EvaluationMethod(name: "hierarchical-bayes-laplace").estimator().method == .hierarchicalBayesLaplace)
        let laplace = try #require(EvaluationMethod.hierarchicalBayesLaplace.estimator() as? HierarchicalBayes)
        #expect(laplace.laboratoryEffects == .laplace)
    }

    /// R's mad(x): 1.4826 · median |x_i − median(x)|.
    static func medianAbsoluteDeviation(_ x: [Double]) -> Double {
        func median(_ v: [Double]) -> Double {
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let m = median(x)
        return 1.4826 * median(x.map { abs($0 - m) })
    }

    static func standardDeviation(_ draws: [Double]) -> Double {
        let mean = draws.reduce(0, +) / Double(draws.count)
        return (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)).squareRoot()
    }
}
