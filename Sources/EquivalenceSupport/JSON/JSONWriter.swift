import Foundation

/// Writes `Encodable` values as JSON text in one pass, and is the package's one guard against
/// NaN and infinities in an output.
///
/// Keys appear in the order the types encode them (for synthesized conformances, the order of
/// declaration), never hashed or sorted, so documents read like their documentation and diffs stay
/// stable. Doubles are written in the shortest form that reads back to the same value (Swift's
/// `description`; `0` for ±0); nil optionals are omitted; a NaN or an infinity stops the writer
/// with ``NonFiniteNumber``, naming its coding path. Pretty output indents by two spaces and keeps
/// arrays of scalars (intervals, matrix rows) on one line.
///
/// The writer appends to one byte buffer as the value encodes itself, so its cost is linear in
/// what it writes; ``checkFinite(_:)`` runs the same walk without producing text. It relies on
/// what every conformance of this package (and every synthesized one) does: containers are
/// written strictly nested, a container being finished before its parent writes its next entry.
///
///     let text = try JSONWriter.string(evaluation, pretty: true)   // {"comparison": "CCQM-K25", …}
///
/// - Complexity: O(size of the output).
package enum JSONWriter {
    /// A NaN or an infinity where a JSON number was to be written, at this coding path.
    package struct NonFiniteNumber: Error, Sendable {
        /// The number.
        package var value: Double
        /// The keys from the root of the document to the number.
        package var keys: [CodingPathKey]
    }

    /// The JSON text of `value`: pretty-printed with two-space indentation and a final newline, or
    /// on one line without insignificant white space.
    ///
    /// - Throws: ``NonFiniteNumber`` for a NaN or an infinity; whatever the value's own
    ///   `encode(to:)` throws.
    package static func string(_ value: some Encodable, pretty: Bool) throws -> String {
        let state = WriterState(pretty: pretty, producesText: true)
        try state.encodeRoot(value)
        if pretty { state.bytes.append(UInt8(ascii: "\n")) }
        return String(decoding: state.bytes, as: UTF8.self)
    }

    /// Writes the JSON text of `value` (as ``string(_:pretty:)``) to `handle` as it is produced,
    /// in pieces of about a megabyte, so a large document never sits in memory.
    ///
    /// What was written before a NaN or an infinity stays written: check the value first
    /// (``checkFinite(_:)``, or a cheaper check of its own) when a partial document must not reach
    /// the file.
    ///
    /// - Throws: ``NonFiniteNumber``; whatever the value's own `encode(to:)` throws.
    package static func write(_ value: some Encodable, pretty: Bool, to handle: FileHandle) throws {
        let state = WriterState(pretty: pretty, producesText: true)
        state.sink = { handle.write(Data($0)) }
        try state.encodeRoot(value)
        if pretty { state.bytes.append(UInt8(ascii: "\n")) }
        handle.write(Data(state.bytes))
    }

    /// Walks `value` as ``string(_:pretty:)`` would, writing nothing.
    ///
    /// - Throws: ``NonFiniteNumber`` at the first NaN or infinity.
    package static func checkFinite(_ value: some Encodable) throws {
        let state = WriterState(pretty: false, producesText: false)
        try state.encodeRoot(value)
    }

    /// The first NaN or infinity of `value` with its path, or nil when every number is finite
    /// (the guard that keeps them out of every report and export).
    package static func firstNonFiniteNumber(in value: some Encodable) -> NonFiniteNumber? {
        do {
            try checkFinite(value)
            return nil
        } catch let found as NonFiniteNumber {
            return found
        } catch {
            // The package's documents throw nothing else while encoding.
            return nil
        }
    }
}

extension CodingPathKey {
    init(_ key: some CodingKey) { self.init(name: key.stringValue, index: key.intValue) }
    init(position: Int) { self.init(name: "\(position)", index: position) }

    /// The key as a `CodingKey` (for the `codingPath` of containers and errors).
    package var codingKey: any CodingKey { index.map { IndexKey(intValue: $0) } ?? IndexKey(stringValue: name) }
}

