internal import EquivalenceSupport
import Foundation

/// Everything that can be wrong with comparison data or with an evaluation request.
///
/// Every case names the laboratory, field, line or option at fault so that the message can be
/// acted on without a debugger.
public enum KeyComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A value, uncertainty or covariance entry of this laboratory is NaN or infinite.
    case nonFiniteValue(laboratory: LaboratoryID, field: String)
    /// The standard uncertainty is zero or negative.
    case nonPositiveUncertainty(laboratory: LaboratoryID, value: Double)
    /// A value or standard uncertainty whose magnitude is outside the range an evaluation can
    /// square and weight in double precision (``LaboratoryResult/magnitudeRange``): the comparison
    /// should be expressed in another unit.
    case magnitudeOutOfRange(laboratory: LaboratoryID, field: String, value: Double)
    /// A result has an empty (or blank) laboratory name; `index` counts results from 1.
    case emptyLaboratoryName(index: Int)
    /// Degrees of freedom must be positive (absent means infinite).
    case invalidDegreesOfFreedom(laboratory: LaboratoryID, value: Double)
    /// A reported coverage factor that is not one: below 1, or not finite (EquivalenceSupport's
    /// `CoverageBounds`, the same rule in every format). The file when known, the field as a JSON
    /// path (`results[2].coverageFactor`), the laboratory and the value.
    case invalidCoverageFactor(file: String? = nil, field: String, laboratory: LaboratoryID, value: Double)
    /// The result gives neither `standardUncertainty` nor `expandedUncertainty` with `coverageFactor`.
    case missingUncertainty(laboratory: LaboratoryID)
    /// The result gives both a standard and an expanded uncertainty.
    case conflictingUncertainty(laboratory: LaboratoryID)
    /// Two results carry the same laboratory name.
    case duplicateLaboratory(LaboratoryID)
    /// A correlation or option names a laboratory that has no result.
    case unknownLaboratory(LaboratoryID)
    /// A correlation coefficient outside [−1, 1], or between a laboratory and itself.
    case invalidCorrelation(first: LaboratoryID, second: LaboratoryID, coefficient: Double)
    /// The covariance matrix is not n × n for n results.
    case covarianceShape(expected: Int, rows: Int, columns: Int)
    /// The covariance diagonal disagrees with the laboratory's standard uncertainty squared.
    case covarianceDiagonalMismatch(laboratory: LaboratoryID, covariance: Double, uncertaintySquared: Double)
    /// The covariance matrix is not symmetric at the entry between these laboratories.
    case covarianceNotSymmetric(first: LaboratoryID, second: LaboratoryID)
    /// The covariance (or correlation) matrix is not positive definite; the first leading minor
    /// that fails ends at this laboratory.
    case covarianceNotPositiveDefinite(laboratory: LaboratoryID, leadingMinor: Int)
    /// Too few (included) results for the method.
    case insufficientParticipants(needed: Int, found: Int)
    /// A setting has a value the method cannot use (``EvaluationSetting`` names it; the command
    /// line maps it to its flag).
    case invalidSetting(EvaluationSetting, value: String, reason: String)
    /// A setting was given for a method that does not take it (it would otherwise be ignored).
    case inapplicableSetting(EvaluationSetting, method: EvaluationMethod)
    /// Two settings that exclude each other were both given.
    case conflictingSettings(EvaluationSetting, EvaluationSetting)
    /// An argument of one of the library's statistical functions is outside its domain: the
    /// parameter's name, the value and why.
    case invalidArgument(String, value: String, reason: String)
    /// The method name is not one Equivalence knows.
    case unknownMethod(String)
    /// A comparison file (or the text of one) is not in the format: the file when known, as the
    /// user named it, the location in it (JSON path or CSV line and column) and the reason.
    case malformedFile(file: String? = nil, location: String, reason: String)
    /// A file could not be read at all (missing, a directory, not readable): its path and why.
    case unreadableFile(path: String, reason: String)
    /// A numerical procedure failed to converge (iterative estimators, samplers).
    case didNotConverge(method: String, detail: String)
    /// A computed quantity overflowed to infinity (values or uncertainties too large to simulate).
    case nonFiniteResult(method: String, quantity: String)
    /// The results (or the within-laboratory spreads) have no spread at all, so a statistic that
    /// divides by a standard deviation or a median absolute deviation is undefined.
    case zeroDispersion(statistic: String)
    /// The method assumes independent results, and the comparison gives correlations.
    case correlationsNotSupported(method: String)
    /// The method cannot use a result with so few degrees of freedom (e.g. a t distribution
    /// rescaled to standard deviation u needs ν > 2; Monte Carlo draws need ν ≥ 1).
    case unsupportedDegreesOfFreedom(laboratory: LaboratoryID, value: Double, minimum: Double, method: String)
    /// A comparison model's unknown that no reading (or the reference-value definition) fixes: the
    /// design is rank deficient. `involving` lists the other unknowns that move with it.
    case unidentifiableUnknown(String, involving: [String])
    /// The covariance of a comparison model's readings is not positive definite; the readings of
    /// the first leading minor that fails, the last one first, with those it is correlated with.
    case readingCovarianceNotPositiveDefinite(readings: [String])
    /// A covariance term or option names a reading the model does not have.
    case unknownReading(String)
    /// Two readings of a comparison model carry the same name.
    case duplicateReading(String)
    /// A correlation coefficient between two readings outside [−1, 1], or of a reading with itself.
    case invalidReadingCorrelation(first: String, second: String, coefficient: Double)
    /// A comparison model that is well formed but not usable: the field (e.g. `referenceValue`,
    /// `drift[0]`) and why.
    case invalidModel(field: String, reason: String)

    public var description: String {
        switch self {
        case .nonFiniteValue(let lab, let field):
            "\(lab): \(field) is not a finite number"
        case .nonPositiveUncertainty(let lab, let value):
            "\(lab): the standard uncertainty must be positive, found \(value)"
        case .magnitudeOutOfRange(let lab, let field, let value):
            "\(lab): \(field) \(value) is outside the magnitudes \(LaboratoryResult.magnitudeRange.lowerBound) to "
                + "\(LaboratoryResult.magnitudeRange.upperBound) whose squares double precision holds: express the comparison in another unit"
        case .emptyLaboratoryName(let index):
            "result \(index) has an empty laboratory name"
        case .invalidDegreesOfFreedom(let lab, let value):
            "\(lab): degreesOfFreedom must be positive (omit it for infinity), found \(value)"
                + (value > 0 ? ", a subnormal number too small to compute with" : "")
        case .invalidCoverageFactor(let file, let field, let lab, let value):
            (file.map { "\($0): " } ?? "") + "\(field): \(lab): "
                + (CoverageBounds.coverageFactorProblem(value) ?? "not a coverage factor, found \(value)")
        case .missingUncertainty(let lab):
            "\(lab): give standardUncertainty, or expandedUncertainty with coverageFactor"
        case .conflictingUncertainty(let lab):
            "\(lab): give either standardUncertainty or expandedUncertainty with coverageFactor, not both"
        case .duplicateLaboratory(let lab):
            "laboratory \(lab) appears more than once"
        case .unknownLaboratory(let lab):
            "laboratory \(lab) has no result in the comparison"
        case .invalidCorrelation(let a, let b, let r):
            a == b
                ? "correlation of \(a) with itself is not allowed"
                : "correlation between \(a) and \(b) must lie in [-1, 1], found \(r)"
        case .covarianceShape(let n, let rows, let columns):
            "the covariance matrix must be \(n) × \(n) (one row per result), found \(rows) × \(columns)"
        case .covarianceDiagonalMismatch(let lab, let cov, let u2):
            "\(lab): covariance diagonal \(cov) differs from the squared standard uncertainty \(u2)"
        case .covarianceNotSymmetric(let a, let b):
            "the covariance matrix is not symmetric between \(a) and \(b)"
        case .covarianceNotPositiveDefinite(let lab, let minor):
            "the covariance matrix is not positive definite (leading minor \(minor), at \(lab)): check the correlations"
        case .insufficientParticipants(let needed, let found):
            "the method needs at least \(needed) included results, found \(found)"
        case .invalidSetting(let setting, let value, let reason):
            "\(setting.rawValue) = \(value): \(reason)"
        case .inapplicableSetting(let setting, let method):
            "\(setting.rawValue) does not apply to \(method.rawValue)"
                + (setting.applicableMethods.map { " (only to \(EvaluationMethod.describe($0)))" } ?? "")
        case .conflictingSettings(let first, let second):
            "\(first.rawValue) and \(second.rawValue) exclude each other: give one"
        case .invalidArgument(let name, let value, let reason):
            "\(name) = \(value): \(reason)"
        case .unknownMethod(let name):
            "unknown method '\(name)'; known: \(EvaluationMethod.allCases.map(\.rawValue).joined(separator: ", "))"
        case .malformedFile(let file, let location, let reason):
            (file.map { "\($0): " } ?? "") + "\(location): \(reason)"
        case .unreadableFile(let path, let reason):
            "\(path): cannot be read (\(reason))"
        case .didNotConverge(let method, let detail):
            "\(method) did not converge: \(detail)"
        case .nonFiniteResult(let method, let quantity):
            "\(method): \(quantity) is not a finite number (values or uncertainties too large or too small for double precision)"
        case .zeroDispersion(let statistic):
            "\(statistic) is undefined: the values have no spread (too many are equal)"
        case .correlationsNotSupported(let method):
            "\(method) assumes independent results, but the comparison gives correlations: use weighted-mean (generalized least squares) or remove the correlations"
        case .unsupportedDegreesOfFreedom(let lab, let value, let minimum, let method):
            "\(lab): \(method) needs degreesOfFreedom ≥ \(minimum), found \(value)"
        case .unidentifiableUnknown(let unknown, let others):
            "the \(unknown) is not determined by the readings and the reference-value definition"
                + (others.isEmpty ? "" : " (it moves together with the \(others.joined(separator: ", ")))")
                + ": add a reading that connects it, or a linking laboratory"
        case .readingCovarianceNotPositiveDefinite(let readings):
            "the covariance of the readings is not positive definite at reading \(readings.first ?? "")"
                + (readings.count > 1 ? " (correlated with \(readings.dropFirst().joined(separator: ", ")))" : "")
                + ": check their correlations"
        case .unknownReading(let name):
            "no reading is named \(name)"
        case .duplicateReading(let name):
            "reading \(name) appears more than once"
        case .invalidReadingCorrelation(let a, let b, let r):
            a == b
                ? "correlation of reading \(a) with itself is not allowed"
                : "correlation between readings \(a) and \(b) must lie in [-1, 1], found \(r)"
        case .invalidModel(let field, let reason):
            "\(field): \(reason)"
        }
    }
}

