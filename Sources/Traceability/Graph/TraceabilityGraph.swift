import Foundation

/// A traceability graph indexed for checking: dense integer indices for every node and the
/// references as adjacency arrays, ids only at the boundary.
///
/// The nodes of the calibration hierarchy are the *points* of the calibrations (a reference names
/// the point of a certificate that was used) and the anchors; the edges go from a point to what it
/// was traced to. They are stored in compressed sparse row form — for point p, its references are
/// `referenceTargets[referenceStart[p] ..< referenceStart[p + 1]]` in the order of the file — so a
/// graph of 10⁶ calibrations costs a few arrays of 32-bit integers on top of the document, and
/// every traversal is iterative (no recursion depth limit).
///
/// Building the graph checks what a file must satisfy to be a graph at all (documented in the
/// article "The graph file"): ids unique across all nodes, and every organization, CMC and
/// comparison participant named by a node defined in the file. What is wrong with the
/// traceability itself — a certificate reference that resolves to nothing, a cycle, an invalid
/// unit — is left to ``TraceabilityChecker`` as findings.
///
///     let graph = try TraceabilityGraph(contentsOf: URL(fileURLWithPath: "lab.traceability.json"))
///     let assessment = TraceabilityChecker().check(graph)
///
/// - Complexity: O(N + R) for N points and R references, plus one unit parse per distinct unit.
public struct TraceabilityGraph: Sendable {
    /// The document the graph was built from.
    public let document: TraceabilityDocument

    /// The unit-table index of "1", entered first by every graph.
    static let oneUnit: Int32 = 0

    /// The reference target code of a reference that names a certificate, point or anchor not in
    /// the graph.
    static let unresolvedTarget: Int32 = .min
    /// The reference target code of a standard used without a certificate.
    static let uncertifiedTarget: Int32 = .min + 1

    /// The code of anchor `a` among reference targets and ancestry nodes, where points are ≥ 0:
    /// −(a + 1).
    static func code(ofAnchor a: Int) -> Int32 { Int32(-(a + 1)) }

    /// The anchor index behind a code below zero (and above ``uncertifiedTarget``): the inverse
    /// of ``code(ofAnchor:)``.
    static func anchorIndex(_ code: Int32) -> Int { Int(-(code + 1)) }

    let calibrationByID: [String: Int32]
    let anchorByID: [String: Int32]
    let organizationByID: [String: Int32]
    let cmcByID: [String: Int32]
    let itemByID: [String: Int32]
    let comparisonByID: [String: Int32]

    /// Points of calibration c: pointStart[c] ..< pointStart[c + 1].
    let pointStart: [Int32]
    /// The calibration of each point.
    let pointCalibration: [Int32]
    /// References of point p: referenceStart[p] ..< referenceStart[p + 1].
    let referenceStart: [Int32]
    /// A point index (≥ 0), an anchor as −(index + 1), or one of the codes ``unresolvedTarget``,
    /// ``uncertifiedTarget``.
    let referenceTargets: [Int32]
    /// The issuing organization of each calibration.
    let calibrationIssuer: [Int32]
    /// Whether some point of another (or the same) calibration refers to the calibration.
    let calibrationIsReferenced: [Bool]

    // Flat copies of the fields the checks read for every node, so that a pass over 10⁶
    // calibrations touches contiguous arrays instead of copying node structs.

    /// The day each calibration was performed (days since 1970-01-01).
    let calibrationDay: [Int32]
    /// The day each calibration expires; ``neverExpires`` for a zero ("on demand") interval,
    /// ``expiryNotStated`` when it states neither validUntil nor an interval.
    let calibrationExpiryDay: [Int32]
    /// The validity range of each calibration.
    let calibrationRange: [MeasurementRange?]
    /// The quantity of each calibration (index into ``quantityNames``).
    let calibrationQuantity: [Int32]
    /// The holder of each calibration's item (organization index), −1 when unknown.
    let calibrationHolder: [Int32]
    /// The CMC each calibration names, −1 for none.
    let calibrationCMC: [Int32]
    /// The quantity of each anchor and CMC.
    let anchorQuantity: [Int32]
    let cmcQuantity: [Int32]
    /// The distinct quantities, lower-cased (quantities match case-insensitively).
    let quantityNames: [String]
    /// x and u of each point.
    let pointValue: [Double]
    let pointUncertainty: [Double]
    /// c of each reference, and the value at which it was used (nil = the referenced point's value).
    let referenceSensitivity: [Double]
    let referenceUsedAt: [Double?]
    /// Whether the reference states a digest of its certificate.
    let referenceHasDigest: [Bool]

