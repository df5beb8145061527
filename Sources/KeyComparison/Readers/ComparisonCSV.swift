/// The comparison CSV format: a header row, then one row per laboratory,
///
///     laboratory,value,standardUncertainty[,degreesOfFreedom][,included]
///
/// Columns are found by their header names (case-insensitive); `degreesOfFreedom` empty or `inf`
/// means infinite; `included` accepts true/false, yes/no, 1/0 (empty means true). Fields may be
/// quoted with double quotes (RFC 4180, so a quoted laboratory name may hold commas and line
/// breaks). Blank lines and lines starting with `#` are skipped; a leading byte-order mark and CRLF
/// line ends are accepted. Errors name the line on which the offending record starts.
extension Comparison {
    /// Reads a comparison from CSV text.
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(location:reason:)`` naming the line and column,
    ///   or the validation error naming the laboratory.
    public init(csv text: String, identifier: String = "", unit: String? = nil) throws(KeyComparisonError) {
        let table = try CSVTable(parsing: text)
        guard let labColumn = table.column(named: "laboratory", "lab"),
            let valueColumn = table.column(named: "value", "x"),
            let uColumn = table.column(named: "standardUncertainty", "u")
        else {
            throw .malformedFile(
                location: "line \(table.header.line)",
                reason:
                    "the header must name laboratory, value and standardUncertainty (found \(table.header.fields.joined(separator: ",")))"
            )
        }
        let dofColumn = table.column(named: "degreesOfFreedom", "dof", "nu")
        let includedColumn = table.column(named: "included", "includedInReferenceValue")

        var results: [LaboratoryResult] = []
        for record in table.records {
            let line = record.line
            func number(_ index: Int, _ name: String) throws(KeyComparisonError) -> Double {
                guard let text = record.field(index) else {
                    throw .malformedFile(location: "line \(line), column \(name)", reason: "missing value")
                }
                guard let value = Double(text) else {
                    throw .malformedFile(location: "line \(line), column \(name)", reason: "'\(text)' is not a number")
                }
                return value
            }
            guard let lab = record.field(labColumn) else {
                throw .malformedFile(location: "line \(line), column laboratory", reason: "missing laboratory name")
            }
            var dof: Double?
            if let text = record.field(dofColumn), !["inf", "infinity", "∞"].contains(text.lowercased()) {
                guard let value = Double(text) else {
                    throw .malformedFile(
                        location: "line \(line), column degreesOfFreedom", reason: "'\(text)' is not a number")
                }
                dof = value
            }
            var included = true
            if let text = record.field(includedColumn)?.lowercased() {
                switch text {
                case "true", "yes", "1", "y": included = true
                case "false", "no", "0", "n": included = false
                default:
                    throw .malformedFile(
                        location: "line \(line), column included", reason: "'\(text)' is not true or false")
                }
            }
            results.append(
                LaboratoryResult(
                    laboratory: LaboratoryID(lab), value: try number(valueColumn, "value"),
                    standardUncertainty: try number(uColumn, "standardUncertainty"), degreesOfFreedom: dof,
                    includedInReferenceValue: included))
        }
        try self.init(identifier: identifier, unit: unit, results: results)
    }
}
