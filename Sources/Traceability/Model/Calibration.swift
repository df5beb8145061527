/// One calibration certificate: who calibrated which item when, the values found at one or more
/// points with their uncertainties, how long the result may be used, and — per point — the
/// certificates of the references used.
///
/// A calibration is the node of the calibration hierarchy (VIM 2.40) and of the traceability chain
/// (VIM 2.42); its references are the edges, so a branched chain is a directed acyclic graph of
/// calibrations ending at anchors (VIM 2.41 Note 4). The date used by the checks is ``date``, the
/// day the calibration was performed (DCC `endPerformanceDate`); VIM 2.41 Note 3 makes this time
/// part of the reference.
///
/// JSON (see the Traceability article "The graph file"): a single point may be written inline,
///
///     { "id": "cal-7", "issuer": "LabA", "item": "W-1kg-07", "date": "2025-03-01",
///       "recalibrationInterval": "P2Y", "quantity": "mass", "unit": "kg",
///       "value": 1.000012, "expandedUncertainty": 2.0e-6, "coverageFactor": 2,
///       "references": [ { "calibration": "cal-3" } ], "cmc": "EURAMET-M-XX-0001" }
///
/// or as `"points": [ { "id": "p1", "value": …, "standardUncertainty": …, "references": […] }, … ]`,
/// where a point without `references` inherits the certificate-level `references`.
public struct Calibration: Sendable, Hashable, Codable {
    /// A calibrated value with its uncertainty and the references used to obtain it.
    public struct Point: Sendable, Hashable {
        /// The point's id; nil means its 1-based position ("1", "2", …), see ``Calibration/pointID(_:)``.
        public var id: String?
        /// x, in the calibration's unit.
        public var value: Double
        /// u(x) > 0 as stated.
        public var uncertainty: StatedUncertainty
        /// What this point was traced to.
        public var references: [CalibrationReference]

        /// Creates a point from its fields; `id` nil names the point by its position.
        public init(
            id: String? = nil, value: Double, uncertainty: StatedUncertainty, references: [CalibrationReference]
        ) {
            self.id = id
            self.value = value
            self.uncertainty = uncertainty
            self.references = references
        }

        /// u(x).
        public var standardUncertainty: Double { uncertainty.standardUncertainty }
    }

    /// The certificate's unique identifier (DCC `uniqueIdentifier`); unique among all nodes.
    public var id: String
    /// The issuing ``Organization``.
    public var issuer: String
    /// The calibrated item (an ``Item`` id, or an id known only here).
    public var item: String
    /// The day the calibration was performed (end of performance).
    public var date: CalendarDate
    /// The day the certificate was issued, if different.
    public var issued: CalendarDate?
    /// The last day the result may be used as a reference, when stated.
    public var validUntil: CalendarDate?
    /// The recalibration interval, when the expiry follows from it (date + interval).
    public var recalibrationInterval: RecalibrationInterval?
    /// The quantity calibrated, e.g. "mass".
    public var quantity: String
    /// The unit of the values and uncertainties, D-SI or SI Reference Point syntax.
    public var unit: String
    /// The calibrated points (at least one).
    public var points: [Point]
    /// The range of values within which the calibration may be used (DCC `basic_validityRange`).
    public var validityRange: MeasurementRange?
    /// The ``CalibrationMeasurementCapability`` the issuer claims for this calibration.
    public var cmc: String?
    /// The digest of this certificate's document, when known (to verify references to it).
    public var documentHash: DocumentHash?
    /// Free text: the item calibrated, the method, remarks.
    public var description: String?

    /// Creates a calibration from its fields; ``points`` must hold at least one point.
    public init(
        id: String, issuer: String, item: String, date: CalendarDate, issued: CalendarDate? = nil,
        validUntil: CalendarDate? = nil, recalibrationInterval: RecalibrationInterval? = nil, quantity: String,
        unit: String, points: [Point], validityRange: MeasurementRange? = nil, cmc: String? = nil,
        documentHash: DocumentHash? = nil, description: String? = nil
    ) {
        self.id = id
        self.issuer = issuer
        self.item = item
        self.date = date
        self.issued = issued
        self.validUntil = validUntil
        self.recalibrationInterval = recalibrationInterval
        self.quantity = quantity
        self.unit = unit
        self.points = points
        self.validityRange = validityRange
        self.cmc = cmc
        self.documentHash = documentHash
        self.description = description
    }

