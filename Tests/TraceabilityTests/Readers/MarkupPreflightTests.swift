import Foundation
import Testing

@testable import Traceability

/// Input that traps FoundationXML's `XMLParser` is refused before it reaches it, with a typed
/// error naming the file, line and column (issue 13).
@Suite("XML refused before the parser")
struct MarkupPreflightTests {
    static let invalidElementName = SampleFiles.synthetic("dcc_invalid_utf8_element_name.xml")

    @Test func anInvalidUTF8ByteInAnElementNameNamesFileLineAndColumn() throws {
        let data = try Data(contentsOf: Self.invalidElementName)
        #expect(
            throws: TraceabilityError.malformedFile(
                file: "bad.xml", location: "line 52, column 9",
                reason: "byte 0xEA is not valid UTF-8 (DCC, D-SI and BIPM files are UTF-8)")
        ) { try DigitalCalibrationCertificate(data: data, location: "bad.xml") }
    }

    @Test func theFileReaderNamesTheFile() {
        do {
            _ = try DigitalCalibrationCertificate(contentsOf: Self.invalidElementName)
            Issue.record("an invalid UTF-8 byte was accepted")
        } catch {
            #expect(error.file == Self.invalidElementName.relativePath)
            #expect(error.description.contains("line 52, column 9"))
        }
    }

    @Test func theBIPMReaderIsGuardedToo() {
        let data = Data("<?xml version=\"1.0\"?>\n<kc:compa\u{0}rison/>".utf8)
        #expect(
            throws: TraceabilityError.malformedFile(
                file: "kc.xml", location: "line 2, column 10", reason: "a NUL byte, which XML does not allow")
        ) { try BIPMKeyComparison(data: data, location: "kc.xml") }
    }

    /// Overlong forms, surrogates, code points above U+10FFFF, a stray continuation byte and a
    /// sequence cut off at the end: each is refused at its column (after `<a>`, column 4).
    @Test(arguments: [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]])
    func malformedSequencesAreRefused(bytes: [UInt8]) {
        let data = Data(Array("<a>".utf8) + bytes)
        do {
            try MarkupPreflight.check(data)
            Issue.record("accepted \(bytes)")
        } catch {
            guard case .malformedFile(nil, "line 1, column 4", _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test func wellFormedMultibyteTextPasses() throws {
        try MarkupPreflight.check(Data("<a t=\"°C\">Ω 𝄞 ±2 µm</a>".utf8))
    }

    /// A truncated file and a document nested 100 000 deep are typed errors, not traps.
    @Test func truncatedAndDeeplyNestedDocumentsAreTypedErrors() throws {
        let full = try Data(contentsOf: SampleFiles.temperatureDCC)
        #expect(throws: TraceabilityError.self) {
            try DigitalCalibrationCertificate(data: full.prefix(full.count / 2), location: "t.xml")
        }
        let nested = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(throws: TraceabilityError.self) {
            try DigitalCalibrationCertificate(data: Data(nested.utf8), location: "n.xml")
        }
    }
}
