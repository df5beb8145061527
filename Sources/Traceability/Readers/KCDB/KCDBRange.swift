/// A KCDB range: `{ "lowerLimit": …, "unit": …, "upperLimit": … }` (the `cmc`,
/// `cmcUncertainty`, `cmcBaseUnit` and `cmcUncertaintyBaseUnit` objects of a CMC record;
/// field names from MSLNZ/msl-kcdb `types.py`, KCDB 2.0 API).
///
/// Limits are null when the range lives only in free text (`parameters`, comments); the unit is
/// free text too ("A/lx, V/lx, reading/lx", "%", "Bq"), parsed on demand by ``measurementUnit()``.
public struct KCDBRange: Sendable, Hashable, Codable {
    /// The lower limit in ``unit``; nil when not given.
    public var lowerLimit: Double?
    /// The unit as free text (`Bq`, `%`, `A/lx, V/lx, reading/lx`).
    public var unit: String?
    /// The upper limit in ``unit``; nil when not given.
    public var upperLimit: Double?

    /// Creates a range from its fields.
    public init(lowerLimit: Double? = nil, unit: String? = nil, upperLimit: Double? = nil) {
        self.lowerLimit = lowerLimit
        self.unit = unit
        self.upperLimit = upperLimit
    }

    /// Whether both limits are given.
    public var isSpecified: Bool { lowerLimit != nil && upperLimit != nil }

    /// [lower, upper] when both limits are given and ordered.
    public var closedRange: ClosedRange<Double>? {
        guard let lowerLimit, let upperLimit, lowerLimit <= upperLimit else { return nil }
        return lowerLimit...upperLimit
    }

    /// The unit read as SI Reference Point or D-SI (`%` → percent; `Bq` → becquerel).
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` for free text
    ///   such as "A/lx, V/lx, reading/lx", or ``TraceabilityError/missingElement(location:element:)``
    ///   when there is no unit.
    public func measurementUnit() throws(TraceabilityError) -> MeasurementUnit {
        guard let unit, !unit.isEmpty else { throw .missingElement(location: "KCDB range", element: "unit") }
        return try MeasurementUnit(parsing: unit)
    }
}
