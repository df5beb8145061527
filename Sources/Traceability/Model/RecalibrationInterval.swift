/// The time between two calibrations of an item, as an ISO 8601 duration (`P2Y`, `P18M`, `P1Y6M`,
/// `P90D`, `P26W`).
///
/// ILAC-G24:2022 / OIML D 10:2022 make the interval the user's decision (equipment policy, not the
/// certificate): the graph may carry it per calibration when no explicit `validUntil` is given,
/// and the expiry is the calibration date plus the interval. A zero interval (`P0D`) means
/// "calibrated on demand": the calibration never falls due (the MSL equipment-register convention
/// for interval 0).
///
///     RecalibrationInterval(iso8601: "P1Y6M")   // 1 year 6 months
public struct RecalibrationInterval: Sendable, Hashable, Codable, CustomStringConvertible, ISO8601Representable {
    /// Whole years (`nY`).
    public var years: Int
    /// Whole months (`nM`), added after the years.
    public var months: Int
    /// Days, weeks included (1 W = 7 D).
    public var days: Int

    /// Creates an interval of years, months and days; all zero means "on demand".
    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    /// Reads `PnYnMnWnD` (date part only; components non-negative integers, at least one present).
    /// Returns nil for anything else, including time components (`PT12H`).
    public init?(iso8601 text: String) {
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        guard !rest.isEmpty else { return nil }
        var years = 0
        var months = 0
        var days = 0
        var digits = ""
        var lastDesignator = 0
        for character in rest {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(Character(String(digit)))
                continue
            }
            let order: Int
            switch character {
            case "Y": order = 1
            case "M": order = 2
            case "W": order = 3
            case "D": order = 4
            default: return nil
            }
            guard !digits.isEmpty, digits.count <= 6, order > lastDesignator, let value = Int(digits) else {
                return nil
            }
            switch order {
            case 1: years = value
            case 2: months = value
            case 3: days += 7 * value
            default: days += value
            }
            lastDesignator = order
            digits = ""
        }
        guard digits.isEmpty else { return nil }
        self.init(years: years, months: months, days: days)
    }

    /// True for a zero interval: "calibrated on demand", never due.
    public var isOnDemand: Bool { years == 0 && months == 0 && days == 0 }

    /// The ISO 8601 form, e.g. `P1Y6M`; `P0D` for zero.
    public var description: String {
        if isOnDemand { return "P0D" }
        var text = "P"
        if years != 0 { text += "\(years)Y" }
        if months != 0 { text += "\(months)M" }
        if days != 0 { text += "\(days)D" }
        return text
    }

    /// Reads a duration string such as `"P2Y"` (``init(iso8601:)``).
    ///
    /// - Throws: `DecodingError.dataCorrupted` for text that is not such a duration.
    public init(from decoder: any Decoder) throws { try self.init(iso8601From: decoder) }

    /// Writes the ISO 8601 form, e.g. `"P1Y6M"`.
    public func encode(to encoder: any Encoder) throws { try encodeISO8601(to: encoder) }

    static let expectedISO8601Form = "an ISO 8601 duration such as P2Y or P18M"
}
