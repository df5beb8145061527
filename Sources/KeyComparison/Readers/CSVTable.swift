internal import CSV

/// A comma-separated table as this module's CSV readers see it: a header, then records, each with
/// the 1-based line of the file it starts on.
///
/// Fields follow RFC 4180: a field in double quotes may hold commas, line breaks and doubled quotes
/// (`""` is one `"`). Around that the table accepts what spreadsheets and people write: a leading
/// byte-order mark, LF, CRLF or CR line ends, spaces and tabs around fields, blank lines and lines
/// whose first non-blank character is `#` (skipped when they start a record; inside a quoted field
/// they are data). yaslab/CSV.swift splits the records.
///
///     let table = try CSVTable(parsing: "laboratory,value\n\"PTB\nBraunschweig\",1.2\nNIST,1.3\n")
///     table.records.map(\.line)                      // [2, 4]
///     table.records[0].fields[0]                     // "PTB\nBraunschweig"
///     table.column(named: "Value")                   // 1
///
/// CSV.swift knows no comments and reports neither where a record starts nor malformed quoting, so
/// the table handles comments before reading and derives the rest from what CSV.swift returns:
/// - a comment line is emptied before reading (its line end stays): a line whose first non-blank
///   character is `#` and that starts a record, which it does when the quotes before it outside
///   comments are balanced;
/// - CSV.swift returns quoted line breaks verbatim, so a record starts one line after the previous
///   record's start plus the line breaks inside the previous record's fields;
/// - the text is read with a sentinel line appended: a quoted field still open at the end of the
///   text swallows it, and its record is reported as unterminated;
/// - each record's own text is compared with its fields: an odd number of quotes is refused as
///   each line's was before records could span lines; every character other than quotes, blanks
///   and line breaks must reappear in a field or as a separator (CSV.swift drops the character
///   after a closing quote that is neither a comma nor a line end, as in `"NIST" (USA)`, and reads
///   on as if the quotes were still open); a field holding q quotes must have been written quoted,
///   with 2 + 2q quotes (CSV.swift keeps a stray quote in an unquoted field as data).
///
/// - Complexity: O(n) in the length of the text.
struct CSVTable: Sendable {
    /// One row of the table.
    struct Record: Sendable, Hashable {
        /// The 1-based line of the text on which the record starts.
        var line: Int
        /// The fields, unquoted, with blanks around them removed.
        var fields: [String]

        /// The field in `column`, without blanks around it; nil when the record has no such column
        /// or the field is empty.
        func field(_ column: Int?) -> String? {
            guard let column, fields.indices.contains(column) else { return nil }
            let text = CSVTable.trimmingBlanks(fields[column])
            return text.isEmpty ? nil : String(text)
        }
    }

    /// The first record: the column names.
    var header: Record
    /// The records after the header, in file order.
    var records: [Record]

    /// Reads a table from CSV text.
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(location:reason:)`` naming the line where the
    ///   offending record starts: the text has no records, a quoted field is not terminated, a
    ///   closing quote is followed by more text, or a quote stands in an unquoted field.
    init(parsing text: String) throws(KeyComparisonError) {
        // A byte-order mark (spreadsheet exports write one) is not part of the first header name.
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        text = Self.emptyingComments(of: text)
        let lines = Self.lines(of: text)

        let reader: CSVReader
        do {
            reader = try CSVReader(string: text + "\n" + Self.sentinel, trimFields: true)
        } catch {
            // Only a reader asked to read a header row throws.
            throw .malformedFile(location: "line 1", reason: "\(error)")
        }
        var rows: [(line: Int, lineCount: Int, fields: [String])] = []
        var line = 1
        while let fields = reader.next() {
            let lineCount = 1 + fields.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            rows.append((line, lineCount, fields))
            line += lineCount
        }
        // The reader's last record is the sentinel unless an open quoted field swallowed it.
        guard let last = rows.popLast() else {
            preconditionFailure("no record read")  // allowed: the sentinel line is always read back
        }

        var records: [Record] = []
        for row in rows {
            let first = text[lines[row.line - 1]]
            if Self.trimmingBlanks(first).isEmpty { continue }
            let source = text[first.startIndex..<lines[row.line + row.lineCount - 2].upperBound]
            try Self.checkQuotes(row.fields, readFrom: source, line: row.line)
            records.append(Record(line: row.line, fields: row.fields))
        }
        if last.fields != [Self.sentinel] {
            // A quoted field ran into the sentinel: its closing quote is missing, unless CSV.swift
            // dropped the text after it and read on as if it were still open.
            let start = last.line <= lines.count ? lines[last.line - 1].lowerBound : text.endIndex
            if Self.significantCount(last.fields) != Self.significantCount(text[start...] + Self.sentinel) {
                throw .malformedFile(location: "line \(last.line)", reason: Self.textAfterClosingQuote)
            }
            throw .malformedFile(location: "line \(last.line)", reason: "unterminated quoted field")
        }
        guard let header = records.first else {
            throw .malformedFile(location: "line 1", reason: "the file is empty")
        }
        self.header = header
        self.records = Array(records.dropFirst())
    }

