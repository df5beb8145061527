import Numerics
import Testing
import Uncertainty

/// Quantiles, distribution functions and draws of every JCGM 101 6.4 distribution.
@Suite("Input distributions: quantiles and sampling")
struct InputDistributionSamplingTests {
    static let probabilities = [0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999]

    /// Quantiles at `probabilities` from SciPy 1.17.1 (`norm(1, 2)`, `trapezoid(0.25, 0.75, 0, 4)`,
    /// `triang(0.25, 0, 4)`, `arcsine(-1, 2)`, `t(5, 10, 2)`, `expon(scale=3)`, `gamma(2.5,
    /// scale=1.5)`, `gamma(0.4, scale=2)`), an independent implementation. For the curvilinear
    /// trapezoid, which SciPy lacks, the distribution function was integrated with
    /// `scipy.integrate.quad` (G(x) = E_W[clip(½ + (x − c)/W, 0, 1)], W ~ R(w − 2d, w + 2d)) and
    /// inverted with `brentq` to 1e-15.
    static let cases: [(InputDistribution, [Double])] = [
        (
            .gaussian(mean: 1, standardDeviation: 2),
            [
                -5.180464612335626, -2.919927969080109, -0.04880102541608178, 1.0, 2.6832424671458286,
                4.919927969080108, 7.180464612335626,
            ]
        ),
        (
            .trapezoidal(lower: 0, upper: 4, beta: 0.5),
            [
                0.07745966692414834, 0.3872983346207417, 1.4, 2.0, 2.9000000000000004, 3.6127016653792583,
                3.9225403330758515,
            ]
        ),
        (
            .triangular(lower: 0, upper: 4, mode: 1),
            [
                0.06324555320336758, 0.31622776601683794, 1.1017246507621126, 1.5505102572168221,
                2.450806661517033, 3.4522774424948337, 3.890455488498967,
            ]
        ),
        (
            .arcsine(lower: -1, upper: 1),
            [
                -0.9999950652018582, -0.996917333733128, -0.5877852522924731, 0, 0.8090169943749472,
                0.9969173337331279, 0.9999950652018581,
            ]
        ),
        (
            .studentT(location: 10, scale: 2, degreesOfFreedom: 5),
            [
                -1.7868590627120184, 4.858836328727369, 8.88114071106128, 10.0, 11.839087560481655,
                15.14116367127263, 21.78685906271202,
            ]
        ),
        (
            .exponential(mean: 3),
            [
                0.0030015010007506003, 0.07595342395286964, 1.0700248318161973, 2.0794415416798357,
                4.8283137373023015, 11.066638362341806, 20.723265836946407,
            ]
        ),
        (
            .gamma(shape: 2.5, scale: 1.5),
            [
                0.1576594519719144, 0.6234087101149969, 2.24993109956993, 3.263595143321645, 5.4669570949867206,
                9.62437649552252, 15.386254239324654,
            ]
        ),
        (
            .gamma(shape: 0.4, scale: 2),
            [
                4.689882169532949e-08, 0.00014656648710691708, 0.07508377287484609, 0.2901562832868709,
                1.2911420349549882, 4.449432298364588, 10.085217176919926,
            ]
        ),
        (
            .curvilinearTrapezoid(lower: -1, upper: 1, limitSemiWidth: 0.2),
            [
                -1.1564496815136138, -0.9876843631767106, -0.3946085539802291, 0, 0.5919128309703438,
                0.9876843631767097, 1.1564496815136138,
            ]
        ),
    ]

