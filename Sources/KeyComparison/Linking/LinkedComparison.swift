import LinearAlgebra

/// One or more RMO comparisons linked to a CIPM comparison through the laboratories that took part
/// in both, so that every RMO participant receives a degree of equivalence against the CIPM KCRV.
///
/// Three evaluations, one data set:
///
/// - ``linkingCorrection(coverageFactor:)``: the classic correction (Delahaye & Witt, Metrologia 39
///   (2002) Tech. Suppl. 01005; Elster, Link & Wöger, Metrologia 40 (2003) 189). With D_l = x_l − y
///   the CIPM degrees of equivalence of the linking laboratories (y the CIPM weighted mean),
///   δ_l = x_l^RMO − D_l estimates the level of the RMO comparison, Δ = Σ w_l δ_l with the GLS weights
///   w = C_δ⁻¹1/1ᵀC_δ⁻¹1, and an RMO laboratory's linked DoE is d_j = x_j^RMO − Δ. Every covariance
///   (C_δ, cov(d)) is propagated from the joint covariance of all results, so the correlation of a
///   linking laboratory's two results (``linkingCorrelations``) and of D_l with the KCRV are kept. The
///   CIPM KCRV and the CIPM DoE are unchanged.
/// - ``invariantModel()``: the same as a ``ComparisonModel`` with the linking invariant (the D_l as
///   readings of established degrees of equivalence, Cox & Shirono, Metrologia 60 (2023) 055014);
///   its GLS estimates are the linked DoE above.
/// - ``jointModel()``: Sutton's formulation (Metrologia 41 (2004) 272): every result of every
///   comparison is a reading, each comparison its own artefact, one bias per laboratory, the KCRV
///   the weighted mean of the CIPM results. With one linking laboratory the model is saturated and
///   equals the correction exactly; with several it also re-estimates the linking laboratories'
///   biases from their RMO results (and so moves the CIPM figures a little).
///
///     let linked = try LinkedComparison(reference: ccm, regional: [apmp],
///                                       linkingCorrelations: ["NMIJ": 0.6])
///     let evaluation = try linked.linkingCorrection()
///     evaluation.degreeOfEquivalence(of: "NIMT")    // d and U(d) against the CCM KCRV
public struct LinkedComparison: Sendable, Hashable {
    /// The CIPM (or reference) comparison, evaluated by its weighted mean over its included results.
    public var reference: Comparison
    /// The RMO comparisons.
    public var regional: [Comparison]
    /// The linking laboratories of each RMO comparison, in the order of ``regional``: by default
    /// every laboratory with a result in both.
    public private(set) var linkingLaboratories: [[LaboratoryID]]
    /// r(x_l^CIPM, x_l^RMO): the correlation of a linking laboratory's two results through their
    /// shared systematic effects (0 when absent).
    public var linkingCorrelations: [LaboratoryID: Double]

    /// Creates a linked comparison.
    ///
    /// - Parameter linking: the linking laboratories for every RMO comparison (nil: those with
    ///   results in both).
    /// - Throws: ``KeyComparisonError/invalidModel(field:reason:)`` when an RMO comparison has no
    ///   linking laboratory (its level cannot be connected to the KCRV), or a linking laboratory
    ///   lacks a result in one of the two comparisons; ``KeyComparisonError/invalidCorrelation(first:second:coefficient:)``.
    public init(
        reference: Comparison, regional: [Comparison], linking: [LaboratoryID]? = nil,
        linkingCorrelations: [LaboratoryID: Double] = [:]
    ) throws(KeyComparisonError) {
        self.reference = reference
        self.regional = regional
        self.linkingCorrelations = linkingCorrelations
        guard !regional.isEmpty else {
            throw .invalidModel(field: "regional", reason: "give at least one RMO comparison to link")
        }
        var sets: [[LaboratoryID]] = []
        for rmo in regional {
            let common = rmo.laboratories.filter { reference.index(of: $0) != nil }
            if let linking {
                for lab in linking where reference.index(of: lab) == nil {
                    throw .invalidModel(
                        field: "linking", reason: "\(lab) has no result in \(reference.identifier), so it cannot link")
                }
                sets.append(common.filter { linking.contains($0) })
            } else {
                sets.append(common)
            }
            guard let last = sets.last, !last.isEmpty else {
                throw .invalidModel(
                    field: "linking",
                    reason: "\(rmo.identifier) has no linking laboratory with results in \(reference.identifier): "
                        + "its degrees of equivalence cannot be stated against the KCRV")
            }
        }
        for (lab, r) in linkingCorrelations where !(r.isFinite && abs(r) <= 1) {
            throw .invalidCorrelation(first: lab, second: lab, coefficient: r)
        }
        self.linkingLaboratories = sets
    }

    /// The joint vector of all results, CIPM first then each RMO comparison, with its covariance:
    /// each comparison's own covariance on the diagonal blocks, r_l·u_l^CIPM·u_l^RMO between a
    /// linking laboratory's results.
    func jointCovariance() -> (offsets: [Int], covariance: Matrix) {
        let comparisons = [reference] + regional
        var offsets: [Int] = []
        var total = 0
        for comparison in comparisons {
            offsets.append(total)
            total += comparison.results.count
        }
        var v = Matrix(rows: total, columns: total)
        for (c, comparison) in comparisons.enumerated() {
            let n = comparison.results.count
            for j in 0..<n {
                for i in 0..<n { v[offsets[c] + i, offsets[c] + j] = comparison.covariance(i, j) }
            }
        }
        for (k, rmo) in regional.enumerated() {
            for lab in linkingLaboratories[k] {
                guard let r = linkingCorrelations[lab], r != 0, let i = reference.index(of: lab),
                    let j = rmo.index(of: lab)
                else { continue }
                let c = r * reference.results[i].standardUncertainty * rmo.results[j].standardUncertainty
                v[i, offsets[k + 1] + j] = c
                v[offsets[k + 1] + j, i] = c
            }
        }
        return (offsets, v)
    }

    /// The KCRV weights a of the reference comparison (zero for its excluded results), y = aᵀx.
    func referenceWeights() throws(KeyComparisonError) -> WeightedMean.Estimate {
        try WeightedMean().estimate(reference)
    }
}
