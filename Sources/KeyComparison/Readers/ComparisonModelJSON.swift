internal import EquivalenceSupport
import Foundation
import LinearAlgebra

/// The comparison-model file format (`*.comparison-model.json`; `Schemas/comparison-model.schema.json`
/// and the DocC article "Comparison models"):
///
///     { "identifier": "CCM.M-K1 + APMP.M.M-K1", "unit": "mg", "laboratoryBias": "common",
///       "readings": [ { "identifier": "PTB/CCM", "laboratory": "PTB", "comparison": "CCM.M-K1",
///                       "value": 0.012, "standardUncertainty": 0.020 }, … ],
///       "correlations": [ { "readings": ["PTB/CCM", "PTB/APMP"], "coefficient": 0.5 } ],
///       "covarianceBlocks": [ { "readings": ["a", "b"], "covariance": [[…], […]] } ],
///       "sharedComponents": [ { "readings": ["a", "b", "c"], "standardUncertainty": 0.01 } ],
///       "drift": [ { "artefact": "T1", "kind": "linear", "referenceTime": 0 } ],
///       "referenceValue": { "kind": "weightedMean", "comparison": "CCM.M-K1" } }
///
/// A reading gives `standardUncertainty`, or `expandedUncertainty` with `coverageFactor`;
/// `kind` is `measurement` (default) or `degreeOfEquivalence`. `referenceValue` is
/// `weightedMean` (optional `laboratories`, `comparison`; the default), `pilot` (`laboratory`) or
/// `linkingInvariant` (`comparison`). Unknown fields are errors.
extension ComparisonModel: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case identifier, measurand, unit, laboratoryBias, readings, correlations, covarianceBlocks, sharedComponents
        case drift, referenceValue
    }

    private struct ReadingRecord: Decodable {
        enum Keys: String, CaseIterable {
            case identifier, laboratory, comparison, artefact, point, time, loop, value, standardUncertainty
            case expandedUncertainty, coverageFactor, degreesOfFreedom, kind
        }
        var identifier: String?
        var laboratory: LaboratoryID
        var comparison: String?
        var artefact: String?
        var point: String?
        var time: Double?
        var loop: String?
        var value: Double
        var standardUncertainty: Double?
        var expandedUncertainty: Double?
        var coverageFactor: Double?
        var degreesOfFreedom: Double?
        var kind: ComparisonReading.Kind?

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(Keys.allCases.map(\.rawValue), in: "a reading")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            func key(_ k: Keys) -> AnyCodingKey { AnyCodingKey(stringValue: k.rawValue) }
            identifier = try c.decodeIfPresent(String.self, forKey: key(.identifier))
            laboratory = try c.decode(LaboratoryID.self, forKey: key(.laboratory))
            comparison = try c.decodeIfPresent(String.self, forKey: key(.comparison))
            artefact = try c.decodeIfPresent(String.self, forKey: key(.artefact))
            point = try c.decodeIfPresent(String.self, forKey: key(.point))
            time = try c.decodeIfPresent(Double.self, forKey: key(.time))
            loop = try c.decodeIfPresent(String.self, forKey: key(.loop))
            value = try c.decode(Double.self, forKey: key(.value))
            standardUncertainty = try c.decodeIfPresent(Double.self, forKey: key(.standardUncertainty))
            expandedUncertainty = try c.decodeIfPresent(Double.self, forKey: key(.expandedUncertainty))
            coverageFactor = try c.decodeIfPresent(Double.self, forKey: key(.coverageFactor))
            degreesOfFreedom = try c.decodeIfPresent(Double.self, forKey: key(.degreesOfFreedom))
            kind = try c.decodeIfPresent(ComparisonReading.Kind.self, forKey: key(.kind))
        }

        /// The reading, its uncertainty checked; `index` is the record's position in `readings`.
        func reading(index: Int) throws(KeyComparisonError) -> ComparisonReading {
            let u: Double
            switch (standardUncertainty, expandedUncertainty, coverageFactor) {
            case (let s?, nil, _):
                u = s
            case (nil, let expanded?, let k?):
                guard CoverageBounds.coverageFactorProblem(k) == nil else {
                    throw .invalidCoverageFactor(
                        field: "readings[\(index)].coverageFactor", laboratory: laboratory, value: k)
                }
                u = expanded / k
            case (nil, _, _):
                throw .missingUncertainty(laboratory: laboratory)
            case (_?, _?, _):
                throw .conflictingUncertainty(laboratory: laboratory)
            }
            return ComparisonReading(
                identifier: identifier, laboratory: laboratory, comparison: comparison, artefact: artefact,
                point: point,
                time: time, loop: loop, value: value, standardUncertainty: u, degreesOfFreedom: degreesOfFreedom,
                kind: kind ?? .measurement)
        }
    }

    private struct BlockRecord: Decodable {
        var readings: [String]
        var covariance: [[Double]]

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(["readings", "covariance"], in: "a covariance block")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            readings = try c.decode([String].self, forKey: AnyCodingKey(stringValue: "readings"))
            covariance = try c.decode([[Double]].self, forKey: AnyCodingKey(stringValue: "covariance"))
        }
    }

    private struct CorrelationRecord: Decodable {
        var correlation: ReadingCovariance.ReadingCorrelation

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(["readings", "coefficient"], in: "a correlation")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            let readings = try c.decode([String].self, forKey: AnyCodingKey(stringValue: "readings"))
            correlation = ReadingCovariance.ReadingCorrelation(
                readings.first ?? "", readings.count > 1 ? readings[1] : "",
                coefficient: try c.decode(Double.self, forKey: AnyCodingKey(stringValue: "coefficient")))
            correlation.readings = readings
        }
    }

    private struct SharedRecord: Decodable {
        var component: ReadingCovariance.SharedComponent

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(["readings", "standardUncertainty"], in: "a shared component")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            component = ReadingCovariance.SharedComponent(
                readings: try c.decode([String].self, forKey: AnyCodingKey(stringValue: "readings")),
                standardUncertainty: try c.decode(Double.self, forKey: AnyCodingKey(stringValue: "standardUncertainty"))
            )
        }
    }

    private struct ReferenceRecord: Decodable {
        var definition: ReferenceValueDefinition

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(["kind", "laboratories", "laboratory", "comparison"], in: "referenceValue")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            let kindKey = AnyCodingKey(stringValue: "kind")
            let kind = try c.decodeIfPresent(String.self, forKey: kindKey) ?? "weightedMean"
            let comparison = try c.decodeIfPresent(String.self, forKey: AnyCodingKey(stringValue: "comparison"))
            switch kind {
            case "weightedMean":
                definition = .weightedMean(
                    laboratories: try c.decodeIfPresent(
                        [LaboratoryID].self, forKey: AnyCodingKey(stringValue: "laboratories")),
                    comparison: comparison)
            case "pilot":
                definition = .pilot(try c.decode(LaboratoryID.self, forKey: AnyCodingKey(stringValue: "laboratory")))
            case "linkingInvariant":
                definition = .linkingInvariant(
                    comparison: try c.decode(String.self, forKey: AnyCodingKey(stringValue: "comparison")))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: kindKey, in: c,
                    debugDescription: "expected weightedMean, pilot or linkingInvariant, found '\(kind)'")
            }
        }
    }

    private struct DriftRecord: Decodable {
        var model: DriftModel

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(["comparison", "artefact", "kind", "referenceTime"], in: "a drift")
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            model = DriftModel(
                comparison: try c.decodeIfPresent(String.self, forKey: AnyCodingKey(stringValue: "comparison")),
                artefact: try c.decodeIfPresent(String.self, forKey: AnyCodingKey(stringValue: "artefact")),
                kind: try c.decodeIfPresent(DriftModel.Kind.self, forKey: AnyCodingKey(stringValue: "kind")) ?? .linear,
                referenceTime: try c.decodeIfPresent(Double.self, forKey: AnyCodingKey(stringValue: "referenceTime"))
                    ?? 0)
        }
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "a comparison model")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var readings: [ComparisonReading] = []
        for (index, record) in try container.decode([ReadingRecord].self, forKey: .readings).enumerated() {
            readings.append(try record.reading(index: index))
        }
        var covariance = ReadingCovariance()
        covariance.correlations =
            (try container.decodeIfPresent([CorrelationRecord].self, forKey: .correlations) ?? []).map(\.correlation)
        covariance.sharedComponents =
            (try container.decodeIfPresent([SharedRecord].self, forKey: .sharedComponents) ?? []).map(\.component)
        for (number, block) in (try container.decodeIfPresent([BlockRecord].self, forKey: .covarianceBlocks) ?? [])
            .enumerated()
        {
            do {
                covariance.blocks.append(
                    .init(readings: block.readings, covariance: try Matrix(rowArrays: block.covariance)))
            } catch {
                throw KeyComparisonError.malformedFile(
                    location: "covarianceBlocks[\(number)].covariance", reason: error.description)
            }
        }
        try self.init(
            identifier: try container.decodeIfPresent(String.self, forKey: .identifier) ?? "",
            measurand: try container.decodeIfPresent(String.self, forKey: .measurand),
            unit: try container.decodeIfPresent(String.self, forKey: .unit),
            readings: readings, covariance: covariance,
            laboratoryBias: try container.decodeIfPresent(LaboratoryBiasModel.self, forKey: .laboratoryBias) ?? .common,
            drift: (try container.decodeIfPresent([DriftRecord].self, forKey: .drift) ?? []).map(\.model),
            referenceValue: try container.decodeIfPresent(ReferenceRecord.self, forKey: .referenceValue)?.definition
                ?? .weightedMean())
    }

    /// Reads a model from JSON data in the comparison-model format; a document in the comparison
    /// format (with `results`) is read as a ``Comparison`` and becomes its model (``init(_:)``).
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(file:location:reason:)`` with the JSON path of
    ///   the offending field, or the model's validation errors.
    public init(jsonData data: Data) throws(KeyComparisonError) {
        switch try ComparisonDocument(jsonData: data) {
        case .model(let model): self = model
        case .comparison(let comparison): self = try ComparisonModel(comparison)
        }
    }
}

