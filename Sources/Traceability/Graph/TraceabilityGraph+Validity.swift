extension TraceabilityGraph {
    /// Where a calibration stands on a day: what rules T04/T05a ask of a reference at the day it
    /// was used, and `--at DATE` of a result at that date (VIM 2.41 Note 3; ILAC-G24).
    enum Validity: Hashable {
        /// Performed after the day, by `daysEarly` days (T04 `REFERENCE_FROM_FUTURE`, or
        /// `NOT_VALID_AT_DATE`).
        case notYetPerformed(daysEarly: Int32)
        /// States neither `validUntil` nor a recalibration interval, so its validity cannot be
        /// judged (`NO_RECALIBRATION_INTERVAL`).
        case notStated
        /// Past its expiry by `daysAfterExpiry` days (T05a `REFERENCE_EXPIRED`, or `NOT_VALID_AT_DATE`).
        case expired(daysAfterExpiry: Int32)
        /// Performed on or before the day and not past its expiry (the expiry day itself is valid;
        /// a calibration on demand never expires).
        case valid
    }

    /// The validity of calibration `c` on a day (days since 1970-01-01, as ``day(_:)`` gives), read
    /// from the flat ``calibrationDay`` and ``calibrationExpiryDay``.
    func validity(ofCalibration c: Int, onDay day: Int32) -> Validity {
        let performed = calibrationDay[c]
        let expiry = calibrationExpiryDay[c]
        if performed > day { return .notYetPerformed(daysEarly: performed - day) }
        if expiry == Self.expiryNotStated { return .notStated }
        if expiry < day { return .expired(daysAfterExpiry: day - expiry) }
        return .valid
    }
}
