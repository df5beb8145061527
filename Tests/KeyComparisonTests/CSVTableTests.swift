import Foundation
import Testing

@testable import KeyComparison

@Suite("CSV table: RFC 4180 records with the lines they start on")
struct CSVTableTests {
    @Test func quotedLineBreaksStayInTheFieldAndLaterRecordsKeepTheirLines() throws {
        let table = try CSVTable(
            parsing: "laboratory,value\n\"PTB\nBraunschweig\",1.2\nNIST,1.3\n\"LNE\r\nParis\r\nFrance\",1.4\nNPL,1.5\n")
        #expect(table.header == CSVTable.Record(line: 1, fields: ["laboratory", "value"]))
        #expect(table.records.map(\.line) == [2, 4, 5, 8])
        #expect(table.records[0].fields == ["PTB\nBraunschweig", "1.2"])
        #expect(table.records[2].fields == ["LNE\r\nParis\r\nFrance", "1.4"])
        #expect(table.records[3].fields == ["NPL", "1.5"])
    }

    @Test(arguments: [
        ("lab,value\nA,1\n\"PTB\nBraunschweig,1.2\nNIST,1.3\n", 3),  // swallows the rest of the file
        ("lab,value\nA,1\n\"PTB\nBraunschweig,1.2", 3),  // no line break at the end
        ("lab,value\nA,\"1\"\"", 2),  // an escaped quote, then the end
        ("lab,value\nA,\"1\r", 2),  // a CR line end, which the sentinel's LF would join
        ("lab,value\n\"A\"\n\"B,2\n\n\n", 3),
        ("lab,value\nA x\"y,1\nB,2\n", 2),  // a lone quote inside a field: refused as before
        ("\"lab,value\n", 1),
    ])
    func unterminatedQuoteNamesTheLineItStartsOn(text: String, line: Int) {
        #expect(throws: KeyComparisonError.malformedFile(location: "line \(line)", reason: "unterminated quoted field"))
        {
            try CSVTable(parsing: text)
        }
    }

    @Test func doubledQuotesAreOneQuote() throws {
        let table = try CSVTable(parsing: "lab,value\n\"The \"\"Best\"\" Lab\",1\n\"\"\"\",\"\"\n")
        #expect(table.records[0].fields == ["The \"Best\" Lab", "1"])
        #expect(table.records[1].fields == ["\"", ""])
        #expect(table.records[1].field(1) == nil)
    }

    @Test func crlfAndCRLineEndsCountAsOneLine() throws {
        for end in ["\r\n", "\r"] {
            let table = try CSVTable(parsing: ["lab,value", "A,1", "", "B,2", ""].joined(separator: end))
            #expect(table.records == [.init(line: 2, fields: ["A", "1"]), .init(line: 4, fields: ["B", "2"])])
        }
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstName() throws {
        let table = try CSVTable(parsing: "\u{FEFF}laboratory,value\r\nA,1\r\n")
        #expect(table.header.fields == ["laboratory", "value"])
        #expect(table.column(named: "laboratory") == 0)
    }

    @Test func commentsAndBlankLinesAreSkippedWhereARecordStarts() throws {
        let text = [
            "# written by hand", "", "  ", "lab,value",  // lines 1-4
            "  # an indented comment with a \"quote", "# see, \"the report",  // lines 5-6
            "A,1", "\"B", "# inside a quoted field: data\",2", "", "C,3",  // lines 7-11
        ].joined(separator: "\n")
        let table = try CSVTable(parsing: text)
        #expect(table.header.line == 4)
        #expect(
            table.records == [
                .init(line: 7, fields: ["A", "1"]),
                .init(line: 8, fields: ["B\n# inside a quoted field: data", "2"]),
                .init(line: 11, fields: ["C", "3"]),
            ])
    }

    @Test func aCommentOnTheLastLineMayOpenAQuote() throws {
        let table = try CSVTable(parsing: "lab,value\nA,1\n# a, \"b")
        #expect(table.records == [.init(line: 2, fields: ["A", "1"])])
    }

    @Test func blanksAroundFieldsAndQuotesAreRemoved() throws {
        let table = try CSVTable(parsing: "lab , value\n  \"NIST, Gaithersburg\" ,\t1.5 \n")
        #expect(table.header.fields == ["lab", "value"])
        #expect(table.records[0].fields == ["NIST, Gaithersburg", "1.5"])
    }

    @Test(arguments: [
        // CSV.swift would drop the "(" and read on inside the quotes, merging PTB's line into NIST's name.
        "lab,value\n\"NIST\" (USA),1\n\"PTB\",2\n",
        // ... or, with no quote further on, to the end of the text.
        "lab,value\n\"NIST\" (USA),1\nPTB,2\n",
    ])
    func textAfterAClosingQuoteIsRefused(text: String) {
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 2", reason: "a closing quote must be followed by a comma or the end of the line")
        ) {
            try CSVTable(parsing: text)
        }
    }

    @Test(arguments: ["lab,value\nA,1\nPTB \"x\",2\n", "lab,value\nA,1\nB,2\"\"\n", "lab,value\nA,1\n1\"C, D\",2\n"])
    func aQuoteInAnUnquotedFieldIsRefused(text: String) {
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 3", reason: "a field holding a quote must be quoted, with the quote doubled")
        ) {
            try CSVTable(parsing: text)
        }
    }

    @Test func columnsAreFoundByName() throws {
        let table = try CSVTable(parsing: " Laboratory ,VALUE,u\nPTB,1.0,0.1\nNIST,,0.2,extra\n")
        #expect(table.column(named: "lab", "laboratory") == 0)
        #expect(table.column(named: "value") == 1)
        #expect(table.column(named: "standardUncertainty", "u") == 2)
        #expect(table.column(named: "degreesOfFreedom") == nil)
        let nist = table.records[1]
        #expect(nist.field(table.column(named: "laboratory")) == "NIST")
        #expect(nist.field(table.column(named: "value")) == nil)  // empty
        #expect(nist.field(table.column(named: "degreesOfFreedom")) == nil)  // no such column
        #expect(table.records[0].field(3) == nil)  // a short record
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n  \n", "\u{FEFF}"])
    func aTableWithoutRecordsIsEmpty(text: String) {
        #expect(throws: KeyComparisonError.malformedFile(location: "line 1", reason: "the file is empty")) {
            try CSVTable(parsing: text)
        }
    }

    @Test func blanksAreFoundationsWhitespaces() {
        // The blanks trimmed around fields are CSV.swift's, CharacterSet.whitespaces; every space
        // separator is in the Basic Multilingual Plane.
        let differing = (0...0xFFFF).compactMap(Unicode.Scalar.init).filter {
            CSVTable.isBlank($0) != CharacterSet.whitespaces.contains($0)
        }
        #expect(differing.isEmpty)
    }
}
