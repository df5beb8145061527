import Traceability

/// A small graph that satisfies every rule, built so that each test can break exactly one.
///
///     SI-kg (anchor, NMI, u = 1e-9 kg)
///       └─ cal-nmi   NMI, in-house, 2024-01-10, valid until 2026-01-10, u = 2e-8 kg
///            └─ cal-A   NMI for LabA (CMC NMI-mass, u_CMC = 2e-8 kg), 2024-03-01, P2Y, u = 3e-8 kg,
///                 │      validity range 0.5–2 kg
///                 └─ cal-B   LabA for a customer (CMC LabA-mass in g, u_CMC = 5e-5 g at 1 kg),
///                            2024-06-01, P1Y, 1000.0001 g, u = 6e-5 g, used cal-A at 1 kg
enum BaseGraph {
    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso8601: text) else { preconditionFailure("bad test date \(text)") }
        return date
    }

    static let digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    static func document() -> TraceabilityDocument {
        TraceabilityDocument(
            anchors: [
                Anchor(
                    id: "SI-kg", kind: .siRealization, quantity: "mass", unit: "kg", holder: "NMI", value: 1,
                    uncertainty: .standard(1e-9))
            ],
            organizations: [
                Organization(
                    id: "NMI", kind: .nationalMetrologyInstitute, country: "DE", rmo: "EURAMET",
                    qualitySystem: [.init(.accepted, from: date("2000-01-01"))]),
                Organization(
                    id: "LabA", kind: .accreditedLaboratory, country: "DE",
                    accreditations: [
                        Accreditation(body: "DAkkS", isSignatory: true, from: date("2015-01-01"), scope: ["LabA-mass"])
                    ]),
                Organization(
                    id: "LabB", kind: .accreditedLaboratory, country: "FR",
                    accreditations: [
                        Accreditation(body: "COFRAC", isSignatory: true, from: date("2015-01-01"), scope: ["LabB-mass"])
                    ]),
            ],
            cmcs: [
                CalibrationMeasurementCapability(
                    id: "NMI-mass", organization: "NMI", quantity: "mass", unit: "kg",
                    range: MeasurementRange(lower: 0.001, upper: 10), uncertainty: CMCUncertainty(absolute: 4e-8),
                    coverageFactor: 2, status: [.init(.published, from: date("2005-01-01"))]),
                CalibrationMeasurementCapability(
                    id: "LabA-mass", organization: "LabA", quantity: "mass", unit: "g",
                    range: MeasurementRange(lower: 1, upper: 5000), uncertainty: CMCUncertainty(relative: 1e-7),
                    coverageFactor: 2, status: [.init(.published, from: date("2015-01-01"))]),
                CalibrationMeasurementCapability(
                    id: "LabB-mass", organization: "LabB", quantity: "mass", unit: "g",
                    range: MeasurementRange(lower: 1, upper: 5000), uncertainty: CMCUncertainty(relative: 1e-7),
                    coverageFactor: 2, status: [.init(.published, from: date("2015-01-01"))]),
            ],
            items: [
                Item(id: "W-nmi", holder: "NMI", role: .primary),
                Item(id: "W-A", holder: "LabA", role: .reference),
                Item(id: "W-B", holder: "LabB", role: .reference),
            ],
            calibrations: [
                Calibration(
                    id: "cal-nmi", issuer: "NMI", item: "W-nmi", date: date("2024-01-10"),
                    validUntil: date("2026-01-10"), quantity: "mass", unit: "kg",
                    points: [.init(value: 1.0, uncertainty: .standard(2e-8), references: [.init(.anchor("SI-kg"))])]),
                Calibration(
                    id: "cal-A", issuer: "NMI", item: "W-A", date: date("2024-03-01"),
                    recalibrationInterval: RecalibrationInterval(years: 2), quantity: "mass", unit: "kg",
                    points: [
                        .init(
                            value: 1.00000003, uncertainty: .standard(3e-8),
                            references: [.init(.calibration("cal-nmi"))])
                    ],
                    validityRange: MeasurementRange(lower: 0.5, upper: 2),
                    documentHash: DocumentHash(algorithm: "SHA256", value: digest)),
                Calibration(
                    id: "cal-B", issuer: "LabA", item: "W-customer", date: date("2024-06-01"),
                    recalibrationInterval: RecalibrationInterval(years: 1), quantity: "mass", unit: "g",
                    points: [
                        .init(
                            value: 1000.0001, uncertainty: .expanded(1.2e-4, coverageFactor: 2),
                            references: [
                                .init(
                                    .calibration("cal-A"), usedAt: 1.0,
                                    certificateHash: DocumentHash(algorithm: "SHA-256", value: digest.uppercased()))
                            ])
                    ]),
            ])
    }

    /// The document with one calibration changed.
    static func changing(_ id: String, _ change: (inout Calibration) -> Void) -> TraceabilityDocument {
        var document = document()
        for i in document.calibrations.indices where document.calibrations[i].id == id {
            change(&document.calibrations[i])
        }
        return document
    }

    /// The document with one CMC changed.
    static func changingCMC(_ id: String, _ change: (inout CalibrationMeasurementCapability) -> Void)
        -> TraceabilityDocument
    {
        var document = document()
        for i in document.cmcs.indices where document.cmcs[i].id == id { change(&document.cmcs[i]) }
        return document
    }
}
