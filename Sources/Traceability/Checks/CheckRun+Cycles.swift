/// Rule T03: circular traceability (Tarjan's strongly connected components on the points) and
/// mutual traceability between organizations (the same on the projection onto
/// (organization, quantity)).
extension CheckRun {
    /// At most this many node ids are listed in one finding (the count is in its values).
    static let maximumListedNodes = 100

    mutating func checkCycles() {
        let document = graph.document
        let components = StronglyConnectedComponents(
            nodeCount: graph.pointCount, offsets: graph.referenceStart, targets: graph.referenceTargets)
        for cycle in components.cycles {
            var ids: [String] = []
            var seen = Set<Int32>()
            for p in cycle {
                let c = graph.pointCalibration[Int(p)]
                if seen.insert(c).inserted { ids.append(document.calibrations[Int(c)].id) }
            }
            let listed = Array(ids.prefix(Self.maximumListedNodes))
            let path = listed.joined(separator: " → ") + (ids.count > listed.count ? " → …" : "")
            report(
                .circularTraceability, listed,
                "calibrations \(path) trace back to themselves: the hierarchy has no reference to start from",
                ["calibrations": Double(ids.count)])
        }
        checkMutualTraceability()
    }

    /// Organizations A and B (and more) that calibrate each other's standards for a quantity,
    /// where none of them holds an anchor of that quantity: the projection of the references onto
    /// (issuer, quantity) has a cycle through organizations without a realization of their own.
    private mutating func checkMutualTraceability() {
        let document = graph.document
        let calibrationQuantity = graph.calibrationQuantity
        let quantityNames = graph.quantityNames
        var holders = Set<Int64>()
        for (a, anchor) in document.anchors.enumerated() {
            if let holder = anchor.holder, let o = graph.organizationByID[holder] {
                holders.insert(Int64(o) << 32 | Int64(graph.anchorQuantity[a]))
            }
        }
        // Nodes (organization, quantity), numbered as met; edges between different organizations.
        var nodeIndex: [Int64: Int32] = [:]
        var nodeKeys: [Int64] = []
        func node(_ c: Int) -> Int32 {
            let key = Int64(graph.calibrationIssuer[c]) << 32 | Int64(calibrationQuantity[c])
            if let n = nodeIndex[key] { return n }
            let n = Int32(nodeKeys.count)
            nodeKeys.append(key)
            nodeIndex[key] = n
            return n
        }
        var edges = Set<Int64>()
        for p in 0..<graph.pointCount {
            let c = Int(graph.pointCalibration[p])
            for r in Int(graph.referenceStart[p])..<Int(graph.referenceStart[p + 1]) {
                let target = graph.referenceTargets[r]
                guard target >= 0 else { continue }
                let c2 = Int(graph.pointCalibration[Int(target)])
                guard graph.calibrationIssuer[c] != graph.calibrationIssuer[c2] else { continue }
                edges.insert(Int64(node(c)) << 32 | Int64(node(c2)))
            }
        }
        guard !edges.isEmpty else { return }
        let sorted = edges.sorted()
        var offsets = [Int32](repeating: 0, count: nodeKeys.count + 1)
        for edge in sorted { offsets[Int(edge >> 32) + 1] += 1 }
        for i in 0..<nodeKeys.count { offsets[i + 1] += offsets[i] }
        let targets = sorted.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
        let components = StronglyConnectedComponents(nodeCount: nodeKeys.count, offsets: offsets, targets: targets)
        for cycle in components.cycles {
            let keys = cycle.map { nodeKeys[Int($0)] }
            guard !keys.contains(where: holders.contains) else { continue }
            var organizations: [String] = []
            var quantities: [String] = []
            for key in keys {
                let organization = document.organizations[Int(key >> 32)].id
                let name = quantityNames[Int(key & 0xFFFF_FFFF)]
                if !organizations.contains(organization) { organizations.append(organization) }
                if !quantities.contains(name) { quantities.append(name) }
            }
            report(
                .mutualTraceability, organizations,
                "\(organizations.joined(separator: ", ")) calibrate each other's standards for \(quantities.joined(separator: ", ")), and none of them holds a realization of it"
            )
        }
    }
}
