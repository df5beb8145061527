import Foundation
import Numerics
import Testing

@testable import Traceability

/// Each rule of issue 5 item 3, broken exactly once in an otherwise valid graph: the checker must
/// report exactly the expected codes — nothing more, nothing less.
@Suite("Traceability rules")
struct RuleTests {
    typealias Date = CalendarDate

    static func check(_ document: TraceabilityDocument, at date: CalendarDate? = nil) throws -> TraceabilityAssessment {
        TraceabilityChecker(at: date).check(try TraceabilityGraph(document))
    }

    static func digits(_ c: Character, _ n: Int = 64) -> String { String(repeating: c, count: n) }

    @Test func theBaseGraphIsValid() throws {
        let assessment = try Self.check(BaseGraph.document())
        #expect(assessment.findings.isEmpty, "\(assessment.findings)")
        #expect(assessment.verdict == .valid)
        #expect(assessment.summary.results == 1 && assessment.summary.calibrations == 3)
    }

    // MARK: T01, T02

    @Test func referenceWithoutCertificate() throws {
        let document = BaseGraph.changing("cal-B") {
            $0.points[0].references = [.init(.uncertifiedStandard("1 kg weight S/N 12, no certificate"))]
        }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.missingReferenceCertificate])
        #expect(assessment.verdict == .invalid)
        #expect(assessment.findings[0].nodes == ["cal-B"] && assessment.findings[0].rule.hasPrefix("T01"))
    }

    @Test func referenceToAnUnknownCertificate() throws {
        let document = BaseGraph.changing("cal-B") { $0.points[0].references = [.init(.calibration("cal-Z"))] }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.unresolvedReference])
        #expect(assessment.findings[0].message.contains("cal-Z"))
    }

    @Test func pointWithoutReference() throws {
        let document = BaseGraph.changing("cal-B") { $0.points[0].references = [] }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.chainBroken])
        #expect(assessment.findings[0].nodes == ["cal-B"])
    }

    @Test func nonSIAnchorIsAWarning() throws {
        var document = BaseGraph.document()
        document.anchors[0].kind = .certifiedReferenceMaterial
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.nonSIAnchor])
        #expect(assessment.findings[0].severity == .warning && assessment.verdict == .valid)
    }

    // MARK: T03

    @Test func circularTraceability() throws {
        // cal-A and a new NMI certificate cal-X of the same day refer to each other (c = 0.5, so
        // that the uncertainties alone would be consistent): a cycle with no reference to start from.
        var document = BaseGraph.changing("cal-A") {
            $0.points[0].references = [.init(.calibration("cal-X"), sensitivity: 0.5)]
        }
        document.items.append(Item(id: "W-nmi-2", holder: "NMI"))
        document.calibrations.append(
            Calibration(
                id: "cal-X", issuer: "NMI", item: "W-nmi-2", date: BaseGraph.date("2024-03-01"),
                validUntil: BaseGraph.date("2025-03-01"), quantity: "mass", unit: "kg",
                points: [
                    .init(
                        value: 1, uncertainty: .standard(3e-8),
                        references: [.init(.calibration("cal-A"), sensitivity: 0.5)])
                ]))
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.circularTraceability])
        #expect(Set(assessment.findings[0].nodes) == ["cal-A", "cal-X"])
        #expect(assessment.findings[0].values["calibrations"] == 2)
    }

    @Test func mutualTraceabilityBetweenLaboratories() throws {
        // LabA calibrates LabB's standard against cal-A; LabB then calibrates LabA's working
        // standard against it; LabA uses that one for a customer. No cycle of certificates, but
        // LabA and LabB are traceable to each other and neither holds a realization.
        var document = BaseGraph.document()
        document.items += [Item(id: "W-A2", holder: "LabA")]
        func mass(_ id: String, _ issuer: String, _ item: String, _ date: String, _ u: Double, _ ref: String)
            -> Calibration
        {
            Calibration(
                id: id, issuer: issuer, item: item, date: BaseGraph.date(date),
                recalibrationInterval: RecalibrationInterval(years: 1), quantity: "mass", unit: "g",
                points: [.init(value: 1000, uncertainty: .standard(u), references: [.init(.calibration(ref))])])
        }
        document.calibrations += [
            mass("cal-B1", "LabA", "W-B", "2024-04-01", 7e-5, "cal-A"),
            mass("cal-A2", "LabB", "W-A2", "2024-05-01", 8e-5, "cal-B1"),
            mass("cal-C", "LabA", "W-customer-2", "2024-06-01", 9e-5, "cal-A2"),
        ]
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.mutualTraceability])
        #expect(Set(assessment.findings[0].nodes) == ["LabA", "LabB"])
        #expect(assessment.verdict == .valid)
    }

    // MARK: T04, T05a, --at

    @Test func referenceFromTheFuture() throws {
        let document = BaseGraph.changing("cal-B") { $0.date = BaseGraph.date("2024-02-01") }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.referenceFromFuture])
        #expect(assessment.findings[0].nodes == ["cal-B", "cal-A"])
        // cal-A (2024-03-01) is 29 days later than cal-B (2024-02-01).
        #expect(assessment.findings[0].values["daysEarly"] == 29)
    }

    @Test func expiredReference() throws {
        // cal-A: 2024-03-01 + P2Y = 2026-03-01; used on 2026-06-01, 92 days later.
        let document = BaseGraph.changing("cal-B") { $0.date = BaseGraph.date("2026-06-01") }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.referenceExpired])
        #expect(assessment.findings[0].values["daysAfterExpiry"] == 92)
    }

    @Test func referenceWithoutRecalibrationIntervalMakesTheVerdictIncomplete() throws {
        let document = BaseGraph.changing("cal-A") { $0.recalibrationInterval = nil }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.noRecalibrationInterval])
        #expect(assessment.verdict == .incomplete)
    }

    @Test func onDemandIntervalNeverExpires() throws {
        let document = BaseGraph.changing("cal-A") { $0.recalibrationInterval = RecalibrationInterval() }
        let late = BaseGraph.changing("cal-B") { $0.date = BaseGraph.date("2030-01-01") }
        #expect(try Self.check(document).findings.isEmpty)
        #expect(try Self.check(late).codes == [.referenceExpired])
    }

    @Test func validityAtADate() throws {
        // cal-B: 2024-06-01 + P1Y = 2025-06-01.
        #expect(try Self.check(BaseGraph.document(), at: BaseGraph.date("2025-06-01")).findings.isEmpty)
        let expired = try Self.check(BaseGraph.document(), at: BaseGraph.date("2025-06-02"))
        #expect(expired.codes == [.notValidAtDate] && expired.findings[0].nodes == ["cal-B"])
        #expect(expired.findings[0].values["daysAfterExpiry"] == 1)
        let early = try Self.check(BaseGraph.document(), at: BaseGraph.date("2024-05-31"))
        #expect(early.codes == [.notValidAtDate] && early.findings[0].values["daysEarly"] == 1)
    }

    // MARK: T05b

    @Test func noCMCForTheService() throws {
        var document = BaseGraph.document()
        document.cmcs.removeAll { $0.id == "LabA-mass" }
        document.organizations[1].accreditations[0].scope = nil
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.noMatchingCMC])
        #expect(assessment.findings[0].nodes == ["cal-B"])
    }

    @Test func valueOutsideTheCMCRange() throws {
        let document = BaseGraph.changingCMC("LabA-mass") { $0.range = MeasurementRange(lower: 1, upper: 500) }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.outsideCMCRange])
        #expect(assessment.findings[0].values["upperLimit"] == 500)
        #expect(assessment.findings[0].values["value"] == 1000.0001)
    }

    @Test func uncertaintyBelowTheCMC() throws {
        // u = 8e-5/2 = 4e-5 g; u_CMC = 1e-7 × 1000.0001 g / 2 = 5.0000005e-5 g.
        let document = BaseGraph.changing("cal-B") { $0.points[0].uncertainty = .expanded(8e-5, coverageFactor: 2) }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.uncertaintyBelowCMC])
        let values = assessment.findings[0].values
        #expect(values["standardUncertainty"] == 4e-5)
        #expect(
            try #require(values["cmcStandardUncertainty"]).isApproximatelyEqual(
                to: 5.0000005e-5, relativeTolerance: 1e-15))
    }

    @Test func cmcGreyedOutAtTheCalibrationDate() throws {
        let document = BaseGraph.changingCMC("LabA-mass") {
            $0.status.append(.init(.greyedOut, from: BaseGraph.date("2024-01-01")))
        }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.cmcNotPublishedAtDate])
        #expect(assessment.findings[0].message.contains("'greyed-out'"))
    }

    @Test func cmcWithoutRangeMakesTheVerdictIncomplete() throws {
        let document = BaseGraph.changingCMC("LabA-mass") { $0.range = nil }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.cmcRangeUnspecified] && assessment.verdict == .incomplete)
    }

    // MARK: T06

    @Test func accreditationBodyThatIsNotASignatory() throws {
        var document = BaseGraph.document()
        document.organizations[1].accreditations[0].isSignatory = false
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.routeNotRecognised])
        #expect(assessment.findings[0].nodes == ["cal-B", "LabA"])
    }

    @Test func suspendedQualitySystem() throws {
        var document = BaseGraph.document()
        document.organizations[0].qualitySystem.append(.init(.suspended, from: BaseGraph.date("2024-02-01")))
        // cal-nmi (2024-01-10) is before the suspension, cal-A (2024-03-01) after.
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.routeNotRecognised])
        #expect(assessment.findings.map(\.nodes) == [["cal-A", "NMI"]])
    }

    // MARK: T07

    @Test func uncertaintyDecreasesAlongTheChain() throws {
        // cal-nmi u = 4e-8 kg, cal-A u = 3e-8 kg < 4e-8 kg inherited.
        let document = BaseGraph.changing("cal-nmi") { $0.points[0].uncertainty = .standard(4e-8) }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.uncertaintyDecreases])
        let finding = assessment.findings[0]
        #expect(finding.nodes == ["cal-A", "cal-nmi"])
        #expect(finding.values["inheritedUncertainty"] == 4e-8 && finding.values["standardUncertainty"] == 3e-8)
    }

    @Test func noAddedUncertaintyIsAWarning() throws {
        let document = BaseGraph.changing("cal-nmi") { $0.points[0].uncertainty = .standard(3e-8) }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.noAddedUncertainty] && assessment.verdict == .valid)
    }

    // MARK: T08

    @Test func unitOfAnotherDimension() throws {
        let document = BaseGraph.changing("cal-B") { $0.unit = "m" }
        let assessment = try Self.check(document)
        // Against its reference cal-A (kg) and against its CMC (g).
        #expect(assessment.codes == [.unitMismatch])
        #expect(assessment.findings.map(\.nodes) == [["cal-B", "cal-A"], ["cal-B", "LabA-mass"]])
    }

    @Test func invalidUnitNamesTheToken() throws {
        let document = BaseGraph.changing("cal-B") { $0.unit = #"\kgf"# }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.invalidUnit])
        #expect(assessment.findings[0].message.contains(#"\kgf"#))
    }

    @Test func frequencyTracedToActivity() throws {
        let document = TraceabilityDocument(
            anchors: [
                Anchor(
                    id: "Cs-133", kind: .siRealization, quantity: "frequency", unit: "Hz", holder: "NMI",
                    uncertainty: .standard(1e-6))
            ],
            organizations: [Organization(id: "NMI", kind: .nationalMetrologyInstitute)],
            items: [Item(id: "counter", holder: "NMI")],
            calibrations: [
                Calibration(
                    id: "cal-1", issuer: "NMI", item: "counter", date: BaseGraph.date("2024-01-01"),
                    quantity: "activity", unit: "Bq",
                    points: [.init(value: 10, uncertainty: .standard(1e-3), references: [.init(.anchor("Cs-133"))])])
            ])
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.quantityKindMismatch] && assessment.findings[0].severity == .warning)
    }

    @Test func celsiusTracedToKelvinConvertsWithTheOffset() throws {
        // A thermometer calibrated in °C against a fixed point in K: dimensions agree, the
        // uncertainty converts without the offset (0.01 K = 0.01 °C), and the value 20 °C lies in
        // the CMC range 273.15–373.15 K only once the offset 273.15 is applied.
        let document = TraceabilityDocument(
            anchors: [
                Anchor(
                    id: "ITS-90", kind: .definedScale, quantity: "temperature", unit: "K", holder: "NMI",
                    uncertainty: .standard(0.001))
            ],
            organizations: [Organization(id: "NMI", kind: .nationalMetrologyInstitute)],
            cmcs: [
                CalibrationMeasurementCapability(
                    id: "NMI-T", organization: "NMI", quantity: "temperature", unit: "K",
                    range: MeasurementRange(lower: 273.15, upper: 373.15), uncertainty: CMCUncertainty(absolute: 0.02),
                    coverageFactor: 2, status: [.init(.published, from: BaseGraph.date("2000-01-01"))])
            ],
            calibrations: [
                Calibration(
                    id: "cal-T", issuer: "NMI", item: "customer thermometer", date: BaseGraph.date("2024-01-01"),
                    quantity: "temperature", unit: "°C",
                    points: [.init(value: 20, uncertainty: .standard(0.01), references: [.init(.anchor("ITS-90"))])])
            ])
        #expect(try Self.check(document).findings.isEmpty)
        var below = document
        below.calibrations[0].points[0].uncertainty = .standard(0.009)
        #expect(try Self.check(below).codes == [.uncertaintyBelowCMC])
    }

    // MARK: T09

    @Test func referenceUsedOutsideItsValidityRange() throws {
        let document = BaseGraph.changing("cal-B") { $0.points[0].references[0].usedAt = 5 }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.outOfCalibratedRange])
        #expect(assessment.findings[0].values == ["usedAt": 5, "lowerLimit": 0.5, "upperLimit": 2])
    }

    // MARK: T10

    @Test func digestThatDoesNotMatchTheDocument() throws {
        let document = BaseGraph.changing("cal-B") {
            $0.points[0].references[0].certificateHash = DocumentHash(algorithm: "SHA256", value: Self.digits("0"))
        }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.hashMismatch] && assessment.findings[0].nodes == ["cal-B", "cal-A"])
    }

    @Test func analogueReferenceIsUnverifiable() throws {
        let document = BaseGraph.changing("cal-B") {
            $0.points[0].references[0].certificateHash = DocumentHash(
                algorithm: "analogue", value: "GP-mE-Certificate-x")
        }
        let assessment = try Self.check(document)
        #expect(assessment.codes == [.unverifiableReference])
        #expect(assessment.findings[0].severity == .info && assessment.verdict == .incomplete)
    }

    // MARK: Report shape

    @Test func findingsAreOrderedBySeverityAndCarryTheRule() throws {
        var document = BaseGraph.changing("cal-B") { $0.points[0].references = [] }
        document.anchors[0].kind = .consensusStandard
        let assessment = try Self.check(document)
        #expect(assessment.findings.map(\.code) == [.chainBroken, .nonSIAnchor])
        #expect(assessment.summary.errors == 1 && assessment.summary.warnings == 1)
        for finding in assessment.findings {
            #expect(finding.rule == finding.code.rule && finding.severity == finding.code.severity)
        }
    }
}
