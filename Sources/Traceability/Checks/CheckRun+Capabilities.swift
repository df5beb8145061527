/// Rules T05b (CMC coverage) and T06 (recognised route), per calibration at its date.
///
/// A CMC is required for a calibration *service* by an organization whose route is a CMC — the
/// BIPM, an NMI or DI (KCDB Appendix C) or an accredited laboratory (scope of accreditation) — and
/// whenever the calibration names a CMC. An in-house calibration (the item's holder is the issuer)
/// is not a service and needs none. The CMC used is the one named, else the issuer's CMC for the
/// quantity that fits best (published at the date, covering every point).
extension CheckRun {
    mutating func checkCapabilitiesAndRoutes() {
        let document = graph.document
        var cmcsByOrganization = [[Int32]](repeating: [], count: document.organizations.count)
        for (m, cmc) in document.cmcs.enumerated() {
            if let o = graph.organizationByID[cmc.organization] { cmcsByOrganization[Int(o)].append(Int32(m)) }
        }
        for c in document.calibrations.indices {
            let calibration = document.calibrations[c]
            let issuer = document.organizations[Int(graph.calibrationIssuer[c])]
            let holder = graph.itemByID[calibration.item].flatMap { document.items[Int($0)].holder }
            let isService = holder != issuer.id
            let usesCMCRoute = issuer.kind.publishesCMCsInKCDB || issuer.kind == .accreditedLaboratory
            if calibration.cmc != nil || (usesCMCRoute && isService) {
                checkCapability(calibration, c, issuer, candidates: cmcsByOrganization[Int(graph.calibrationIssuer[c])])
            }
            checkRoute(calibration, c, issuer, isService: isService)
        }
    }

    private mutating func checkCapability(
        _ calibration: Calibration, _ c: Int, _ issuer: Organization, candidates: [Int32]
    ) {
        let document = graph.document
        let quantity = calibration.quantity.lowercased()
        if let id = calibration.cmc, let m = graph.cmcByID[id] {
            let cmc = document.cmcs[Int(m)]
            guard cmc.organization == issuer.id, cmc.quantity.lowercased() == quantity else {
                report(
                    .noMatchingCMC, [calibration.id, cmc.id],
                    "calibration \(calibration.id) (\(calibration.quantity), by \(issuer.id)) claims CMC \(cmc.id), which is \(cmc.organization)'s CMC for \(cmc.quantity)"
                )
                return
            }
            matchedCMC[c] = m
            findings.append(contentsOf: capabilityFindings(calibration, c, Int(m)))
            return
        }
        let matching = candidates.filter { document.cmcs[Int($0)].quantity.lowercased() == quantity }
        guard !matching.isEmpty else {
            report(
                .noMatchingCMC, [calibration.id],
                "calibration \(calibration.id) by \(issuer.id) (\(issuer.kind.rawValue)) has no CMC of \(issuer.id) for \(calibration.quantity)"
            )
            return
        }
        var best: (m: Int32, findings: [Finding])?
        for m in matching {
            let found = capabilityFindings(calibration, c, Int(m))
            if best.map({ found.count < $0.findings.count }) ?? true { best = (m, found) }
            if found.isEmpty { break }
        }
        if let best {
            matchedCMC[c] = best.m
            findings.append(contentsOf: best.findings)
        }
    }

