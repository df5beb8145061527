import Foundation

extension WithinLaboratorySpread {
    /// Reads within-laboratory spreads from a CSV file (see ``spreads(csv:)`` for the format).
    ///
    /// - Throws: ``KeyComparisonError/unreadableFile(path:reason:)``;
    ///   ``KeyComparisonError/malformedFile(file:location:reason:)`` naming the file as given and
    ///   the line; the validation errors of ``validate()``.
    public static func spreads(contentsOf url: URL) throws(KeyComparisonError) -> [WithinLaboratorySpread] {
        try KeyComparisonError.reading(url) { data throws(KeyComparisonError) in
            try spreads(csv: String(decoding: data, as: UTF8.self))
        }
    }
}
