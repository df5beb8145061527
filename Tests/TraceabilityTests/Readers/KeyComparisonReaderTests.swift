import Foundation
import Testing

@testable import Traceability

/// BIPM.RI(II)-K1.Ra-223 (TheBIPM/CCRI-II-KC): the published DoEs are in MBq with k = 2 and the
/// KCRV in kBq with k = 1. The DoEs are recomputed independently as d_i = A_e,i − KCRV from the
/// SIR equivalent activities in the same file; the published d_i are rounded to 0.01 MBq, so
/// they agree to 5 kBq (half the last digit).
@Suite("BIPM key comparison reader")
struct KeyComparisonReaderTests {
    let kBq: MeasurementUnit
    let comparison: BIPMKeyComparison

    init() throws {
        kBq = try MeasurementUnit(parsing: "kBq")
        comparison = try BIPMKeyComparison(contentsOf: SampleFiles.radium223)
    }

    @Test("General information, releases and submissions")
    func structure() throws {
        #expect(comparison.comparisonCode == "BIPM.RI(II)-K1.Ra-223")
        #expect(comparison.serviceCategoryID == nil)
        #expect(comparison.pilot == BIPMKeyComparison.Participant(acronym: "BIPM", ror: "https://ror.org/055vkyj43"))
        #expect(comparison.releases.map(\.year) == [2021, 2022])
        #expect(comparison.releases[0].doi == "https://doi.org/10.1088/0026-1394/58/1A/06007")
        #expect(
            comparison.releases.map { $0.degreesOfEquivalence.map(\.laboratory.acronym) } == [
                ["NPL", "PTB", "LNE-LNHB"], ["NPL", "PTB", "LNE-LNHB", "POLATOM"],
            ])
        #expect(comparison.submissions.map(\.laboratory.acronym) == ["LNE-LNHB", "NPL", "POLATOM", "PTB"])
        #expect(
            comparison.submissions.allSatisfy {
                $0.includedInReferenceValue == true && $0.degreeOfEquivalenceValid == true
            })
        #expect(comparison.submissions[0].laboratory.pastAcronyms == ["LMRI", "LPRI", "BNM-LNHB"])
        #expect(comparison.submissions[3].laboratoryMeasurements.count == 2)
        #expect(comparison.submissions[3].laboratoryMeasurements[0].activity?.value == 4149)
    }

    @Test("KCRV in kBq with k = 1; DoE in \\mega\\becquerel with k = 2")
    func units() throws {
        let kcrv = comparison.releases[0].referenceValue
        #expect(kcrv.value == 54530 && kcrv.unit == "kBq")
        #expect(kcrv.uncertainty?.coverageFactor == 1 && kcrv.standardUncertainty == 96)
        let npl = comparison.releases[0].degreesOfEquivalence[0].result
        #expect(npl.unit == #"\mega\becquerel"#)
        #expect(npl.uncertainty?.coverageFactor == 2 && npl.uncertainty?.coverageProbability == 0.95)
        // The same quantity in two notations: the conversion is exactly ×1000.
        #expect(try MeasurementUnit(parsing: npl.unit).conversion(to: kBq).factor == 1000)
        #expect(try kcrv.converted(to: MeasurementUnit(parsing: npl.unit)).value == 54.53)
    }

    @Test("DoE in kBq and E_n = |d|/U(d) per laboratory")
    func normalizedErrors() throws {
        let expected2021: [(String, Double, Double)] = [("NPL", 210, 520), ("PTB", 60, 250), ("LNE-LNHB", -130, 210)]
        let doe2021 = try comparison.releases[0].degreesOfEquivalence(in: kBq)
        for ((lab, d, U), entry) in zip(expected2021, doe2021) {
            #expect(entry.laboratory == lab)
            #expect(entry.difference == d)  // 0.21 MBq × 1000 is 210 exactly after rounding
            #expect(entry.expandedUncertainty == U)
            #expect(entry.coverageFactor == 2)
            #expect(abs(entry.normalizedError - abs(d) / U) < 1e-15)
            #expect(entry.normalizedError < 1, "every laboratory agrees with the KCRV")
        }
        let doe2022 = try comparison.releases[1].degreesOfEquivalence(in: kBq)
        let polatom = try #require(doe2022.first { $0.laboratory == "POLATOM" })
        #expect(polatom.difference == 390 && polatom.expandedUncertainty == 420)
        // E_n = 390/420 = 0.9286: the largest of the comparison, still below 1.
        #expect(abs(polatom.normalizedError - 0.928_571_428_571_428_6) < 1e-12)
        #expect(doe2022.map(\.normalizedError).max() == polatom.normalizedError)
    }

    @Test("Published DoEs equal A_e − KCRV recomputed from the SIR results (to the 0.01 MBq rounding)")
    func recomputedDoE() throws {
        for release in comparison.releases {
            let kcrv = try release.referenceValue.converted(to: kBq).value
            for entry in try release.degreesOfEquivalence(in: kBq) {
                let submission = try #require(
                    comparison.submissions.first { $0.laboratory.acronym == entry.laboratory })
                let activity = try #require(submission.equivalentActivities.first)
                let d = try activity.converted(to: kBq).value - kcrv
                #expect(
                    abs(d - entry.difference) <= 5,
                    "\(release.year ?? 0) \(entry.laboratory): \(d) vs \(entry.difference)")
            }
        }
    }

    @Test("Wrong root or missing code: typed errors")
    func malformed() {
        #expect(throws: TraceabilityError.self) {
            try BIPMKeyComparison(data: Data(#"<x xmlns="urn:other"/>"#.utf8), location: "x.xml")
        }
        #expect(
            throws: TraceabilityError.missingElement(
                file: "k.xml", location: "line 1", element: "kc:comparisonCode")
        ) {
            try BIPMKeyComparison(data: Data(#"<kc:comparison xmlns:kc="KC_Schema"/>"#.utf8), location: "k.xml")
        }
    }
}
