import Foundation
import KeyComparison
import Numerics
import Testing

/// MSD (Ellison 2018) and the pair-difference χ² (Douglas & Steele 2006) against the numpy
/// computation of Fixtures/diagnostics/crosscheck.py (10⁶ bootstrap replicates from N(0, V)).
@Suite("MSD and pair-difference χ²")
struct PairwiseConsistencyTests {
    /// Agreement of a bootstrap p-value with numpy's: 4 combined Monte Carlo standard errors
    /// √(p(1 − p)/B), with p floored at 1/B so that a p-value of 0 still has a tolerance.
    static func pValueTolerance(_ p: Double, trials: Int) -> Double {
        let floor = Swift.max(p * (1 - p), 1 / Double(trials))
        return 4 * ((floor / Double(trials)).squareRoot() + (floor / 1e6).squareRoot())
    }

    struct Reference {
        var file: String
        var correlations: [Correlation] = []
        var msd: [Double]
        var chiSquared: [Double]
        var msdP: [Double]
        var msdQ95: [Double]
        var chiSquaredP: [Double]
        var chiSquaredQ95: [Double]
        var chiSquaredQ99: [Double]
    }

    static let pcb28 = Reference(
        file: "CCQM-K25-PCB28.comparison.json",
        msd: [
            1.3662924887041168, 1.2538260890797306, 1.5101658380353815, 1.7569326188201473, 2.1720568841995975,
            3.681519498507211,
        ],
        chiSquared: [
            2.195368395471605, 3.81855193478113, 3.630794538813901, 12.072543845760908, 13.102575233033122,
            23.46408421462727,
        ],
        msdP: [0.142411, 0.147446, 0.092882, 0.008439, 0.002941, 1e-6],
        msdQ95: [
            1.8268721914314139, 1.6908919297891725, 1.762980212825566, 1.3606681022308973, 1.4492918093939253,
            1.4283047246916962,
        ],
        chiSquaredP: [0.119128, 0.02401, 0.034747, 0, 2e-6, 0],
        chiSquaredQ95: [
            3.378535866155475, 2.974086146610399, 3.1675323858536064, 2.3061732835258817, 2.4756185246138545,
            2.4356566016111514,
        ],
        chiSquaredQ99: [
            5.70197118470082, 4.864306023099154, 5.2666984323819905, 3.298211190555392, 3.744752860895568,
            3.654410033467924,
        ])

    /// PCB 28 with two correlations added (NIST–NMIJ r = 0.5, IRMM–NARL r = 0.3): the χ²
    /// denominators use u_i² + u_j² − 2u_ij and the replicates are drawn with the covariance.
    static let pcb28Correlated = Reference(
        file: "CCQM-K25-PCB28.comparison.json",
        correlations: [Correlation("NIST", "NMIJ", coefficient: 0.5), Correlation("IRMM", "NARL", coefficient: 0.3)],
        msd: [
            1.3662924887041168, 1.2538260890797306, 1.5101658380353815, 1.7569326188201473, 2.1720568841995975,
            3.681519498507211,
        ],
        chiSquared: [
            2.197875908962508, 3.81855193478113, 3.633302052304804, 12.273165479630137, 13.30319686690235,
            23.46408421462727,
        ],
        msdP: [0.135802, 0.153214, 0.08823, 0.004664, 0.001324, 1e-6],
        msdQ95: [
            1.802020574837209, 1.7159734698496252, 1.7406981780897615, 1.271393020207159, 1.3425008909806793,
            1.4767579414988148,
        ],
        chiSquaredP: [0.116981, 0.025689, 0.032444, 0, 0, 0],
        chiSquaredQ95: [
            3.3387287564608337, 3.0319464504620632, 3.095235200883994, 2.29296428702209, 2.4719412871274593,
            2.5299652021410037,
        ],
        chiSquaredQ99: [
            5.607352041239575, 4.982821639684188, 5.113213513090075, 3.2432218641470723, 3.743622841788054,
            3.8594750167338963,
        ])

