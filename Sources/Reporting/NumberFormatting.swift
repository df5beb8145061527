import Foundation

/// Number formatting for reports: fixed decimals chosen from the uncertainty, so that value and
/// uncertainty are printed to the same decimal place (GUM 7.2.6: the uncertainty with at most
/// two or three significant digits, the value rounded to match).
public enum NumberFormatting {
    /// The number of decimals that shows `uncertainty` with `significantDigits` significant digits.
    public static func decimals(forUncertainty uncertainty: Double, significantDigits: Int = 3) -> Int {
        guard uncertainty.isFinite, uncertainty > 0 else { return 4 }
        let exponent = Int((log10(uncertainty)).rounded(.down))
        return Swift.min(15, Swift.max(0, significantDigits - 1 - exponent))
    }

    /// `value` with exactly `decimals` decimals ("-0.000" is written "0.000").
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `value` with `digits` significant digits in the shortest of fixed or scientific notation.
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)g", value)
    }
}
