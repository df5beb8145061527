/// Two units of equal dimension that name different kinds of quantity (Hz vs Bq, Gy vs Sv, rad/s vs Hz).
///
/// Returned by ``MeasurementUnit/quantityKindConflict(with:)``; the checker reports it as the
/// warning `QUANTITY_KIND_MISMATCH` (SI Brochure, 9th ed., §2.3.4: a unit with a special name
/// indicates the kind of quantity, e.g. the hertz only for periodic phenomena and the becquerel
/// only for activity).
public struct QuantityKindConflict: Hashable, Sendable, CustomStringConvertible {
    /// The first unit's kinds with their powers.
    public var first: [QuantityKind: UnitExponent]
    /// The second unit's kinds with their powers.
    public var second: [QuantityKind: UnitExponent]

    /// Creates a conflict from the two units' kinds.
    public init(first: [QuantityKind: UnitExponent], second: [QuantityKind: UnitExponent]) {
        self.first = first
        self.second = second
    }

    /// The two sets of kinds, e.g. `frequency vs activity`, `(no kind)` for a unit that names none.
    public var description: String { "\(Self.spell(first)) vs \(Self.spell(second))" }

    static func spell(_ kinds: [QuantityKind: UnitExponent]) -> String {
        if kinds.isEmpty { return "(no kind)" }
        return kinds.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { $0.value == .one ? $0.key.rawValue : "\($0.key.rawValue)^\($0.value)" }
            .joined(separator: "·")
    }
}