    static let cctK7 = Reference(
        file: "CCT-K7.comparison.json",
        msd: [
            0.48014125507116856, 0.7509643214082915, 0.5044101447909123, 0.5331043797946724, 0.9589302706678013,
            0.6243625695463065, 0.566622698880208, 0.27785870963365233, 0.7496955535630259, 1.8015882295471735,
            0.5686144592843827, 0.8469737541826928, 0.32331175706765003, 0.47163701673483543, 0.8149611489234421,
            1.1911973808049683, 0.4421783522004804, 0.7804535084238841, 0.5221204586618067, 0.6279210685618238,
            0.6163829421548549,
        ],
        chiSquared: [
            0.7811228883741348, 1.228500339795808, 1.0866949919048796, 1.5300831350884665, 1.185020743711641,
            1.8218495373235613, 1.8214129304331295, 0.09837599007415744, 0.8679467959060354, 5.608996051187264,
            0.4343138944441168, 2.322261792728861, 0.13743672132173526, 0.48814716394152535, 0.8721169625338527,
            2.713736669965559, 0.7139013646040387, 0.9301573884070441, 0.3521521288471249, 0.7406613453507532,
            0.61003721106307,
        ],
        msdP: [
            0.778872, 0.388303, 0.749879, 0.766895, 0.267884, 0.555815, 0.70176, 0.806433, 0.377089, 1.5e-05, 0.570653,
            0.237396, 0.761719, 0.740667, 0.285363, 0.0245, 0.786301, 0.345589, 0.611306, 0.499875, 0.533829,
        ],
        msdQ95: [
            1.4021524563049008, 1.6267586814451416, 1.3614505323934745, 1.1336691757286586, 1.6806865764172079,
            1.251999166933493, 1.1351679884241936, 1.8861793394626194, 1.5401640810542951, 1.0059157548890505,
            1.5870092685951998, 1.2348537490239586, 1.8794473267421292, 1.528330781387214, 1.330427516491844,
            1.0764979895526228, 1.542034888107532, 1.5108777195915855, 1.6592189621102287, 1.7580083531485091,
            1.4288874616126346,
        ],
        chiSquaredP: [
            0.507682, 0.247987, 0.297178, 0.111888, 0.262765, 0.079703, 0.059088, 0.932526, 0.398867, 0, 0.785429,
            0.033573, 0.875131, 0.758834, 0.45059, 0.00547, 0.50939, 0.367246, 0.829606, 0.423586, 0.679279,
        ],
        chiSquaredQ95: [
            2.3718592884048535, 2.8185687606596828, 2.2967079163992787, 1.901239374103961, 2.948515214182116,
            2.1064442444413674, 1.9008976291822073, 3.5448129840573075, 2.635326023471785, 1.6429148900817943,
            2.7342950114456874, 2.0794823338555672, 3.520736435014377, 2.6117535887683077, 2.243728017383556,
            1.7943353906773893, 2.6423522304314555, 2.5791989160190694, 2.8955228176308174, 3.1378151593113164,
            2.419748246205163,
        ],
        chiSquaredQ99: [
            3.6869671097206003, 4.6021981472056686, 3.53797842261786, 2.706965449072444, 4.841978637082224,
            3.145146500729187, 2.705251529307237, 6.045495309965682, 4.229261786529993, 2.069044305846095,
            4.41773585169629, 3.0879923309868045, 5.982010091000987, 4.187816602387873, 3.421083354056463,
            2.46247052222943, 4.235049444556218, 4.106450101004091, 4.752219750227661, 5.225563696935257,
            3.806471965326238,
        ])

    static func comparison(_ reference: Reference) throws -> Comparison {
        let file = try Fixtures.comparison(reference.file)
        guard !reference.correlations.isEmpty else { return file }
        return try Comparison(
            identifier: file.identifier, unit: file.unit, results: file.results, correlations: reference.correlations)
    }

