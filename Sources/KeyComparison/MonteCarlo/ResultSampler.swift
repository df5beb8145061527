import Uncertainty

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The distribution a Monte Carlo method assigns to the error of one laboratory's result:
/// e = s·Z with Z standard normal (ν infinite) or Student t_ν (ν finite), so the simulated
/// result is x_i + e.
///
/// Two conventions for the scale s of a t-distributed result are in use, and the methods here
/// follow their sources:
/// - ``jcgm101(standardUncertainty:degreesOfFreedom:)``: s = u_i, the scaled and shifted t of
///   JCGM 101:2008 6.4.9 (a Type A u_i = s/√n with ν = n − 1). Its standard deviation is
///   u_i·√(ν/(ν − 2)), and it exists for every ν > 0. Cox 2002 Procedure B uses this.
/// - ``rescaled(standardUncertainty:degreesOfFreedom:)``: s = u_i·√((ν − 2)/ν), so the
///   component has standard deviation u_i (Toman 2007, the NIST Consensus Builder's linear
///   pool). No such rescaling exists for ν ≤ 2 (infinite variance); there s = u_i·z₀.₉₇₅/t₀.₉₇₅,ν,
///   so the component's central 95 % interval is x_i ± 1.96·u_i, as for a Gaussian.
struct ResultSampler: Sendable, Hashable {
    /// s.
    var scale: Double
    /// ν, or nil for a Gaussian.
    var degreesOfFreedom: Double?

    /// The JCGM 101 6.4.9 convention: t_ν with scale u (standard deviation u·√(ν/(ν − 2))).
    static func jcgm101(standardUncertainty u: Double, degreesOfFreedom nu: Double?) -> ResultSampler {
        ResultSampler(scale: u, degreesOfFreedom: nu)
    }

    /// The linear-pool convention: t_ν rescaled to standard deviation u (ν > 2), or to the
    /// Gaussian's 95 % half-width 1.96·u (ν ≤ 2).
    static func rescaled(standardUncertainty u: Double, degreesOfFreedom nu: Double?) -> ResultSampler {
        guard let nu else { return ResultSampler(scale: u, degreesOfFreedom: nil) }
        if nu > 2 { return ResultSampler(scale: u * ((nu - 2) / nu).squareRoot(), degreesOfFreedom: nu) }
        let ratio =
            NormalDistribution.standard.quantile(0.975) / StudentTDistribution(degreesOfFreedom: nu).quantile(0.975)
        return ResultSampler(scale: u * ratio, degreesOfFreedom: nu)
    }

    /// The smallest ν the sampler accepts: t draws with ν < 1 reach magnitudes that overflow
    /// sums of squares in a long simulation (the NIST Consensus Builder also requires ν ≥ 1).
    static let minimumDegreesOfFreedom = 1.0

    /// Pr{e ≤ value}: Φ(value/s), or the t_ν distribution function at value/s.
    func cumulativeProbability(ofError value: Double) -> Double {
        guard let nu = degreesOfFreedom else { return NormalDistribution.standard.cumulativeProbability(value / scale) }
        return StudentTDistribution(degreesOfFreedom: nu).cumulativeProbability(value / scale)
    }

    /// s·Z for a standard normal z already drawn, or s·z/√(χ²_ν/ν) with a fresh χ²_ν.
    @inline(__always)
    func error(standardNormal z: Double, _ random: inout Xoshiro256) -> Double {
        guard let nu = degreesOfFreedom else { return scale * z }
        let chiSquared = Swift.max(random.nextChiSquared(degreesOfFreedom: nu), Double.leastNormalMagnitude)
        return scale * z / (chiSquared / nu).squareRoot()
    }
}

extension Xoshiro256 {
    /// A standard normal variate by the ziggurat method (Marsaglia & Tsang, J. Stat. Softw. 5(8)
    /// (2000)) in Doornik's form (ZIGNOR, 2005): 128 layers, the layer index and the uniform taken
    /// from disjoint bits of one 64-bit draw, which removes the correlation of the original
    /// 32-bit version. About 98.8 % of draws cost one multiplication and one comparison; the
    /// rest fall back to the wedge test or to Marsaglia's tail algorithm beyond r = 3.4426.
    @inline(__always)
    mutating func nextZigguratNormal() -> Double {
        ZigguratTable.shared.table.withUnsafeBufferPointer { nextZigguratNormal(table: $0) }
    }

    /// ``nextZigguratNormal()`` with the table (x_0…x_128, then the 128 ratios) already at hand,
    /// for inner loops.
    @inline(__always)
    mutating func nextZigguratNormal(table: UnsafeBufferPointer<Double>) -> Double {
        while true {
            let bits = next()
            let layer = Int(bits & 0x7F)
            let u = 2 * (Double(bits >> 11) * 0x1.0p-53) - 1
            let edge = table[layer]
            if abs(u) < table[129 + layer] { return u * edge }
            if layer == 0 { return nextNormalTail(negative: u < 0) }
            let x = u * edge
            let next = table[layer + 1]
            let outer = exp(-0.5 * (edge * edge - x * x))
            let inner = exp(-0.5 * (next * next - x * x))
            if inner + nextUniform() * (outer - inner) < 1 { return x }
        }
    }

    /// Marsaglia's tail beyond r: x = ln(U₁)/r, y = ln(U₂), accepted when −2y ≥ x².
    private mutating func nextNormalTail(negative: Bool) -> Double {
        let r = ZigguratTable.tailStart
        while true {
            let x = log(nextUniform()) / r
            let y = log(nextUniform())
            if -2 * y >= x * x { return negative ? x - r : r - x }
        }
    }

    /// Fills the buffer with independent standard normal variates (``nextZigguratNormal()``).
    mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        ZigguratTable.shared.table.withUnsafeBufferPointer { table in
            for i in buffer.indices { buffer[i] = nextZigguratNormal(table: table) }
        }
    }
}

/// The 128-layer ziggurat for the standard normal density (Marsaglia & Tsang 2000): layer
/// edges x_0 = v/f(r) (the base strip's equivalent width), x_1 = r, x_i = f⁻¹(v/x_{i−1} + f(x_{i−1})),
/// x_128 = 0, with f(x) = exp(−x²/2), and the ratios x_{i+1}/x_i.
struct ZigguratTable: Sendable {
    /// r, where the tail starts.
    static let tailStart = 3.442619855899
    /// v, the common area of the layers.
    static let layerArea = 9.91256303526217e-3
    static let shared = ZigguratTable()

    /// x_0 … x_128, then the ratios x_{i+1}/x_i for i = 0 … 127 (one array: one pointer in loops).
    let table: [Double]

    private init() {
        let r = Self.tailStart
        var x = [Double](repeating: 0, count: 129)
        var f = exp(-0.5 * r * r)
        x[0] = Self.layerArea / f
        x[1] = r
        for i in 2..<128 {
            x[i] = (-2 * log(Self.layerArea / x[i - 1] + f)).squareRoot()
            f = exp(-0.5 * x[i] * x[i])
        }
        x[128] = 0
        table = x + (0..<128).map { x[$0 + 1] / x[$0] }
    }
}