    /// The T05b findings of a calibration against one CMC.
    private mutating func capabilityFindings(_ calibration: Calibration, _ c: Int, _ m: Int) -> [Finding] {
        let cmc = graph.document.cmcs[m]
        var found: [Finding] = []
        let status = cmc.status(at: calibration.date)
        if status != .published {
            found.append(
                Finding(
                    code: .cmcNotPublishedAtDate, nodes: [calibration.id, cmc.id],
                    message:
                        "CMC \(cmc.id) was \(status.map { "'\($0.rawValue)'" } ?? "not yet published") on \(calibration.date), the date of calibration \(calibration.id)"
                ))
        }
        guard graph.unit(graph.cmcUnit[m]) != nil, graph.unit(graph.calibrationUnit[c]) != nil else { return found }
        guard
            let conversion = conversion(
                from: graph.calibrationUnit[c], sensitivity: TraceabilityGraph.oneUnit, to: graph.cmcUnit[m])
        else {
            found.append(
                Finding(
                    code: .unitMismatch, nodes: [calibration.id, cmc.id],
                    message:
                        "calibration \(calibration.id) in \(calibration.unit) cannot be compared with CMC \(cmc.id) in \(cmc.unit): the dimensions differ"
                ))
            return found
        }
        if cmc.range?.isUnspecified ?? true {
            if !reportedUnspecifiedRange[m] {
                reportedUnspecifiedRange[m] = true
                found.append(
                    Finding(
                        code: .cmcRangeUnspecified, nodes: [cmc.id],
                        message: "CMC \(cmc.id) states no range limits: coverage of a value cannot be checked"))
            }
        }
        for (q, point) in calibration.points.enumerated() {
            let x = conversion.value(point.value)
            if let range = cmc.range, !range.isUnspecified, !range.contains(x) {
                var values = ["value": x]
                values["lowerLimit"] = range.lower
                values["upperLimit"] = range.upper
                found.append(
                    Finding(
                        code: .outsideCMCRange, nodes: [calibration.id, cmc.id],
                        message:
                            "calibration \(calibration.id), point \(calibration.pointID(q)): \(Self.number(x)) \(cmc.unit) is outside the range [\(range.lower.map(Self.number) ?? "−∞"), \(range.upper.map(Self.number) ?? "+∞")] \(cmc.unit) of CMC \(cmc.id)",
                        values: values))
                continue
            }
            let u = conversion.uncertainty(point.standardUncertainty)
            let bound = cmc.standardUncertainty(at: x)
            if u < bound * (1 - 1e-9) {
                found.append(
                    Finding(
                        code: .uncertaintyBelowCMC, nodes: [calibration.id, cmc.id],
                        message:
                            "calibration \(calibration.id), point \(calibration.pointID(q)): u = \(Self.number(u)) \(cmc.unit) is below u_CMC = U_CMC/k = \(Self.number(bound)) \(cmc.unit) of CMC \(cmc.id) at \(Self.number(x)) \(cmc.unit)",
                        values: ["standardUncertainty": u, "cmcStandardUncertainty": bound, "value": x]))
            }
        }
        return found
    }

    /// T06: the issuer's route at the calibration date.
    private mutating func checkRoute(_ calibration: Calibration, _ c: Int, _ issuer: Organization, isService: Bool) {
        let date = calibration.date
        switch issuer.kind {
        case .bipm, .nationalMetrologyInstitute, .designatedInstitute:
            guard !issuer.qualitySystem.isEmpty else { return }
            let status = issuer.qualitySystemStatus(at: date)
            if status != .accepted {
                report(
                    .routeNotRecognised, [calibration.id, issuer.id],
                    "calibration \(calibration.id) on \(date): the quality system of \(issuer.id) was \(status.map { "'\($0.rawValue)'" } ?? "not yet accepted") (CIPM MRA: an accepted QMS is a prerequisite)"
                )
            }
        case .accreditedLaboratory, .referenceMaterialProducer:
            let valid = issuer.accreditations.filter { $0.isValid(at: date) && $0.isSignatory }
            guard !valid.isEmpty else {
                let reason =
                    issuer.accreditations.contains { $0.isValid(at: date) }
                    ? "its accreditation body is not an ILAC (or recognised regional) signatory"
                    : "it held no accreditation on that date"
                report(
                    .routeNotRecognised, [calibration.id, issuer.id],
                    "calibration \(calibration.id) on \(date) by \(issuer.id): \(reason)")
                return
            }
            let m = matchedCMC[c]
            if isService, m >= 0, valid.allSatisfy({ $0.scope != nil }) {
                let id = graph.document.cmcs[Int(m)].id
                if !valid.contains(where: { $0.scope?.contains(id) ?? false }) {
                    report(
                        .routeNotRecognised, [calibration.id, issuer.id, id],
                        "calibration \(calibration.id) by \(issuer.id): CMC \(id) is not in the scope of its accreditation on \(date)"
                    )
                }
            }
        case .laboratory:
            report(
                .routeNotRecognised, [calibration.id, issuer.id],
                "calibration \(calibration.id) by \(issuer.id), a laboratory neither under the CIPM MRA nor accredited (ILAC P10 route 3: needs supporting evidence)"
            )
        }
    }
}
