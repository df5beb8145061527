/// Rule T08, first half: every unit in the graph must be valid D-SI or SI Reference Point
/// (`INVALID_UNIT`, with the offending token). The D-SI XSD does not restrict `si:unit`
/// (an unrestricted xs:string), so units are parsed in code (reference note §0 item 7).
extension CheckRun {
    mutating func checkUnits() {
        let document = graph.document
        let problems: [TraceabilityError?] = graph.unitTable.map {
            if case .failure(let error) = $0 { return error }
            return nil
        }
        guard problems.contains(where: { $0 != nil }) else { return }
        for (a, anchor) in document.anchors.enumerated() {
            if let error = problems[Int(graph.anchorUnit[a])] {
                report(.invalidUnit, [anchor.id], "anchor \(anchor.id): \(error)")
            }
        }
        for (m, cmc) in document.cmcs.enumerated() {
            if let error = problems[Int(graph.cmcUnit[m])] { report(.invalidUnit, [cmc.id], "CMC \(cmc.id): \(error)") }
        }
        for c in 0..<document.calibrations.count {
            if let error = problems[Int(graph.calibrationUnit[c])] {
                let id = document.calibrations[c].id
                report(.invalidUnit, [id], "calibration \(id): \(error)")
            }
            let start = Int(graph.referenceStart[Int(graph.pointStart[c])])
            let end = Int(graph.referenceStart[Int(graph.pointStart[c + 1])])
            var reported: Set<Int32> = []
            for r in start..<end {
                let unit = graph.referenceSensitivityUnit[r]
                if let error = problems[Int(unit)], reported.insert(unit).inserted {
                    let id = document.calibrations[c].id
                    report(.invalidUnit, [id], "calibration \(id), sensitivity unit: \(error)")
                }
            }
        }
    }
}
