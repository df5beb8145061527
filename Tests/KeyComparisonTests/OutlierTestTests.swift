import Foundation
import KeyComparison
import Numerics
import Testing

/// Mandel h and k, Grubbs and Cochran (ISO 5725-2:1994 §7.3). Reference figures: scipy
/// (Fixtures/diagnostics/crosscheck.py) and ISO 5725-2 Tables 4–6.
@Suite("Mandel, Grubbs and Cochran")
struct OutlierTestTests {
    let pcb28: Comparison

    init() throws { pcb28 = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json") }

    /// A comparison of p results with the given values (uncertainties do not enter these tests).
    static func comparison(_ values: [Double]) throws -> Comparison {
        try Comparison(
            identifier: "values",
            results: values.enumerated().map {
                LaboratoryResult(
                    laboratory: LaboratoryID("L\($0.offset + 1)"), value: $0.element, standardUncertainty: 1)
            })
    }

    @Test func mandelHMatchesTheNumpyComputation() throws {
        // crosscheck.py: (x − mean)/sd(ddof = 1), as metRology mandel.h; a few flops, 1e-12 relative.
        let expected = [
            0.444720683711878, -0.5010144411437528, 0.6000914542238773, -0.8252664839513959, -1.176539530326347,
            1.4580083174857692,
        ]
        let h = try MandelStatistics.h(pcb28)
        #expect(h.kind == .h)
        for (row, value) in zip(h.laboratories, expected) {
            #expect(row.value.isApproximatelyEqual(to: value, relativeTolerance: 1e-12), "\(row.laboratory)")
            #expect(row.classification == .consistent)
        }
        // p = 6: ISO 5725-2 Table 6 prints 1.66 and 1.87.
        #expect(abs(h.criticalValues.fivePercent - 1.66) <= 0.005)
        #expect(abs(h.criticalValues.onePercent - 1.87) <= 0.005)
    }

    @Test(arguments: [
        // scipy: (p − 1)/√p·(2·beta.ppf(1 − α/2, (p−2)/2, (p−2)/2) − 1); ISO 5725-2 Table 6 prints
        // 1.57/1.72 (p = 5) and 1.80/2.18 (p = 10).
        (5, 1.5712213707239817, 1.7150373123433635), (10, 1.7984100049505736, 2.176068394194221),
    ])
    func mandelHIndicatorsMatchScipy(p: Int, five: Double, one: Double) throws {
        // Beta quantile by bisection to 1e-15 absolute: 1e-12 relative.
        let critical = try MandelStatistics.hCriticalValues(laboratories: p)
        #expect(critical.fivePercent.isApproximatelyEqual(to: five, relativeTolerance: 1e-12))
        #expect(critical.onePercent.isApproximatelyEqual(to: one, relativeTolerance: 1e-12))
    }

    @Test func mandelKFromWithinLaboratorySpreads() throws {
        // numpy: s/√(mean s²) for s = 0.1, 0.2, 0.15, 0.5, 0.12 (n = 3 replicates each).
        let s = [0.1, 0.2, 0.15, 0.5, 0.12]
        let spreads = s.enumerated().map {
            WithinLaboratorySpread(
                laboratory: LaboratoryID("L\($0.offset + 1)"), standardDeviation: $0.element, replicates: 3)
        }
        let k = try MandelStatistics.k(spreads)
        let expected = [0.38524277, 0.77048554, 0.57786415, 1.92621385, 0.46229132]
        for (row, value) in zip(k.laboratories, expected) {
            // numpy printed to 8 decimals: half a unit of the last digit.
            #expect(abs(row.value - value) <= 5e-9, "\(row.laboratory)")
        }
        // scipy: √(p·beta.ppf(1 − α, (n−1)/2, (p−1)(n−1)/2)) for p = 5, n = 3.
        #expect(k.criticalValues.fivePercent.isApproximatelyEqual(to: 1.623467270225076, relativeTolerance: 1e-12))
        #expect(k.criticalValues.onePercent.isApproximatelyEqual(to: 1.8490162708629176, relativeTolerance: 1e-12))
        #expect(k.replicates == 3)
        #expect(k.laboratories[3].classification == .outlier)
        // p = 10, n = 3 (scipy).
        let ten = try MandelStatistics.kCriticalValues(laboratories: 10, replicates: 3)
        #expect(ten.fivePercent.isApproximatelyEqual(to: 1.6826432645189933, relativeTolerance: 1e-12))
        #expect(ten.onePercent.isApproximatelyEqual(to: 2.0012889588489187, relativeTolerance: 1e-12))
    }

    @Test(arguments: [
        // scipy: ((p−1)/√p)·√(t²/(p−2+t²)), t = t.isf(α/(2p), p−2).
        (3, 1.1543048513440386, 1.1546847100299753), (5, 1.7150373123433635, 1.763678479497797),
        (10, 2.2899540844796005, 2.482083249715332), (21, 2.733780356956531, 3.03135815042508),
    ])
    func grubbsCriticalValuesMatchScipy(p: Int, five: Double, one: Double) throws {
        // Student t quantile by a bracketing root finder to ~1e-15: 1e-10 relative.
        let critical = try GrubbsTest.singleCriticalValues(laboratories: p)
        #expect(critical.fivePercent.isApproximatelyEqual(to: five, relativeTolerance: 1e-10))
        #expect(critical.onePercent.isApproximatelyEqual(to: one, relativeTolerance: 1e-10))
    }

    @Test func grubbsCriticalValuesReproduceISO5725Table5() throws {
        // ISO 5725-2:1994 Table 5, single Grubbs, printed to 3 decimals: ± half a unit.
        for (p, five, one) in [(5, 1.715, 1.764), (10, 2.290, 2.482)] {
            let critical = try GrubbsTest.singleCriticalValues(laboratories: p)
            #expect(abs(critical.fivePercent - five) <= 0.0005, "p = \(p)")
            #expect(abs(critical.onePercent - one) <= 0.0005, "p = \(p)")
        }
    }

    @Test func grubbsPValueIsTheLevelAtTheCriticalValue() throws {
        // The p-value and the critical values come from the same Bonferroni relation, so the
        // p-value at G_crit(α) is α (to the accuracy of the t quantile, 1e-9).
        for p in [5, 10, 21] {
            let critical = try GrubbsTest.singleCriticalValues(laboratories: p)
            #expect(abs(try GrubbsTest.singlePValue(statistic: critical.fivePercent, laboratories: p) - 0.05) <= 1e-9)
            #expect(abs(try GrubbsTest.singlePValue(statistic: critical.onePercent, laboratories: p) - 0.01) <= 1e-9)
        }
        // One value away from p − 1 equal ones: G = (p − 1)/√p, the largest possible; p-value 0.
        let tests = try GrubbsTest.single(Self.comparison([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
        #expect(tests[0].statistic.isApproximatelyEqual(to: 9 / 10.0.squareRoot(), relativeTolerance: 1e-12))
        #expect(tests[0].pValue < 1e-6 && tests[0].classification == .outlier)
    }

    @Test func grubbsSingleAndDoubleOnPCB28() throws {
        // crosscheck.py: G_p = (max − mean)/s, G_1 = (mean − min)/s; double = s²(without the pair)/s²₀.
        let single = try GrubbsTest.single(pcb28)
        #expect(single[0].side == .largest && single[0].laboratories == ["NRC"])
        #expect(single[0].statistic.isApproximatelyEqual(to: 1.4580083174857692, relativeTolerance: 1e-12))
        #expect(single[1].side == .smallest && single[1].laboratories == ["NMIJ"])
        #expect(single[1].statistic.isApproximatelyEqual(to: 1.176539530326347, relativeTolerance: 1e-12))
        #expect(single.allSatisfy { $0.classification == .consistent })
        let double = try GrubbsTest.double(pcb28, trials: 2_000, seed: 7)
        #expect(double[0].laboratories == ["NRC", "NARL"])
        #expect(double[0].statistic.isApproximatelyEqual(to: 0.2910316650263986, relativeTolerance: 1e-12))
        #expect(double[1].laboratories == ["NMIJ", "NIST"])
        #expect(double[1].statistic.isApproximatelyEqual(to: 0.3865766268692588, relativeTolerance: 1e-12))
    }

    @Test func doubleGrubbsCriticalValuesReproduceISO5725Table5() throws {
        // ISO 5725-2:1994 Table 5, double Grubbs, p = 10: 0.1864 (5 %) and 0.1150 (1 %) — the
        // 2.5 % and 0.5 % lower quantiles of the ratio (a numpy simulation of 2·10⁶ samples gives
        // 0.1865 and 0.1154). With 2·10⁵ samples the Monte Carlo standard error of these quantiles
        // is about 6e-4 and 8e-4: 0.004 is ≈ 5 standard errors.
        let values = [24.140, 20.155, 19.500, 20.300, 20.705, 17.570, 20.100, 20.940, 21.185, 22.0]
        let tests = try GrubbsTest.double(Self.comparison(values), trials: 200_000, seed: 11)
        #expect(abs(tests[0].criticalValues.fivePercent - 0.1864) <= 0.004)
        #expect(abs(tests[0].criticalValues.onePercent - 0.1150) <= 0.004)
        #expect(tests[0].trials == 200_000)
    }

    @Test func cochranCriticalValuesMatchScipyAndISO5725Table4() throws {
        // scipy: 1/(1 + (p − 1)/f.isf(α/p, ν, (p − 1)ν)), ν = n − 1 = 2.
        let five = try CochranTest.criticalValues(laboratories: 5, degreesOfFreedom: 2)
        #expect(five.fivePercent.isApproximatelyEqual(to: 0.683772233983162, relativeTolerance: 1e-10))
        #expect(five.onePercent.isApproximatelyEqual(to: 0.7885257473118871, relativeTolerance: 1e-10))
        let ten = try CochranTest.criticalValues(laboratories: 10, degreesOfFreedom: 2)
        #expect(ten.fivePercent.isApproximatelyEqual(to: 0.4449526922151883, relativeTolerance: 1e-10))
        #expect(ten.onePercent.isApproximatelyEqual(to: 0.535841116638722, relativeTolerance: 1e-10))
        // ISO 5725-2 Table 4, p = 10, n = 2, 5 %: 0.602 (± half a unit of the last digit).
        #expect(
            abs(try CochranTest.criticalValues(laboratories: 10, degreesOfFreedom: 1).fivePercent - 0.602) <= 0.0005)
    }

    @Test func cochranOnSpreadsAndOnUncertainties() throws {
        let s = [0.1, 0.2, 0.15, 0.5, 0.12]
        let spreads = s.enumerated().map {
            WithinLaboratorySpread(
                laboratory: LaboratoryID("L\($0.offset + 1)"), standardDeviation: $0.element, replicates: 3)
        }
        let test = try CochranTest.test(spreads)
        // numpy: max s²/Σ s² = 0.7420599584446422.
        #expect(test.statistic.isApproximatelyEqual(to: 0.7420599584446422, relativeTolerance: 1e-12))
        #expect(test.laboratory == "L4" && test.source == .withinLaboratorySpreads)
        #expect(test.classification == .straggler)  // 0.684 < 0.742 ≤ 0.789
        // PCB 28 with u_i²: crosscheck.py 0.40579100367197063 (IRMM); the ν_i differ, so no
        // critical values.
        let onU = try CochranTest.test(standardUncertaintiesOf: pcb28)
        #expect(onU.statistic.isApproximatelyEqual(to: 0.40579100367197063, relativeTolerance: 1e-12))
        #expect(onU.laboratory == "IRMM" && onU.source == .standardUncertainties)
        #expect(onU.criticalValues == nil && onU.classification == nil)
    }

    @Test func tooFewLaboratoriesAreTypedErrors() throws {
        let two = try Self.comparison([1, 2])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 2)) {
            try MandelStatistics.h(two)
        }
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 2)) {
            try GrubbsTest.single(two)
        }
        let three = try Self.comparison([1, 2, 4])
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 4, found: 3)) {
            try GrubbsTest.double(three, trials: 1000, seed: 1)
        }
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 2, found: 1)) {
            try MandelStatistics.k([WithinLaboratorySpread(laboratory: "A", standardDeviation: 1, replicates: 2)])
        }
    }

    @Test func criticalValuesOutsideTheirTablesAreTypedErrors() {
        // The public table functions throw where they once trapped on a precondition.
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 2)) {
            try MandelStatistics.hCriticalValues(laboratories: 2)
        }
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 2, found: 1)) {
            try MandelStatistics.kCriticalValues(laboratories: 1, replicates: 3)
        }
        #expect(throws: KeyComparisonError.self) {
            try MandelStatistics.kCriticalValues(laboratories: 5, replicates: 1)
        }
        #expect(throws: KeyComparisonError.self) {
            try MandelStatistics.kCriticalValues(laboratories: 5, replicates: .nan)
        }
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 0)) {
            try GrubbsTest.singleCriticalValues(laboratories: 0)
        }
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 3, found: 2)) {
            try GrubbsTest.singlePValue(statistic: 1, laboratories: 2)
        }
        #expect(throws: KeyComparisonError.insufficientParticipants(needed: 2, found: 1)) {
            try CochranTest.criticalValues(laboratories: 1, degreesOfFreedom: 2)
        }
        #expect(throws: KeyComparisonError.self) {
            try CochranTest.criticalValues(laboratories: 5, degreesOfFreedom: 0)
        }
        #expect(throws: KeyComparisonError.self) {
            try CochranTest.criticalValues(laboratories: 5, degreesOfFreedom: -.infinity)
        }
    }

    @Test func identicalValuesAreAZeroDispersionError() throws {
        let equal = try Self.comparison([0.1, 0.1, 0.1, 0.1])
        #expect(throws: KeyComparisonError.zeroDispersion(statistic: "Mandel's h")) { try MandelStatistics.h(equal) }
        #expect(throws: KeyComparisonError.zeroDispersion(statistic: "Grubbs' test")) { try GrubbsTest.single(equal) }
    }

    @Test func invalidSpreadsAreTypedErrors() {
        #expect(throws: KeyComparisonError.self) {
            try MandelStatistics.k([
                WithinLaboratorySpread(laboratory: "A", standardDeviation: 1, replicates: 1),
                WithinLaboratorySpread(laboratory: "B", standardDeviation: 1, replicates: 3),
            ])
        }
        #expect(throws: KeyComparisonError.nonFiniteValue(laboratory: "A", field: "standardDeviation")) {
            try CochranTest.test([
                WithinLaboratorySpread(laboratory: "A", standardDeviation: .nan, replicates: 3),
                WithinLaboratorySpread(laboratory: "B", standardDeviation: 1, replicates: 3),
            ])
        }
    }

    @Test func spreadsReadFromCSV() throws {
        let spreads = try WithinLaboratorySpread.spreads(
            csv: "laboratory,standardDeviation,replicates\n# comment\nPTB,0.012,5\n\"NIST, Gaithersburg\",0.02,4\n")
        #expect(spreads.count == 2)
        #expect(spreads[1].laboratory == "NIST, Gaithersburg" && spreads[1].replicates == 4)
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 2, column replicates", reason: "'x' is not an integer")
        ) {
            try WithinLaboratorySpread.spreads(csv: "laboratory,s,n\nPTB,0.1,x\n")
        }
    }

    @Test func spreadsAreReadLikeComparisons() throws {
        let text =
            "\u{FEFF}Laboratory,SD,Replicates\r\n# from the technical protocol\r\n\r\n\"PTB\r\nBraunschweig\",0.012,5\r\n"
        let spreads = try WithinLaboratorySpread.spreads(csv: text + "NIST,0.02,4\r\n")
        #expect(spreads.map(\.laboratory) == ["PTB\r\nBraunschweig", "NIST"])
        #expect(spreads.map(\.replicates) == [5, 4])
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "line 6, column standardDeviation", reason: "missing value")
        ) {
            try WithinLaboratorySpread.spreads(csv: text + "NIST,,4\r\n")
        }
        #expect(throws: KeyComparisonError.malformedFile(location: "line 6", reason: "unterminated quoted field")) {
            try WithinLaboratorySpread.spreads(csv: text + "\"NIST,0.02,4\r\nNPL,0.01,3\r\n")
        }
    }
}
