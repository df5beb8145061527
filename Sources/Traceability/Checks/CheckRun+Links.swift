/// One pass over every reference of every calibration point: rules T01 (resolution), T02 (end of
/// the chain, non-SI anchors), T04 (date order), T05a (expiry), T07 (uncertainty growth),
/// T08 (dimensions of the link), T09 (validity range of the reference) and T10 (digests).
///
/// Findings about a pair (calibration, reference certificate) are reported once per pair even when
/// several points use the same certificate; findings about values (T07, T09) are per point. The
/// pass reads the graph's flat arrays; node structs are read only to word a finding.
extension CheckRun {
    mutating func checkLinks() {
        let document = graph.document
        let anchorUncertainty = document.anchors.map(\.standardUncertainty)
        var pairs: [Int32] = []  // reference calibrations (≥ 0) and anchors (< 0) already judged for c
        for c in 0..<document.calibrations.count {
            pairs.removeAll(keepingCapacity: true)
            let unit = graph.calibrationUnit[c]
            for p in Int(graph.pointStart[c])..<Int(graph.pointStart[c + 1]) {
                let first = Int(graph.referenceStart[p])
                let end = Int(graph.referenceStart[p + 1])
                if first == end {
                    let calibration = document.calibrations[c]
                    report(
                        .chainBroken, [calibration.id],
                        "calibration \(calibration.id), point \(calibration.pointID(p - Int(graph.pointStart[c]))): no reference — the chain ends here without reaching an anchor"
                    )
                    continue
                }
                var inherited = 0.0
                var judgeable = true
                for r in first..<end {
                    let target = graph.referenceTargets[r]
                    if target <= TraceabilityGraph.uncertifiedTarget {
                        judgeable = false
                        reportUnusable(c, p, r)
                        continue
                    }
                    let sensitivityUnit = graph.referenceSensitivityUnit[r]
                    let from: Int32
                    let u: Double
                    if target < 0 {
                        let a = TraceabilityGraph.anchorIndex(target)
                        if !pairs.contains(target) {
                            pairs.append(target)
                            checkAnchorLink(c, a, sensitivityUnit: sensitivityUnit)
                        }
                        from = graph.anchorUnit[a]
                        u = anchorUncertainty[a]
                    } else {
                        let q = Int(target)
                        let c2 = graph.pointCalibration[q]
                        if !pairs.contains(c2) {
                            pairs.append(c2)
                            checkCalibrationLink(c, Int(c2), r, sensitivityUnit: sensitivityUnit)
                        }
                        checkCalibratedRange(c, Int(c2), q, r)
                        from = graph.calibrationUnit[Int(c2)]
                        u = graph.pointUncertainty[q]
                    }
                    if let conversion = conversion(from: from, sensitivity: sensitivityUnit, to: unit) {
                        let contribution = graph.referenceSensitivity[r] * conversion.factor * u
                        inherited += contribution * contribution
                    } else {
                        judgeable = false
                    }
                }
                if judgeable { checkUncertaintyGrowth(c, p, inherited: inherited) }
            }
        }
    }

    /// T01: a reference without certificate, or one that resolves to nothing.
    private mutating func reportUnusable(_ c: Int, _ p: Int, _ r: Int) {
        let calibration = graph.document.calibrations[c]
        let reference = graph.reference(r, of: p)
        switch reference.target {
        case .uncertifiedStandard(let text):
            report(
                .missingReferenceCertificate, [calibration.id],
                "calibration \(calibration.id) used the standard '\(text)' without a certificate")
        case .calibration(let id):
            if let used = graph.calibration(id) {
                let points = used.points.indices.map(used.pointID).joined(separator: ", ")
                let what =
                    reference.point.map { "has no point '\($0)'" }
                    ?? "has several points (\(points)) and the reference names none"
                report(
                    .unresolvedReference, [calibration.id, id],
                    "calibration \(calibration.id) refers to certificate \(id), which \(what)")
            } else {
                report(
                    .unresolvedReference, [calibration.id],
                    "calibration \(calibration.id) refers to certificate \(id), which is not in the graph")
            }
        case .anchor(let id):
            report(
                .unresolvedReference, [calibration.id],
                "calibration \(calibration.id) refers to anchor \(id), which is not in the graph")
        }
    }

