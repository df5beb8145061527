#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension InputDistribution {
    /// Fills `buffer` with independent draws from the distribution, by the procedures of
    /// JCGM 101:2008 §6.4 (the "sampling from the distribution" subclauses) and Annex C.
    ///
    /// | Distribution | Draw (r, r₁, r₂ independent R(0, 1), z standard normal) | JCGM 101 |
    /// |---|---|---|
    /// | N(μ, σ²) | μ + σz | 6.4.7.4 |
    /// | R(a, b) | a + (b − a)r | 6.4.2.4 |
    /// | CTrap(a, b, d) | a_s = (a − d) + 2d·r₁, b_s = (a + b) − a_s, a_s + (b_s − a_s)r₂ | 6.4.3.4 |
    /// | Trap(a, b, β) | a + (b − a)/2·[(1 + β)r₁ + (1 − β)r₂] | 6.4.4.4 |
    /// | T(a, b) | a + (b − a)/2·(r₁ + r₂); with a mode c ≠ (a + b)/2, the inverse distribution function | 6.4.5.4 |
    /// | U(a, b) | (a + b)/2 + (b − a)/2·sin(2πr) | 6.4.6.4 |
    /// | t_ν(μ, s²) | μ + s·z/√(χ²_ν/ν) | 6.4.9.4 |
    /// | Ex(λ) with mean x | −x·ln r | 6.4.10.4 |
    /// | G(α, β) with scale θ | θ·Gamma(α) (Marsaglia & Tsang 2000) | 6.4.11.4 |
    ///
    /// The distribution must have passed ``validate(quantity:)``; ``JointDistribution`` checks
    /// every input before any draw.
    func fill(_ buffer: UnsafeMutableBufferPointer<Double>, random: inout Xoshiro256) {
        switch self {
        case .gaussian(let mean, let standardDeviation):
            NormalZiggurat.shared.fill(buffer, random: &random)
            for i in buffer.indices { buffer[i] = mean + standardDeviation * buffer[i] }
        case .rectangular(let a, let b):
            let width = b - a
            for i in buffer.indices { buffer[i] = a + width * random.nextUniform() }
        case .curvilinearTrapezoid(let a, let b, let d):
            for i in buffer.indices {
                let lower = (a - d) + 2 * d * random.nextUniform()
                let upper = (a + b) - lower
                buffer[i] = lower + (upper - lower) * random.nextUniform()
            }
        case .trapezoidal(let a, let b, let beta):
            let halfWidth = (b - a) / 2
            for i in buffer.indices {
                let r1 = random.nextUniform()
                let r2 = random.nextUniform()
                buffer[i] = a + halfWidth * ((1 + beta) * r1 + (1 - beta) * r2)
            }
        case .triangular(let a, let b, let mode):
            if let c = mode, c != (a + b) / 2 {
                for i in buffer.indices { buffer[i] = Self.triangularQuantile(random.nextUniform(), a, b, c) }
            } else {
                let halfWidth = (b - a) / 2
                for i in buffer.indices { buffer[i] = a + halfWidth * (random.nextUniform() + random.nextUniform()) }
            }
        case .arcsine(let a, let b):
            let centre = (a + b) / 2
            let halfWidth = (b - a) / 2
            for i in buffer.indices { buffer[i] = centre + halfWidth * sin(2 * Double.pi * random.nextUniform()) }
        case .studentT(let location, let scale, let degreesOfFreedom):
            for i in buffer.indices {
                buffer[i] = location + scale * random.nextStudentT(degreesOfFreedom: degreesOfFreedom)
            }
        case .exponential(let mean):
            for i in buffer.indices { buffer[i] = -mean * log(random.nextUniform()) }
        case .gamma(let shape, let scale):
            for i in buffer.indices { buffer[i] = scale * random.nextGamma(shape: shape) }
        }
    }
}
