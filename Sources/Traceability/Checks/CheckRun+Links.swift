/// One pass over every reference of every calibration point: rules T01 (resolution), T02 (end of
/// the chain, non-SI anchors), T04 (date order), T05a (expiry), T07 (uncertainty growth),
/// T08 (dimensions of the link), T09 (validity range of the reference) and T10 (digests).
///
/// Findings about a pair (calibration, reference certificate) are reported once per pair even when
/// several points use the same certificate; findings about values (T07, T09) are per point.
extension CheckRun {
    mutating func checkLinks() {
        let document = graph.document
        for c in document.calibrations.indices {
            let calibration = document.calibrations[c]
            var pairs: [Int32] = []  // reference calibrations (≥ 0) and anchors (< 0) already judged for c
            for (q, point) in calibration.points.enumerated() {
                let p = Int(graph.pointStart[c]) + q
                if point.references.isEmpty {
                    report(
                        .chainBroken, [calibration.id],
                        "calibration \(calibration.id), point \(calibration.pointID(q)): no reference — the chain ends here without reaching an anchor"
                    )
                    continue
                }
                var inherited = 0.0
                var judgeable = true
                var referenceNodes: [String] = []
                for (k, reference) in point.references.enumerated() {
                    let r = Int(graph.referenceStart[p]) + k
                    let target = graph.referenceTargets[r]
                    if target == TraceabilityGraph.uncertifiedTarget {
                        judgeable = false
                        if case .uncertifiedStandard(let text) = reference.target {
                            report(
                                .missingReferenceCertificate, [calibration.id],
                                "calibration \(calibration.id) used the standard '\(text)' without a certificate")
                        }
                        continue
                    }
                    if target == TraceabilityGraph.unresolvedTarget {
                        judgeable = false
                        reportUnresolved(calibration, reference)
                        continue
                    }
                    let sensitivityUnit = graph.referenceSensitivityUnit[r]
                    let contribution: Double?
                    if target < 0 {
                        let a = Int(-(target + 1))
                        let anchor = document.anchors[a]
                        referenceNodes.append(anchor.id)
                        if !pairs.contains(target) {
                            pairs.append(target)
                            checkAnchorLink(calibration, c, anchor, a, sensitivityUnit: sensitivityUnit)
                        }
                        contribution = self.conversion(
                            from: graph.anchorUnit[a], sensitivity: sensitivityUnit, to: graph.calibrationUnit[c]
                        ).map { reference.sensitivity * $0.uncertainty(anchor.standardUncertainty) }
                    } else {
                        let referencePoint = Int(target)
                        let c2 = Int(graph.pointCalibration[referencePoint])
                        let used = document.calibrations[c2]
                        referenceNodes.append(used.id)
                        if !pairs.contains(Int32(c2)) {
                            pairs.append(Int32(c2))
                            checkCalibrationLink(calibration, c, used, c2, reference, sensitivityUnit: sensitivityUnit)
                        }
                        let usedPoint = used.points[referencePoint - Int(graph.pointStart[c2])]
                        checkCalibratedRange(calibration, used, usedPoint, reference)
                        contribution = self.conversion(
                            from: graph.calibrationUnit[c2], sensitivity: sensitivityUnit, to: graph.calibrationUnit[c]
                        ).map { reference.sensitivity * $0.uncertainty(usedPoint.standardUncertainty) }
                    }
                    if let contribution {
                        inherited += contribution * contribution
                    } else {
                        judgeable = false
                    }
                }
                if judgeable {
                    checkUncertaintyGrowth(calibration, q, point, inherited: inherited, references: referenceNodes)
                }
            }
        }
    }

    private mutating func reportUnresolved(_ calibration: Calibration, _ reference: CalibrationReference) {
        switch reference.target {
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
        case .uncertifiedStandard:
            break
        }
    }

    /// T02 (non-SI anchor), T05a (anchor expiry), T08 (dimensions).
    private mutating func checkAnchorLink(
        _ calibration: Calibration, _ c: Int, _ anchor: Anchor, _ a: Int, sensitivityUnit: Int32
    ) {
        if !anchor.kind.isSI && !reportedNonSI[a] {
            reportedNonSI[a] = true
            report(
                .nonSIAnchor, [anchor.id],
                "anchor \(anchor.id) is a \(anchor.kind.rawValue), not a realization of the SI (ILAC P10 non-SI route)")
        }
        if let validUntil = anchor.validUntil, validUntil < calibration.date {
            report(
                .referenceExpired, [calibration.id, anchor.id],
                "calibration \(calibration.id) on \(calibration.date) used anchor \(anchor.id), valid until \(validUntil)",
                ["daysAfterExpiry": Double(validUntil.days(until: calibration.date))])
        }
        checkDimensions(
            calibration, c, referenceID: anchor.id, referenceUnit: graph.anchorUnit[a],
            sensitivityUnit: sensitivityUnit)
    }

