/// A value that writes its JSON object member by member, straight into the ``JSONWriter``,
/// instead of through `Encoder`'s containers: for the types that come by the million in one
/// document (the pairwise degrees of equivalence of 2000 laboratories), where the generic path
/// costs most of the time.
///
/// The members must be exactly what the type's `encode(to:)` writes, in the same order, with nil
/// members omitted; a test of each conformance compares the two texts.
package protocol JSONObjectWritable: Encodable {
    /// Writes every member, in the order of `encode(to:)`.
    func writeJSONMembers(to object: JSONObjectWriter) throws
}

/// Writes the members of one object open in a ``JSONWriter`` (see ``JSONObjectWritable``).
package struct JSONObjectWriter {
    let state: WriterState
    let frame: Int

    /// A number member.
    ///
    /// - Throws: ``JSONWriter/NonFiniteNumber`` for a NaN or an infinity.
    package func number(_ key: String, _ value: Double) throws {
        state.beginEntry(in: frame, key: CodingPathKey(name: key), isKeyed: true)
        try state.writeNumber(value, depth: frame + 1)
    }

    /// A number member, omitted when nil.
    package func number(_ key: String, _ value: Double?) throws {
        if let value { try number(key, value) }
    }

    /// An array of numbers, omitted when nil.
    package func numbers(_ key: String, _ values: [Double]?) throws {
        guard let values else { return }
        state.beginEntry(in: frame, key: CodingPathKey(name: key), isKeyed: true)
        let array = state.openContainer(isObject: false, depth: frame + 1)
        for (position, value) in values.enumerated() {
            state.beginEntry(in: array, key: CodingPathKey(name: "\(position)", index: position), isKeyed: false)
            try state.writeNumber(value, depth: array + 1)
        }
    }

    /// An array of strings.
    package func strings(_ key: String, _ values: [String]) {
        state.beginEntry(in: frame, key: CodingPathKey(name: key), isKeyed: true)
        let array = state.openContainer(isObject: false, depth: frame + 1)
        for (position, value) in values.enumerated() {
            state.beginEntry(in: array, key: CodingPathKey(name: "\(position)", index: position), isKeyed: false)
            state.writeScalar(depth: array + 1) { $0.writeString(value) }
        }
    }
}
