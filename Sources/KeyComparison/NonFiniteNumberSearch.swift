/// Finds the first floating-point number that is NaN or infinite in an `Encodable` value, with its
/// coding path (`degreesOfEquivalence`, 3, `normalizedError`).
///
/// The value is encoded into nothing: every number passes through ``SearchEncoder`` and the first
/// non-finite one is recorded. This follows whatever fields a result type has, so a field added
/// later is checked without anyone listing it, which is the point: no report may print a NaN or
/// an infinity (the project's rule), whichever estimator produced it. Encoding is strictly nested,
/// so one stack of keys serves every container (no path is built per number).
///
/// - Complexity: O(size of the encoded value), one allocation per keyed container.
enum NonFiniteNumberSearch {
    /// The coding path of the first NaN or infinity in `value`, or nil when every number is finite.
    static func firstPath(in value: some Encodable) -> [any CodingKey]? {
        let state = SearchState()
        // The search encoder throws only to stop at the first finding.
        try? value.encode(to: SearchEncoder(state: state, depth: 0))
        return state.found
    }

    /// `name[index].field` for a coding path, with array positions replaced by `label(key, index)`
    /// when it gives one (a laboratory name for an entry of a list of laboratories).
    static func describe(_ path: [any CodingKey], label: (String, Int) -> String? = { _, _ in nil }) -> String {
        var text = ""
        var parent = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(label(parent, index) ?? "\(index)")]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                parent = key.stringValue
            }
        }
        return text
    }
}

/// The keys from the root to the value being encoded, and the finding. Shared by the containers
/// of one search; a container at depth d owns `keys[d...]`.
private final class SearchState {
    var keys: [any CodingKey] = []
    var found: [any CodingKey]?

    init() { keys.reserveCapacity(16) }

    /// Makes `key` the last key below depth `depth`.
    func enter(_ key: any CodingKey, at depth: Int) {
        if keys.count > depth { keys.removeSubrange(depth...) }
        keys.append(key)
    }
}

/// Thrown to stop encoding at the first non-finite number.
private struct Found: Error {}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

private struct SearchEncoder: Encoder {
    let state: SearchState
    /// The number of keys above the value this encoder encodes.
    let depth: Int
    var codingPath: [any CodingKey] { Array(state.keys.prefix(depth)) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedSearch<Key>(state: state, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedSearch(state: state, depth: depth) }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueSearch(state: state, depth: depth)
    }
}

/// Checks one number, skips the other scalars, and recurses into anything else; the value's key
/// is the last of `state.keys`, at depth `depth - 1`. Every `encode` of the containers comes here,
/// the scalar overloads included (the generic method witnesses them), so scalars must stop the
/// recursion: a `String` encodes itself as a `String`.
private func visit(_ value: some Encodable, depth: Int, state: SearchState) throws {
    let finite: Bool
    switch value {
    case let number as Double: finite = number.isFinite
    case let number as Float: finite = number.isFinite
    case is String, is Bool, is any BinaryInteger: return
    default:
        try value.encode(to: SearchEncoder(state: state, depth: depth))
        return
    }
    guard finite else {
        state.found = Array(state.keys.prefix(depth))
        throw Found()
    }
}

private struct KeyedSearch<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: SearchState
    let depth: Int
    var codingPath: [any CodingKey] { Array(state.keys.prefix(depth)) }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        state.enter(key, at: depth)
        try visit(value, depth: depth + 1, state: state)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        state.enter(key, at: depth)
        return KeyedEncodingContainer(KeyedSearch<NestedKey>(state: state, depth: depth + 1))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        state.enter(key, at: depth)
        return UnkeyedSearch(state: state, depth: depth + 1)
    }
    mutating func superEncoder() -> any Encoder { SearchEncoder(state: state, depth: depth) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        state.enter(key, at: depth)
        return SearchEncoder(state: state, depth: depth + 1)
    }
}

private struct UnkeyedSearch: UnkeyedEncodingContainer {
    let state: SearchState
    let depth: Int
    var count = 0
    var codingPath: [any CodingKey] { Array(state.keys.prefix(depth)) }

    init(state: SearchState, depth: Int) {
        self.state = state
        self.depth = depth
    }

    /// Enters the next position and returns the depth of the value there.
    private mutating func next() -> Int {
        state.enter(IndexKey(count), at: depth)
        count += 1
        return depth + 1
    }

    mutating func encodeNil() throws { count += 1 }
    mutating func encode(_ value: some Encodable) throws { try visit(value, depth: next(), state: state) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(KeyedSearch<NestedKey>(state: state, depth: next()))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedSearch(state: state, depth: next())
    }
    mutating func superEncoder() -> any Encoder { SearchEncoder(state: state, depth: next()) }
}

private struct SingleValueSearch: SingleValueEncodingContainer {
    let state: SearchState
    let depth: Int
    var codingPath: [any CodingKey] { Array(state.keys.prefix(depth)) }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: some Encodable) throws { try visit(value, depth: depth, state: state) }
}