    /// ``calibrationExpiryDay`` of a calibration calibrated on demand (never due).
    static let neverExpires: Int32 = .max
    /// ``calibrationExpiryDay`` of a calibration that states no validity.
    static let expiryNotStated: Int32 = .max - 1

    /// The distinct unit spellings of the graph, parsed once.
    let unitTable: [Result<MeasurementUnit, TraceabilityError>]
    let unitSpelling: [String]
    let calibrationUnit: [Int32]
    let anchorUnit: [Int32]
    let cmcUnit: [Int32]
    /// The unit of each reference's sensitivity coefficient (index into the unit table).
    let referenceSensitivityUnit: [Int32]

    /// Indexes a document.
    ///
    /// - Throws: ``TraceabilityError/duplicateIdentifier(_:)`` and
    ///   ``TraceabilityError/unknownIdentifier(node:field:identifier:)`` (an issuer, CMC, holder or
    ///   comparison participant not defined in the file).
    public init(_ document: TraceabilityDocument) throws(TraceabilityError) {
        self.document = document
        var allIDs = Set<String>(minimumCapacity: document.calibrations.count + document.anchors.count + 64)
        func index<T>(_ nodes: [T], _ id: (T) -> String) throws(TraceabilityError) -> [String: Int32] {
            var map = [String: Int32](minimumCapacity: nodes.count)
            for (i, node) in nodes.enumerated() {
                let key = id(node)
                guard allIDs.insert(key).inserted else { throw .duplicateIdentifier(key) }
                map[key] = Int32(i)
            }
            return map
        }
        anchorByID = try index(document.anchors) { $0.id }
        organizationByID = try index(document.organizations) { $0.id }
        cmcByID = try index(document.cmcs) { $0.id }
        itemByID = try index(document.items) { $0.id }
        calibrationByID = try index(document.calibrations) { $0.id }
        comparisonByID = try index(document.comparisons) { $0.id }

        // Catalog references must resolve: they are part of the file, not of the chain.
        func require(_ id: String?, in map: [String: Int32], node: String, field: String) throws(TraceabilityError) {
            if let id, map[id] == nil { throw .unknownIdentifier(node: node, field: field, identifier: id) }
        }
        for anchor in document.anchors {
            try require(anchor.holder, in: organizationByID, node: anchor.id, field: "holder")
        }
        for cmc in document.cmcs {
            try require(cmc.organization, in: organizationByID, node: cmc.id, field: "organization")
        }
        for item in document.items { try require(item.holder, in: organizationByID, node: item.id, field: "holder") }
        for organization in document.organizations {
            for (a, accreditation) in organization.accreditations.enumerated() {
                for id in accreditation.scope ?? [] {
                    try require(id, in: cmcByID, node: organization.id, field: "accreditations[\(a)].scope")
                }
            }
        }

        // Units: one parse per distinct spelling.
        var unitIndex: [String: Int32] = [:]
        var table: [Result<MeasurementUnit, TraceabilityError>] = []
        var spellings: [String] = []
        func unit(_ text: String) -> Int32 {
            if let i = unitIndex[text] { return i }
            let i = Int32(table.count)
            do throws(TraceabilityError) {
                table.append(.success(try MeasurementUnit(parsing: text)))
            } catch {
                table.append(.failure(error))
            }
            spellings.append(text)
            unitIndex[text] = i
            return i
        }
        let one = unit("1")
        anchorUnit = document.anchors.map { unit($0.unit) }
        cmcUnit = document.cmcs.map { unit($0.unit) }

        // Quantities, interned case-insensitively.
        var quantityIndex: [String: Int32] = [:]
        var names: [String] = []
        var nameIndex: [String: Int32] = [:]
        func quantity(_ text: String) -> Int32 {
            if let q = quantityIndex[text] { return q }
            let key = text.lowercased()
            let q: Int32
            if let existing = nameIndex[key] {
                q = existing
            } else {
                q = Int32(names.count)
                names.append(key)
                nameIndex[key] = q
            }
            quantityIndex[text] = q
            return q
        }
        anchorQuantity = document.anchors.map { quantity($0.quantity) }
        cmcQuantity = document.cmcs.map { quantity($0.quantity) }
        let organizationIndex = organizationByID
        let itemHolder = document.items.map { item in item.holder.flatMap { organizationIndex[$0] } ?? -1 }

        let calibrations = document.calibrations
        var issuers = [Int32](repeating: 0, count: calibrations.count)
        var calibrationUnits = [Int32](repeating: 0, count: calibrations.count)
        var days = [Int32](repeating: 0, count: calibrations.count)
        var expiries = [Int32](repeating: Self.expiryNotStated, count: calibrations.count)
        var ranges = [MeasurementRange?](repeating: nil, count: calibrations.count)
        var quantities = [Int32](repeating: 0, count: calibrations.count)
        var holders = [Int32](repeating: -1, count: calibrations.count)
        var claimed = [Int32](repeating: -1, count: calibrations.count)
        var pointStarts = [Int32](repeating: 0, count: calibrations.count + 1)
        var pointTotal = 0
        var referenceTotal = 0
        for (c, calibration) in calibrations.enumerated() {
            guard let issuer = organizationByID[calibration.issuer] else {
                throw .unknownIdentifier(node: calibration.id, field: "issuer", identifier: calibration.issuer)
            }
            if let cmc = calibration.cmc {
                guard let m = cmcByID[cmc] else {
                    throw .unknownIdentifier(node: calibration.id, field: "cmc", identifier: cmc)
                }
                claimed[c] = m
            }
            issuers[c] = issuer
            calibrationUnits[c] = unit(calibration.unit)
            days[c] = Self.day(calibration.date)
            if let expiry = calibration.expiry {
                expiries[c] = Self.day(expiry)
            } else if calibration.statesValidity {
                expiries[c] = Self.neverExpires
            }
            ranges[c] = calibration.validityRange
            quantities[c] = quantity(calibration.quantity)
            if let item = itemByID[calibration.item] { holders[c] = itemHolder[Int(item)] }
            pointStarts[c] = Int32(pointTotal)
            pointTotal += calibration.points.count
            for point in calibration.points { referenceTotal += point.references.count }
        }
        pointStarts[calibrations.count] = Int32(pointTotal)

        var owners = [Int32](repeating: 0, count: pointTotal)
        var starts = [Int32](repeating: 0, count: pointTotal + 1)
        var targets = [Int32](repeating: 0, count: referenceTotal)
        var sensitivityUnits = [Int32](repeating: one, count: referenceTotal)
        var values = [Double](repeating: 0, count: pointTotal)
        var uncertainties = [Double](repeating: 0, count: pointTotal)
        var sensitivities = [Double](repeating: 1, count: referenceTotal)
        var usedAt = [Double?](repeating: nil, count: referenceTotal)
        var digests = [Bool](repeating: false, count: referenceTotal)
        var referenced = [Bool](repeating: false, count: calibrations.count)
        var p = 0
        var r = 0
        for (c, calibration) in calibrations.enumerated() {
            for point in calibration.points {
                owners[p] = Int32(c)
                starts[p] = Int32(r)
                values[p] = point.value
                uncertainties[p] = point.standardUncertainty
                for reference in point.references {
                    switch reference.target {
                    case .calibration(let id):
                        if let target = calibrationByID[id],
                            let q = Self.pointIndex(
                                of: reference.point, in: calibrations, Int(target),
                                count: Int(pointStarts[Int(target) + 1] - pointStarts[Int(target)]))
                        {
                            targets[r] = pointStarts[Int(target)] + Int32(q)
                            referenced[Int(target)] = true
                        } else {
                            targets[r] = Self.unresolvedTarget
                        }
                    case .anchor(let id):
                        targets[r] = anchorByID[id].map { Self.code(ofAnchor: Int($0)) } ?? Self.unresolvedTarget
                    case .uncertifiedStandard:
                        targets[r] = Self.uncertifiedTarget
                    }
                    if let text = reference.sensitivityUnit { sensitivityUnits[r] = unit(text) }
                    sensitivities[r] = reference.sensitivity
                    usedAt[r] = reference.usedAt
                    digests[r] = reference.certificateHash != nil
                    r += 1
                }
                p += 1
            }
        }
        starts[pointTotal] = Int32(r)

        for comparison in document.comparisons {
            for (i, participant) in comparison.participants.enumerated() {
                try require(
                    participant.organization, in: organizationByID, node: comparison.id,
                    field: "participants[\(i)].organization")
                guard (try? Self.resolve(participant.result, calibrationByID, calibrations, pointStarts)) != nil else {
                    throw .unknownIdentifier(
                        node: comparison.id, field: "participants[\(i)].result", identifier: participant.result)
                }
            }
        }

        calibrationIssuer = issuers
        calibrationDay = days
        calibrationExpiryDay = expiries
        calibrationRange = ranges
        calibrationQuantity = quantities
        calibrationHolder = holders
        calibrationCMC = claimed
        quantityNames = names
        pointValue = values
        pointUncertainty = uncertainties
        referenceSensitivity = sensitivities
        referenceUsedAt = usedAt
        referenceHasDigest = digests
        calibrationUnit = calibrationUnits
        pointStart = pointStarts
        pointCalibration = owners
        referenceStart = starts
        referenceTargets = targets
        referenceSensitivityUnit = sensitivityUnits
        calibrationIsReferenced = referenced
        unitTable = table
        unitSpelling = spellings
    }

