internal import EquivalenceSupport

/// The JSON form of an input distribution in model files: an object with a `type` and the
/// parameters of JCGM 101 §6.4 under their names (see `Schemas/measurement-model.schema.json`):
///
///     {"type": "normal", "mean": 1.234, "standardDeviation": 0.02}
///     {"type": "rectangular", "lower": -1e-6, "upper": 1e-6}
///     {"type": "curvilinearTrapezoid", "lower": -0.05, "upper": 0.05, "limitSemiWidth": 0.025}
///     {"type": "trapezoidal", "lower": 0, "upper": 1, "beta": 0.5}
///     {"type": "triangular", "lower": 0, "upper": 1, "mode": 0.2}        (mode optional)
///     {"type": "arcsine", "lower": -0.5, "upper": 0.5}
///     {"type": "studentT", "location": 215, "scale": 5.8, "degreesOfFreedom": 24}
///     {"type": "exponential", "mean": 2}
///     {"type": "gamma", "shape": 3, "scale": 0.5}
///
/// `"gaussian"` is accepted for `"normal"`. A Student t may give `standardDeviation` instead of
/// `scale` (the convention of suncal and the NIST Uncertainty Machine; it needs ν > 2 and
/// scale = s.d.·√((ν − 2)/ν)). Unknown fields are errors. Decoding does not check the ranges of
/// the parameters: ``InputDistribution/validate(quantity:)`` does, naming the quantity.
extension InputDistribution: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, mean, standardDeviation, lower, upper, limitSemiWidth, beta, mode, location, scale
        case degreesOfFreedom, shape
    }

    /// The `type` names, canonical first.
    static let typeNames = [
        "normal", "rectangular", "curvilinearTrapezoid", "trapezoidal", "triangular", "arcsine", "studentT",
        "exponential", "gamma",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        func allow(_ keys: [CodingKeys]) throws {
            try decoder.rejectUnknownKeys(["type"] + keys.map(\.rawValue), in: "a \(type) distribution")
        }
        func number(_ key: CodingKeys) throws -> Double { try container.decode(Double.self, forKey: key) }
        switch type {
        case "normal", "gaussian":
            try allow([.mean, .standardDeviation])
            self = .gaussian(mean: try number(.mean), standardDeviation: try number(.standardDeviation))
        case "rectangular":
            try allow([.lower, .upper])
            self = .rectangular(lower: try number(.lower), upper: try number(.upper))
        case "arcsine":
            try allow([.lower, .upper])
            self = .arcsine(lower: try number(.lower), upper: try number(.upper))
        case "curvilinearTrapezoid":
            try allow([.lower, .upper, .limitSemiWidth])
            self = .curvilinearTrapezoid(
                lower: try number(.lower), upper: try number(.upper), limitSemiWidth: try number(.limitSemiWidth))
        case "trapezoidal":
            try allow([.lower, .upper, .beta])
            self = .trapezoidal(lower: try number(.lower), upper: try number(.upper), beta: try number(.beta))
        case "triangular":
            try allow([.lower, .upper, .mode])
            self = .triangular(
                lower: try number(.lower), upper: try number(.upper),
                mode: try container.decodeIfPresent(Double.self, forKey: .mode))
        case "studentT":
            try allow([.location, .scale, .standardDeviation, .degreesOfFreedom])
            let nu = try number(.degreesOfFreedom)
            let scale: Double
            switch (
                try container.decodeIfPresent(Double.self, forKey: .scale),
                try container.decodeIfPresent(Double.self, forKey: .standardDeviation)
            )
            {
            case (let s?, nil):
                scale = s
            case (nil, let sd?):
                guard nu > 2 else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .standardDeviation, in: container,
                        debugDescription: "a Student t with ν ≤ 2 has no standard deviation: give its scale")
                }
                scale = sd * ((nu - 2) / nu).squareRoot()
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .scale, in: container, debugDescription: "give exactly one of scale and standardDeviation")
            }
            self = .studentT(location: try number(.location), scale: scale, degreesOfFreedom: nu)
        case "exponential":
            try allow([.mean])
            self = .exponential(mean: try number(.mean))
        case "gamma":
            try allow([.shape, .scale])
            self = .gamma(shape: try number(.shape), scale: try number(.scale))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription:
                    "unknown distribution type '\(type)' (one of \(Self.typeNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .gaussian(let mean, let s):
            try container.encode("normal", forKey: .type)
            try container.encode(mean, forKey: .mean)
            try container.encode(s, forKey: .standardDeviation)
        case .rectangular(let a, let b), .arcsine(let a, let b):
            if case .rectangular = self {
                try container.encode("rectangular", forKey: .type)
            } else {
                try container.encode("arcsine", forKey: .type)
            }
            try container.encode(a, forKey: .lower)
            try container.encode(b, forKey: .upper)
        case .curvilinearTrapezoid(let a, let b, let d):
            try container.encode("curvilinearTrapezoid", forKey: .type)
            try container.encode(a, forKey: .lower)
            try container.encode(b, forKey: .upper)
            try container.encode(d, forKey: .limitSemiWidth)
        case .trapezoidal(let a, let b, let beta):
            try container.encode("trapezoidal", forKey: .type)
            try container.encode(a, forKey: .lower)
            try container.encode(b, forKey: .upper)
            try container.encode(beta, forKey: .beta)
        case .triangular(let a, let b, let mode):
            try container.encode("triangular", forKey: .type)
            try container.encode(a, forKey: .lower)
            try container.encode(b, forKey: .upper)
            try container.encodeIfPresent(mode, forKey: .mode)
        case .studentT(let location, let scale, let nu):
            try container.encode("studentT", forKey: .type)
            try container.encode(location, forKey: .location)
            try container.encode(scale, forKey: .scale)
            try container.encode(nu, forKey: .degreesOfFreedom)
        case .exponential(let mean):
            try container.encode("exponential", forKey: .type)
            try container.encode(mean, forKey: .mean)
        case .gamma(let shape, let scale):
            try container.encode("gamma", forKey: .type)
            try container.encode(shape, forKey: .shape)
            try container.encode(scale, forKey: .scale)
        }
    }
}
