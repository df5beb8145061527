/// A day of the proleptic Gregorian calendar, without time of day or time zone.
///
/// Traceability dates are calendar dates (xs:date in a DCC, ISO 8601 `2025-03-01` in the graph
/// file): the day a calibration was performed, the day a certificate expires, the day a CMC was
/// published. Comparing two of them must not depend on the time zone of the machine, so they are
/// held as a day number (days since 1970-01-01) computed with the civil-from-days algorithm of
/// H. Hinnant ("chrono-compatible low-level date algorithms"), not through `Foundation.Date`.
///
///     let date = CalendarDate(iso8601: "2024-02-29")        // 2024-02-29
///     date?.adding(RecalibrationInterval(years: 1))          // 2025-02-28 (end of month kept)
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ISO8601Representable {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    /// The date `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// The date with this year, month (1–12) and day (1–31); nil if no such day exists
    /// (e.g. 2023-02-29) or the year is outside 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        daysSinceEpoch = Self.days(year: year, month: month, day: day)
    }

    /// Reads an ISO 8601 calendar date `YYYY-MM-DD`. A time zone designator (`Z`, `+01:00`) or a
    /// time of day after `T`, as xs:date and xs:dateTime allow, is accepted and ignored: the
    /// calendar day as written is kept. Anything else gives nil.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        if bytes.count > 10 {
            let rest = bytes[10]
            guard
                rest == UInt8(ascii: "T") || rest == UInt8(ascii: "Z") || rest == UInt8(ascii: "+")
                    || rest == UInt8(ascii: "-")
            else { return nil }
        }
        self.init(year: year, month: month, day: day)
    }

    /// (year, month, day) of this date.
    public var components: (year: Int, month: Int, day: Int) {
        // Hinnant, civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date moved by an interval: years and months first (the day is clamped to the end of
    /// a shorter month, so 2024-01-31 + P1M is 2024-02-29), then weeks and days.
    public func adding(_ interval: RecalibrationInterval) -> CalendarDate {
        let (year, month, day) = components
        let monthIndex = year * 12 + (month - 1) + interval.years * 12 + interval.months
        let newYear = Swift.min(9999, Swift.max(1, monthIndex / 12))
        let newMonth = monthIndex % 12 + 1
        let newDay = Swift.min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return CalendarDate(
            daysSinceEpoch: Self.days(year: newYear, month: newMonth, day: newDay) + interval.days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Earlier dates first: compares the day numbers.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// Reads `"YYYY-MM-DD"` (``init(iso8601:)``).
    ///
    /// - Throws: `DecodingError.dataCorrupted` for text that is not such a date.
    public init(from decoder: any Decoder) throws { try self.init(iso8601From: decoder) }

    /// Writes `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws { try encodeISO8601(to: encoder) }

    static let expectedISO8601Form = "an ISO 8601 date (YYYY-MM-DD)"

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Hinnant, days_from_civil.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
