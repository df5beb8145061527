/// Rule T08, first half: every unit in the graph must be valid D-SI or SI Reference Point
/// (`INVALID_UNIT`, with the offending token). The D-SI XSD does not restrict `si:unit`
/// (an unrestricted xs:string), so units are parsed in code (reference note §0 item 7).
extension CheckRun {
    mutating func checkUnits() {
        let document = graph.document
        func problem(_ index: Int32) -> TraceabilityError? {
            if case .failure(let error) = graph.unitTable[Int(index)] { return error }
            return nil
        }
        for (a, anchor) in document.anchors.enumerated() {
            if let error = problem(graph.anchorUnit[a]) {
                report(.invalidUnit, [anchor.id], "anchor \(anchor.id): \(error)")
            }
        }
        for (m, cmc) in document.cmcs.enumerated() {
            if let error = problem(graph.cmcUnit[m]) { report(.invalidUnit, [cmc.id], "CMC \(cmc.id): \(error)") }
        }
        for (c, calibration) in document.calibrations.enumerated() {
            if let error = problem(graph.calibrationUnit[c]) {
                report(.invalidUnit, [calibration.id], "calibration \(calibration.id): \(error)")
            }
            let start = Int(graph.referenceStart[Int(graph.pointStart[c])])
            let end = Int(graph.referenceStart[Int(graph.pointStart[c + 1])])
            var reported: Set<Int32> = []
            for r in start..<end {
                let unit = graph.referenceSensitivityUnit[r]
                if let error = problem(unit), reported.insert(unit).inserted {
                    report(.invalidUnit, [calibration.id], "calibration \(calibration.id), sensitivity unit: \(error)")
                }
            }
        }
    }
}
