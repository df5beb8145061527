import Foundation
import Testing

@testable import Traceability

/// Reading and writing `*.traceability.json`: the fields of issue 5 item 2, round trip, and the
/// typed errors that name the node and field.
@Suite("Graph file")
struct TraceabilityDocumentTests {
    static let sample = #"""
        {
          "anchors": [ { "id": "PTB-kg", "kind": "si-realization", "quantity": "mass", "unit": "kg",
                         "holder": "PTB", "value": 1, "standardUncertainty": 1e-8 } ],
          "organizations": [
            { "id": "PTB", "kind": "nmi", "country": "DE", "rmo": "EURAMET",
              "qualitySystem": [ { "status": "accepted", "from": "2000-01-01" } ] },
            { "id": "LabA", "kind": "accredited-laboratory", "country": "DE",
              "accreditations": [ { "body": "DAkkS", "signatory": true, "from": "2015-01-01", "scope": ["LabA-mass"] } ] }
          ],
          "cmcs": [
            { "id": "PTB-mass", "organization": "PTB", "quantity": "mass", "unit": "kg",
              "range": { "lower": 0.001, "upper": 10 }, "uncertainty": { "absolute": 2e-8, "relative": 1e-8 },
              "coverageFactor": 2, "status": [ { "status": "published", "from": "2010-01-01" } ] },
            { "id": "LabA-mass", "organization": "LabA", "quantity": "mass", "unit": "g",
              "range": { "lower": 1, "upper": 5000 }, "uncertainty": { "relative": 1e-6 },
              "coverageFactor": 2, "status": [ { "status": "published", "from": "2015-01-01" } ] }
          ],
          "items": [ { "id": "W1", "name": "1 kg weight", "holder": "LabA", "role": "reference" } ],
          "calibrations": [
            { "id": "cal-ptb-1", "issuer": "PTB", "item": "W1", "date": "2024-01-10", "validUntil": "2026-01-10",
              "quantity": "mass", "unit": "kg", "value": 1.0000002, "expandedUncertainty": 1e-7, "coverageFactor": 2,
              "references": [ { "anchor": "PTB-kg" } ], "cmc": "PTB-mass",
              "documentHash": { "algorithm": "SHA256", "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } },
            { "id": "cal-laba-1", "issuer": "LabA", "item": "W2", "date": "2024-06-01", "recalibrationInterval": "P1Y",
              "quantity": "mass", "unit": "g",
              "points": [
                { "id": "1kg", "value": 1000.0003, "standardUncertainty": 0.0002,
                  "references": [ { "calibration": "cal-ptb-1", "usedAt": 1.0 } ] },
                { "value": 500.0001, "standardUncertainty": 0.00015 }
              ],
              "references": [ { "calibration": "cal-ptb-1", "sensitivity": 0.5,
                               "certificateHash": { "algorithm": "SHA-256", "value": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08" } } ],
              "validityRange": { "lower": 1, "upper": 5000 } }
          ],
          "comparisons": [ { "id": "K1", "participants": [ { "laboratory": "LabA", "result": "cal-laba-1#1kg" } ] } ]
        }
        """#

    @Test func readsEveryFieldOfTheFormat() throws {
        let document = try TraceabilityDocument(jsonData: Data(Self.sample.utf8))
        #expect(document.anchors.count == 1 && document.organizations.count == 2 && document.cmcs.count == 2)
        let anchor = try #require(document.anchors.first)
        #expect(anchor.kind == .siRealization && anchor.kind.isSI && anchor.standardUncertainty == 1e-8)

        let ptb = try #require(document.calibrations.first)
        #expect(ptb.date == CalendarDate(year: 2024, month: 1, day: 10))
        #expect(ptb.expiry == CalendarDate(year: 2026, month: 1, day: 10))
        #expect(ptb.points.count == 1 && ptb.points[0].uncertainty == .expanded(1e-7, coverageFactor: 2))
        // u = U/k exactly: 1e-7/2 is one correctly rounded division.
        #expect(ptb.points[0].standardUncertainty == 1e-7 / 2)
        #expect(ptb.points[0].references == [CalibrationReference(.anchor("PTB-kg"))])

        let lab = try #require(document.calibrations.last)
        #expect(lab.expiry == CalendarDate(year: 2025, month: 6, day: 1))
        #expect(lab.points.count == 2)
        #expect(lab.pointID(0) == "1kg" && lab.pointID(1) == "2")
        #expect(lab.points[0].references[0].usedAt == 1.0)
        // The second point has no references of its own: it inherits the certificate-level ones.
        #expect(lab.points[1].references[0].sensitivity == 0.5)
        let hash = try #require(lab.points[1].references[0].certificateHash)
        let documentHash = try #require(ptb.documentHash)
        #expect(hash.isVerifiable && hash.matches(documentHash))

        let cmc = try #require(document.cmcs.first)
        // U(x) = √(a² + (b·x)²) at x = 1 kg: √(4e-16 + 1e-16).
        #expect(abs(cmc.uncertainty.expandedUncertainty(at: 1) - (5e-16).squareRoot()) < 1e-24)
        #expect(cmc.status(at: CalendarDate(year: 2009, month: 12, day: 31)!) == nil)
        #expect(cmc.status(at: CalendarDate(year: 2024, month: 1, day: 1)!) == .published)
    }

    @Test func writesAndReadsBackTheSameDocument() throws {
        let document = try TraceabilityDocument(jsonData: Data(Self.sample.utf8))
        let written = try document.jsonData()
        let again = try TraceabilityDocument(jsonData: written)
        #expect(again == document)
        #expect(try again.jsonData() == written)
    }

    @Test func indexesNodesAndResolvesReferences() throws {
        let graph = try TraceabilityGraph(TraceabilityDocument(jsonData: Data(Self.sample.utf8)))
        #expect(graph.pointCount == 3)
        #expect(graph.resultIdentifiers == ["cal-laba-1"])
        #expect(try graph.resultPoint("cal-ptb-1") == 0)
        #expect(try graph.resultPoint("cal-laba-1#2") == 2)
        #expect(throws: TraceabilityError.ambiguousResult(calibration: "cal-laba-1", points: ["1kg", "2"])) {
            try graph.resultPoint("cal-laba-1")
        }
        #expect(throws: TraceabilityError.unknownResult("cal-x")) { try graph.resultPoint("cal-x") }
        // Point 0 of cal-laba-1 → point 0 (cal-ptb-1); cal-ptb-1 → anchor 0, coded −1.
        #expect(Array(graph.referenceTargets) == [-1, 0, 0])
    }

    // MARK: Errors name the node and the field

    static func replacing(_ old: String, with new: String) -> Data {
        Data(sample.replacingOccurrences(of: old, with: new).utf8)
    }

    @Test func badDateNamesNodeAndField() {
        #expect(
            throws: TraceabilityError.invalidField(
                node: "cal-ptb-1", field: "date", reason: "expected an ISO 8601 date (YYYY-MM-DD), found '2024-02-30'")
        ) {
            try TraceabilityDocument(jsonData: Self.replacing(#""date": "2024-01-10""#, with: #""date": "2024-02-30""#))
        }
        #expect(
            throws: TraceabilityError.invalidField(
                node: "PTB", field: "qualitySystem[0].from",
                reason: "expected an ISO 8601 date (YYYY-MM-DD), found '1st Jan'")
        ) { try TraceabilityDocument(jsonData: Self.replacing(#""from": "2000-01-01""#, with: #""from": "1st Jan""#)) }
    }

    @Test func uncertaintyProblemsAreTypedErrors() {
        #expect(
            throws: TraceabilityError.invalidField(
                node: "cal-ptb-1", field: "coverageFactor",
                reason: "a coverage factor must be a finite number of at least 1 (U = k·u, GUM 6.2.1), found 0.5")
        ) {
            try TraceabilityDocument(
                jsonData: Self.replacing(
                    #""expandedUncertainty": 1e-7, "coverageFactor": 2"#,
                    with: #""expandedUncertainty": 1e-7, "coverageFactor": 0.5"#))
        }
        #expect(
            throws: TraceabilityError.invalidField(
                node: "cal-laba-1", field: "points[0].standardUncertainty", reason: "must be positive, found -0.0002")
        ) {
            try TraceabilityDocument(
                jsonData: Self.replacing(#""standardUncertainty": 0.0002"#, with: #""standardUncertainty": -0.0002"#))
        }
        #expect(
            throws: TraceabilityError.invalidField(
                node: "cal-laba-1", field: "points[1].value", reason: "required field 'value' is missing")
        ) { try TraceabilityDocument(jsonData: Self.replacing(#""value": 500.0001,"#, with: "")) }
    }

    @Test func validityBeforeTheCalibrationDateIsAnError() {
        #expect(
            throws: TraceabilityError.invalidField(
                node: "cal-ptb-1", field: "validUntil", reason: "2023-01-10 precedes the calibration date 2024-01-10")
        ) {
            try TraceabilityDocument(
                jsonData: Self.replacing(#""validUntil": "2026-01-10""#, with: #""validUntil": "2023-01-10""#))
        }
    }

    @Test func unknownKindListsTheAcceptedValues() throws {
        let error = try #require(
            throws: TraceabilityError.self,
            performing: {
                try TraceabilityDocument(
                    jsonData: Self.replacing(#""kind": "si-realization""#, with: #""kind": "si""#))
            })
        guard case .invalidField(let node, let field, let reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(node == "PTB-kg" && field == "kind" && reason.contains("'consensus-standard'"))
    }

    @Test func duplicateIdsAndUnknownCatalogReferencesFailIndexing() throws {
        let duplicate = try TraceabilityDocument(
            jsonData: Self.replacing(#""id": "cal-laba-1""#, with: #""id": "PTB-mass""#))
        #expect(throws: TraceabilityError.duplicateIdentifier("PTB-mass")) { try TraceabilityGraph(duplicate) }
        let unknownIssuer = try TraceabilityDocument(
            jsonData: Self.replacing(#""issuer": "LabA""#, with: #""issuer": "LabB""#))
        #expect(throws: TraceabilityError.unknownIdentifier(node: "cal-laba-1", field: "issuer", identifier: "LabB")) {
            try TraceabilityGraph(unknownIssuer)
        }
        let unknownResult = try TraceabilityDocument(
            jsonData: Self.replacing(#""result": "cal-laba-1#1kg""#, with: #""result": "cal-laba-1#9""#))
        #expect(
            throws: TraceabilityError.unknownIdentifier(
                node: "K1", field: "participants[0].result", identifier: "cal-laba-1#9")
        ) { try TraceabilityGraph(unknownResult) }
    }

    @Test func aDanglingCertificateReferenceIsNotAReadingError() throws {
        // It is a finding of the checker (UNRESOLVED_REFERENCE): graphs are often partial.
        let document = try TraceabilityDocument(
            jsonData: Self.replacing(
                #"{ "calibration": "cal-ptb-1", "usedAt""#, with: #"{ "calibration": "cal-zz", "usedAt""#))
        let graph = try TraceabilityGraph(document)
        #expect(graph.referenceTargets[1] == TraceabilityGraph.unresolvedTarget)
    }

    @Test func notJSONIsAMalformedFile() {
        #expect(throws: TraceabilityError.self) { try TraceabilityDocument(jsonData: Data("{ nope".utf8)) }
        #expect(
            throws: TraceabilityError.malformedFile(
                location: "calibrations[0].id", reason: "required field 'id' is missing")
        ) { try TraceabilityDocument(jsonData: Data(#"{"calibrations": [ { "issuer": "X" } ]}"#.utf8)) }
    }
}

@Suite("Calendar dates and intervals")
struct CalendarDateTests {
    @Test func civilDaysRoundTrip() throws {
        // 1970-01-01 is day 0; 2000-03-01 is day 11017 (cross-checked with Python's
        // datetime.date(2000, 3, 1).toordinal() − date(1970, 1, 1).toordinal()).
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11017)
        #expect(CalendarDate(year: 1957, month: 8, day: 13)?.daysSinceEpoch == -4524)
        for day in stride(from: -719_000, through: 2_932_000, by: 997) {
            let date = CalendarDate(daysSinceEpoch: day)
            #expect(CalendarDate(iso8601: date.description) == date)
        }
        #expect(CalendarDate(iso8601: "2023-02-29") == nil)
        #expect(CalendarDate(iso8601: "2024-02-29Z") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso8601: "2024-02-29T12:00:00+01:00") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso8601: "2024/02/29") == nil)
    }

    @Test func intervalsFollowTheCalendar() throws {
        let interval = try #require(RecalibrationInterval(iso8601: "P1Y6M"))
        #expect(interval == RecalibrationInterval(years: 1, months: 6))
        let leap = try #require(CalendarDate(iso8601: "2024-02-29"))
        #expect(leap.adding(RecalibrationInterval(years: 1)).description == "2025-02-28")
        #expect(
            try #require(CalendarDate(iso8601: "2024-01-31")).adding(RecalibrationInterval(months: 1)).description
                == "2024-02-29")
        #expect(leap.adding(try #require(RecalibrationInterval(iso8601: "P2W"))).description == "2024-03-14")
        #expect(RecalibrationInterval(iso8601: "P0D")?.isOnDemand == true)
        #expect(RecalibrationInterval(iso8601: "PT12H") == nil)
        #expect(RecalibrationInterval(iso8601: "P1M1Y") == nil)
        #expect(RecalibrationInterval(iso8601: "P") == nil)
    }
}
