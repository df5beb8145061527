internal import EquivalenceSupport
import Foundation
import LinearAlgebra

/// The comparison file format (`*.comparison.json`; ARCHITECTURE.md, "File formats"):
///
///     { "identifier": "CCQM-K25", "measurand": "…", "unit": "ng/g",
///       "results": [ { "laboratory": "IRMM", "value": 34.30, "standardUncertainty": 1.03,
///                      "degreesOfFreedom": 60 },
///                    { "laboratory": "NRC", "value": 35.80, "expandedUncertainty": 0.76,
///                      "coverageFactor": 2, "includedInReferenceValue": false } ],
///       "correlations": [ { "laboratories": ["IRMM", "NRC"], "coefficient": 0.2 } ] }
///
/// `degreesOfFreedom` absent means infinite, `includedInReferenceValue` absent means true;
/// `correlations` or `covariance` (a full matrix in result order, as rows) are optional.
extension Comparison: Codable {
    private enum CodingKeys: String, CodingKey {
        case identifier, measurand, unit, results, correlations, covariance
    }

    private struct ResultRecord: Codable {
        var laboratory: LaboratoryID
        var value: Double
        var standardUncertainty: Double?
        var expandedUncertainty: Double?
        var coverageFactor: Double?
        var degreesOfFreedom: Double?
        var includedInReferenceValue: Bool?

        /// The result, its uncertainty checked; `index` is the record's position in `results`.
        func result(index: Int) throws(KeyComparisonError) -> LaboratoryResult {
            let u: Double
            switch (standardUncertainty, expandedUncertainty, coverageFactor) {
            case (let s?, nil, _):
                u = s
            case (nil, let expanded?, let k?):
                guard CoverageBounds.coverageFactorProblem(k) == nil else {
                    throw .invalidCoverageFactor(
                        field: "results[\(index)].coverageFactor", laboratory: laboratory, value: k)
                }
                guard expanded.isFinite else {
                    throw .nonFiniteValue(laboratory: laboratory, field: "expandedUncertainty")
                }
                u = expanded / k
            case (nil, _, _):
                throw .missingUncertainty(laboratory: laboratory)
            case (_?, _?, _):
                throw .conflictingUncertainty(laboratory: laboratory)
            }
            return LaboratoryResult(
                laboratory: laboratory, value: value, standardUncertainty: u, degreesOfFreedom: degreesOfFreedom,
                includedInReferenceValue: includedInReferenceValue ?? true,
                reportedCoverageFactor: expandedUncertainty == nil ? nil : coverageFactor)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let records = try container.decode([ResultRecord].self, forKey: .results)
        var results: [LaboratoryResult] = []
        for (index, record) in records.enumerated() { results.append(try record.result(index: index)) }
        let identifier = try container.decodeIfPresent(String.self, forKey: .identifier) ?? ""
        let measurand = try container.decodeIfPresent(String.self, forKey: .measurand)
        let unit = try container.decodeIfPresent(String.self, forKey: .unit)
        let correlations = try container.decodeIfPresent([Correlation].self, forKey: .correlations)
        let covarianceRows = try container.decodeIfPresent([[Double]].self, forKey: .covariance)
        if correlations != nil && covarianceRows != nil {
            throw KeyComparisonError.malformedFile(
                location: "covariance", reason: "give either correlations or covariance, not both")
        }
        if let rows = covarianceRows {
            let matrix: Matrix
            do {
                matrix = try Matrix(rowArrays: rows)
            } catch {
                throw KeyComparisonError.malformedFile(location: "covariance", reason: error.description)
            }
            try self.init(
                identifier: identifier, measurand: measurand, unit: unit, results: results, covariance: matrix)
        } else {
            try self.init(
                identifier: identifier, measurand: measurand, unit: unit, results: results,
                correlations: correlations ?? [])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identifier, forKey: .identifier)
        try container.encodeIfPresent(measurand, forKey: .measurand)
        try container.encodeIfPresent(unit, forKey: .unit)
        let records = results.map { r in
            ResultRecord(
                laboratory: r.laboratory, value: r.value, standardUncertainty: r.standardUncertainty,
                degreesOfFreedom: r.degreesOfFreedom,
                includedInReferenceValue: r.includedInReferenceValue ? nil : false)
        }
        try container.encode(records, forKey: .results)
        if isCorrelated, let v = covariance { try container.encode(v.rowArrays, forKey: .covariance) }
    }
}

extension Comparison {
    /// Reads a comparison from JSON data in the format of the comparison file.
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(file:location:reason:)`` with the JSON path of
    ///   the offending field (e.g. `results[2].value`), or the validation error naming the laboratory.
    public init(jsonData data: Data) throws(KeyComparisonError) {
        self = try KeyComparisonError.decoding(Comparison.self, from: data)
    }

    /// Reads a comparison file, JSON or CSV by its extension (`.csv` is CSV, anything else JSON).
    ///
    /// - Throws: ``KeyComparisonError/unreadableFile(path:reason:)``;
    ///   ``KeyComparisonError/malformedFile(file:location:reason:)`` naming the file as given; the
    ///   validation errors of ``init(identifier:measurand:unit:results:correlations:)``.
    public init(contentsOf url: URL) throws(KeyComparisonError) {
        self = try KeyComparisonError.reading(url) { data throws(KeyComparisonError) in
            if url.pathExtension.lowercased() == "csv" {
                let text = String(decoding: data, as: UTF8.self)
                return try Comparison(csv: text, identifier: url.deletingPathExtension().lastPathComponent)
            }
            return try Comparison(jsonData: data)
        }
    }
}
