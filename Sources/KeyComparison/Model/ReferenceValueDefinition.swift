/// What defines the reference value of a comparison model, and so fixes the level that the
/// readings alone leave free (adding c to every artefact value and −c to every bias changes no
/// prediction: the design has a rank deficiency of one per group of points).
///
/// - ``weightedMean(laboratories:comparison:)``: the constraint Σ a_l b_l = 0 over the
///   laboratories named (all by default) in the comparison named (all by default), with
///   a_l ∝ 1ᵀ_l V_S⁻¹ 1, the weight the laboratory's readings carry in the generalized
///   least-squares mean of the subset's readings. With one reading per laboratory and point this
///   is Cox 2002 Procedure A, and GLS with correlations (Cox 2002 §4; White 2004 eq. 9).
/// - ``pilot(_:)``: b_pilot = 0, the pilot's value is the reference (White 2004 §3.2).
/// - ``linkingInvariant(comparison:)``: no constraint; the level is fixed by readings of kind
///   ``ComparisonReading/Kind-swift.enum/degreeOfEquivalence``, the linking laboratories'
///   degrees of equivalence in the named (CIPM) comparison, so its KCRV is unchanged by the RMO
///   data (Delahaye & Witt 2002; Elster, Link & Wöger, Metrologia 40 (2003) 189; Cox & Shirono,
///   Metrologia 60 (2023) 055014).
public enum ReferenceValueDefinition: Sendable, Hashable {
    case weightedMean(laboratories: [LaboratoryID]? = nil, comparison: String? = nil)
    case pilot(LaboratoryID)
    case linkingInvariant(comparison: String)
}

/// Whether a laboratory's bias is one number for every point of the measurand or one per point
/// (Sutton 2004 §2; Cox & Harris, Metrologia 49 (2012) 437).
public enum LaboratoryBiasModel: String, Sendable, Hashable, Codable {
    /// b(laboratory): one bias, common to all points (the pilot's comparison of one quantity over
    /// a range, where a laboratory's error is a constant offset).
    case common
    /// b(laboratory, point): one bias per point, so one set of degrees of equivalence per point.
    case perPoint
}

/// The drift model of one travelling standard (Zhang, Metrologia 49 (2012) 390; Sutton 2004 §2).
public struct DriftModel: Sendable, Hashable, Codable {
    /// How the artefact's value changes with time.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// μ + β·(t − t₀) over the whole circulation.
        case linear
        /// μ_loop + β_loop·(t − t₀) in each loop: every loop has its own value and rate, connected
        /// through the laboratories (the pilot) that measure in several loops.
        case linearPerLoop
    }

    /// The comparison of the artefact (nil in a single comparison).
    public var comparison: String?
    /// The artefact (nil when the comparison has one).
    public var artefact: String?
    /// Linear, or linear per loop.
    public var kind: Kind
    /// t₀, the time at which the artefact value is the reference value (default 0).
    public var referenceTime: Double

    public init(comparison: String? = nil, artefact: String? = nil, kind: Kind = .linear, referenceTime: Double = 0) {
        self.comparison = comparison
        self.artefact = artefact
        self.kind = kind
        self.referenceTime = referenceTime
    }
}