    /// T02 (non-SI anchor), T05a (anchor expiry), T08 (dimensions).
    private mutating func checkAnchorLink(_ c: Int, _ a: Int, sensitivityUnit: Int32) {
        let anchor = graph.document.anchors[a]
        if !anchor.kind.isSI && !reportedNonSI[a] {
            reportedNonSI[a] = true
            report(
                .nonSIAnchor, [anchor.id],
                "anchor \(anchor.id) is a \(anchor.kind.rawValue), not a realization of the SI (ILAC P10 non-SI route)")
        }
        if let validUntil = anchor.validUntil, TraceabilityGraph.day(validUntil) < graph.calibrationDay[c] {
            let calibration = graph.document.calibrations[c]
            report(
                .referenceExpired, [calibration.id, anchor.id],
                "calibration \(calibration.id) on \(calibration.date) used anchor \(anchor.id), valid until \(validUntil)",
                ["daysAfterExpiry": Double(validUntil.days(until: calibration.date))])
        }
        checkDimensions(
            c, reference: TraceabilityGraph.code(ofAnchor: a), referenceUnit: graph.anchorUnit[a],
            sensitivityUnit: sensitivityUnit)
    }

    /// T04 (date order), T05a (expiry), T08 (dimensions), T10 (digest).
    private mutating func checkCalibrationLink(_ c: Int, _ c2: Int, _ r: Int, sensitivityUnit: Int32) {
        let calibrations = graph.document.calibrations
        switch graph.validity(ofCalibration: c2, onDay: graph.calibrationDay[c]) {
        case .notYetPerformed(let daysEarly):
            let (calibration, used) = (calibrations[c], calibrations[c2])
            report(
                .referenceFromFuture, [calibration.id, used.id],
                "calibration \(calibration.id) on \(calibration.date) used certificate \(used.id), performed later on \(used.date)",
                ["daysEarly": Double(daysEarly)])
        case .notStated:
            reportNoRecalibrationInterval(
                c2,
                "certificate \(calibrations[c2].id) is used as a reference but states neither validUntil nor a recalibration interval"
            )
        case .expired(let daysAfterExpiry):
            let (calibration, used) = (calibrations[c], calibrations[c2])
            report(
                .referenceExpired, [calibration.id, used.id],
                "calibration \(calibration.id) on \(calibration.date) used certificate \(used.id), valid until \(used.expiry.map(\.description) ?? "")",
                ["daysAfterExpiry": Double(daysAfterExpiry)])
        case .valid:
            break
        }
        checkDimensions(
            c, reference: Int32(c2), referenceUnit: graph.calibrationUnit[c2], sensitivityUnit: sensitivityUnit)
        if graph.referenceHasDigest[r] { checkDigest(c, c2, r) }
    }

    /// T10: the digest a certificate states for its reference against the reference's own.
    private mutating func checkDigest(_ c: Int, _ c2: Int, _ r: Int) {
        let p = upperBound(of: r)
        guard let stated = graph.reference(r, of: p).certificateHash else { return }
        let (calibration, used) = (graph.document.calibrations[c], graph.document.calibrations[c2])
        if !stated.isVerifiable {
            report(
                .unverifiableReference, [calibration.id, used.id],
                "calibration \(calibration.id) identifies certificate \(used.id) by '\(stated.algorithm)' '\(stated.value)', which is not a verifiable digest"
            )
        } else if let actual = used.documentHash {
            if !stated.matches(actual) {
                report(
                    .hashMismatch, [calibration.id, used.id],
                    "calibration \(calibration.id) states \(stated.algorithm) \(stated.value) for certificate \(used.id), whose document has \(actual.algorithm) \(actual.value)"
                )
            }
        } else {
            report(
                .unverifiableReference, [calibration.id, used.id],
                "calibration \(calibration.id) states a \(stated.algorithm) digest for certificate \(used.id), whose document digest is not known"
            )
        }
    }

