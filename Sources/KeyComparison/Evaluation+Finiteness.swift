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
    /// fields that estimators add later are checked too: 0.4 ms for 21 results and their 210 pairs,
    /// 0.2 ms for 10 results (REML itself takes 0.04 ms there), which is why the estimators leave it
    /// to the code that prints or exports their results.
    ///
    ///     try WeightedMean().evaluate(comparison).checkedFinite()   // the evaluation, unchanged
    ///
    /// - Throws: ``KeyComparisonError/nonFiniteResult(method:quantity:)`` naming the first
    ///   offending quantity, e.g. `degreesOfEquivalence[PTB].normalizedError`.
    /// - Complexity: O(n²) with the pairwise degrees of equivalence of n results.
    public func checkedFinite() throws(KeyComparisonError) -> Evaluation {
        guard let found = JSONWriter.firstNonFiniteNumber(in: self) else { return self }
        throw nonFiniteResult(at: found.keys)
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