/// A coding key for array positions and for keys rebuilt from a ``CodingPathKey``.
struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

/// The output buffer, the stack of open containers and the key path of the value being written.
///
/// The mutable state is `@exclusivity(unchecked)`: one writer is used by one thread, and its
/// methods never hold an access across a call that re-enters the state, so the run-time
/// exclusivity checks (a third of the time of writing a large document) have nothing to find.
final class WriterState {
    enum Layout {
        /// An object, or an array whose first element has not come yet.
        case pending
        /// An array whose elements so far are scalars, written on one line; their start offsets,
        /// in case an object or array follows and the array has to be laid out one per line.
        case scalars([Int])
        /// One entry per line.
        case lines
    }

    struct Frame {
        let isObject: Bool
        var count = 0
        var layout: Layout = .pending
        /// An array entry has begun and nothing of it is written yet.
        var awaitsElement = false
    }

    @exclusivity(unchecked) var bytes: [UInt8] = []
    let pretty: Bool
    let producesText: Bool
    /// Open containers; frame d holds the entries at depth d + 1.
    @exclusivity(unchecked) var frames: [Frame] = []
    /// keys[d] is the key of the entry being written in frame d.
    @exclusivity(unchecked) var keys: [CodingPathKey] = []
    /// The number of scalars written and containers opened so far: a value that leaves it
    /// unchanged wrote nothing.
    @exclusivity(unchecked) var writes = 0
    /// Where full pieces of the text go when the writer streams (nil: it all stays in `bytes`).
    var sink: (([UInt8]) -> Void)?
    /// The size of a piece handed to the sink.
    static let pieceSize = 1 << 20

    init(pretty: Bool, producesText: Bool) {
        self.pretty = pretty
        self.producesText = producesText
        frames.reserveCapacity(16)
        keys.reserveCapacity(16)
    }

    /// Hands the text so far to the sink, unless an open array of scalars may still be laid out
    /// again (its element offsets point into `bytes`).
    func flush() {
        guard let sink else { return }
        for frame in frames {
            if case .scalars = frame.layout { return }
        }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Encoding values

    func encodeRoot(_ value: some Encodable) throws {
        try encodeValue(value, depth: 0)
        close(downTo: 0)
    }

    /// Encodes a value into the slot at `depth` (the root slot is depth 0).
    func encodeValue(_ value: some Encodable, depth: Int) throws {
        switch value {
        case let number as Double: try writeNumber(number, depth: depth)
        case let number as Float: try writeNumber(Double(number), depth: depth)
        case let string as String: writeScalar(depth: depth) { $0.writeString(string) }
        case let flag as Bool: writeScalar(depth: depth) { $0.write(flag ? "true" : "false") }
        case let integer as any BinaryInteger: writeScalar(depth: depth) { $0.write("\(integer)") }
        case let object as any JSONObjectWritable:
            try object.writeJSONMembers(
                to: JSONObjectWriter(state: self, frame: openContainer(isObject: true, depth: depth)))
        default:
            let before = writes
            try value.encode(to: SlotEncoder(state: self, depth: depth))
            // A value that opened no container and wrote nothing is an empty object.
            if writes == before {
                _ = openContainer(isObject: true, depth: depth)
            }
        }
    }

    func writeNumber(_ value: Double, depth: Int) throws {
        guard value.isFinite else {
            throw JSONWriter.NonFiniteNumber(value: value, keys: Array(keys.prefix(depth)))
        }
        writeScalar(depth: depth) { $0.write(value == 0 ? "0" : "\(value)") }
    }

    func writeNull(depth: Int) { writeScalar(depth: depth) { $0.write("null") } }

    // MARK: Slots and containers

    /// Writes a scalar into the slot at `depth` (an entry of frame depth − 1, or the root).
    func writeScalar(depth: Int, _ body: (WriterState) -> Void) {
        writes += 1
        guard producesText else { return }
        separateElement(depth: depth, isScalar: true)
        body(self)
    }

    /// Opens an object or array in the slot at `depth`, or returns the one already open there (a
    /// value may encode a second time into its own encoder, merging keys).
    func openContainer(isObject: Bool, depth: Int) -> Int {
        writes += 1
        if frames.count > depth, frames[depth].isObject == isObject {
            close(downTo: depth + 1)
            return depth
        }
        close(downTo: depth)
        if producesText {
            separateElement(depth: depth, isScalar: false)
            bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        }
        frames.append(Frame(isObject: isObject))
        return depth
    }

    /// Starts the next entry of frame `frame`: closes any container above it and, for an object,
    /// writes the separator and the key. An array's separator waits for the element's first
    /// write, which tells whether it is a scalar (a `LaboratoryID` encodes as a string).
    func beginEntry(in frame: Int, key: CodingPathKey, isKeyed: Bool) {
        close(downTo: frame + 1)
        if sink != nil, bytes.count >= Self.pieceSize { flush() }
        if keys.count > frame { keys.removeSubrange(frame...) }
        keys.append(key)
        let count = frames[frame].count
        frames[frame].count = count + 1
        guard producesText else { return }
        if isKeyed {
            if count > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indentation: frame + 1)
            writeString(key.name)
            write(pretty ? ": " : ":")
        } else {
            frames[frame].awaitsElement = true
        }
    }

