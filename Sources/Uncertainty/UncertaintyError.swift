/// What can be wrong with a measurement model, its inputs, or a propagation request.
///
/// Every case names the quantity (or expression position) at fault.
public enum UncertaintyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A distribution parameter is out of its domain (e.g. lower ≥ upper for a rectangular
    /// distribution, a non-positive scale): the quantity, the parameter and why.
    case invalidDistribution(quantity: String, parameter: String, reason: String)
    /// A standard uncertainty is negative, NaN or infinite.
    case invalidUncertainty(quantity: String, value: Double)
    /// A value (estimate) is NaN or infinite.
    case nonFiniteValue(quantity: String)
    /// Degrees of freedom must be positive (absent means infinite).
    case invalidDegreesOfFreedom(quantity: String, value: Double)
    /// The distribution has no finite variance (e.g. Student t with ν ≤ 2), so a first-order
    /// (GUM) evaluation cannot use it.
    case infiniteVariance(quantity: String)

    // Monte Carlo propagation (JCGM 101, JCGM 102).

    /// A correlation coefficient between two quantities is not a finite number in [−1, 1], differs
    /// from its transposed entry, or a diagonal entry is not 1.
    case invalidCorrelation(quantities: [String], coefficient: Double)
    /// The correlation matrix is not positive semi-definite: its smallest eigenvalue is negative,
    /// and these quantities carry the corresponding eigenvector.
    case correlationNotPositiveSemidefinite(quantities: [String], smallestEigenvalue: Double)
    /// The correlation matrix does not have one row per input quantity.
    case correlationOrderMismatch(expected: Int, found: Int)
    /// The model takes a different number of inputs than the quantities given.
    case inputCountMismatch(expected: Int, found: Int)
    /// The number of measurand names differs from the number of model outputs.
    case measurandCountMismatch(expected: Int, found: Int)
    /// The coverage probability must lie strictly between 0 and 1.
    case invalidCoverageProbability(Double)
    /// Too few Monte Carlo trials (after discarding undefined ones) for a coverage interval of the
    /// requested probability: JCGM 101 7.2 needs M ≥ 1/(1 − p), and far more for stable results.
    case tooFewTrials(needed: Int, found: Int)
    /// The model is undefined (NaN or infinite) for every trial of this measurand.
    case undefinedForAllTrials(measurand: String, trials: Int)
    /// The number of significant decimal digits of the adaptive procedure (JCGM 101 7.9.2) must
    /// be a small positive integer.
    case invalidSignificantDigits(Int)
    /// The adaptive procedure (JCGM 101 7.9) reached its limit on the number of trials before the
    /// results for this measurand stabilised to the numerical tolerance.
    case adaptiveProcedureDidNotStabilize(measurand: String, trials: Int)
    /// The covariance matrix of these measurands is not positive definite (they are linearly
    /// dependent), so no hyper-ellipsoidal coverage region of full dimension exists.
    case singularOutputCovariance(measurands: [String])

    public var description: String {
        switch self {
        case .invalidDistribution(let quantity, let parameter, let reason):
            "\(quantity): distribution parameter '\(parameter)' \(reason)"
        case .invalidUncertainty(let quantity, let value):
            "\(quantity): the standard uncertainty must be a non-negative finite number, found \(value)"
        case .nonFiniteValue(let quantity):
            "\(quantity): the value is not a finite number"
        case .invalidDegreesOfFreedom(let quantity, let value):
            "\(quantity): degreesOfFreedom must be positive (omit it for infinity), found \(value)"
        case .infiniteVariance(let quantity):
            "\(quantity): the distribution has no finite variance, so it has no standard uncertainty"
        case .invalidCorrelation(let quantities, let coefficient):
            "correlation between \(quantities.joined(separator: " and ")): \(coefficient) is not a valid "
                + "correlation coefficient (a finite number in [−1, 1], symmetric, with 1 on the diagonal)"
        case .correlationNotPositiveSemidefinite(let quantities, let eigenvalue):
            "the correlations among \(quantities.joined(separator: ", ")) are inconsistent: the correlation "
                + "matrix is not positive semi-definite (smallest eigenvalue \(eigenvalue))"
        case .correlationOrderMismatch(let expected, let found):
            "the correlation matrix has order \(found), but there are \(expected) input quantities"
        case .inputCountMismatch(let expected, let found):
            "the model takes \(expected) input quantities, but \(found) were given"
        case .measurandCountMismatch(let expected, let found):
            "the model has \(expected) outputs, but \(found) measurand names were given"
        case .invalidCoverageProbability(let p):
            "the coverage probability must lie strictly between 0 and 1, found \(p)"
        case .tooFewTrials(let needed, let found):
            "\(found) Monte Carlo trials are too few for this coverage probability: at least \(needed) are needed"
        case .undefinedForAllTrials(let measurand, let trials):
            "\(measurand): the model is undefined (NaN or infinite) in all \(trials) Monte Carlo trials"
        case .invalidSignificantDigits(let digits):
            "the number of significant digits must be between 1 and 6, found \(digits)"
        case .adaptiveProcedureDidNotStabilize(let measurand, let trials):
            "\(measurand): the adaptive Monte Carlo procedure did not reach the numerical tolerance "
                + "within \(trials) trials; ask for fewer significant digits or allow more trials"
        case .singularOutputCovariance(let measurands):
            "the covariance matrix of \(measurands.joined(separator: ", ")) is not positive definite: "
                + "the measurands are linearly dependent and have no hyper-ellipsoidal coverage region"
        }
    }
}
