/// The `Encoder` handed to a value that fills the slot at `depth` of a ``WriterState``.
struct SlotEncoder: Encoder {
    let state: WriterState
    let depth: Int
    var codingPath: [any CodingKey] { state.keys.prefix(depth).map(\.codingKey) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(state: state, frame: state.openContainer(isObject: true, depth: depth)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(state: state, frame: state.openContainer(isObject: false, depth: depth))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueWriter(state: state, depth: depth) }
}

/// Writes the members of an object open at frame `frame`.
struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: WriterState
    let frame: Int
    var codingPath: [any CodingKey] { state.keys.prefix(frame).map(\.codingKey) }

    private func begin(_ key: Key) -> Int {
        state.beginEntry(in: frame, key: CodingPathKey(key), isKeyed: true)
        return frame + 1
    }

    mutating func encodeNil(forKey key: Key) throws { state.writeNull(depth: begin(key)) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try state.encodeValue(value, depth: begin(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(state: state, depth: begin(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(state: state, depth: begin(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        state.beginEntry(in: frame, key: CodingPathKey(name: "super"), isKeyed: true)
        return SlotEncoder(state: state, depth: frame + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { SlotEncoder(state: state, depth: begin(key)) }
}

/// Writes the elements of an array open at frame `frame`.
struct UnkeyedWriter: UnkeyedEncodingContainer {
    let state: WriterState
    let frame: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { state.keys.prefix(frame).map(\.codingKey) }

    init(state: WriterState, frame: Int) {
        self.state = state
        self.frame = frame
    }

    private mutating func next() -> Int {
        state.beginEntry(in: frame, key: CodingPathKey(position: count), isKeyed: false)
        count += 1
        return frame + 1
    }

    mutating func encodeNil() throws { state.writeNull(depth: next()) }

    mutating func encode(_ value: some Encodable) throws { try state.encodeValue(value, depth: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        SlotEncoder(state: state, depth: next()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SlotEncoder(state: state, depth: next()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(state: state, depth: next()) }
}

/// Writes the single value of the slot at `depth`.
struct SingleValueWriter: SingleValueEncodingContainer {
    let state: WriterState
    let depth: Int
    var codingPath: [any CodingKey] { state.keys.prefix(depth).map(\.codingKey) }

    mutating func encodeNil() throws { state.writeNull(depth: depth) }

    mutating func encode(_ value: some Encodable) throws { try state.encodeValue(value, depth: depth) }
}
