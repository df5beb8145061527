/// A closed interval of values [lower, upper] in a stated unit; either limit may be open-ended.
///
/// Used for the range of a CMC (KCDB `cmc{lowerLimit, upperLimit}`) and for the validity range of a
/// calibration (DCC `statement[@refType='basic_validityRange']`). A range with neither limit is
/// "unspecified": KCDB records sometimes keep the range only in free text (rule T05b then gives
/// the warning `CMC_RANGE_UNSPECIFIED`).
///
///     MeasurementRange(lower: 306, upper: 593).contains(300)   // false
public struct MeasurementRange: Sendable, Hashable, Codable {
    /// The lower limit, in the range's unit; nil when open below.
    public var lower: Double?
    /// The upper limit, in the range's unit; nil when open above.
    public var upper: Double?

    /// Creates [lower, upper]; either limit may be nil (open-ended).
    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    /// True when neither limit is given.
    public var isUnspecified: Bool { lower == nil && upper == nil }

    /// lower ≤ x ≤ upper, each limit tested only when given, with a relative slack of 1e-12 so
    /// that a value equal to a limit after a unit conversion is inside.
    public func contains(_ x: Double) -> Bool {
        if let lower, x < lower - 1e-12 * Swift.max(abs(lower), abs(x)) { return false }
        if let upper, x > upper + 1e-12 * Swift.max(abs(upper), abs(x)) { return false }
        return true
    }

    /// Checks that the limits are finite and ordered.
    func validate(node: String, field: String) throws(TraceabilityError) {
        for (name, limit) in [("lower", lower), ("upper", upper)] {
            if let limit, !limit.isFinite {
                throw .invalidField(node: node, field: "\(field).\(name)", reason: "must be a finite number")
            }
        }
        if let lower, let upper, lower > upper {
            throw .invalidField(node: node, field: field, reason: "lower limit \(lower) exceeds upper limit \(upper)")
        }
    }
}
