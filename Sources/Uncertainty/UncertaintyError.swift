internal import EquivalenceSupport
import LinearAlgebra

/// What can be wrong with a measurement model, its inputs, or a propagation request.
///
/// Every case names the quantity (or expression position) at fault. Positions in expressions are
/// 1-based character columns of the measurand's expression.
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

    // Inputs and correlations (first-order propagation).

    /// A list or matrix given for `quantity` has the wrong length or order.
    case dimensionMismatch(quantity: String, expected: Int, found: Int)
    /// Two correlated inputs with finite degrees of freedom do not form an ensemble (one
    /// ν shared by inputs estimated together), so no Welch–Satterthwaite ν_eff exists
    /// (Willink, Metrologia 44 (2007) 340).
    case correlatedInputsNotAnEnsemble(first: String, second: String)
    /// A linear-algebra step (eigenvalues, least squares) failed on the data.
    case linearAlgebra(LinearAlgebraError)
    /// Too few observations or points for `quantity` (e.g. a mean of one observation, a straight
    /// line through two points with ν = n − 2 = 0).
    case insufficientData(quantity: String, needed: Int, found: Int)
    /// The degrees of freedom of `quantity` are too few for the requested statistic (e.g. an
    /// elliptical coverage region needs ν > 1).
    case insufficientDegreesOfFreedom(quantity: String, needed: Double, found: Double)

    // Measurement models (expressions).

    /// The expression of `measurand` cannot be parsed: at `position` the token `token` was
    /// found where `expected` was.
    case syntaxError(measurand: String, position: Int, token: String, expected: String)
    /// The expression of `measurand` uses a name that is neither a quantity, a constant nor an
    /// earlier measurand.
    case unknownName(String, measurand: String, position: Int)
    /// The expression of `measurand` calls a function that the language does not have.
    case unknownFunction(String, measurand: String, position: Int)
    /// A function is called with the wrong number of arguments.
    case wrongArgumentCount(function: String, expected: Int, found: Int, measurand: String, position: Int)
    /// The expression nests parentheses or function calls deeper than the parser allows.
    case expressionTooDeep(measurand: String, position: Int, limit: Int)
    /// At the estimates, the expression of `measurand` divides by zero at `position`.
    case divisionByZero(measurand: String, position: Int)
    /// At the estimates, a function of the expression of `measurand` gets an argument outside
    /// its domain (log of a number ≤ 0, √ of a negative number, asin of |x| > 1, a negative
    /// base to a non-integer power).
    case outsideDomain(measurand: String, function: String, argument: Double, position: Int)
    /// At the estimates, a function of the expression has no finite derivative (√x at 0, asin at
    /// ±1), so first-order propagation does not apply.
    case notDifferentiable(measurand: String, function: String, argument: Double, position: Int)
    /// The value or a sensitivity of `measurand` at the estimates is not a finite number
    /// (overflow).
    case nonFiniteResult(measurand: String)

    // Model files.

    /// A name is defined twice (as quantity, constant or measurand).
    case duplicateName(String)
    /// A name is one of the language's functions or built-in constants.
    case reservedName(String)
    /// A name does not match [A-Za-z_][A-Za-z0-9_]*.
    case invalidName(String)
    /// A correlation names a quantity that the model does not define.
    case unknownQuantity(String, context: String)
    /// The same pair of quantities is given two correlation coefficients.
    case duplicateCorrelation(first: String, second: String)
    /// A quantity lacks what a first-order evaluation needs, or gives it twice.
    case incompleteQuantity(quantity: String, reason: String)
    /// The model file is not valid JSON of the model format: the file when known, as the user
    /// named it, where in it (a JSON path) and why.
    case malformedModel(file: String? = nil, field: String, reason: String)
    /// The model defines no measurand.
    case noMeasurands
    /// The model file cannot be read.
    case unreadableFile(path: String, reason: String)
    // Correlations (both methods), Monte Carlo propagation (JCGM 101, JCGM 102).

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
    /// More Monte Carlo trials than can be kept in memory: trials × quantities simulated values
    /// beyond ``MonteCarloMethod/maximumStoredValues``.
    case tooManyTrials(requested: Int, quantities: Int, limit: Int)
    /// No finite coverage factor exists for this measurand: the coverage probability is too close
    /// to 1, or the effective degrees of freedom too few, for t_{(1+p)/2}(ν_eff) to be a finite
    /// double-precision number.
    case nonFiniteCoverageFactor(measurand: String, coverageProbability: Double, effectiveDegreesOfFreedom: Double)
    /// The average, standard deviation or a covariance of the (finite) Monte Carlo values of this
    /// measurand overflows double precision.
    case nonFiniteMonteCarloResult(measurand: String)
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
                + (value > 0 ? ", a subnormal number too small to compute with" : "")
        case .infiniteVariance(let quantity):
            "\(quantity): the distribution has no finite variance, so it has no standard uncertainty"
        case .dimensionMismatch(let quantity, let expected, let found):
            "\(quantity): expected \(expected) entries, found \(found)"
        case .correlatedInputsNotAnEnsemble(let first, let second):
            "\(first) and \(second) are correlated but do not share their degrees of freedom: correlated quantities with finite degrees of freedom must form an ensemble with one value of degreesOfFreedom (Willink 2007)"
        case .linearAlgebra(let error):
            error.description
        case .insufficientData(let quantity, let needed, let found):
            "\(quantity): at least \(needed) observations are needed, found \(found)"
        case .insufficientDegreesOfFreedom(let quantity, let needed, let found):
            "\(quantity): more than \(needed) degrees of freedom are needed, found \(found)"
        case .syntaxError(let measurand, let position, let token, let expected):
            "\(measurand): syntax error at column \(position): expected \(expected), found \(token)"
        case .unknownName(let name, let measurand, let position):
            "\(measurand): unknown name '\(name)' at column \(position) (not a quantity, constant or earlier measurand)"
        case .unknownFunction(let name, let measurand, let position):
            "\(measurand): unknown function '\(name)' at column \(position)"
        case .wrongArgumentCount(let function, let expected, let found, let measurand, let position):
            "\(measurand): \(function) at column \(position) takes \(expected) argument\(expected == 1 ? "" : "s"), found \(found)"
        case .expressionTooDeep(let measurand, let position, let limit):
            "\(measurand): the expression nests deeper than \(limit) levels at column \(position)"
        case .divisionByZero(let measurand, let position):
            "\(measurand): division by zero at the estimates (column \(position))"
        case .outsideDomain(let measurand, let function, let argument, let position):
            "\(measurand): \(function) at column \(position) is undefined for the argument \(argument) at the estimates"
        case .notDifferentiable(let measurand, let function, let argument, let position):
            "\(measurand): \(function) at column \(position) has no finite derivative at \(argument), so first-order propagation does not apply"
        case .nonFiniteResult(let measurand):
            "\(measurand): the value or a sensitivity coefficient at the estimates is not a finite number"
        case .duplicateName(let name):
            "'\(name)' is defined more than once"
        case .reservedName(let name):
            "'\(name)' is the name of a function or built-in constant and cannot name a quantity"
        case .invalidName(let name):
            "'\(name)' is not a valid name (letters, digits and _, not starting with a digit)"
        case .unknownQuantity(let name, let context):
            "\(context): unknown quantity '\(name)'"
        case .duplicateCorrelation(let first, let second):
            "the correlation of \(first) and \(second) is given more than once"
        case .incompleteQuantity(let quantity, let reason):
            "\(quantity): \(reason)"
        case .malformedModel(let file, let field, let reason):
            (file.map { "\($0): " } ?? "") + "\(field): \(reason)"
        case .noMeasurands:
            "the model defines no measurand"
        case .unreadableFile(let path, let reason):
            "\(path): cannot be read (\(reason))"
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
        case .tooManyTrials(let requested, let quantities, let limit):
            "\(requested) Monte Carlo trials of \(quantities) measurand\(quantities == 1 ? "" : "s") exceed the \(limit) "
                + "simulated values kept in memory: ask for fewer trials"
        case .nonFiniteCoverageFactor(let measurand, let p, let nu):
            "\(measurand): no finite coverage factor for p = \(p) with \(nu) effective degrees of freedom "
                + "(p too close to 1, or too few degrees of freedom)"
        case .nonFiniteMonteCarloResult(let measurand):
            "\(measurand): the average or the standard deviation of the Monte Carlo values overflows double precision"
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

extension UncertaintyError: FileNamingError {
    /// The file the error names, as the user gave it (read errors only).
    package var file: String? {
        switch self {
        case .malformedModel(let file, _, _): file
        case .unreadableFile(let path, _): path
        default: nil
        }
    }
}
