import Numerics
import Testing
import Uncertainty

@Suite("Seeded random source")
struct RandomSourceTests {
    @Test func sameSeedSameStream() {
        var a = Xoshiro256(seed: 7, stream: 3)
        var b = Xoshiro256(seed: 7, stream: 3)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        var c = Xoshiro256(seed: 7, stream: 4)
        var d = Xoshiro256(seed: 7, stream: 3)
        #expect((0..<8).map { _ in c.next() } != (0..<8).map { _ in d.next() })
    }

    /// Moments of 10⁶ draws: the standard error of a sample mean of unit-variance draws is 1e-3,
    /// so ±5e-3 is a 5σ band; the variance has standard error ≈ √2·1e-3 for the normal.
    @Test func normalAndChiSquaredMoments() {
        var random = Xoshiro256(seed: 12345)
        let n = 1_000_000
        var sum = 0.0
        var sumSquares = 0.0
        for _ in 0..<n {
            let z = random.nextStandardNormal()
            sum += z
            sumSquares += z * z
        }
        #expect(abs(sum / Double(n)) < 5e-3)
        #expect(abs(sumSquares / Double(n) - 1) < 8e-3)
        // χ²(4): mean 4, variance 8; standard error of the mean √(8/n) ≈ 2.8e-3.
        var chiSum = 0.0
        for _ in 0..<n { chiSum += random.nextChiSquared(degreesOfFreedom: 4) }
        #expect(abs(chiSum / Double(n) - 4) < 1.5e-2)
        // Uniforms stay strictly inside (0, 1).
        for _ in 0..<1000 {
            let u = random.nextUniform()
            #expect(u > 0 && u < 1)
        }
    }
}