    /// The day after which the certificate may no longer be used as a reference: ``validUntil``,
    /// else ``date`` + ``recalibrationInterval``; nil when neither is known or the interval is
    /// zero ("on demand", never due).
    public var expiry: CalendarDate? {
        if let validUntil { return validUntil }
        if let interval = recalibrationInterval, !interval.isOnDemand { return date.adding(interval) }
        return nil
    }

    /// True when the certificate states its validity (a date or an interval, possibly "on demand").
    public var statesValidity: Bool { validUntil != nil || recalibrationInterval != nil }

    /// The id of the point at `index`: its own id, or its 1-based position.
    public func pointID(_ index: Int) -> String { points[index].id ?? String(index + 1) }

    /// The position of the point with this id; with nil, the only point (nil if there are several).
    public func pointIndex(of id: String?) -> Int? {
        guard let id else { return points.count == 1 ? 0 : nil }
        return points.indices.first { pointID($0) == id }
    }

    private enum CodingKeys: String, CodingKey {
        case id, issuer, item, date, issued, validUntil, recalibrationInterval, quantity, unit, points, value,
            references, validityRange, cmc, documentHash, description
    }

    private enum PointKeys: String, CodingKey { case id, value, references }

    /// Reads a calibration node of the graph file: one point inline (`value` with its uncertainty
    /// and `references`) or several in `points`, where a point without `references` inherits the
    /// certificate's.
    ///
    /// - Throws: ``TraceabilityError/invalidField(node:field:reason:)`` naming the calibration and the
    ///   field: an issue date or `validUntil` before `date`, both `validUntil` and
    ///   `recalibrationInterval`, values both inline and in `points`, no point, a repeated point id, a
    ///   non-positive uncertainty, k < 1, a validity range that is not ordered.
    public init(from decoder: any Decoder) throws {
        self = try NodeDecoding.node(from: decoder, identifiedBy: CodingKeys.id) { id, container in
            try Self.decode(id, container, decoder)
        }
    }