    /// Writes what goes before an array element whose first output is a scalar or a container.
    private func separateElement(depth: Int, isScalar: Bool) {
        let frame = depth - 1
        guard frame >= 0, frames.count > frame, frames[frame].awaitsElement else { return }
        frames[frame].awaitsElement = false
        switch frames[frame].layout {
        case .pending:
            if isScalar {
                frames[frame].layout = .scalars([bytes.count])
            } else {
                frames[frame].layout = .lines
                newline(indentation: frame + 1)
            }
        case .scalars(var starts):
            if isScalar {
                write(pretty ? ", " : ",")
                starts.append(bytes.count)
                frames[frame].layout = .scalars(starts)
            } else {
                relayoutAsLines(frame: frame, starts: starts)
                bytes.append(UInt8(ascii: ","))
                newline(indentation: frame + 1)
            }
        case .lines:
            bytes.append(UInt8(ascii: ","))
            newline(indentation: frame + 1)
        }
    }

    /// Rewrites the scalars already written in an array one per line, when an object or array
    /// follows them (arrays in this package's documents are homogeneous, so this is rare).
    private func relayoutAsLines(frame: Int, starts: [Int]) {
        let separator = pretty ? 2 : 1
        var literals: [[UInt8]] = []
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] - separator : bytes.count
            literals.append(Array(bytes[start..<end]))
        }
        bytes.removeSubrange(starts[0]...)
        for (index, literal) in literals.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indentation: frame + 1)
            bytes.append(contentsOf: literal)
        }
        frames[frame].layout = .lines
    }

    /// Closes every open container from the innermost down to frame `depth` (inclusive).
    func close(downTo depth: Int) {
        while frames.count > depth {
            let frame = frames.removeLast()
            guard producesText else { continue }
            let level = frames.count
            if frame.isObject {
                if frame.count > 0 { newline(indentation: level) }
                bytes.append(UInt8(ascii: "}"))
            } else {
                if case .lines = frame.layout { newline(indentation: level) }
                bytes.append(UInt8(ascii: "]"))
            }
        }
    }

    // MARK: Text

    func write(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func newline(indentation: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indentation { bytes.append(contentsOf: [0x20, 0x20]) }
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped.
    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            // Runs of bytes that need no escape are appended whole.
            var start = 0
            for position in utf8.indices {
                let byte = utf8[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<position]))
                writeEscape(byte)
                start = position + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escape of a quote, a backslash or a control character (RFC 8259 §7).
    private func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
        case UInt8(ascii: "\n"): bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case UInt8(ascii: "\r"): bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case UInt8(ascii: "\t"): bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: Array("\\u00".utf8))
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }
}
