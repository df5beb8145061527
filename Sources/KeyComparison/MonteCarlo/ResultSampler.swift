import Uncertainty

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
