/// The values of one D-SI quantity, possibly in several equivalent representations.
///
/// `si:real` gives one value; `si:realListXMLList`, `si:list` and `si:realList` give a list;
/// `si:hybrid` gives the same values in several units (e.g. K and °C, `\one` and `\percent`),
/// one representation each (D-SI XSD 2.2.0; D-SI guide v1.3 §5).
///
///     quantity.values.map(\.value)                  // [306.248, 373.121, …] (K)
///     quantity.representations[1].first?.unit       // "\degreecelsius"
public struct SIQuantity: Sendable, Hashable {
    /// One list of values per representation; a non-hybrid quantity has exactly one.
    public var representations: [[SIValue]]

    /// A quantity with several representations of the same values (an `si:hybrid`).
    public init(representations: [[SIValue]]) { self.representations = representations }

    /// A quantity with one representation.
    public init(_ values: [SIValue]) { self.representations = [values] }

    /// The values of the first representation.
    public var values: [SIValue] { representations.first ?? [] }

    /// The first representation whose unit is `unit` (compared as units, not spellings), e.g. the
    /// kelvin column of a K/°C hybrid.
    public func values(in unit: MeasurementUnit) -> [SIValue]? {
        representations.first { list in list.allSatisfy { (try? $0.measurementUnit()) == unit } }
    }
}
