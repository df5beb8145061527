internal import EquivalenceSupport
import Foundation

extension KCDBCalibrationCapability {
    /// Reads CMC records from a KCDB JSON file.
    ///
    /// - Throws: ``TraceabilityError/unreadableFile(path:reason:)``, and the errors of
    ///   ``records(from:location:)`` naming the file as given.
    public static func records(contentsOf url: URL) throws(TraceabilityError) -> [KCDBCalibrationCapability] {
        try TraceabilityError.reading(url) { data, file throws(TraceabilityError) in
            try records(from: data, location: file)
        }
    }

    /// Reads CMC records from KCDB JSON in any of the shapes the API and its clients produce: a
    /// search page (`{ "versionApiKcdb": …, "data": [records] }`), an array of records or pages,
    /// a single record, or an object whose members are pages (as in the reconstructed sample,
    /// which holds a physics and a radiation page). A record is an object with `kcdbCode`.
    ///
    /// - Parameter location: the file name the errors give.
    /// - Throws: ``TraceabilityError/malformedFile(file:location:reason:)`` naming the record's
    ///   position (`$.data[2].uncertaintyTable`) when JSON is invalid, a record lacks `kcdbCode`, or
    ///   a field has the wrong type.
    public static func records(from data: Data, location: String) throws(TraceabilityError)
        -> [KCDBCalibrationCapability]
    {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            guard let syntax = JSONSyntaxCheck.firstError(in: data) else {
                throw .malformedFile(
                    file: location, location: "(document)", reason: "not valid JSON (\(error.localizedDescription))")
            }
            throw .malformedFile(file: location, location: syntax.location, reason: "not valid JSON: \(syntax.reason)")
        }
        var found: [(path: String, record: [String: Any])] = []
        collect(object, path: "$", into: &found)
        guard !found.isEmpty else {
            throw .malformedFile(
                file: location, location: "(document)", reason: "no KCDB CMC record (an object with kcdbCode) found")
        }
        var records: [KCDBCalibrationCapability] = []
        let decoder = JSONDecoder()
        for (path, record) in found {
            do {
                let recordData = try JSONSerialization.data(withJSONObject: record)
                records.append(try decoder.decode(KCDBCalibrationCapability.self, from: recordData))
            } catch let error as DecodingError {
                let problem = DecodingProblem(error)
                let field = CodingPathKey.path(problem.keys, empty: "")
                throw .malformedFile(
                    file: location, location: field.isEmpty ? path : "\(path).\(field)", reason: problem.reason)
            } catch {
                throw .malformedFile(file: location, location: path, reason: "\(error)")
            }
        }
        for (record, (path, _)) in zip(records, found) { try checkCoverage(of: record, at: path, file: location) }
        return records
    }

    /// Refuses a record whose `coverageFactor` is below 1 or whose `confidenceLevel` (percent) is
    /// not in (0, 100), by EquivalenceSupport's `CoverageBounds`, the rule every format applies.
    private static func checkCoverage(
        of record: KCDBCalibrationCapability, at path: String, file: String
    ) throws(TraceabilityError) {
        if let k = record.coverageFactor, let problem = CoverageBounds.coverageFactorProblem(k) {
            throw .malformedFile(
                file: file, location: "\(path).coverageFactor", reason: "CMC \(record.kcdbCode): \(problem)")
        }
        if let level = record.confidenceLevel, let problem = CoverageBounds.confidenceLevelProblem(percent: level) {
            throw .malformedFile(
                file: file, location: "\(path).confidenceLevel", reason: "CMC \(record.kcdbCode): \(problem)")
        }
    }

    /// Walks pages, arrays and wrapper objects down to the record objects, in document order
    /// (object members sorted by key, since JSON objects are unordered).
    private static func collect(_ object: Any, path: String, into found: inout [(path: String, record: [String: Any])])
    {
        if let array = object as? [Any] {
            for (index, element) in array.enumerated() { collect(element, path: "\(path)[\(index)]", into: &found) }
        } else if let dictionary = object as? [String: Any] {
            if dictionary["kcdbCode"] != nil {
                found.append((path, dictionary))
            } else if let data = dictionary["data"] as? [Any] {
                collect(data, path: "\(path).data", into: &found)
            } else {
                for key in dictionary.keys.sorted() where !key.hasPrefix("_") {
                    if let value = dictionary[key], value is [Any] || value is [String: Any] {
                        collect(value, path: "\(path).\(key)", into: &found)
                    }
                }
            }
        }
    }
}
