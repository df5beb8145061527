/// A kind of quantity that the dimension alone does not tell apart.
///
/// The SI gives some units of equal dimension distinct names so that the quantity is not
/// confused: the hertz is used only for periodic phenomena and the becquerel only for
/// stochastic processes in activity (both s⁻¹); the gray for absorbed dose and the sievert for
/// dose equivalent (both J/kg); the radian and steradian are dimensionless but mark plane and
/// solid angle (SI Brochure, 9th ed., 2019, §2.3.4 and Table 4 notes). Logarithmic ratio units
/// (neper, bel; Table 8) and information units (bit, byte; IEC 80000-13) are dimensionless too.
/// A ``MeasurementUnit`` carries these as hints; ``MeasurementUnit/quantityKindConflict(with:)``
/// reports when two units of equal dimension name different kinds (Hz vs Bq, Gy vs Sv).
public enum QuantityKind: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Periodic phenomena: the hertz.
    case frequency
    /// Activity referred to a radionuclide: the becquerel.
    case activity
    /// Absorbed dose, specific energy imparted, kerma: the gray.
    case absorbedDose
    /// Dose equivalent (ambient, directional, personal): the sievert.
    case doseEquivalent
    /// Plane angle: radian, degree, minute and second of arc.
    case planeAngle
    /// Solid angle: steradian (also inside lumen and lux).
    case solidAngle
    /// Logarithmic ratio with natural logarithms: neper.
    case napierianLevel
    /// Logarithmic ratio with decimal logarithms: bel, decibel.
    case decimalLevel
    /// Information content: bit, byte.
    case information

    /// Whether the kind is carried with a power (an angle can be squared: sr = rad²) rather than
    /// as a label that must simply be present on both sides.
    var isAngle: Bool { self == .planeAngle || self == .solidAngle }

    /// Whether values of this kind are logarithmic, so that no linear factor converts them to a
    /// unit of another kind.
    var isLogarithmic: Bool { self == .napierianLevel || self == .decimalLevel }

    /// The kind's name, e.g. `absorbedDose`.
    public var description: String { rawValue }
}
