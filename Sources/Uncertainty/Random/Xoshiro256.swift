#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A seeded pseudo-random generator, xoshiro256++ (Blackman & Vigna, ACM TOMS 47 (2021) 36),
/// with its state filled from SplitMix64.
///
/// Every Monte Carlo method in Equivalence draws from this generator, so that a run is
/// reproducible from its seed. Independent *streams* (`init(seed:stream:)`) let work be cut
/// into fixed blocks — block b always uses stream b — so results do not depend on the number
/// of threads that process the blocks.
///
///     var random = Xoshiro256(seed: 1)
///     random.nextStandardNormal()     // the same number on every machine, every run
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
    /// The seed used when the user gives none: documented, fixed, so default runs are reproducible.
    public static let defaultSeed: UInt64 = 20_021_001

    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is derived from `seed` by SplitMix64.
    public init(seed: UInt64) {
        self.init(seed: seed, stream: 0)
    }

    /// Generator number `stream` of the family with this seed: streams with different numbers
    /// start from unrelated states (the seed and the stream number are mixed by SplitMix64's
    /// finaliser before seeding).
    public init(seed: UInt64, stream: UInt64) {
        var state = Self.mix(seed) ^ Self.mix(stream &+ 0x632B_E59B_D9B4_E019)
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    @inlinable
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// A uniform variate on the open interval (0, 1), with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double {
        // Through Int64: the value has 53 bits, and a signed conversion is one instruction on x86-64.
        (Double(Int64(bitPattern: next() >> 11)) + 0.5) * 0x1.0p-53
    }
}
