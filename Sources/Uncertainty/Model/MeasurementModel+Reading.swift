internal import EquivalenceSupport
import Foundation

extension MeasurementModel {
    /// Reads a model file (JSON).
    ///
    /// - Throws: ``UncertaintyError/unreadableFile(path:reason:)`` when the file cannot be read,
    ///   ``UncertaintyError/malformedModel(file:field:reason:)`` naming the file as given and the
    ///   JSON path of a missing, mistyped or unknown field; the model's validation errors.
    public init(contentsOf url: URL) throws(UncertaintyError) {
        let data: Data
        do {
            data = try InputFile.contents(of: url)
        } catch {
            throw .unreadableFile(path: error.path, reason: error.reason)
        }
        do {
            try self.init(json: data)
        } catch {
            guard case .malformedModel(nil, let field, let reason) = error else { throw error }
            throw .malformedModel(file: InputFile.displayPath(url), field: field, reason: reason)
        }
    }

    /// Decodes a model from JSON text.
    ///
    /// - Throws: ``UncertaintyError/malformedModel(file:field:reason:)``.
    public init(json data: Data) throws(UncertaintyError) {
        do {
            self = try JSONDecoder().decode(MeasurementModel.self, from: data)
        } catch let error as UncertaintyError {
            throw error
        } catch let error as DecodingError {
            let problem = DecodingProblem(error, in: data)
            throw .malformedModel(field: problem.location(empty: "model"), reason: problem.reason)
        } catch {
            throw .malformedModel(field: "model", reason: "\(error)")
        }
    }
}