    @Test(arguments: [pcb28, pcb28Correlated, cctK7].enumerated().map { $0 })
    func statisticsAndBootstrapMatchNumpy(_ item: (offset: Int, element: Reference)) throws {
        let reference = item.element
        let comparison = try Self.comparison(reference)
        let trials = reference.msd.count > 10 ? 10_000 : 20_000
        let msd = try MedianScaledDifference.evaluate(comparison, trials: trials, seed: 2018)
        let chi2 = try PairDifferenceChiSquared.evaluate(comparison, trials: trials, seed: 2006)
        #expect(msd.trials == trials && msd.seed == 2018)
        for i in reference.msd.indices {
            let m = msd.laboratories[i]
            let c = chi2.laboratories[i]
            // The statistics are closed form on the same inputs: 1e-12 relative.
            #expect(m.value.isApproximatelyEqual(to: reference.msd[i], relativeTolerance: 1e-12), "MSD \(m.laboratory)")
            #expect(
                c.value.isApproximatelyEqual(to: reference.chiSquared[i], relativeTolerance: 1e-12),
                "χ² \(c.laboratory)")
            // p-values: Monte Carlo, see pValueTolerance.
            let mp = try #require(m.pValue)
            #expect(
                abs(mp - reference.msdP[i]) <= Self.pValueTolerance(reference.msdP[i], trials: trials),
                "p(MSD) \(m.laboratory)")
            let cp = try #require(c.pValue)
            #expect(
                abs(cp - reference.chiSquaredP[i]) <= Self.pValueTolerance(reference.chiSquaredP[i], trials: trials),
                "p(χ²) \(c.laboratory)")
            // Quantiles: the asymptotic standard error √(p(1−p)/B)/f(q) is about 1 % (95 %) and
            // 2 % (99 %) of the value for B = 10⁴; 5 % and 8 % are 4 standard errors.
            let mq = try #require(m.criticalValues)
            #expect(
                mq.fivePercent.isApproximatelyEqual(to: reference.msdQ95[i], relativeTolerance: 0.05),
                "q95(MSD) \(m.laboratory)")
            let cq = try #require(c.criticalValues)
            #expect(cq.fivePercent.isApproximatelyEqual(to: reference.chiSquaredQ95[i], relativeTolerance: 0.05))
            #expect(cq.onePercent.isApproximatelyEqual(to: reference.chiSquaredQ99[i], relativeTolerance: 0.08))
        }
    }

    @Test func nrcIsFlaggedInPCB28() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let msd = try MedianScaledDifference.evaluate(comparison, trials: 5_000)
        let nrc = try #require(msd.laboratories.last)
        #expect(nrc.laboratory == "NRC" && nrc.classification == .outlier)
        #expect(msd.laboratories.first?.classification == .consistent)
    }

    @Test func aSeedFixesTheResult() throws {
        let comparison = try Fixtures.comparison("CCT-K7.comparison.json")
        let first = try PairDifferenceChiSquared.evaluate(comparison, trials: 3_000, seed: 42)
        let again = try PairDifferenceChiSquared.evaluate(comparison, trials: 3_000, seed: 42)
        let other = try PairDifferenceChiSquared.evaluate(comparison, trials: 3_000, seed: 43)
        #expect(first == again)
        #expect(first != other)
        // Without trials: the statistics only, no p-values.
        let plain = try MedianScaledDifference.evaluate(comparison)
        #expect(plain.trials == nil && plain.laboratories.allSatisfy { $0.pValue == nil })
    }

    @Test func badInputsAreTypedErrors() throws {
        let one = try Comparison(
            identifier: "one", results: [LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 0.1)])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 2, found: 1)) {
            try MedianScaledDifference.evaluate(one)
        }
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        #expect(throws: KeyComparisonError.self) { try PairDifferenceChiSquared.evaluate(comparison, trials: 10) }
    }
}
