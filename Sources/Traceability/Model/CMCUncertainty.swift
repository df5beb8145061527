/// The expanded uncertainty of a CMC as a function of the value x: absolute, relative, or the
/// simple equation that combines the two.
///
/// KCDB records state the CMC uncertainty as "Absolute" or "Relative" (`uncertaintyMode`) or as an
/// equation; the equation most often used is `Q[a, b·x]`, the root sum of squares of a constant and
/// a proportional term, and sometimes the plain sum. The graph supports these three forms:
///
///     U(x) = a                         { "absolute": a }
///     U(x) = b·|x|                     { "relative": b }                 (b = 0.04 for 4 %)
///     U(x) = √(a² + (b·x)²)            { "absolute": a, "relative": b }   ("combination": "quadrature")
///     U(x) = a + b·|x|                 { "absolute": a, "relative": b, "combination": "sum" }
///
/// a is in the CMC's unit; b is a pure number (a fraction, not per cent). Tables and arbitrary
/// equations are not modelled; a converter should reduce them to the bound at the point used.
public struct CMCUncertainty: Sendable, Hashable, Codable {
    /// How the absolute and relative terms combine when both are given.
    public enum Combination: String, Sendable, Hashable, Codable, CaseIterable {
        /// √(a² + (b·x)²), KCDB's Q[a, b].
        case quadrature
        /// a + b·|x|.
        case sum
    }

    /// a, in the CMC's unit.
    public var absolute: Double?
    /// b, a fraction of |x|.
    public var relative: Double?
    /// How a and b combine when both are given: in quadrature (KCDB `Q[a, b]`, the default) or as a sum.
    public var combination: Combination

    /// Creates U(x) from its terms: a (in the CMC's unit), b (a fraction of |x|) and how they combine.
    public init(absolute: Double? = nil, relative: Double? = nil, combination: Combination = .quadrature) {
        self.absolute = absolute
        self.relative = relative
        self.combination = combination
    }

    /// U_CMC(x), the expanded uncertainty at x (in the CMC's unit).
    public func expandedUncertainty(at x: Double) -> Double {
        let a = absolute ?? 0
        let bx = (relative ?? 0) * abs(x)
        switch combination {
        case .quadrature: return (a * a + bx * bx).squareRoot()
        case .sum: return a + bx
        }
    }

    private enum CodingKeys: String, CodingKey { case absolute, relative, combination }

    /// Reads `{ "absolute": a, "relative": b, "combination": "quadrature" | "sum" }`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when neither term is given or a term is negative or
    ///   not finite.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        absolute = try container.decodeIfPresent(Double.self, forKey: .absolute)
        relative = try container.decodeIfPresent(Double.self, forKey: .relative)
        combination = try container.decodeIfPresent(Combination.self, forKey: .combination) ?? .quadrature
        guard absolute != nil || relative != nil else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "give absolute, relative or both"))
        }
        for (key, term) in [(CodingKeys.absolute, absolute), (.relative, relative)] {
            if let term, !(term.isFinite && term >= 0) {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath + [key],
                        debugDescription: "must be a finite non-negative number, found \(term)"))
            }
        }
    }

    /// Writes the terms given, and `combination` only when both are (it has no effect otherwise).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(absolute, forKey: .absolute)
        try container.encodeIfPresent(relative, forKey: .relative)
        if absolute != nil && relative != nil { try container.encode(combination, forKey: .combination) }
    }
}
