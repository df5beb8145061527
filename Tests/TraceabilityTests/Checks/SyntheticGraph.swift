import Traceability

/// A generated graph that satisfies every rule: `calibrations` certificates in `depth` levels,
/// each level about twice the one above, every calibration below the first referring to two of the
/// level above with sensitivity ½ (the mean of two standards). The same construction (same
/// formulas, no random numbers) is used by `Benchmarks/TraceabilityBenchmarks` and by the networkx
/// peer `Benchmarks/peers/traceability_networkx.py`.
///
/// - 4 NMIs each holding a kg realization (u = 1e-9 kg) with a published CMC; for each level
///   L ≥ 2, `max(2, n/8000)` accredited laboratories `Lab-L-j` with a signatory accreditation and
///   a CMC in their scope (laboratories of one level use only the level above, so no two
///   laboratories are traceable to each other);
/// - level 1: NMI i % 4 calibrates against anchor i % 4; level L ≥ 2: laboratory Lab-L-(i mod labs)
///   calibrates against (i·7919) mod n and (i·104729 + 1) mod n of level L − 1;
/// - u at level L = (L + 1)·1e-9 kg, so u² ≥ ½u²(level L − 1) (rule T07); odd laboratory
///   certificates are in g (values and uncertainties ×1000) to exercise unit conversion;
/// - dates 2000-01-01 + 30·L + i mod 20 days, interval P5Y; validity range 0.5–2 kg.
enum SyntheticGraph {
    static func levelSizes(calibrations: Int, depth: Int) -> [Int] {
        let weights = (1...depth).map { Double(1 << $0) }
        let total = weights.reduce(0, +)
        var sizes = weights.map { Swift.max(4, Int((Double(calibrations) * $0 / total).rounded(.down))) }
        sizes[depth - 1] += Swift.max(0, calibrations - sizes.reduce(0, +))
        return sizes
    }

    static func document(calibrations: Int, depth: Int = 8) -> TraceabilityDocument {
        let start = CalendarDate(daysSinceEpoch: 10_957)  // 2000-01-01
        let labs = Swift.max(2, calibrations / 8000)
        var organizations: [Organization] = []
        var cmcs: [CalibrationMeasurementCapability] = []
        var anchors: [Anchor] = []
        for n in 0..<4 {
            organizations.append(
                Organization(
                    id: "NMI-\(n)", kind: .nationalMetrologyInstitute,
                    qualitySystem: [.init(.accepted, from: start)]))
            anchors.append(
                Anchor(
                    id: "SI-kg-\(n)", kind: .siRealization, quantity: "mass", unit: "kg", holder: "NMI-\(n)",
                    value: 1, uncertainty: .standard(1e-9)))
            cmcs.append(
                CalibrationMeasurementCapability(
                    id: "CMC-NMI-\(n)", organization: "NMI-\(n)", quantity: "mass", unit: "kg",
                    range: MeasurementRange(lower: 0.001, upper: 100), uncertainty: CMCUncertainty(absolute: 2e-9),
                    coverageFactor: 2, status: [.init(.published, from: start)]))
        }
        for level in 2...Swift.max(2, depth) {
            for l in 0..<labs {
                organizations.append(
                    Organization(
                        id: "Lab-\(level)-\(l)", kind: .accreditedLaboratory,
                        accreditations: [
                            Accreditation(body: "AB", isSignatory: true, from: start, scope: ["CMC-Lab-\(level)-\(l)"])
                        ]))
                cmcs.append(
                    CalibrationMeasurementCapability(
                        id: "CMC-Lab-\(level)-\(l)", organization: "Lab-\(level)-\(l)", quantity: "mass", unit: "kg",
                        range: MeasurementRange(lower: 0.001, upper: 100),
                        uncertainty: CMCUncertainty(absolute: 2e-9), coverageFactor: 2,
                        status: [.init(.published, from: start)]))
            }
        }
        let sizes = levelSizes(calibrations: calibrations, depth: depth)
        var list: [Calibration] = []
        list.reserveCapacity(calibrations)
        var levelStart = 0
        let interval = RecalibrationInterval(years: 5)
        for (index, size) in sizes.enumerated() {
            let level = index + 1
            let u = Double(level + 1) * 1e-9
            for i in 0..<size {
                let date = CalendarDate(daysSinceEpoch: start.daysSinceEpoch + 30 * level + i % 20)
                let value = 1 + Double(i % 1000) * 1e-10
                if level == 1 {
                    list.append(
                        Calibration(
                            id: "c\(level)-\(i)", issuer: "NMI-\(i % 4)", item: "item\(level)-\(i)", date: date,
                            recalibrationInterval: interval, quantity: "mass", unit: "kg",
                            points: [
                                .init(
                                    value: value, uncertainty: .standard(u),
                                    references: [.init(.anchor("SI-kg-\(i % 4)"))])
                            ], validityRange: MeasurementRange(lower: 0.5, upper: 2)))
                    continue
                }
                let above = sizes[index - 1]
                let first = (i &* 7919) % above
                var second = (i &* 104_729 &+ 1) % above
                if second == first { second = (first + 1) % above }
                let lab = i % labs
                let grams = lab % 2 == 1
                let scale = grams ? 1000.0 : 1
                list.append(
                    Calibration(
                        id: "c\(level)-\(i)", issuer: "Lab-\(level)-\(lab)", item: "item\(level)-\(i)", date: date,
                        recalibrationInterval: interval, quantity: "mass", unit: grams ? "g" : "kg",
                        points: [
                            .init(
                                value: value * scale, uncertainty: .standard(u * scale),
                                references: [
                                    .init(.calibration("c\(level - 1)-\(first)"), sensitivity: 0.5),
                                    .init(.calibration("c\(level - 1)-\(second)"), sensitivity: 0.5),
                                ])
                        ], validityRange: MeasurementRange(lower: 0.5 * scale, upper: 2 * scale)))
            }
            levelStart += size
        }
        return TraceabilityDocument(anchors: anchors, organizations: organizations, cmcs: cmcs, calibrations: list)
    }
}
