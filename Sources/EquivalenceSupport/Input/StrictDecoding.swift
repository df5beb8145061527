/// A coding key for any string, used to list the keys an object actually has.
package struct AnyCodingKey: CodingKey {
    package var stringValue: String
    package var intValue: Int?

    package init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    package init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// Refuses an object with a key outside `known`, so that a misspelt field (`"degreesOfFredom"`)
    /// is an error rather than silently ignored.
    ///
    /// - Throws: `DecodingError.dataCorrupted` at the unknown key, listing the allowed ones.
    package func rejectUnknownKeys(_ known: [String], in type: String) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription:
                    "unknown field '\(key.stringValue)' in \(type) (allowed: \(known.joined(separator: ", ")))")
        }
    }
}
