/// The performance verdict of a proficiency-testing score (ISO 13528:2015 §9; ISO/IEC 17043:2023 Annex B).
///
/// For z, z′ and ζ scores: |score| ≤ 2 is satisfactory, 2 < |score| < 3 questionable (a warning
/// signal) and |score| ≥ 3 unsatisfactory (an action signal). For E_n numbers: |E_n| ≤ 1 is
/// satisfactory and |E_n| > 1 unsatisfactory; there is no questionable band.
///
///     PerformanceClassification(zScore: 2.4)            // .questionable
///     PerformanceClassification(normalizedError: 1.3)   // .unsatisfactory
public enum PerformanceClassification: String, Sendable, Hashable, Codable, CaseIterable {
    /// |z| ≤ 2, or |E_n| ≤ 1.
    case satisfactory
    /// 2 < |z| < 3 (warning signal).
    case questionable
    /// |z| ≥ 3 (action signal), or |E_n| > 1.
    case unsatisfactory

    /// The verdict for a z, z′ or ζ score (ISO 13528:2015 §9.4.1, §9.5, §9.6).
    public init(zScore score: Double) {
        let magnitude = abs(score)
        if magnitude <= 2 {
            self = .satisfactory
        } else if magnitude < 3 {
            self = .questionable
        } else {
            self = .unsatisfactory
        }
    }

    /// The verdict for an E_n number (ISO 13528:2015 §9.7.2).
    public init(normalizedError score: Double) {
        self = abs(score) <= 1 ? .satisfactory : .unsatisfactory
    }
}