    /// The point whose references contain reference index r (binary search in the CSR offsets).
    private func upperBound(of r: Int) -> Int {
        var low = 0
        var high = graph.pointCount
        while low < high {
            let middle = (low + high) / 2
            if Int(graph.referenceStart[middle + 1]) <= r { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// T08: dim(reference) · dim(sensitivity) must equal dim(calibration); equal dimensions with
    /// different kinds (Hz vs Bq) is a warning.
    ///
    /// - Parameter reference: a calibration index (≥ 0) or an anchor as −(index + 1).
    private mutating func checkDimensions(_ c: Int, reference: Int32, referenceUnit: Int32, sensitivityUnit: Int32) {
        let target = graph.calibrationUnit[c]
        guard graph.unit(referenceUnit) != nil, graph.unit(sensitivityUnit) != nil, graph.unit(target) != nil else {
            return  // INVALID_UNIT is reported for the unit itself
        }
        let link = conversion(from: referenceUnit, sensitivity: sensitivityUnit, to: target)
        guard link == nil || link?.kindConflict != nil else { return }
        let calibration = graph.document.calibrations[c]
        let referenceID =
            reference >= 0
            ? graph.document.calibrations[Int(reference)].id
            : graph.document.anchors[TraceabilityGraph.anchorIndex(reference)].id
        let sensitivity = graph.unitSpelling[Int(sensitivityUnit)]
        let through = sensitivity == "1" ? "" : " × \(sensitivity)"
        let spelled = graph.unitSpelling[Int(referenceUnit)]
        if let conflict = link?.kindConflict {
            report(
                .quantityKindMismatch, [calibration.id, referenceID],
                "calibration \(calibration.id) in \(calibration.unit) is traced to \(referenceID) in \(spelled)\(through): same dimension, different kinds of quantity (\(conflict))"
            )
        } else {
            report(
                .unitMismatch, [calibration.id, referenceID],
                "calibration \(calibration.id) in \(calibration.unit) is traced to \(referenceID) in \(spelled)\(through): the dimensions differ"
            )
        }
    }

    /// T09: the reference was used inside its validity range (or, for a multi-point calibration
    /// without one, inside the span of its calibrated points).
    private mutating func checkCalibratedRange(_ c: Int, _ c2: Int, _ q: Int, _ r: Int) {
        let usedAt = graph.referenceUsedAt[r]
        let x = usedAt ?? graph.pointValue[q]
        var range = graph.calibrationRange[c2]
        let points = Int(graph.pointStart[c2])..<Int(graph.pointStart[c2 + 1])
        if range == nil, usedAt != nil, points.count > 1 {
            let values = graph.pointValue[points]
            range = MeasurementRange(lower: values.min(), upper: values.max())
        }
        guard let range, !range.contains(x) else { return }
        let (calibration, used) = (graph.document.calibrations[c], graph.document.calibrations[c2])
        var values = ["usedAt": x]
        values["lowerLimit"] = range.lower
        values["upperLimit"] = range.upper
        report(
            .outOfCalibratedRange, [calibration.id, used.id],
            "calibration \(calibration.id) used certificate \(used.id) at \(Self.number(x)) \(used.unit), outside its calibrated range \(Self.interval(range)) \(used.unit)",
            values)
    }

    /// T07: u² ≥ Σ_j (c_j·u_j)², a necessary condition whether or not the references are
    /// correlated positively; equality (no added variance) is a warning.
    private mutating func checkUncertaintyGrowth(_ c: Int, _ p: Int, inherited: Double) {
        let u = graph.pointUncertainty[p]
        let added = u * u - inherited
        let tolerance = 1e-9 * u * u
        guard added <= tolerance else { return }
        let calibration = graph.document.calibrations[c]
        let values = [
            "standardUncertainty": u, "inheritedUncertainty": inherited.squareRoot(), "addedVariance": added,
        ]
        var nodes = [calibration.id]
        for r in Int(graph.referenceStart[p])..<Int(graph.referenceStart[p + 1]) {
            let target = graph.referenceTargets[r]
            guard target > TraceabilityGraph.uncertifiedTarget else { continue }
            let id =
                target >= 0
                ? graph.document.calibrations[Int(graph.pointCalibration[Int(target)])].id
                : graph.document.anchors[TraceabilityGraph.anchorIndex(target)].id
            if !nodes.contains(id) { nodes.append(id) }
        }
        let point = calibration.pointID(p - Int(graph.pointStart[c]))
        if added < -tolerance {
            report(
                .uncertaintyDecreases, nodes,
                "calibration \(calibration.id), point \(point): u = \(Self.number(u)) \(calibration.unit) is smaller than the \(Self.number(inherited.squareRoot())) \(calibration.unit) inherited from its references",
                values)
        } else {
            report(
                .noAddedUncertainty, nodes,
                "calibration \(calibration.id), point \(point): u = \(Self.number(u)) \(calibration.unit) equals what it inherits from its references; the calibration adds no uncertainty",
                values)
        }
    }
}
