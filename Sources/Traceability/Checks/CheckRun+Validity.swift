/// `--at DATE`: every result (a calibration no other calibration uses) must be valid on that
/// date — performed on or before it, and not past its expiry (VIM 2.41 Note 3; ILAC-G24). The
/// references inside the chain are judged at their time of use by T04/T05a, not at DATE: a
/// certificate that expires after it was used does not invalidate the calibrations made with it.
extension CheckRun {
    mutating func checkValidity(at date: CalendarDate) {
        let document = graph.document
        for c in document.calibrations.indices where !graph.calibrationIsReferenced[c] {
            let calibration = document.calibrations[c]
            if calibration.date > date {
                report(
                    .notValidAtDate, [calibration.id],
                    "result \(calibration.id) was performed on \(calibration.date), after \(date)",
                    ["daysEarly": Double(date.days(until: calibration.date))])
            } else if let expiry = calibration.expiry {
                if expiry < date {
                    report(
                        .notValidAtDate, [calibration.id],
                        "result \(calibration.id) expired on \(expiry), before \(date)",
                        ["daysAfterExpiry": Double(expiry.days(until: date))])
                }
            } else if !calibration.statesValidity && !reportedWithoutInterval[c] {
                reportedWithoutInterval[c] = true
                report(
                    .noRecalibrationInterval, [calibration.id],
                    "result \(calibration.id) states neither validUntil nor a recalibration interval: its validity on \(date) cannot be judged"
                )
            }
        }
    }
}
