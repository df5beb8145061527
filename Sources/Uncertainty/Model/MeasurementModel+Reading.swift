import Foundation

extension MeasurementModel {
    /// Reads a model file (JSON).
    ///
    /// - Throws: ``UncertaintyError/unreadableFile(path:reason:)`` when the file cannot be read,
    ///   ``UncertaintyError/malformedModel(field:reason:)`` naming the JSON path of a missing,
    ///   mistyped or unknown field.
    public init(contentsOf url: URL) throws(UncertaintyError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            // Foundation's message for a directory is "NSCocoaErrorDomain error 256": say what it is.
            throw .unreadableFile(
                path: url.path, reason: url.hasDirectoryPath ? "it is a directory" : error.localizedDescription)
        }
        try self.init(json: data)
    }

    /// Decodes a model from JSON text.
    ///
    /// - Throws: ``UncertaintyError/malformedModel(field:reason:)``.
    public init(json data: Data) throws(UncertaintyError) {
        do {
            self = try JSONDecoder().decode(MeasurementModel.self, from: data)
        } catch let error as DecodingError {
            let (path, reason) = error.pathAndReason
            throw .malformedModel(field: path, reason: reason)
        } catch {
            throw .malformedModel(field: "model", reason: "\(error)")
        }
    }
}
