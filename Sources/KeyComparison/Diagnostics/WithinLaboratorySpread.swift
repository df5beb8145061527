/// A laboratory's within-laboratory (repeatability) standard deviation s_i from n_i replicates: the
/// input of Mandel's k and of Cochran's test (ISO 5725-2:1994 §7.3.2, §7.3.1).
///
/// Key comparison files carry combined standard uncertainties, not replicate spreads; these come
/// from a separate table, e.g. the CSV
///
///     laboratory,standardDeviation,replicates
///     PTB,0.012,5
public struct WithinLaboratorySpread: Sendable, Hashable, Codable {
    /// The laboratory.
    public var laboratory: LaboratoryID
    /// s_i ≥ 0, in the unit of the comparison.
    public var standardDeviation: Double
    /// n_i ≥ 2, the number of replicates behind s_i.
    public var replicates: Int

    public init(laboratory: LaboratoryID, standardDeviation: Double, replicates: Int) {
        self.laboratory = laboratory
        self.standardDeviation = standardDeviation
        self.replicates = replicates
    }

    /// Checks that s_i is finite, non-negative and at most 10¹⁵⁰ (so that s_i² and their sum are
    /// finite, as for ``LaboratoryResult/magnitudeRange``) and that n_i ≥ 2.
    public func validate() throws(KeyComparisonError) {
        guard standardDeviation.isFinite else {
            throw .nonFiniteValue(laboratory: laboratory, field: "standardDeviation")
        }
        guard standardDeviation >= 0 else {
            throw .nonPositiveUncertainty(laboratory: laboratory, value: standardDeviation)
        }
        guard standardDeviation <= LaboratoryResult.magnitudeRange.upperBound else {
            throw .magnitudeOutOfRange(laboratory: laboratory, field: "standardDeviation", value: standardDeviation)
        }
        guard replicates >= 2 else {
            throw .invalidSetting(
                .withinLaboratorySpreads, value: "\(replicates)",
                reason: "\(laboratory): a standard deviation needs at least 2 replicates")
        }
    }

    /// The common number of replicates of a set of spreads: the median of the n_i (metRology
    /// `mandel.k` uses the median when group sizes differ; ISO 5725-2 assumes them equal).
    static func commonReplicates(_ spreads: [WithinLaboratorySpread]) -> Double {
        let sorted = spreads.map { Double($0.replicates) }.sorted()
        let m = sorted.count
        return m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2])
    }

    /// Reads spreads from CSV text with the header `laboratory,standardDeviation,replicates`
    /// (case-insensitive; `s` and `n` are accepted too), read as ``Comparison/init(csv:identifier:unit:)``
    /// reads a comparison: RFC 4180 quoting, blank lines and `#` comments skipped, a byte-order mark and
    /// CRLF line ends accepted.
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(location:reason:)`` naming the line where the
    ///   record starts, or the validation error naming the laboratory.
    public static func spreads(csv text: String) throws(KeyComparisonError) -> [WithinLaboratorySpread] {
        let table = try CSVTable(parsing: text)
        guard let labColumn = table.column(named: "laboratory", "lab"),
            let sdColumn = table.column(named: "standardDeviation", "s", "sd"),
            let nColumn = table.column(named: "replicates", "n")
        else {
            throw .malformedFile(
                location: "line \(table.header.line)",
                reason: "the header must name laboratory, standardDeviation and replicates")
        }
        var spreads: [WithinLaboratorySpread] = []
        for record in table.records {
            func field(_ index: Int, _ name: String) throws(KeyComparisonError) -> String {
                guard let text = record.field(index) else {
                    throw .malformedFile(location: "line \(record.line), column \(name)", reason: "missing value")
                }
                return text
            }
            let lab = try field(labColumn, "laboratory")
            let sdText = try field(sdColumn, "standardDeviation")
            let nText = try field(nColumn, "replicates")
            guard let sd = Double(sdText) else {
                throw .malformedFile(
                    location: "line \(record.line), column standardDeviation", reason: "'\(sdText)' is not a number")
            }
            guard let n = Int(nText) else {
                throw .malformedFile(
                    location: "line \(record.line), column replicates", reason: "'\(nText)' is not an integer")
            }
            let spread = WithinLaboratorySpread(laboratory: LaboratoryID(lab), standardDeviation: sd, replicates: n)
            try spread.validate()
            spreads.append(spread)
        }
        return spreads
    }
}
