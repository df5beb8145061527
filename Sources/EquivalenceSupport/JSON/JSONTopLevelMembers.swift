import Foundation

/// The member names of a JSON document's top-level object, found by one pass over its bytes
/// without building anything: how a reader tells one file format from another (a comparison has
/// `results`, a comparison model `readings`) before decoding the document once.
///
/// The scan follows strings (with their escapes) and nesting only; it does not validate the
/// document, which the decoder then does with its own errors. A document that is not an object
/// has no top-level members.
package enum JSONTopLevelMembers {
    /// Whether the top-level object has a member named `name` (compared as UTF-8 bytes, so a name
    /// written with escapes in the file is not recognised; names of the formats are plain ASCII).
    ///
    /// - Complexity: O(bytes), stopping at the first match.
    package static func contains(_ name: String, in data: Data) -> Bool {
        let wanted = Array(name.utf8)
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            var depth = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    let start = index + 1
                    index = start
                    while index < count, bytes[index] != UInt8(ascii: "\"") {
                        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    let end = index
                    if depth == 1, end - start == wanted.count, isKey(after: end + 1, in: bytes),
                        zip(bytes[start..<end], wanted).allSatisfy({ $0 == $1 })
                    {
                        return true
                    }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 0, byte == UInt8(ascii: "[") { return false }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                default: break
                }
                index += 1
            }
            return false
        }
    }

    /// Whether the next byte after white space at `position` is a colon (the string was a key).
    private static func isKey(after position: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        var index = position
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: ":"): return true
            default: return false
            }
        }
        return false
    }
}