    /// Reads and indexes a graph file.
    ///
    /// - Throws: the reading errors of ``TraceabilityDocument/init(contentsOf:)`` and the
    ///   indexing errors of ``init(_:)``.
    public init(contentsOf url: URL) throws(TraceabilityError) {
        try self.init(TraceabilityDocument(contentsOf: url))
    }

    // MARK: Boundary: ids

    /// The number of calibration points (nodes of the hierarchy other than anchors).
    public var pointCount: Int { pointCalibration.count }

    /// The calibration with this id.
    public func calibration(_ id: String) -> Calibration? {
        calibrationByID[id].map { document.calibrations[Int($0)] }
    }

    /// The anchor with this id.
    public func anchor(_ id: String) -> Anchor? { anchorByID[id].map { document.anchors[Int($0)] } }

    /// The organization with this id.
    public func organization(_ id: String) -> Organization? {
        organizationByID[id].map { document.organizations[Int($0)] }
    }

    /// The CMC with this id.
    public func cmc(_ id: String) -> CalibrationMeasurementCapability? {
        cmcByID[id].map { document.cmcs[Int($0)] }
    }

    /// The comparison record with this id.
    public func comparison(_ id: String) -> ComparisonRecord? {
        comparisonByID[id].map { document.comparisons[Int($0)] }
    }

