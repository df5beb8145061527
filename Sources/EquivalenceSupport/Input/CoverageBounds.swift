/// The bounds every reader of the package puts on a stated coverage factor and coverage
/// probability, so that a comparison file, a comparison model, a measurement model, a
/// traceability graph and the DCC, KCDB and BIPM readers refuse the same values with the same
/// sentence (each module wraps it in its own error, naming the file and the field).
///
/// A coverage factor k turns a standard uncertainty into an expanded one, U = k·u (GUM 6.2.1),
/// chosen for a coverage probability p = P(|Y − y| ≤ U) in (0, 1) (GUM 6.2.2, 6.3.3): k < 1 would
/// make U smaller than u, which no coverage interval of any p ≥ 0.6827 for a normal output does,
/// and D-SI's `kValueType` has `minInclusive 1`. A probability of 0 or 1 has no finite interval.
///
///     CoverageBounds.coverageFactorProblem(0.5)          // "must be at least 1 …, found 0.5"
///     CoverageBounds.coverageProbabilityProblem(95)      // "… (give 0.95 for 95 %)"
package enum CoverageBounds {
    /// Why `k` is not a coverage factor, nil when it is one: finite and at least 1.
    package static func coverageFactorProblem(_ k: Double) -> String? {
        guard !(k.isFinite && k >= 1) else { return nil }
        return "a coverage factor must be a finite number of at least 1 (U = k·u, GUM 6.2.1), found \(k)"
    }

    /// Why `p` is not a coverage probability, nil when it is one: strictly between 0 and 1.
    package static func coverageProbabilityProblem(_ p: Double) -> String? {
        guard !(p > 0 && p < 1) else { return nil }
        let hint = p > 1 && p < 100 ? " (give \(p / 100) for \(p) %)" : ""
        return "a coverage probability must lie strictly between 0 and 1, found \(p)\(hint)"
    }

    /// Why a level of confidence in percent (the KCDB's `confidenceLevel`, 95) is not one, nil
    /// when it lies strictly between 0 and 100.
    package static func confidenceLevelProblem(percent: Double) -> String? {
        guard !(percent > 0 && percent < 100) else { return nil }
        return "a level of confidence must lie strictly between 0 % and 100 %, found \(percent)"
    }
}