    private static func decode(
        _ id: String, _ container: KeyedDecodingContainer<CodingKeys>, _ decoder: any Decoder
    ) throws -> Calibration {
        let date = try container.decodeDate(.date)
        let issued = try container.decodeDateIfPresent(.issued)
        let validUntil = try container.decodeDateIfPresent(.validUntil)
        let interval = try container.decodeIfPresent(RecalibrationInterval.self, forKey: .recalibrationInterval)
        if let issued, issued < date {
            throw TraceabilityError.invalidField(
                node: id, field: "issued", reason: "issue date \(issued) precedes the calibration date \(date)")
        }
        if let validUntil, validUntil < date {
            throw TraceabilityError.invalidField(
                node: id, field: "validUntil", reason: "\(validUntil) precedes the calibration date \(date)")
        }
        if validUntil != nil && interval != nil {
            throw TraceabilityError.invalidField(
                node: id, field: "recalibrationInterval", reason: "give validUntil or recalibrationInterval, not both")
        }
        let sharedReferences = try container.decodeIfPresent([CalibrationReference].self, forKey: .references)
        var points: [Point] = []
        if container.contains(.points) {
            if container.contains(.value) {
                throw TraceabilityError.invalidField(
                    node: id, field: "value", reason: "give the values inside 'points' or inline, not both")
            }
            if !(try decoder.container(keyedBy: StatedUncertainty.CodingKeys.self)).allKeys.isEmpty {
                throw TraceabilityError.invalidField(
                    node: id, field: "points", reason: "give uncertainties inside 'points' or inline, not both")
            }
            var list = try container.nestedUnkeyedContainer(forKey: .points)
            while !list.isAtEnd {
                let index = list.currentIndex
                let pointDecoder = try list.superDecoder()
                let keyed = try pointDecoder.container(keyedBy: PointKeys.self)
                guard
                    let uncertainty = try StatedUncertainty.decodeIfPresent(
                        from: pointDecoder, node: id, prefix: "points[\(index)].", allowsZero: false)
                else {
                    throw TraceabilityError.invalidField(
                        node: id, field: "points[\(index)].standardUncertainty",
                        reason: "give standardUncertainty, or expandedUncertainty with coverageFactor")
                }
                let value = try keyed.decode(Double.self, forKey: .value)
                guard value.isFinite else {
                    throw TraceabilityError.invalidField(
                        node: id, field: "points[\(index)].value", reason: "must be a finite number")
                }
                points.append(
                    Point(
                        id: try keyed.decodeIfPresent(String.self, forKey: .id), value: value, uncertainty: uncertainty,
                        references: try keyed.decodeIfPresent([CalibrationReference].self, forKey: .references)
                            ?? sharedReferences ?? []))
            }
            guard !points.isEmpty else {
                throw TraceabilityError.invalidField(node: id, field: "points", reason: "needs at least one point")
            }
        } else {
            let value = try container.decodeFinite(.value, node: id)
            guard let uncertainty = try StatedUncertainty.decodeIfPresent(from: decoder, node: id, allowsZero: false)
            else {
                throw TraceabilityError.invalidField(
                    node: id, field: "standardUncertainty",
                    reason: "give standardUncertainty, or expandedUncertainty with coverageFactor")
            }
            points = [Point(value: value, uncertainty: uncertainty, references: sharedReferences ?? [])]
        }
        var seen = Set<String>()
        for index in points.indices {
            let pointID = points[index].id ?? String(index + 1)
            guard seen.insert(pointID).inserted else {
                throw TraceabilityError.invalidField(
                    node: id, field: "points[\(index)].id", reason: "point id '\(pointID)' appears twice")
            }
        }
        let range = try container.decodeIfPresent(MeasurementRange.self, forKey: .validityRange)
        try range?.validate(node: id, field: "validityRange")
        return Calibration(
            id: id, issuer: try container.decode(String.self, forKey: .issuer),
            item: try container.decode(String.self, forKey: .item), date: date, issued: issued, validUntil: validUntil,
            recalibrationInterval: interval, quantity: try container.decode(String.self, forKey: .quantity),
            unit: try container.decode(String.self, forKey: .unit), points: points, validityRange: range,
            cmc: try container.decodeIfPresent(String.self, forKey: .cmc),
            documentHash: try container.decodeIfPresent(DocumentHash.self, forKey: .documentHash),
            description: try container.decodeIfPresent(String.self, forKey: .description))
    }

    /// Writes the calibration as ``init(from:)`` reads it: a single unnamed point inline, several
    /// points (or a named one) as `points`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(item, forKey: .item)
        try container.encode(date, forKey: .date)
        try container.encodeIfPresent(issued, forKey: .issued)
        try container.encodeIfPresent(validUntil, forKey: .validUntil)
        try container.encodeIfPresent(recalibrationInterval, forKey: .recalibrationInterval)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unit, forKey: .unit)
        if points.count == 1, let point = points.first, point.id == nil {
            try container.encode(point.value, forKey: .value)
            try point.uncertainty.encode(to: encoder)
            try container.encode(point.references, forKey: .references)
        } else {
            var list = container.nestedUnkeyedContainer(forKey: .points)
            for point in points {
                let pointEncoder = list.superEncoder()
                var keyed = pointEncoder.container(keyedBy: PointKeys.self)
                try keyed.encodeIfPresent(point.id, forKey: .id)
                try keyed.encode(point.value, forKey: .value)
                try point.uncertainty.encode(to: pointEncoder)
                try keyed.encode(point.references, forKey: .references)
            }
        }
        try container.encodeIfPresent(validityRange, forKey: .validityRange)
        try container.encodeIfPresent(cmc, forKey: .cmc)
        try container.encodeIfPresent(documentHash, forKey: .documentHash)
        try container.encodeIfPresent(description, forKey: .description)
    }
}
