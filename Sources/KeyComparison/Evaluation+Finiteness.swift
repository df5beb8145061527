extension Evaluation {
    /// Returns the evaluation when every number in it is finite, and throws otherwise.
    ///
    /// Inputs are validated (finite values, uncertainties within ``LaboratoryResult/magnitudeRange``),
    /// but values and uncertainties far apart in magnitude can still overflow a sum of squares or a
    /// ratio (χ², E_n with a tiny coverage factor). Reports must never print NaN or an infinity,
    /// so every estimator of the package ends with this check, and the command line applies it to
    /// any estimator's result.
    ///
    ///     try WeightedMean().evaluate(comparison).checkedFinite()   // the evaluation, unchanged
    ///
    /// - Throws: ``KeyComparisonError/nonFiniteResult(method:quantity:)`` naming the first
    ///   offending quantity, e.g. `degreesOfEquivalence[PTB].normalizedError`.
    /// - Complexity: O(n²) with the pairwise degrees of equivalence of n results.
    public func checkedFinite() throws(KeyComparisonError) -> Evaluation {
        guard let path = NonFiniteNumberSearch.firstPath(in: self) else { return self }
        let quantity = NonFiniteNumberSearch.describe(path) { list, index in
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
        throw .nonFiniteResult(method: method, quantity: quantity)
    }
}