extension KeyComparisonError: FileNamingError {
    /// The file the error names, as the user gave it (read errors only).
    package var file: String? {
        switch self {
        case .malformedFile(let file, _, _), .invalidCoverageFactor(let file, _, _, _): file
        case .unreadableFile(let path, _): path
        default: nil
        }
    }
}

extension KeyComparisonError {
    /// Decodes a JSON document of this module's formats, turning a `DecodingError` into
    /// ``malformedFile(file:location:reason:)`` with the JSON path of the field at fault (through
    /// EquivalenceSupport's `DecodingProblem`) and passing the validation errors through: the one
    /// path from JSON data to a comparison or a comparison model.
    static func decoding<Value: Decodable>(_ type: Value.Type, from data: Data) throws(KeyComparisonError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as KeyComparisonError {
            throw error
        } catch let error as DecodingError {
            let problem = DecodingProblem(error, in: data)
            throw .malformedFile(location: problem.path, reason: problem.reason)
        } catch {
            throw .malformedFile(location: "(document)", reason: "\(error)")
        }
    }

    /// Reads a file and parses its content, naming the file (as the user gave it) in the errors
    /// that come from its content: the one path from a URL to a value for this module's readers.
    static func reading<Value>(_ url: URL, _ parse: (Data) throws(KeyComparisonError) -> Value)
        throws(KeyComparisonError) -> Value
    {
        let data: Data
        do {
            data = try InputFile.contents(of: url)
        } catch {
            throw .unreadableFile(path: error.path, reason: error.reason)
        }
        do {
            return try parse(data)
        } catch {
            let file = InputFile.displayPath(url)
            switch error {
            case .malformedFile(nil, let location, let reason):
                throw .malformedFile(file: file, location: location, reason: reason)
            case .invalidCoverageFactor(nil, let field, let laboratory, let value):
                throw .invalidCoverageFactor(file: file, field: field, laboratory: laboratory, value: value)
            default:
                throw error
            }
        }
    }
}
