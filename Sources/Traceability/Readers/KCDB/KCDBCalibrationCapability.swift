/// One calibration and measurement capability (CMC) record of the BIPM KCDB (Appendix C of the
/// CIPM MRA), as the KCDB 2.0 API returns it.
///
/// Key names are those of the KCDB API JSON as mapped by MSLNZ/msl-kcdb `src/msl/kcdb/types.py`
/// (`ResultCommon` and its physics, radiation and chemistry subclasses). What the checks use:
/// `kcdbCode`, `nmiCode`, `quantityValue`, the range `cmc{lowerLimit, unit, upperLimit}`, the
/// uncertainty `cmcUncertainty` with `uncertaintyMode` (Absolute | Relative), `coverageFactor`,
/// `confidenceLevel`, `status` (Published | Archived | Deleted | Greyed out) with its dates, and
/// `traceabilitySource`. A CMC's expanded uncertainty at x is
/// U_CMC(x) = r·x for a relative CMC (r in % or as a fraction) and the stated U for an absolute one;
/// standard uncertainties compare as U/k (ILAC P14 §6.4; check T05b).
///
///     let cmc = records.first { $0.kcdbCode == "APMP-RI-JP-00000HSE-1" }!
///     cmc.range?.closedRange                                      // 2000...200000 (Bq)
///     cmc.expandedUncertaintyBounds(at: 10_000)                   // 400...400 (Bq), 4 % at k = 2
public struct KCDBCalibrationCapability: Sendable, Hashable, Codable {
    public var id: Int?
    /// The CMC identifier `<RMO>-<Area>-<Country>-<8-char id>-<version>`.
    public var kcdbCode: String
    /// Published, Archived, Deleted or Greyed out.
    public var status: String?
    public var statusDate: String?
    public var approvalDate: String?
    public var publicationDate: String?
    public var domainCode: String?
    public var metrologyAreaLabel: String?
    public var rmo: String?
    public var countryValue: String?
    /// The institute's KCDB acronym (`MSL`, `NMIJ AIST`).
    public var nmiCode: String?
    public var nmiIdentifier: Int?
    public var nmiName: String?
    public var nmiServiceCode: String?
    /// The measured quantity as the KCDB names it ("Activity").
    public var quantityValue: String?
    /// The measurement range.
    public var cmc: KCDBRange?
    /// The expanded uncertainty over the range (absolute, or relative in `%`).
    public var cmcUncertainty: KCDBRange?
    /// The range in base units.
    public var cmcBaseUnit: KCDBRange?
    /// The expanded uncertainty in base units (absolute).
    public var cmcUncertaintyBaseUnit: KCDBRange?
    /// The level of confidence in percent (95).
    public var confidenceLevel: Double?
    /// k of the stated expanded uncertainty.
    public var coverageFactor: Double?
    /// Absolute or Relative.
    public var uncertaintyMode: String?
    public var uncertaintyEquation: Equation?
    /// The institute(s) the CMC's own traceability goes to ("NMIJ/AIST"); empty for independent realisation.
    public var traceabilitySource: String?
    public var comments: String?
    public var groupIdentifier: String?
    public var branchLabel: String?
    public var branchValue: String?
    public var serviceValue: String?
    public var subServiceValue: String?
    public var individualServiceValue: String?
    public var physicsCode: String?
    public var kcdbServiceCategory: String?
    public var instrument: String?
    public var instrumentMethod: String?
    public var parameters: [Parameter]?
    public var nuclideValue: String?
    public var sourceValue: String?
    public var mediumValue: String?
    public var radiationSpecification: String?
    public var referenceStandard: String?
    public var radiationCode: String?
    public var analyteValue: String?
    public var analyteMatrix: String?

    /// `uncertaintyEquation`.
    public struct Equation: Sendable, Hashable, Codable {
        public var equation: String?
        public var equationComment: String?
    }

    /// One entry of `parameters`.
    public struct Parameter: Sendable, Hashable, Codable {
        public var parameterName: String?
        public var parameterValue: String?
    }

    /// The KCDB status values (msl-kcdb `Status`).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case published = "Published"
        case archived = "Archived"
        case deleted = "Deleted"
        case greyedOut = "Greyed out"
    }

    /// The status as a known value; nil for an absent or unknown one.
    public var statusValue: Status? { status.flatMap(Status.init(rawValue:)) }

    /// The measurement range (`cmc`), nil when it has no limits (CMC_RANGE_UNSPECIFIED).
    public var range: KCDBRange? { cmc?.isSpecified == true ? cmc : nil }

    /// Whether the uncertainty is relative to the value.
    public var isRelative: Bool { uncertaintyMode?.lowercased() == "relative" }

    /// The bounds of the expanded uncertainty U_CMC at x (in the unit of the range), from
    /// `cmcUncertainty`: r_low·x … r_high·x for a relative CMC (`%` divides by 100), the stated
    /// lower…upper for an absolute one. Nil when the uncertainty has no limits or its unit
    /// cannot be read.
    public func expandedUncertaintyBounds(at x: Double) -> ClosedRange<Double>? {
        guard let uncertainty = cmcUncertainty, let lower = uncertainty.lowerLimit, let upper = uncertainty.upperLimit
        else { return nil }
        let (low, high) = (Swift.min(lower, upper), Swift.max(lower, upper))
        if isRelative {
            guard let fraction = try? uncertainty.measurementUnit().conversion(to: .one), fraction.isLinear else {
                return nil
            }
            let a = fraction.value(low) * abs(x)
            let b = fraction.value(high) * abs(x)
            return Swift.min(a, b)...Swift.max(a, b)
        }
        return low...high
    }

    /// The bounds of u_CMC(x) = U_CMC(x)/k; nil without k or bounds.
    public func standardUncertaintyBounds(at x: Double) -> ClosedRange<Double>? {
        guard let k = coverageFactor, k > 0, let bounds = expandedUncertaintyBounds(at: x) else { return nil }
        return (bounds.lowerBound / k)...(bounds.upperBound / k)
    }
}