    /// T04 (date order), T05a (expiry), T08 (dimensions), T10 (digest).
    private mutating func checkCalibrationLink(
        _ calibration: Calibration, _ c: Int, _ used: Calibration, _ c2: Int, _ reference: CalibrationReference,
        sensitivityUnit: Int32
    ) {
        if used.date > calibration.date {
            report(
                .referenceFromFuture, [calibration.id, used.id],
                "calibration \(calibration.id) on \(calibration.date) used certificate \(used.id), performed later on \(used.date)",
                ["daysEarly": Double(calibration.date.days(until: used.date))])
        } else if let expiry = used.expiry {
            if expiry < calibration.date {
                report(
                    .referenceExpired, [calibration.id, used.id],
                    "calibration \(calibration.id) on \(calibration.date) used certificate \(used.id), valid until \(expiry)",
                    ["daysAfterExpiry": Double(expiry.days(until: calibration.date))])
            }
        } else if !used.statesValidity && !reportedWithoutInterval[c2] {
            reportedWithoutInterval[c2] = true
            report(
                .noRecalibrationInterval, [used.id],
                "certificate \(used.id) is used as a reference but states neither validUntil nor a recalibration interval"
            )
        }
        checkDimensions(
            calibration, c, referenceID: used.id, referenceUnit: graph.calibrationUnit[c2],
            sensitivityUnit: sensitivityUnit)
        if let stated = reference.certificateHash {
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
    }

    /// T08: dim(reference) · dim(sensitivity) must equal dim(calibration); equal dimensions with
    /// different kinds (Hz vs Bq) is a warning.
    private mutating func checkDimensions(
        _ calibration: Calibration, _ c: Int, referenceID: String, referenceUnit: Int32, sensitivityUnit: Int32
    ) {
        let target = graph.calibrationUnit[c]
        guard graph.unit(referenceUnit) != nil, graph.unit(sensitivityUnit) != nil, graph.unit(target) != nil else {
            return  // INVALID_UNIT is reported for the unit itself
        }
        let sensitivity = graph.unitSpelling[Int(sensitivityUnit)]
        let through = sensitivity == "1" ? "" : " × \(sensitivity)"
        if conversion(from: referenceUnit, sensitivity: sensitivityUnit, to: target) == nil {
            report(
                .unitMismatch, [calibration.id, referenceID],
                "calibration \(calibration.id) in \(calibration.unit) is traced to \(referenceID) in \(graph.unitSpelling[Int(referenceUnit)])\(through): the dimensions differ"
            )
        } else if let conflict = kindConflict(from: referenceUnit, sensitivity: sensitivityUnit, to: target) {
            report(
                .quantityKindMismatch, [calibration.id, referenceID],
                "calibration \(calibration.id) in \(calibration.unit) is traced to \(referenceID) in \(graph.unitSpelling[Int(referenceUnit)])\(through): same dimension, different kinds of quantity (\(conflict))"
            )
        }
    }

    /// T09: the reference was used inside its validity range (or, for a multi-point calibration
    /// without one, inside the span of its calibrated points).
    private mutating func checkCalibratedRange(
        _ calibration: Calibration, _ used: Calibration, _ usedPoint: Calibration.Point,
        _ reference: CalibrationReference
    ) {
        let x = reference.usedAt ?? usedPoint.value
        var range = used.validityRange
        if range == nil, reference.usedAt != nil, used.points.count > 1 {
            let values = used.points.map(\.value)
            range = MeasurementRange(lower: values.min(), upper: values.max())
        }
        guard let range, !range.contains(x) else { return }
        let lower = range.lower.map(Self.number) ?? "−∞"
        let upper = range.upper.map(Self.number) ?? "+∞"
        var values = ["usedAt": x]
        values["lowerLimit"] = range.lower
        values["upperLimit"] = range.upper
        report(
            .outOfCalibratedRange, [calibration.id, used.id],
            "calibration \(calibration.id) used certificate \(used.id) at \(Self.number(x)) \(used.unit), outside its calibrated range [\(lower), \(upper)] \(used.unit)",
            values)
    }

    /// T07: u² ≥ Σ_j (c_j·u_j)², a necessary condition whether or not the references are
    /// correlated positively; equality (no added variance) is a warning.
    private mutating func checkUncertaintyGrowth(
        _ calibration: Calibration, _ q: Int, _ point: Calibration.Point, inherited: Double, references: [String]
    ) {
        let u = point.standardUncertainty
        let added = u * u - inherited
        let tolerance = 1e-9 * u * u
        guard added <= tolerance else { return }
        let values = [
            "standardUncertainty": u, "inheritedUncertainty": inherited.squareRoot(), "addedVariance": added,
        ]
        var nodes = [calibration.id]
        for id in references where !nodes.contains(id) { nodes.append(id) }
        if added < -tolerance {
            report(
                .uncertaintyDecreases, nodes,
                "calibration \(calibration.id), point \(calibration.pointID(q)): u = \(Self.number(u)) \(calibration.unit) is smaller than the \(Self.number(inherited.squareRoot())) \(calibration.unit) inherited from its references",
                values)
        } else {
            report(
                .noAddedUncertainty, nodes,
                "calibration \(calibration.id), point \(calibration.pointID(q)): u = \(Self.number(u)) \(calibration.unit) equals what it inherits from its references; the calibration adds no uncertainty",
                values)
        }
    }
}
