extension Sequence {
    /// The change in force at `day` in a history of status changes, each effective from its day until
    /// the next: the latest change on or before `day` (of two on the same day, the later in the
    /// sequence); nil when every change is later, or there is none.
    ///
    /// The one rule behind an organization's quality-system status
    /// (``Organization/qualitySystemStatus(at:)``, rule T06), a CMC's KCDB status
    /// (``CalibrationMeasurementCapability/status(at:)``, rule T05b) and the checker's day-number
    /// copies of both.
    ///
    ///     history.changeInForce(at: date, effectiveFrom: \.from)?.status
    ///
    /// - Complexity: O(n); the histories are a handful of changes, in no required order.
    func changeInForce<Day: Comparable>(at day: Day, effectiveFrom: (Element) -> Day) -> Element? {
        var current: (change: Element, day: Day)?
        for change in self {
            let from = effectiveFrom(change)
            if from <= day && (current.map { from >= $0.day } ?? true) { current = (change, from) }
        }
        return current?.change
    }
}