/// A JSON document that is either a comparison file (it has `results`) or a comparison-model file
/// (it has `readings`): what `equivalence evaluate` reads.
public enum ComparisonDocument: Sendable {
    case comparison(Comparison)
    case model(ComparisonModel)

    /// Decodes either format, deciding by the document's top-level members (a scan of the bytes,
    /// so the document is parsed once).
    ///
    /// - Throws: ``KeyComparisonError/malformedFile(file:location:reason:)`` and the validation errors.
    public init(jsonData data: Data) throws(KeyComparisonError) {
        guard JSONTopLevelMembers.contains("readings", in: data) else {
            self = .comparison(try Comparison(jsonData: data))
            return
        }
        self = .model(try KeyComparisonError.decoding(ComparisonModel.self, from: data))
    }

    /// Reads a comparison file (JSON or CSV, as ``Comparison/init(contentsOf:)``) or a model file.
    ///
    /// - Throws: ``KeyComparisonError/unreadableFile(path:reason:)``, the format errors naming the
    ///   file as given, the validation errors.
    public init(contentsOf url: URL) throws(KeyComparisonError) {
        guard url.pathExtension.lowercased() != "csv" else {
            self = .comparison(try Comparison(contentsOf: url))
            return
        }
        self = try KeyComparisonError.reading(url) { data throws(KeyComparisonError) in
            try ComparisonDocument(jsonData: data)
        }
    }
}

extension ComparisonModel {
    /// Reads a model file (or a comparison file, as its model).
    ///
    /// - Throws: as ``ComparisonDocument/init(contentsOf:)``.
    public init(contentsOf url: URL) throws(KeyComparisonError) {
        switch try ComparisonDocument(contentsOf: url) {
        case .model(let model): self = model
        case .comparison(let comparison): self = try ComparisonModel(comparison)
        }
    }
}
