import Traceability

/// Three laboratories in a comparison; Lab1 and Lab2 calibrated their standards against the same
/// transfer standard S of NMI-1, Lab3 traces to NMI-2:
///
///     SI-kg-1 (u = 5e-9 kg) ── cal-S (NMI-1, u = 2e-5 g) ──┬── lab1-k (0.052 mg, u = 0.030 mg)
///                                                          └── lab2-k (0.047 mg, u = 0.025 mg)
///     SI-kg-2 (u = 8e-9 kg) ── cal-T (NMI-2, u = 3e-5 g) ───── lab3-k (0.060 mg, u = 0.040 mg)
///
/// The comparison values are deviations from 1 kg in mg; the chain links are masses in kg and g,
/// so every covariance goes through a unit conversion. u(lab1, lab2) = u²(S) = (0.02 mg)².
enum SharedStandardGraph {
    static func date(_ text: String) -> CalendarDate { BaseGraph.date(text) }

    static func document() -> TraceabilityDocument {
        func organization(_ id: String, _ kind: Organization.Kind) -> Organization {
            Organization(
                id: id, kind: kind,
                accreditations: kind == .accreditedLaboratory
                    ? [Accreditation(body: "AB", isSignatory: true, from: date("2010-01-01"))] : [])
        }
        func labResult(_ id: String, _ lab: String, _ value: Double, _ u: Double, _ reference: String) -> Calibration {
            Calibration(
                id: id, issuer: lab, item: "travelling standard", date: date("2025-05-01"), quantity: "mass",
                unit: "mg",
                points: [.init(value: value, uncertainty: .standard(u), references: [.init(.calibration(reference))])])
        }
        return TraceabilityDocument(
            anchors: [
                Anchor(
                    id: "SI-kg-1", kind: .siRealization, quantity: "mass", unit: "kg", holder: "NMI-1",
                    uncertainty: .standard(5e-9)),
                Anchor(
                    id: "SI-kg-2", kind: .siRealization, quantity: "mass", unit: "kg", holder: "NMI-2",
                    uncertainty: .standard(8e-9)),
            ],
            organizations: [
                organization("NMI-1", .nationalMetrologyInstitute), organization("NMI-2", .nationalMetrologyInstitute),
                organization("Lab1", .laboratory), organization("Lab2", .laboratory), organization("Lab3", .laboratory),
            ],
            items: [
                Item(id: "S", holder: "NMI-1", role: .transfer), Item(id: "T", holder: "NMI-2", role: .transfer),
                Item(id: "travelling standard", role: .travelling),
            ],
            calibrations: [
                Calibration(
                    id: "cal-S", issuer: "NMI-1", item: "S", date: date("2025-01-15"),
                    recalibrationInterval: RecalibrationInterval(years: 1), quantity: "mass", unit: "g",
                    points: [
                        .init(value: 1000.00002, uncertainty: .standard(2e-5), references: [.init(.anchor("SI-kg-1"))])
                    ]),
                Calibration(
                    id: "cal-T", issuer: "NMI-2", item: "T", date: date("2025-02-01"),
                    validUntil: date("2027-02-01"), quantity: "mass", unit: "g",
                    points: [
                        .init(value: 999.99997, uncertainty: .standard(3e-5), references: [.init(.anchor("SI-kg-2"))])
                    ]),
                labResult("lab1-k", "Lab1", 0.052, 0.030, "cal-S"),
                labResult("lab2-k", "Lab2", 0.047, 0.025, "cal-S"),
                labResult("lab3-k", "Lab3", 0.060, 0.040, "cal-T"),
            ],
            comparisons: [
                ComparisonRecord(
                    id: "K-shared", measurand: "mass deviation of a 1 kg travelling standard from 1 kg",
                    participants: [
                        .init(laboratory: "Lab1", result: "lab1-k"), .init(laboratory: "Lab2", result: "lab2-k"),
                        .init(laboratory: "Lab3", result: "lab3-k"),
                    ])
            ])
    }
}
