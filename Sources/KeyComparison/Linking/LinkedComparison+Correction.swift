import LinearAlgebra

extension LinkedComparison {
    /// The linked degrees of equivalence by the linking correction (Delahaye & Witt 2002; Elster,
    /// Link & Wöger 2003), every covariance propagated from the joint covariance Σ of all results.
    ///
    /// Each quantity is a linear function J·x of the joint results x (CIPM, then each RMO):
    /// D_i = x_i − aᵀx^CIPM for the CIPM laboratories, δ_l = x_l^RMO − D_l for the linking
    /// laboratories, Δ = wᵀδ with w = C_δ⁻¹1/1ᵀC_δ⁻¹1 (C_δ = J_δ Σ J_δᵀ, Cholesky `dpotrf`), and
    /// d_j = x_j^RMO − Δ for the RMO laboratories that are not in the CIPM comparison; then
    /// cov = J Σ Jᵀ for all of them together, so the linked DoE of two RMO laboratories are
    /// correlated through Δ and the pairwise DoE across comparisons follow.
    ///
    /// With one linking laboratory, d_j = x_j^RMO − x_l^RMO + D_l and
    /// u²(d_j) = u_j² + u_l²(RMO) + u²(D_l) − 2 cov(x_l^RMO, D_l), where
    /// cov(x_l^RMO, D_l) = r_l u_l^RMO u_l^CIPM (1 − a_l): a positive correlation between the linking
    /// laboratory's two results lowers U(d_j).
    ///
    /// - Throws: ``KeyComparisonError/covarianceNotPositiveDefinite(laboratory:leadingMinor:)``
    ///   naming a linking laboratory when C_δ is singular (two linking results that are the same).
    /// - Complexity: O(N²·m) for N results and m degrees of equivalence.
    public func linkingCorrection(coverageFactor k: Double = 2) throws(KeyComparisonError) -> LinkingEvaluation {
        guard k.isFinite, k > 0 else {
            throw .invalidSetting(.coverageFactor, value: "\(k)", reason: "must be positive and finite")
        }
        let fit = try referenceWeights()
        let (offsets, sigma) = jointCovariance()
        let total = sigma.rows
        let x = ([reference] + regional).flatMap { $0.results.map(\.value) }
        func unit(_ position: Int) -> [Double] {
            var row = [Double](repeating: 0, count: total)
            row[position] = 1
            return row
        }
        func referenceDifference(_ i: Int) -> [Double] {
            var row = unit(i)
            for (p, a) in fit.weights.enumerated() { row[p] -= a }
            return row
        }
        func covariance(_ rows: [[Double]]) -> Matrix {
            Matrix(rows: rows.count, columns: total, rowMajor: rows.flatMap { $0 }).sandwich(sigma)
        }
        var rows: [[Double]] = reference.results.indices.map(referenceDifference)
        var groups = [
            LinkedDegreesOfEquivalence(
                comparison: reference.identifier,
                unilateral: reference.results.map { result in
                    DegreeOfEquivalence(
                        laboratory: result.laboratory, includedInReferenceValue: result.includedInReferenceValue,
                        difference: 0, standardUncertainty: 0, expandedUncertainty: 0)
                })
        ]
        var corrections: [LinkingCorrection] = []
        for (c, rmo) in regional.enumerated() {
            let offset = offsets[c + 1]
            let linking = linkingLaboratories[c]
            let deltas: [[Double]] = linking.compactMap { lab in
                guard let i = reference.index(of: lab), let j = rmo.index(of: lab) else { return nil }
                return zip(unit(offset + j), referenceDifference(i)).map(-)
            }
            let weights: [Double]
            do {
                let factor = try CholeskyFactorization(covariance(deltas), symmetryTolerance: nil)
                let s = try factor.solve([Double](repeating: 1, count: deltas.count))
                let sum = s.reduce(0, +)
                weights = s.map { $0 / sum }
            } catch {
                throw KeyComparisonError.notPositiveDefinite(error, laboratories: linking)
            }
            var correction = [Double](repeating: 0, count: total)
            for (w, delta) in zip(weights, deltas) {
                for p in 0..<total { correction[p] += w * delta[p] }
            }
            let uCorrection = Swift.max(0, covariance([correction])[0, 0]).squareRoot()
            corrections.append(
                LinkingCorrection(
                    comparison: rmo.identifier, linkingLaboratories: linking, weights: weights,
                    value: zip(correction, x).reduce(0) { $0 + $1.0 * $1.1 }, standardUncertainty: uCorrection))
            var unilateral: [DegreeOfEquivalence] = []
            for (j, result) in rmo.results.enumerated() where reference.index(of: result.laboratory) == nil {
                rows.append(zip(unit(offset + j), correction).map(-))
                unilateral.append(
                    DegreeOfEquivalence(
                        laboratory: result.laboratory, includedInReferenceValue: false, difference: 0,
                        standardUncertainty: 0, expandedUncertainty: 0))
            }
            groups.append(LinkedDegreesOfEquivalence(comparison: rmo.identifier, unilateral: unilateral))
        }
        let cov = covariance(rows)
        var position = 0
        for g in groups.indices {
            for d in groups[g].unilateral.indices {
                let u = Swift.max(0, cov[position, position]).squareRoot()
                let old = groups[g].unilateral[d]
                groups[g].unilateral[d] = DegreeOfEquivalence(
                    laboratory: old.laboratory, includedInReferenceValue: old.includedInReferenceValue,
                    difference: zip(rows[position], x).reduce(0) { $0 + $1.0 * $1.1 }, standardUncertainty: u,
                    expandedUncertainty: k * u)
                position += 1
            }
        }
        let all = groups.flatMap(\.unilateral)
        var pairwise: [PairwiseDegreeOfEquivalence] = []
        for p in all.indices {
            for q in all.indices where q > p {
                let u = Swift.max(0, cov[p, p] + cov[q, q] - 2 * cov[p, q]).squareRoot()
                pairwise.append(
                    PairwiseDegreeOfEquivalence(
                        laboratories: [all[p].laboratory, all[q].laboratory],
                        difference: all[p].difference - all[q].difference,
                        standardUncertainty: u, expandedUncertainty: k * u))
            }
        }
        return LinkingEvaluation(
            reference: reference.identifier, unit: reference.unit,
            referenceValue: ReferenceValue(
                value: fit.value, standardUncertainty: fit.standardUncertainty, coverageFactor: k),
            corrections: corrections, degreesOfEquivalence: groups, covariance: cov, pairwise: pairwise)
    }
}

