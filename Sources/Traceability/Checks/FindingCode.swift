/// The stable identifier of what a traceability check found, with its severity and the rule's source.
///
/// Codes are upper snake case and never change meaning; the rule numbers T01–T12 are those of the
/// project's traceability reference note (§4.2). The Traceability article "Finding codes" lists
/// them all with what each measures.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    // T01 — references
    /// A reference standard is named without a certificate.
    case missingReferenceCertificate = "MISSING_REFERENCE_CERTIFICATE"
    /// A reference names a certificate (or a point of it) or an anchor that is not in the graph.
    case unresolvedReference = "UNRESOLVED_REFERENCE"
    // T02 — end of the chain
    /// A calibration point has no reference at all: the chain stops without an anchor.
    case chainBroken = "CHAIN_BROKEN"
    /// A chain ends at a reference that is not a realization of the SI (ILAC P10 non-SI routes).
    case nonSIAnchor = "NON_SI_ANCHOR"
    // T03 — cycles
    /// Calibrations that trace, through their references, back to themselves.
    case circularTraceability = "CIRCULAR_TRACEABILITY"
    /// Organizations that calibrate each other's standards for a quantity, none of them holding a realization.
    case mutualTraceability = "MUTUAL_TRACEABILITY"
    // T04, T05a — time
    /// A reference calibrated after the calibration that used it.
    case referenceFromFuture = "REFERENCE_FROM_FUTURE"
    /// A reference used after its certificate (or anchor) expired.
    case referenceExpired = "REFERENCE_EXPIRED"
    /// A reference certificate states neither a validity date nor a recalibration interval.
    case noRecalibrationInterval = "NO_RECALIBRATION_INTERVAL"
    /// With `--at DATE`: a result that is not yet performed, or expired, at that date.
    case notValidAtDate = "NOT_VALID_AT_DATE"
    // T05b — CMC coverage
    /// A calibration under the CIPM MRA or an accreditation with no CMC of its issuer for the quantity.
    case noMatchingCMC = "NO_MATCHING_CMC"
    /// A calibrated value outside the range of the CMC.
    case outsideCMCRange = "OUTSIDE_CMC_RANGE"
    /// A reported standard uncertainty smaller than the CMC's at that value.
    case uncertaintyBelowCMC = "UNCERTAINTY_BELOW_CMC"
    /// The CMC was not published (not yet, greyed out, archived, deleted) at the calibration date.
    case cmcNotPublishedAtDate = "CMC_NOT_PUBLISHED_AT_DATE"
    /// The CMC has no range limits, so coverage cannot be checked.
    case cmcRangeUnspecified = "CMC_RANGE_UNSPECIFIED"
    // T06 — route
    /// The issuer is neither an NMI/DI with an accepted quality system nor a laboratory accredited
    /// by a signatory body for the service.
    case routeNotRecognised = "ROUTE_NOT_RECOGNISED"
    // T07 — uncertainty along the chain
    /// A point's uncertainty is smaller than what it inherits from its references.
    case uncertaintyDecreases = "UNCERTAINTY_DECREASES"
    /// A point's uncertainty equals what it inherits: the calibration added nothing.
    case noAddedUncertainty = "NO_ADDED_UNCERTAINTY"
    // T08 — units
    /// A reference's dimension (times its sensitivity's) differs from the calibration's.
    case unitMismatch = "UNIT_MISMATCH"
    /// Same dimension, different kind of quantity (Hz vs Bq, Gy vs Sv).
    case quantityKindMismatch = "QUANTITY_KIND_MISMATCH"
    /// A unit that is neither valid D-SI nor SI Reference Point.
    case invalidUnit = "INVALID_UNIT"
    // T09 — validity range
    /// A reference used at a value outside its calibrated (validity) range.
    case outOfCalibratedRange = "OUT_OF_CALIBRATED_RANGE"
    // T10 — integrity
    /// The digest a certificate states for its reference differs from the reference's document digest.
    case hashMismatch = "HASH_MISMATCH"
    /// A reference whose digest cannot be verified (analogue, placeholder, unknown algorithm or document).
    case unverifiableReference = "UNVERIFIABLE_REFERENCE"

    /// The code as written in reports, e.g. `HASH_MISMATCH`.
    public var description: String { rawValue }

    /// How serious a finding with this code is.
    public var severity: Finding.Severity {
        switch self {
        case .nonSIAnchor, .mutualTraceability, .noRecalibrationInterval, .cmcRangeUnspecified, .routeNotRecognised,
            .noAddedUncertainty, .quantityKindMismatch:
            .warning
        case .unverifiableReference:
            .info
        default:
            .error
        }
    }

    /// True for findings that say something could not be verified rather than that something is
    /// wrong: without errors, they make the verdict `incomplete` instead of `valid`.
    public var meansIncomplete: Bool {
        switch self {
        case .noRecalibrationInterval, .cmcRangeUnspecified, .routeNotRecognised, .unverifiableReference: true
        default: false
        }
    }

    /// The rule (T01–T12) and its primary source.
    public var rule: String {
        switch self {
        case .missingReferenceCertificate, .unresolvedReference:
            "T01: VIM 2.41 (documented unbroken chain); NIST TN 2156"
        case .chainBroken:
            "T02: VIM 2.41 (unbroken chain to a reference)"
        case .nonSIAnchor:
            "T02: ILAC P10 (non-SI references where SI traceability is not technically possible)"
        case .circularTraceability:
            "T03: VIM 2.40 (a hierarchy starts from a reference)"
        case .mutualTraceability:
            "T03: VIM 2.40; ILAC P10 (no independent anchor)"
        case .referenceFromFuture:
            "T04: VIM 2.41 Note 3 (the time at which the reference was used)"
        case .referenceExpired, .notValidAtDate:
            "T05a: VIM 2.41 Note 3; ILAC-G24:2022 (recalibration intervals)"
        case .noRecalibrationInterval:
            "T05a: ILAC-G24:2022"
        case .noMatchingCMC, .outsideCMCRange:
            "T05b: ISO/IEC 17025:2017 A.3.1; CIPM/ILAC CMC definition (2007)"
        case .uncertaintyBelowCMC:
            "T05b: ILAC P14 §6.4 (reported uncertainty not below the CMC)"
        case .cmcNotPublishedAtDate:
            "T05b: CIPM MRA (KCDB Appendix C status)"
        case .cmcRangeUnspecified:
            "T05b: CIPM MRA-G-13 (range and uncertainty of a CMC)"
        case .routeNotRecognised:
            "T06: ILAC P10 (routes 1–3); ISO/IEC 17025:2017 A.3.1"
        case .uncertaintyDecreases:
            "T07: VIM 2.40 Note 1 (uncertainty necessarily increases along the hierarchy)"
        case .noAddedUncertainty:
            "T07: VIM 2.41 (each calibration contributing to the measurement uncertainty)"
        case .unitMismatch, .invalidUnit:
            "T08: VIM 2.41–2.43; SI Brochure 9th ed.; D-SI guide"
        case .quantityKindMismatch:
            "T08: SI Brochure 9th ed. §2.3.4 (units with special names and kinds of quantity)"
        case .outOfCalibratedRange:
            "T09: DCC basic_validityRange; VIM 2.39"
        case .hashMismatch, .unverifiableReference:
            "T10: DCC hashType (certificate referral, procedure, value)"
        }
    }
}
