/// What can be wrong with a traceability graph or a file that describes one.
public enum TraceabilityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file could not be read: where, and why.
    case malformedFile(location: String, reason: String)

    public var description: String {
        switch self {
        case .malformedFile(let location, let reason): "\(location): \(reason)"
        }
    }
}
