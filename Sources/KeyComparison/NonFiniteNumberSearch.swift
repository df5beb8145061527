/// Finds the first floating-point number that is NaN or infinite in an `Encodable` value, with its
/// coding path (`degreesOfEquivalence`, 3, `normalizedError`).
///
/// The value is encoded into nothing: every number passes through ``SearchEncoder`` and the first
/// non-finite one is recorded. This follows whatever fields a result type has, so a field added
/// later is checked without anyone listing it, which is the point: no report may print a NaN or
/// an infinity (the project's rule), whichever estimator produced it.
///
/// - Complexity: O(size of the encoded value).
enum NonFiniteNumberSearch {
    /// The coding path of the first NaN or infinity in `value`, or nil when every number is finite.
    static func firstPath(in value: some Encodable) -> [any CodingKey]? {
        let state = SearchState()
        // The search encoder throws only to stop at the first finding.
        try? value.encode(to: SearchEncoder(state: state, codingPath: []))
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

/// Where the search has got to; shared by the containers of one search.
private final class SearchState {
    var found: [any CodingKey]?
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
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedSearch<Key>(state: state, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedSearch(state: state, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueSearch(state: state, codingPath: codingPath)
    }
}

/// Checks one number, skips the other scalars, and recurses into anything else. Every `encode`
/// of the containers comes here, the scalar overloads included (the generic method witnesses
/// them), so scalars must stop the recursion: a `String` encodes itself as a `String`.
private func visit(_ value: some Encodable, at path: [any CodingKey], state: SearchState) throws {
    let finite: Bool
    switch value {
    case let number as Double: finite = number.isFinite
    case let number as Float: finite = number.isFinite
    case is String, is Bool, is any BinaryInteger: return
    default:
        try value.encode(to: SearchEncoder(state: state, codingPath: path))
        return
    }
    guard finite else {
        state.found = path
        throw Found()
    }
}

private struct KeyedSearch<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: SearchState
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try visit(value, at: codingPath + [key], state: state)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedSearch<NestedKey>(state: state, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedSearch(state: state, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { SearchEncoder(state: state, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SearchEncoder(state: state, codingPath: codingPath + [key])
    }
}

private struct UnkeyedSearch: UnkeyedEncodingContainer {
    let state: SearchState
    var codingPath: [any CodingKey]
    var count = 0

    init(state: SearchState, codingPath: [any CodingKey]) {
        self.state = state
        self.codingPath = codingPath
    }

    private mutating func nextPath() -> [any CodingKey] {
        defer { count += 1 }
        return codingPath + [IndexKey(count)]
    }

    mutating func encodeNil() throws { count += 1 }
    mutating func encode(_ value: some Encodable) throws { try visit(value, at: nextPath(), state: state) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(KeyedSearch<NestedKey>(state: state, codingPath: nextPath()))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedSearch(state: state, codingPath: nextPath())
    }
    mutating func superEncoder() -> any Encoder { SearchEncoder(state: state, codingPath: nextPath()) }
}

private struct SingleValueSearch: SingleValueEncodingContainer {
    let state: SearchState
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws {}
    mutating func encode(_ value: some Encodable) throws { try visit(value, at: codingPath, state: state) }
}
