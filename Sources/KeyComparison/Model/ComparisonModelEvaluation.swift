import LinearAlgebra

/// The generalized least-squares evaluation of a ``ComparisonModel``: every unknown with the full
/// covariance of the estimates, the χ² of the model and of the consistency check, and the
/// degrees of equivalence with their covariance.
///
/// It encodes to the model-evaluation JSON (`equivalence evaluate MODEL --format json`); fields a
/// model does not produce are omitted.
public struct ComparisonModelEvaluation: Sendable, Hashable, Codable {
    /// The model's identifier.
    public var comparison: String
    /// The unit of the values and differences.
    public var unit: String?
    /// How the reference value is defined, in words.
    public var referenceValueDefinition: String
    /// The estimates of every unknown (artefact values, drifts, biases), in design order.
    public var estimates: [ModelEstimate]
    /// cov(β̂), in the order of ``estimates``.
    public var covariance: Matrix
    /// χ² = rᵀV⁻¹r of the model itself, ν = n − rank; nil when ν = 0 (nothing to test).
    public var fit: ConsistencyCheck?
    /// The χ² check of the laboratories that define a weighted-mean reference value: the same
    /// model without their biases (Cox 2002 Procedure A in the special case of one reading each).
    public var consistency: ConsistencyCheck?
    /// Degrees of equivalence, one group per point (one group when biases are common).
    public var degreesOfEquivalence: [PointDegreesOfEquivalence]

    /// The estimate of an unknown, or nil.
    public func estimate(of unknown: ModelUnknown) -> ModelEstimate? {
        estimates.first { $0.unknown == unknown }
    }

    /// The unilateral degree of equivalence of a laboratory (at a point, for per-point biases).
    public func degreeOfEquivalence(of laboratory: LaboratoryID, at point: String? = nil) -> DegreeOfEquivalence? {
        degreesOfEquivalence.first { $0.point == point }?.unilateral.first { $0.laboratory == laboratory }
    }
}

/// One estimated unknown: x̂ and u(x̂) = √cov(β̂)_jj.
public struct ModelEstimate: Sendable, Hashable, Codable {
    /// The unknown.
    public var unknown: ModelUnknown
    /// Its estimate.
    public var value: Double
    /// Its standard uncertainty.
    public var standardUncertainty: Double
}

/// The degrees of equivalence at one point (or of the common biases): unilateral, with their
/// covariance matrix, and bilateral.
public struct PointDegreesOfEquivalence: Sendable, Hashable, Codable {
    /// The point (nil when the biases are common to all points).
    public var point: String?
    /// d_l = b̂_l with u(d_l) and U(d_l) = k·u(d_l), in laboratory order.
    public var unilateral: [DegreeOfEquivalence]
    /// cov(d) among ``unilateral``: the correlations through the reference value and, in a
    /// linked comparison, through the linking laboratories.
    public var covariance: Matrix
    /// d_ij = d_i − d_j with u²(d_ij) = c_ii + c_jj − 2c_ij, for every pair i < j.
    public var pairwise: [PairwiseDegreeOfEquivalence]
}

extension ModelUnknown {
    private enum CodingKeys: String, CodingKey { case name, kind, laboratory, comparison, artefact, point, loop }

    /// Encodes as `{"name": "bias of PTB", "kind": "laboratoryBias", "laboratory": "PTB", …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(description, forKey: .name)
        switch self {
        case .artefactValue(let comparison, let artefact, let point, let loop):
            try container.encode("artefactValue", forKey: .kind)
            try container.encodeIfPresent(comparison, forKey: .comparison)
            try container.encodeIfPresent(artefact, forKey: .artefact)
            try container.encodeIfPresent(point, forKey: .point)
            try container.encodeIfPresent(loop, forKey: .loop)
        case .laboratoryBias(let laboratory, let point):
            try container.encode("laboratoryBias", forKey: .kind)
            try container.encode(laboratory, forKey: .laboratory)
            try container.encodeIfPresent(point, forKey: .point)
        case .drift(let comparison, let artefact, let point, let loop):
            try container.encode("drift", forKey: .kind)
            try container.encodeIfPresent(comparison, forKey: .comparison)
            try container.encodeIfPresent(artefact, forKey: .artefact)
            try container.encodeIfPresent(point, forKey: .point)
            try container.encodeIfPresent(loop, forKey: .loop)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let comparison = try container.decodeIfPresent(String.self, forKey: .comparison)
        let artefact = try container.decodeIfPresent(String.self, forKey: .artefact)
        let point = try container.decodeIfPresent(String.self, forKey: .point)
        let loop = try container.decodeIfPresent(String.self, forKey: .loop)
        switch kind {
        case "artefactValue":
            self = .artefactValue(comparison: comparison, artefact: artefact, point: point, loop: loop)
        case "laboratoryBias":
            self = .laboratoryBias(try container.decode(LaboratoryID.self, forKey: .laboratory), point: point)
        case "drift": self = .drift(comparison: comparison, artefact: artefact, point: point, loop: loop)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "expected artefactValue, laboratoryBias or drift, found '\(kind)'")
        }
    }
}