    /// The ids of the results: calibrations that no other calibration uses as a reference (the
    /// ends of the chains), in file order.
    public var resultIdentifiers: [String] {
        document.calibrations.indices.filter { !calibrationIsReferenced[$0] }.map { document.calibrations[$0].id }
    }

    /// The point node of a result id: `calibration` (a calibration with one point) or
    /// `calibration#point`.
    ///
    /// - Throws: ``TraceabilityError/unknownResult(_:)``, ``TraceabilityError/ambiguousResult(calibration:points:)``.
    func resultPoint(_ id: String) throws(TraceabilityError) -> Int {
        try Self.resolve(id, calibrationByID, document.calibrations, pointStart)
    }

    private static func resolve(
        _ id: String, _ byID: [String: Int32], _ calibrations: [Calibration], _ pointStart: [Int32]
    ) throws(TraceabilityError) -> Int {
        if let c = byID[id] {
            let calibration = calibrations[Int(c)]
            guard calibration.points.count == 1 else {
                throw .ambiguousResult(calibration: id, points: calibration.points.indices.map(calibration.pointID))
            }
            return Int(pointStart[Int(c)])
        }
        if let hash = id.lastIndex(of: "#") {
            let calibrationID = String(id[..<hash])
            let pointID = String(id[id.index(after: hash)...])
            if let c = byID[calibrationID], let q = calibrations[Int(c)].pointIndex(of: pointID) {
                return Int(pointStart[Int(c)]) + q
            }
        }
        throw .unknownResult(id)
    }

    /// The boundary id of a point: the calibration id, with `#point` when it has several points.
    func pointLabel(_ p: Int) -> String {
        let c = Int(pointCalibration[p])
        let calibration = document.calibrations[c]
        if calibration.points.count == 1 { return calibration.id }
        return "\(calibration.id)#\(calibration.pointID(p - Int(pointStart[c])))"
    }

    // MARK: Internal accessors

    /// The calibration point behind a point index.
    func point(_ p: Int) -> Calibration.Point {
        let c = Int(pointCalibration[p])
        return document.calibrations[c].points[p - Int(pointStart[c])]
    }

    /// The reference record behind reference index r of point p.
    func reference(_ r: Int, of p: Int) -> CalibrationReference {
        point(p).references[r - Int(referenceStart[p])]
    }

    /// The point a reference names: without a point id, the only point (the common case, decided
    /// from the point count without touching the calibration); otherwise by id.
    private static func pointIndex(of id: String?, in calibrations: [Calibration], _ c: Int, count: Int) -> Int? {
        guard let id else { return count == 1 ? 0 : nil }
        return calibrations[c].pointIndex(of: id)
    }

    /// A date as a 32-bit day number (the calendar spans ±5.8 million years in it).
    static func day(_ date: CalendarDate) -> Int32 { Int32(clamping: date.daysSinceEpoch) }

    /// The parsed unit at a unit-table index, nil when it could not be read.
    func unit(_ index: Int32) -> MeasurementUnit? {
        if case .success(let unit) = unitTable[Int(index)] { return unit }
        return nil
    }
}
