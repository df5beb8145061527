/// One value of a D-SI quantity: the number, its unit as written, and its uncertainty.
///
/// Read from `si:real` or one entry of `si:realListXMLList` (D-SI XSD 2.2.0). The unit is kept
/// as written because the XSD does not restrict it (`unitType` is `xs:string`); parse it with
/// ``measurementUnit()``, which throws ``TraceabilityError/invalidUnit(expression:token:column:issue:)``
/// for `\°C`, `\kgf` or `\degreeCelsius`. The value's decimal spelling is kept too.
public struct SIValue: Sendable, Hashable {
    /// The value as a number.
    public var value: Double
    /// The value as written (`306.248`, `-0.004`).
    public var valueText: String
    /// The unit as written (`\kelvin`, `kBq`).
    public var unit: String
    /// The stated uncertainty, if any.
    public var uncertainty: SIUncertainty?
    /// `si:dateTime` (xs:dateTime as written), if any.
    public var dateTime: String?
    /// `si:label`, if any.
    public var label: String?

    /// Creates a value; `valueText` defaults to the shortest decimal spelling of `value`.
    public init(
        value: Double, valueText: String? = nil, unit: String, uncertainty: SIUncertainty? = nil,
        dateTime: String? = nil, label: String? = nil
    ) {
        self.value = value
        self.valueText = valueText ?? "\(value)"
        self.unit = unit
        self.uncertainty = uncertainty
        self.dateTime = dateTime
        self.label = label
    }

    /// The parsed unit.
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)``.
    public func measurementUnit() throws(TraceabilityError) -> MeasurementUnit { try MeasurementUnit(parsing: unit) }

    /// u of the value, if an uncertainty is stated.
    public var standardUncertainty: Double? { uncertainty?.standardUncertainty }

    /// The value and uncertainty expressed in another unit: values with the °C offset,
    /// uncertainties with the factor only (``UnitConversion``).
    ///
    ///     // 0.21 \mega\becquerel ± 0.52 (k = 2) → 210 kBq ± 520 (k = 2)
    ///
    /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)`` or
    ///   ``TraceabilityError/incommensurableUnits(from:to:fromDimension:toDimension:)``.
    public func converted(to target: MeasurementUnit) throws(TraceabilityError) -> SIValue {
        let conversion = try measurementUnit().conversion(to: target)
        return converted(with: conversion, unit: target.expression)
    }

    /// A difference (a measurement error, a DoE) in another unit: no °C offset.
    public func convertedDifference(to target: MeasurementUnit) throws(TraceabilityError) -> SIValue {
        let conversion = try measurementUnit().conversion(to: target)
        var result = converted(with: conversion, unit: target.expression)
        result.value = conversion.difference(value)
        result.valueText = "\(result.value)"
        return result
    }

    private func converted(with conversion: UnitConversion, unit: String) -> SIValue {
        var result = self
        result.value = conversion.value(value)
        result.valueText = "\(result.value)"
        result.unit = unit
        result.uncertainty = uncertainty.map { uncertainty in
            switch uncertainty {
            case .standard(let u, let distribution):
                .standard(conversion.uncertainty(u), distribution: distribution)
            case .expanded(let expanded, let k, let p, let distribution):
                .expanded(
                    conversion.uncertainty(expanded), coverageFactor: k, coverageProbability: p,
                    distribution: distribution)
            case .coverageInterval(let u, let lower, let upper, let p):
                .coverageInterval(
                    standardUncertainty: conversion.uncertainty(u), lower: conversion.value(lower),
                    upper: conversion.value(upper), coverageProbability: p)
            }
        }
        return result
    }
}