/// The result of linking RMO comparisons to a CIPM comparison: the CIPM KCRV (unchanged), the
/// linking correction of each RMO comparison, and the degrees of equivalence of every laboratory
/// against the KCRV with their joint covariance.
public struct LinkingEvaluation: Sendable, Hashable, Codable {
    /// The CIPM comparison.
    public var reference: String
    /// The unit.
    public var unit: String?
    /// The CIPM KCRV y (the weighted mean of its included results) and u(y).
    public var referenceValue: ReferenceValue
    /// One correction per RMO comparison.
    public var corrections: [LinkingCorrection]
    /// The CIPM participants' DoE (as in the CIPM comparison), then each RMO comparison's
    /// participants that are not in the CIPM comparison, with their linked DoE.
    public var degreesOfEquivalence: [LinkedDegreesOfEquivalence]
    /// cov(d) of all the degrees of equivalence above, in their order.
    public var covariance: Matrix
    /// d_i − d_j for every pair, across comparisons too.
    public var pairwise: [PairwiseDegreeOfEquivalence]

    /// The degree of equivalence of a laboratory (its CIPM one if it took part in the CIPM comparison).
    public func degreeOfEquivalence(of laboratory: LaboratoryID) -> DegreeOfEquivalence? {
        degreesOfEquivalence.lazy.flatMap(\.unilateral).first { $0.laboratory == laboratory }
    }
}

/// The correction Δ that carries an RMO comparison's results to the CIPM KCRV: d_j = x_j − Δ.
public struct LinkingCorrection: Sendable, Hashable, Codable {
    /// The RMO comparison.
    public var comparison: String
    /// Its linking laboratories.
    public var linkingLaboratories: [LaboratoryID]
    /// w_l, the GLS weights of δ_l = x_l^RMO − D_l, summing to 1.
    public var weights: [Double]
    /// Δ = Σ w_l δ_l.
    public var value: Double
    /// u(Δ).
    public var standardUncertainty: Double
}

/// The degrees of equivalence that come from one comparison of a linked set.
public struct LinkedDegreesOfEquivalence: Sendable, Hashable, Codable {
    /// The comparison the results come from.
    public var comparison: String
    /// d_i against the CIPM KCRV, u(d_i), U(d_i).
    public var unilateral: [DegreeOfEquivalence]
}
