package import EquivalenceSupport

extension Evaluation {
    /// Returns the evaluation when every number in it is finite, and throws otherwise.
    ///
    /// Inputs are validated (finite values, uncertainties within ``LaboratoryResult/magnitudeRange``),
    /// but values and uncertainties far apart in magnitude can still overflow a sum of squares or a
    /// ratio (χ², E_n with a tiny coverage factor). Reports must never print NaN or an infinity:
    /// `equivalence evaluate` applies this check to every evaluation it prints as text or CSV, and
    /// its JSON writer (the same walk, writing as it goes) refuses them too; a program that reports
    /// or exports evaluations should do the same. The check walks the evaluation's `Codable` form, so
    /// fields that estimators add later are checked too, except for the pairwise degrees of
    /// equivalence (n(n − 1)/2 of them), which are checked field by field
    /// (``PairwiseDegreeOfEquivalence/isFinite``): through the encoder they were half of an
    /// `evaluate` of 2000 laboratories.
    ///
    ///     try WeightedMean().evaluate(comparison).checkedFinite()   // the evaluation, unchanged
    ///
    /// - Throws: ``KeyComparisonError/nonFiniteResult(method:quantity:)`` naming the first
    ///   offending quantity, e.g. `degreesOfEquivalence[PTB].normalizedError`.
    /// - Complexity: O(n²) with the pairwise degrees of equivalence of n results.
    public func checkedFinite() throws(KeyComparisonError) -> Evaluation {
        guard let keys = firstNonFiniteNumber() else { return self }
        throw nonFiniteResult(at: keys)
    }

    /// The JSON path of the first NaN or infinity in the order of the JSON document, as the
    /// writer finds it: the encoder walks everything but the pairs, the pairs are checked directly.
    private func firstNonFiniteNumber() -> [CodingPathKey]? {
        var rest = self
        rest.pairwise = nil
        let other = JSONWriter.firstNonFiniteNumber(in: rest)?.keys
        // `details` is the one member encoded after `pairwise`.
        if let other, other.first?.name != "details" { return other }
        if let pairs = pairwise, let index = pairs.firstIndex(where: { !$0.isFinite }) {
            let inner = JSONWriter.firstNonFiniteNumber(in: pairs[index])?.keys ?? []
            return [CodingPathKey(name: "pairwise"), CodingPathKey(name: "\(index)", index: index)] + inner
        }
        return other
    }

    /// The error for a non-finite number at `keys` of this evaluation's JSON form, naming
    /// laboratories instead of list positions: `degreesOfEquivalence[PTB].normalizedError`.
    package func nonFiniteResult(at keys: [CodingPathKey]) -> KeyComparisonError {
        let quantity = CodingPathKey.path(keys) { list, index in
            switch list {
            case "degreesOfEquivalence" where degreesOfEquivalence.indices.contains(index):
                degreesOfEquivalence[index].laboratory.name
            case "pairwise" where pairwise?.indices.contains(index) == true:
                pairwise?[index].laboratories.map(\.name).joined(separator: "–")
            case "includedLaboratories" where includedLaboratories.indices.contains(index):
                includedLaboratories[index].name
            default: nil
            }
        }
        return .nonFiniteResult(method: method.rawValue, quantity: quantity)
    }
}

extension PairwiseDegreeOfEquivalence {
    /// Whether every number of the pair is finite: d_ij, u(d_ij), U(d_ij), E_n, the coverage
    /// interval and the uncertainties without dark uncertainty (a test keeps this list complete).
    public var isFinite: Bool {
        difference.isFinite && expandedUncertainty.isFinite && standardUncertainty?.isFinite != false
            && normalizedError?.isFinite != false && coverageInterval?.allSatisfy(\.isFinite) != false
            && standardUncertaintyWithoutDarkUncertainty?.isFinite != false
            && expandedUncertaintyWithoutDarkUncertainty?.isFinite != false
    }
}

extension PairwiseDegreeOfEquivalence: JSONObjectWritable {
    /// The members of the synthesized `encode(to:)`, written directly (two million pairs for
    /// 2000 laboratories).
    package func writeJSONMembers(to object: JSONObjectWriter) throws {
        object.strings("laboratories", laboratories.map(\.name))
        try object.number("difference", difference)
        try object.number("standardUncertainty", standardUncertainty)
        try object.number("expandedUncertainty", expandedUncertainty)
        try object.number("normalizedError", normalizedError)
        try object.numbers("coverageInterval", coverageInterval)
        try object.number("standardUncertaintyWithoutDarkUncertainty", standardUncertaintyWithoutDarkUncertainty)
        try object.number("expandedUncertaintyWithoutDarkUncertainty", expandedUncertaintyWithoutDarkUncertainty)
    }
}
