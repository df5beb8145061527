/// JSON output of Equivalence's documents (evaluations, propagation results, traceability
/// reports).
///
/// Keys appear in the order the types declare them — the order of DESIGN.md's examples —
/// rather than hashed or sorted, so the output reads like the documentation and diffs stay
/// stable. Doubles are written in the shortest form that reads back to the same value; nil
/// optionals are omitted; NaN and infinities are refused (an output never contains them).
///
///     try JSONOutput.string(evaluation)   // {"comparison": "CCQM-K25", "method": "weighted-mean", …}
public enum JSONOutput {
    /// Encodes a document as pretty-printed UTF-8 JSON text (two-space indentation) ending with
    /// a newline.
    ///
    /// - Throws: `EncodingError.invalidValue` for a NaN or an infinity, naming its coding path.
    public static func string(_ value: some Encodable) throws -> String {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        var text = ""
        encoder.root.node().write(to: &text, indentation: 0)
        return text + "\n"
    }

    /// Encodes a document on one line, without insignificant white space.
    public static func compactString(_ value: some Encodable) throws -> String {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        var text = ""
        encoder.root.node().write(to: &text, indentation: nil)
        return text
    }
}

/// A JSON value whose objects keep their keys in insertion order.
private indirect enum JSONNode {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    func write(to text: inout String, indentation: Int?) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return text += "{}" }
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                Self.newline(&text, indentation.map { $0 + 1 })
                Self.writeString(key, to: &text)
                text += indentation == nil ? ":" : ": "
                value.write(to: &text, indentation: indentation.map { $0 + 1 })
            }
            Self.newline(&text, indentation)
            text += "}"
        case .array(let elements):
            guard !elements.isEmpty else { return text += "[]" }
            // Arrays of scalars (intervals, matrix rows) stay on one line.
            let scalars = elements.allSatisfy {
                switch $0 {
                case .object, .array: false
                default: true
                }
            }
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += scalars && indentation != nil ? ", " : "," }
                if !scalars { Self.newline(&text, indentation.map { $0 + 1 }) }
                element.write(to: &text, indentation: indentation.map { $0 + 1 })
            }
            if !scalars { Self.newline(&text, indentation) }
            text += "]"
        case .string(let string):
            Self.writeString(string, to: &text)
        case .number(let literal):
            text += literal
        case .bool(let value):
            text += value ? "true" : "false"
        case .null:
            text += "null"
        }
    }

    private static func newline(_ text: inout String, _ indentation: Int?) {
        guard let indentation else { return }
        text += "\n" + String(repeating: "  ", count: indentation)
    }

    private static func writeString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

/// A node of the tree under construction. Containers hold references to their children, so a
/// nested container can keep writing after its parent has moved on.
private final class NodeBox {
    enum Content {
        case unset
        case object([(String, NodeBox)])
        case array([NodeBox])
        case scalar(JSONNode)
    }

    var content: Content = .unset

    init() {}
    init(_ scalar: JSONNode) { content = .scalar(scalar) }

    /// A child box under `key`; the object keeps the first position of a key written twice.
    func child(forKey key: String) -> NodeBox {
        let box = NodeBox()
        set(box, forKey: key)
        return box
    }

    func set(_ box: NodeBox, forKey key: String) {
        var members: [(String, NodeBox)] = []
        if case .object(let existing) = content { members = existing }
        if let index = members.firstIndex(where: { $0.0 == key }) {
            members[index].1 = box
        } else {
            members.append((key, box))
        }
        content = .object(members)
    }

    func appendChild() -> NodeBox {
        let box = NodeBox()
        var elements: [NodeBox] = []
        if case .array(let existing) = content { elements = existing }
        elements.append(box)
        content = .array(elements)
        return box
    }

    func makeObject() { if case .object = content {} else { content = .object([]) } }
    func makeArray() { if case .array = content {} else { content = .array([]) } }

    func node() -> JSONNode {
        switch content {
        case .unset: .object([])
        case .object(let members): .object(members.map { ($0.0, $0.1.node()) })
        case .array(let elements): .array(elements.map { $0.node() })
        case .scalar(let scalar): scalar
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

/// Builds a tree of `NodeBox`es from `Encodable` values (objects keep the encoding order).
private struct TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let root: NodeBox

    init(codingPath: [any CodingKey], root: NodeBox = NodeBox()) {
        self.codingPath = codingPath
        self.root = root
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        root.makeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(box: root, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        root.makeArray()
        return UnkeyedContainer(box: root, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(box: root, codingPath: codingPath)
    }

    /// Encodes `value` into `box`: scalars directly, anything else through a child encoder.
    static func encode(_ value: some Encodable, into box: NodeBox, at path: [any CodingKey]) throws {
        switch value {
        case let double as Double: box.content = .scalar(try number(double, at: path))
        case let float as Float: box.content = .scalar(try number(Double(float), at: path))
        case let string as String: box.content = .scalar(.string(string))
        case let bool as Bool: box.content = .scalar(.bool(bool))
        case let int as Int: box.content = .scalar(.number("\(int)"))
        case let uint as UInt64: box.content = .scalar(.number("\(uint)"))
        default: try value.encode(to: TreeEncoder(codingPath: path, root: box))
        }
    }

    static func number(_ value: Double, at path: [any CodingKey]) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: path, debugDescription: "\(value) cannot be written in JSON"))
        }
        // Swift's description is the shortest representation that round-trips; "1e-05" is valid JSON.
        return .number(value == 0 ? "0" : "\(value)")
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.set(NodeBox(.null), forKey: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try TreeEncoder.encode(value, into: box.child(forKey: key.stringValue), at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(codingPath: codingPath + [key], root: box.child(forKey: key.stringValue)).container(
            keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(codingPath: codingPath + [key], root: box.child(forKey: key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(codingPath: codingPath, root: box.child(forKey: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(codingPath: codingPath + [key], root: box.child(forKey: key.stringValue))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var count: Int = 0

    private mutating func next() -> (NodeBox, [any CodingKey]) {
        defer { count += 1 }
        return (box.appendChild(), codingPath + [AnyKey(intValue: count)])
    }

    mutating func encodeNil() throws { next().0.content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (child, path) = next()
        try TreeEncoder.encode(value, into: child, at: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let (child, path) = next()
        return TreeEncoder(codingPath: path, root: child).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (child, path) = next()
        return TreeEncoder(codingPath: path, root: child).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (child, path) = next()
        return TreeEncoder(codingPath: path, root: child)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TreeEncoder.encode(value, into: box, at: codingPath)
    }
}