    /// The index of the first column whose name is one of `names`, ignoring case and blanks around
    /// the name.
    func column(named names: String...) -> Int? {
        let names = names.map { $0.lowercased() }
        return header.fields.firstIndex { names.contains(Self.trimmingBlanks($0).lowercased()) }
    }

    /// The line appended to the text: one unquoted field, read back as the last record unless a
    /// quoted field left open swallows it.
    private static let sentinel = "\u{0}end of text\u{0}"

    /// The ranges of the text's lines, without their line ends (LF, CRLF or CR): the breaks CSV.swift
    /// ends records at.
    private static func lines(of text: String) -> [Range<String.Index>] {
        var lines: [Range<String.Index>] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                index = bytes.index(after: index)
                continue
            }
            lines.append(start..<index)
            index = bytes.index(after: index)
            if byte == UInt8(ascii: "\r"), index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") {
                index = bytes.index(after: index)
            }
            start = index
        }
        lines.append(start..<bytes.endIndex)
        return lines
    }

    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) {
                count += 1
            }
            previous = byte
        }
        return count
    }

    /// The text with its comment lines emptied, their line ends kept (and so the line numbers): the
    /// lines whose first non-blank character is `#` and that start a record, which they do when the
    /// quotes before them, outside comments, are balanced (an odd count means the line continues a
    /// quoted field).
    private static func emptyingComments(of text: String) -> String {
        let lines = lines(of: text)
        var emptied = ""
        var balanced = true
        for (index, range) in lines.enumerated() {
            let line = text[range]
            if !(balanced && Self.trimmingBlanks(line).hasPrefix("#")) {
                emptied += line
                if !quoteCount(line).isMultiple(of: 2) { balanced.toggle() }
            }
            if index + 1 < lines.count { emptied += text[range.upperBound..<lines[index + 1].lowerBound] }
        }
        return emptied
    }

    private static let textAfterClosingQuote = "a closing quote must be followed by a comma or the end of the line"

    /// Checks a record's fields against the text they were read from, for the quoting CSV.swift
    /// lets through without a word.
    private static func checkQuotes(
        _ fields: [String], readFrom source: Substring, line: Int
    ) throws(KeyComparisonError) {
        let quotes = quoteCount(source)
        // Each line needed an even number of quotes before records could span lines: same message.
        guard quotes.isMultiple(of: 2) else {
            throw .malformedFile(location: "line \(line)", reason: "unterminated quoted field")
        }
        // CSV.swift drops the character after a closing quote that is neither a comma nor a line end.
        guard significantCount(fields) == significantCount(source) else {
            throw .malformedFile(location: "line \(line)", reason: textAfterClosingQuote)
        }
        // A field with q quotes in it must have been written quoted, with each quote doubled: 2 + 2q.
        let needed = fields.reduce(0) { total, field in
            let inside = quoteCount(field)
            return inside == 0 ? total : total + 2 + 2 * inside
        }
        guard quotes >= needed else {
            throw .malformedFile(
                location: "line \(line)", reason: "a field holding a quote must be quoted, with the quote doubled")
        }
    }

    private static func quoteCount(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.count { $0 == "\"" }
    }

    /// Whether a character is a blank CSV.swift trims: one of `CharacterSet.whitespaces` (tab, the
    /// space separators and U+200B, checked scalar by scalar against Foundation's set), tested
    /// without Foundation, whose character sets and trimming took three quarters of the time to
    /// read a 50 000-line file.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// The text without the blanks around it.
    private static func trimmingBlanks(_ text: some StringProtocol) -> Substring {
        let scalars = Substring(text).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// The characters that survive reading: all but quotes, line breaks and blanks.
    private static func significantCount(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.count { $0 != "\"" && $0 != "\n" && $0 != "\r" && !isBlank($0) }
    }

    /// The characters of `fields` that survive reading, and the separators between them.
    private static func significantCount(_ fields: [String]) -> Int {
        fields.reduce(fields.count - 1) { $0 + significantCount($1) }
    }
}
