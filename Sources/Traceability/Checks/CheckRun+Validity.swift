/// `--at DATE`: every result (a calibration no other calibration uses) must be valid on that
/// date — performed on or before it, and not past its expiry (VIM 2.41 Note 3; ILAC-G24). The
/// references inside the chain are judged at their time of use by T04/T05a, not at DATE: a
/// certificate that expires after it was used does not invalidate the calibrations made with it.
extension CheckRun {
    mutating func checkValidity(at date: CalendarDate) {
        let day = TraceabilityGraph.day(date)
        for c in 0..<graph.document.calibrations.count where !graph.calibrationIsReferenced[c] {
            let calibration = graph.document.calibrations[c]
            switch graph.validity(ofCalibration: c, onDay: day) {
            case .notYetPerformed(let daysEarly):
                report(
                    .notValidAtDate, [calibration.id],
                    "result \(calibration.id) was performed on \(calibration.date), after \(date)",
                    ["daysEarly": Double(daysEarly)])
            case .notStated:
                reportNoRecalibrationInterval(
                    c,
                    "result \(calibration.id) states neither validUntil nor a recalibration interval: its validity on \(date) cannot be judged"
                )
            case .expired(let daysAfterExpiry):
                report(
                    .notValidAtDate, [calibration.id],
                    "result \(calibration.id) expired on \(calibration.expiry.map(\.description) ?? ""), before \(date)",
                    ["daysAfterExpiry": Double(daysAfterExpiry)])
            case .valid:
                break
            }
        }
    }
}
