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
    /// The KCDB's internal number of the record.
    public var id: Int?
    /// The CMC identifier `<RMO>-<Area>-<Country>-<8-char id>-<version>`.
    public var kcdbCode: String
    /// Published, Archived, Deleted or Greyed out.
    public var status: String?
    /// The day the current ``status`` took effect (ISO 8601 date, as written).
    public var statusDate: String?
    /// The day the CMC was approved in the inter-regional review (ISO 8601 date, as written).
    public var approvalDate: String?
    /// The day the CMC was published in the KCDB (ISO 8601 date, as written).
    public var publicationDate: String?
    /// The KCDB domain: `PHYSICS`, `CHEM-BIO` or `RADIATION`.
    public var domainCode: String?
    /// The metrology area, e.g. `PR` (photometry and radiometry), `RI` (ionizing radiation), `M` (mass).
    public var metrologyAreaLabel: String?
    /// The regional metrology organization of the institute, e.g. `APMP`, `EURAMET`.
    public var rmo: String?
    /// The institute's country by name ("New Zealand").
    public var countryValue: String?
    /// The institute's KCDB acronym (`MSL`, `NMIJ AIST`).
    public var nmiCode: String?
    /// The KCDB's number of the institute.
    public var nmiIdentifier: Int?
    /// The institute's full name ("Measurement Standards Laboratory").
    public var nmiName: String?
    /// The institute's own identifiers of the service ("MSLT.O.001, MSLT.O.016").
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
    /// The uncertainty as an equation, when the record gives one (kept as text, not evaluated).
    public var uncertaintyEquation: Equation?
    /// The institute(s) the CMC's own traceability goes to ("NMIJ/AIST"); empty for independent realisation.
    public var traceabilitySource: String?
    /// Free-text remarks of the record.
    public var comments: String?
    /// The KCDB's identifier of a group of related CMCs; usually empty.
    public var groupIdentifier: String?
    /// The branch within the area as a code, e.g. `PR/Photo`, `RAD`.
    public var branchLabel: String?
    /// The branch by name, e.g. "Photometry", "Radioactivity".
    public var branchValue: String?
    /// The service by name (physics), e.g. "Photometry".
    public var serviceValue: String?
    /// The sub-service by name (physics), e.g. "Illuminance responsivity".
    public var subServiceValue: String?
    /// The individual service by name (physics), e.g. "Tungsten source".
    public var individualServiceValue: String?
    /// The service's number in the physics classification, e.g. `1.2.1`.
    public var physicsCode: String?
    /// Area, branch and service as one code, e.g. `PR/Photo-1.2.1`, `RI/RAD-1.3.2`.
    public var kcdbServiceCategory: String?
    /// The instrument or artefact calibrated, e.g. "Illuminance meter".
    public var instrument: String?
    /// The method or standard used, e.g. "Standard lamp".
    public var instrumentMethod: String?
    /// Named conditions of the service ("Illuminance": "0.005 lx to 10 lx"), where the range lives
    /// when ``cmc`` has no limits.
    public var parameters: [Parameter]?
    /// The radionuclide (radiation records), e.g. `Co-60`.
    public var nuclideValue: String?
    /// The kind of source (radiation records), e.g. "Multi-radionuclide source".
    public var sourceValue: String?
    /// The medium of the source (radiation records), e.g. "Liquid".
    public var mediumValue: String?
    /// The source's specification (radiation records), e.g. its container and volume.
    public var radiationSpecification: String?
    /// The reference standard of the service (radiation records), as free text.
    public var referenceStandard: String?
    /// The service's number in the radiation classification, e.g. `2.1.3.2`.
    public var radiationCode: String?
    /// The analyte measured (chemistry and biology records).
    public var analyteValue: String?
    /// The matrix the analyte is measured in (chemistry and biology records).
    public var analyteMatrix: String?

    /// `uncertaintyEquation`.
    public struct Equation: Sendable, Hashable, Codable {
        /// The equation as the KCDB writes it.
        public var equation: String?
        /// What the equation's symbols stand for.
        public var equationComment: String?
    }

    /// One entry of `parameters`.
    public struct Parameter: Sendable, Hashable, Codable {
        /// The condition's name, e.g. "Illuminance".
        public var parameterName: String?
        /// The condition's value or range as text, e.g. "0.005 lx to 10 lx".
        public var parameterValue: String?
    }

    /// The KCDB status values (msl-kcdb `Status`).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// In force: calibrations may be claimed under it.
        case published = "Published"
        /// Superseded by a later version, or withdrawn; kept for the record.
        case archived = "Archived"
        /// Removed from the KCDB.
        case deleted = "Deleted"
        /// Temporarily suspended, e.g. while the institute's quality system is not accepted.
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
