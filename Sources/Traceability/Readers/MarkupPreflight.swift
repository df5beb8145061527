import Foundation

/// The byte-level check every XML document passes before it reaches FoundationXML's `XMLParser`:
/// well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) and no
/// NUL character (XML 1.0 §2.2 excludes U+0000).
///
/// `XMLParser` (libxml2 underneath) traps on an invalid UTF-8 byte inside an element name
/// ("Illegal instruction" in `_NSXMLParserStartElementNs`, issue 13), so input it cannot take is
/// refused here with the line and column of the first bad byte. DCC, D-SI and BIPM KC files are
/// UTF-8 by their schemas; a document in another encoding is refused the same way.
///
///     try MarkupPreflight.check(Data([0x3C, 0x61, 0xEA, 0x3E]))   // line 1, column 3: invalid UTF-8
enum MarkupPreflight {
    /// Throws at the first byte that is not part of a well-formed UTF-8 sequence, or at a NUL.
    ///
    /// - Throws: ``TraceabilityError/malformedFile(file:location:reason:)`` at `line L, column C`
    ///   (1-based; columns count characters) with the byte in hexadecimal.
    /// - Complexity: O(n), one pass over the bytes.
    static func check(_ data: Data) throws(TraceabilityError) {
        var line = 1
        var column = 1
        var index = data.startIndex
        let end = data.endIndex
        while index < end {
            let lead = data[index]
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0x00:
                throw .malformedFile(
                    location: "line \(line), column \(column)", reason: "a NUL byte, which XML does not allow")
            case 0x01...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, lower) = (3, 0xA0)  // no overlong three-byte forms
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, upper) = (3, 0x9F)  // no UTF-16 surrogates
            case 0xF0: (length, lower) = (4, 0x90)  // no overlong four-byte forms
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, upper) = (4, 0x8F)  // nothing above U+10FFFF
            default: length = 0
            }
            var valid = length > 0 && end - index >= length
            if valid && length > 1 {
                let second = data[index + 1]
                valid = second >= lower && second <= upper
                for offset in 2..<max(length, 2) where valid {
                    valid = (0x80...0xBF).contains(data[index + offset])
                }
            }
            guard valid else {
                let byte = String(lead, radix: 16, uppercase: true)
                throw .malformedFile(
                    location: "line \(line), column \(column)",
                    reason:
                        "byte 0x\(byte.count == 1 ? "0" + byte : byte) is not valid UTF-8 (DCC, D-SI and BIPM files are UTF-8)"
                )
            }
            if lead == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
    }
}
