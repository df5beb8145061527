import Foundation

/// Where a JSON document first breaks RFC 8259, for the readers' error messages: Foundation's
/// `JSONDecoder` says only "The given data was not valid JSON." for a truncated file, a stray
/// comma, `NaN` or `1e400`.
///
/// The scan runs only after the decoder has failed, so a valid file costs nothing. It accepts what
/// the decoder accepts (a trailing comma before `]` or `}`) so that the position it gives is that of
/// the error the decoder met.
///
///     JSONSyntaxCheck.firstError(in: Data("{\"a\": [1,\n 1e400]}".utf8))
///     // line 2, column 2: the number 1e400 is out of the range of double precision
package struct JSONSyntaxCheck: Sendable, Hashable {
    /// 1-based line of the offending character.
    package var line: Int
    /// 1-based column (characters, not bytes) of the offending character.
    package var column: Int
    /// What is wrong there.
    package var reason: String

    /// `line L, column C`.
    package var location: String { "line \(line), column \(column)" }

    /// The first syntax error of `data`, nil when the document is well formed.
    ///
    /// - Complexity: O(n) in the bytes of the document.
    package static func firstError(in data: Data) -> JSONSyntaxCheck? {
        let bytes = [UInt8](data)
        var scanner = Scanner(bytes: bytes)
        guard let (offset, reason) = scanner.document() else { return nil }
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxCheck(line: line, column: column, reason: reason)
    }

    /// A recursive-descent scan; each method returns the offset and reason of an error, or nil.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The decoder's own limit (swift-foundation refuses deeper documents).
        let maximumDepth = 512

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() -> (Int, String)? {
            skipWhitespace()
            if let error = value(depth: 0) { return error }
            skipWhitespace()
            return index < bytes.count ? (index, "unexpected text after the end of the document") : nil
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        var endOfFile: (Int, String) { (index, "the document ends too early (a truncated file?)") }

        mutating func value(depth: Int) -> (Int, String)? {
            guard index < bytes.count else { return endOfFile }
            switch bytes[index] {
            case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), keyed: true, depth: depth)
            case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), keyed: false, depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default:
                for literal in ["true", "false", "null"] where bytes[index...].starts(with: literal.utf8) {
                    index += literal.utf8.count
                    return nil
                }
                return (index, "expected a value, found \(token())")
            }
        }

        mutating func container(close: UInt8, keyed: Bool, depth: Int) -> (Int, String)? {
            guard depth < maximumDepth else { return (index, "nested deeper than \(maximumDepth) levels") }
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                return nil
            }
            while true {
                skipWhitespace()
                if keyed {
                    guard index < bytes.count else { return endOfFile }
                    guard bytes[index] == UInt8(ascii: "\"") else {
                        return (index, "expected a field name in quotes, found \(token())")
                    }
                    if let error = string() { return error }
                    skipWhitespace()
                    guard index < bytes.count else { return endOfFile }
                    guard bytes[index] == UInt8(ascii: ":") else { return (index, "expected ':', found \(token())") }
                    index += 1
                    skipWhitespace()
                }
                if let error = value(depth: depth + 1) { return error }
                skipWhitespace()
                guard index < bytes.count else { return endOfFile }
                if bytes[index] == close {
                    index += 1
                    return nil
                }
                guard bytes[index] == UInt8(ascii: ",") else {
                    return (index, "expected ',' or '\(Character(Unicode.Scalar(close)))', found \(token())")
                }
                index += 1
                skipWhitespace()
                // A trailing comma, as the decoder allows.
                if index < bytes.count, bytes[index] == close {
                    index += 1
                    return nil
                }
            }
        }

        mutating func string() -> (Int, String)? {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return nil
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { return endOfFile }
                    let escape = bytes[index + 1]
                    if escape == UInt8(ascii: "u") {
                        let digits = bytes[min(index + 2, bytes.count)..<min(index + 6, bytes.count)]
                        guard digits.count == 4, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else {
                            return (index, "\\u must be followed by four hexadecimal digits")
                        }
                        index += 6
                    } else {
                        guard "\"\\/bfnrt".utf8.contains(escape) else {
                            return (index, "unknown escape \\\(Character(Unicode.Scalar(escape)))")
                        }
                        index += 2
                    }
                case 0x00..<0x20:
                    return (index, "a control character (such as a line break) inside a string")
                default:
                    index += 1
                }
            }
            return endOfFile
        }

        mutating func number() -> (Int, String)? {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    index += 1
                }
                return index - first
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integer = index
            guard digits() > 0 else { return (start, "expected a value, found \(token(from: start))") }
            if bytes[integer] == UInt8(ascii: "0"), index - integer > 1 {
                return (start, "a number must not start with 0 (found \(token(from: start)))")
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return (start, "a number needs digits after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits() > 0 else { return (start, "a number needs digits in its exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                return (start, "the number \(text) is out of the range of double precision (about ±1.8e308)")
            }
            return nil
        }

        /// The text at the current position, quoted, for "found …".
        func token(from start: Int? = nil) -> String {
            let from = start ?? index
            guard from < bytes.count else { return "the end of the file" }
            var end = from
            while end < bytes.count, end - from < 20, ![0x20, 0x09, 0x0A, 0x0D, 0x2C].contains(bytes[end]) { end += 1 }
            return "'\(String(decoding: bytes[from..<max(end, from + 1)], as: UTF8.self))'"
        }
    }
}
