/// The comparison CSV format of DESIGN.md: a header row, then one row per laboratory,
///
///     laboratory,value,standardUncertainty[,degreesOfFreedom][,included]
///
/// Columns are found by their header names (case-insensitive); `degreesOfFreedom` empty or `inf`
/// means infinite; `included` accepts true/false, yes/no, 1/0 (empty means true). Fields may be
/// quoted with double quotes (RFC 4180). Blank lines and lines starting with `#` are skipped; a
/// leading byte-order mark and CRLF line ends are accepted.
extension Comparison {
    /// Reads a comparison from CSV text.
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(location:reason:)`` naming the line and column,
    ///   or the validation error naming the laboratory.
    public init(csv text: String, identifier: String = "", unit: String? = nil) throws(KeyComparisonError) {
        // A byte-order mark (spreadsheet exports write one) is not part of the first header name.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var rows: [(line: Int, fields: [String])] = []
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append((number + 1, try Self.splitCSV(String(line), line: number + 1)))
        }
        guard let header = rows.first else { throw .malformedFile(location: "line 1", reason: "the file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: String...) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let labColumn = column("laboratory", "lab"),
            let valueColumn = column("value", "x"),
            let uColumn = column("standarduncertainty", "u")
        else {
            throw .malformedFile(
                location: "line \(header.line)",
                reason:
                    "the header must name laboratory, value and standardUncertainty (found \(header.fields.joined(separator: ",")))"
            )
        }
        let dofColumn = column("degreesoffreedom", "dof", "nu")
        let includedColumn = column("included", "includedinreferencevalue")

        var results: [LaboratoryResult] = []
        for (line, fields) in rows.dropFirst() {
            func field(_ index: Int?) -> String? {
                guard let index, index < fields.count else { return nil }
                let text = fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            func number(_ index: Int, _ name: String) throws(KeyComparisonError) -> Double {
                guard let text = field(index) else {
                    throw .malformedFile(location: "line \(line), column \(name)", reason: "missing value")
                }
                guard let value = Double(text) else {
                    throw .malformedFile(location: "line \(line), column \(name)", reason: "'\(text)' is not a number")
                }
                return value
            }
            guard let lab = field(labColumn) else {
                throw .malformedFile(location: "line \(line), column laboratory", reason: "missing laboratory name")
            }
            var dof: Double?
            if let text = field(dofColumn), !["inf", "infinity", "∞"].contains(text.lowercased()) {
                guard let value = Double(text) else {
                    throw .malformedFile(
                        location: "line \(line), column degreesOfFreedom", reason: "'\(text)' is not a number")
                }
                dof = value
            }
            var included = true
            if let text = field(includedColumn)?.lowercased() {
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

    static func splitCSV(_ line: String, line number: Int) throws(KeyComparisonError) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if quoted { throw .malformedFile(location: "line \(number)", reason: "unterminated quoted field") }
        fields.append(current)
        return fields
    }
}

#if canImport(Foundation)
    import Foundation
#endif