    /// Closed forms agree with SciPy to rounding; the Student t and gamma quantiles are solved
    /// iteratively (to ~1e-12 in DistributionTests) and the curvilinear trapezoid by Newton
    /// iteration against a quadrature reference good to ~1e-13: 1e-10 relative (absolute for
    /// quantiles at 0) covers all of them with margin.
    @Test(arguments: cases)
    func quantilesAgreeWithSciPy(distribution: InputDistribution, expected: [Double]) {
        for (p, x) in zip(Self.probabilities, expected) {
            let q = distribution.quantile(p)
            #expect(
                q.isApproximatelyEqual(to: x, absoluteTolerance: 1e-12, relativeTolerance: 1e-10),
                "quantile(\(p)) = \(q), expected \(x)")
            // The distribution function inverts the quantile: G(G⁻¹(p)) = p to 1e-10.
            #expect(abs(distribution.cumulativeProbability(q) - p) < 1e-10, "G(G⁻¹(\(p)))")
        }
    }

    /// The curvilinear trapezoid's distribution function against quadrature at two points
    /// (G(0.7) and G(−1.1) for CTrap(−1, 1, 0.2)): 1e-12 absolute.
    @Test func curvilinearTrapezoidDistributionFunction() {
        let ctrap = InputDistribution.curvilinearTrapezoid(lower: -1, upper: 1, limitSemiWidth: 0.2)
        #expect(abs(ctrap.cumulativeProbability(0.7) - 0.8547819695946438) < 1e-12)
        #expect(abs(ctrap.cumulativeProbability(-1.1) - 0.005359356639259047) < 1e-12)
        #expect(ctrap.cumulativeProbability(-1.3) == 0)
        #expect(ctrap.cumulativeProbability(1.3) == 1)
    }

    /// Draws from every distribution (JCGM 101 6.4 sampling procedures), checked against the
    /// exact distribution functions above by the Kolmogorov–Smirnov distance (0.1 % critical
    /// value 1.95/√M), and against the exact mean and standard deviation (the contract's
    /// `mean`/`standardDeviation`): the mean within 5 standard errors σ/√M, the s.d. within 3 %
    /// (its relative standard error √((κ − 1)/4M) is at most 0.6 % here, for the heavy-tailed t₅
    /// with κ = 9, at M = 5·10⁴).
    @Test func drawsFollowTheirDistributions() throws {
        let distributions =
            Self.cases.map(\.0) + [
                .rectangular(lower: -2, upper: 5), .triangular(lower: 0, upper: 4, mode: nil),
                .gaussian(mean: -3, standardDeviation: 0.5),
            ]
        let n = distributions.count
        let identity = MeasurementFunction(inputCount: n, outputCount: n) { x, y, count in
            for k in 0..<n { for t in 0..<count { y[k][t] = x[k][t] } }
        }
        let inputs = try JointDistribution(distributions.enumerated().map { ("X_\($0.offset + 1)", $0.element) })
        let m = 50_000
        let sample = try MonteCarloMethod(seed: 99).sample(identity, inputs: inputs, trials: m)
        #expect(sample.trials == m)
        for (k, distribution) in distributions.enumerated() {
            let values = Array(sample[output: k])
            let mean = values.reduce(0, +) / Double(m)
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(m - 1)).squareRoot()
            #expect(
                abs(mean - distribution.mean) <= 5 * distribution.standardDeviation / Double(m).squareRoot(),
                "\(distribution)")
            #expect(
                sd.isApproximatelyEqual(to: distribution.standardDeviation, relativeTolerance: 0.03), "\(distribution)")
            let sorted = values.sorted()
            var distance = 0.0
            for (i, x) in sorted.enumerated() {
                let f = distribution.cumulativeProbability(x)
                distance = max(distance, abs(f - Double(i) / Double(m)), abs(f - Double(i + 1) / Double(m)))
            }
            #expect(distance < 1.95 / Double(m).squareRoot(), "\(distribution): KS distance \(distance)")
        }
    }

    /// Block b draws from `Xoshiro256(seed:stream: b)`: the first block of a Gaussian input is the
    /// generator's own `nextStandardNormal()` sequence, scaled (a bit-for-bit contract).
    @Test func blocksDrawFromTheirOwnStream() throws {
        let inputs = try JointDistribution([("X", .gaussian(mean: 2, standardDeviation: 3))])
        let identity = MeasurementFunction(inputCount: 1) { $0[0] }
        let method = MonteCarloMethod(seed: 5, blockSize: 64)
        let sample = try method.sample(identity, inputs: inputs, trials: 128)
        for block in 0..<2 {
            var random = Xoshiro256(seed: 5, stream: UInt64(block))
            for t in 0..<64 {
                #expect(sample[output: 0][block * 64 + t] == 2 + 3 * random.nextStandardNormal())
            }
        }
    }
}
