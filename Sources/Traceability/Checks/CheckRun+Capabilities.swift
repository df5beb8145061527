/// Rules T05b (CMC coverage) and T06 (recognised route), per calibration at its date.
///
/// A CMC is required for a calibration *service* by an organization whose route is a CMC — the
/// BIPM, an NMI or DI (KCDB Appendix C) or an accredited laboratory (scope of accreditation) — and
/// whenever the calibration names a CMC. An in-house calibration (the item's holder is the issuer)
/// is not a service and needs none. The CMC used is the one named, else the issuer's CMC for the
/// quantity that fits best (published at the date, covering every point).
extension CheckRun {
    /// What the two rules read of the CMCs and organizations, flattened once per check.
    struct CapabilityTables {
        /// CMCs by (organization << 32 | quantity).
        var byOrganizationAndQuantity: [Int64: [Int32]] = [:]
        var cmcStatus: [[(day: Int32, status: CalibrationMeasurementCapability.StatusChange.Status)]] = []
        var organizationKind: [Organization.Kind] = []
        var qualitySystem: [[(day: Int32, status: Organization.QualitySystemStatus.Status)]] = []
        var accreditations: [[(from: Int32, until: Int32, isSignatory: Bool, scope: Set<Int32>?)]] = []

        init(_ graph: TraceabilityGraph) {
            let document = graph.document
            for (m, cmc) in document.cmcs.enumerated() {
                if let o = graph.organizationByID[cmc.organization] {
                    byOrganizationAndQuantity[Int64(o) << 32 | Int64(graph.cmcQuantity[m]), default: []].append(
                        Int32(m))
                }
                cmcStatus.append(cmc.status.map { (TraceabilityGraph.day($0.from), $0.status) })
            }
            for organization in document.organizations {
                organizationKind.append(organization.kind)
                qualitySystem.append(organization.qualitySystem.map { (TraceabilityGraph.day($0.from), $0.status) })
                accreditations.append(
                    organization.accreditations.map { accreditation in
                        (
                            TraceabilityGraph.day(accreditation.from),
                            accreditation.until.map(TraceabilityGraph.day) ?? .max, accreditation.isSignatory,
                            accreditation.scope.map { Set($0.compactMap { graph.cmcByID[$0] }) }
                        )
                    })
            }
        }
    }

    mutating func checkCapabilitiesAndRoutes() {
        let tables = CapabilityTables(graph)
        for c in 0..<graph.document.calibrations.count {
            let issuer = Int(graph.calibrationIssuer[c])
            let kind = tables.organizationKind[issuer]
            let isService = graph.calibrationHolder[c] != Int32(issuer)
            let usesCMCRoute = kind.publishesCMCsInKCDB || kind == .accreditedLaboratory
            if graph.calibrationCMC[c] >= 0 || (usesCMCRoute && isService) {
                checkCapability(c, issuer, tables)
            }
            checkRoute(c, issuer, kind, isService: isService, tables)
        }
    }

    private mutating func checkCapability(_ c: Int, _ issuer: Int, _ tables: CapabilityTables) {
        let quantity = graph.calibrationQuantity[c]
        let claimed = graph.calibrationCMC[c]
        if claimed >= 0 {
            let m = Int(claimed)
            guard graph.organizationByID[graph.document.cmcs[m].organization] == Int32(issuer),
                graph.cmcQuantity[m] == quantity
            else {
                let (calibration, cmc) = (graph.document.calibrations[c], graph.document.cmcs[m])
                report(
                    .noMatchingCMC, [calibration.id, cmc.id],
                    "calibration \(calibration.id) (\(calibration.quantity), by \(calibration.issuer)) claims CMC \(cmc.id), which is \(cmc.organization)'s CMC for \(cmc.quantity)"
                )
                return
            }
            matchedCMC[c] = claimed
            record(capabilityFindings(c, m, tables), of: m)
            return
        }
        let candidates = tables.byOrganizationAndQuantity[Int64(issuer) << 32 | Int64(quantity)] ?? []
        guard !candidates.isEmpty else {
            let calibration = graph.document.calibrations[c]
            let organization = graph.document.organizations[issuer]
            report(
                .noMatchingCMC, [calibration.id],
                "calibration \(calibration.id) by \(organization.id) (\(organization.kind.rawValue)) has no CMC of \(organization.id) for \(calibration.quantity)"
            )
            return
        }
        var best: (m: Int32, findings: [Finding])?
        for m in candidates {
            let found = capabilityFindings(c, Int(m), tables)
            if best.map({ found.count < $0.findings.count }) ?? true { best = (m, found) }
            if found.isEmpty { break }
        }
        if let best {
            matchedCMC[c] = best.m
            record(best.findings, of: Int(best.m))
        }
    }

    /// Appends the findings of the chosen CMC; `CMC_RANGE_UNSPECIFIED` only once per CMC.
    private mutating func record(_ found: [Finding], of m: Int) {
        for finding in found {
            if finding.code == .cmcRangeUnspecified {
                guard !reportedUnspecifiedRange[m] else { continue }
                reportedUnspecifiedRange[m] = true
            }
            findings.append(finding)
        }
    }

    /// The T05b findings of a calibration against one CMC (empty, without allocation, when it fits).
    private mutating func capabilityFindings(_ c: Int, _ m: Int, _ tables: CapabilityTables) -> [Finding] {
        var found: [Finding] = []
        let day = graph.calibrationDay[c]
        let status = tables.cmcStatus[m].changeInForce(at: day, effectiveFrom: { $0.day })?.status
        if status != .published {
            let (calibration, cmc) = (graph.document.calibrations[c], graph.document.cmcs[m])
            found.append(
                Finding(
                    code: .cmcNotPublishedAtDate, nodes: [calibration.id, cmc.id],
                    message:
                        "CMC \(cmc.id) was \(status.map { "'\($0.rawValue)'" } ?? "not yet published") on \(calibration.date), the date of calibration \(calibration.id)"
                ))
        }
        let cmcUnit = graph.cmcUnit[m]
        guard graph.unit(cmcUnit) != nil, graph.unit(graph.calibrationUnit[c]) != nil else { return found }
        guard
            let conversion = conversion(
                from: graph.calibrationUnit[c], sensitivity: TraceabilityGraph.oneUnit, to: cmcUnit)
        else {
            let (calibration, cmc) = (graph.document.calibrations[c], graph.document.cmcs[m])
            found.append(
                Finding(
                    code: .unitMismatch, nodes: [calibration.id, cmc.id],
                    message:
                        "calibration \(calibration.id) in \(calibration.unit) cannot be compared with CMC \(cmc.id) in \(cmc.unit): the dimensions differ"
                ))
            return found
        }
        let cmc = graph.document.cmcs[m]
        let range = cmc.range.flatMap { $0.isUnspecified ? nil : $0 }
        if range == nil {
            found.append(
                Finding(
                    code: .cmcRangeUnspecified, nodes: [cmc.id],
                    message: "CMC \(cmc.id) states no range limits: coverage of a value cannot be checked"))
        }
        for p in Int(graph.pointStart[c])..<Int(graph.pointStart[c + 1]) {
            let x = conversion.value(graph.pointValue[p])
            if let range, !range.contains(x) {
                let calibration = graph.document.calibrations[c]
                var values = ["value": x]
                values["lowerLimit"] = range.lower
                values["upperLimit"] = range.upper
                found.append(
                    Finding(
                        code: .outsideCMCRange, nodes: [calibration.id, cmc.id],
                        message:
                            "calibration \(calibration.id), point \(calibration.pointID(p - Int(graph.pointStart[c]))): \(Self.number(x)) \(cmc.unit) is outside the range \(Self.interval(range)) \(cmc.unit) of CMC \(cmc.id)",
                        values: values))
                continue
            }
            let u = conversion.uncertainty(graph.pointUncertainty[p])
            let bound = cmc.standardUncertainty(at: x)
            if u < bound * (1 - 1e-9) {
                let calibration = graph.document.calibrations[c]
                found.append(
                    Finding(
                        code: .uncertaintyBelowCMC, nodes: [calibration.id, cmc.id],
                        message:
                            "calibration \(calibration.id), point \(calibration.pointID(p - Int(graph.pointStart[c]))): u = \(Self.number(u)) \(cmc.unit) is below u_CMC = U_CMC/k = \(Self.number(bound)) \(cmc.unit) of CMC \(cmc.id) at \(Self.number(x)) \(cmc.unit)",
                        values: ["standardUncertainty": u, "cmcStandardUncertainty": bound, "value": x]))
            }
        }
        return found
    }

    /// T06: the issuer's route at the calibration date.
    private mutating func checkRoute(
        _ c: Int, _ issuer: Int, _ kind: Organization.Kind, isService: Bool, _ tables: CapabilityTables
    ) {
        let day = graph.calibrationDay[c]
        switch kind {
        case .bipm, .nationalMetrologyInstitute, .designatedInstitute:
            let history = tables.qualitySystem[issuer]
            guard !history.isEmpty else { return }
            let status = history.changeInForce(at: day, effectiveFrom: { $0.day })?.status
            if status != .accepted {
                let (calibration, organization) = (graph.document.calibrations[c], graph.document.organizations[issuer])
                report(
                    .routeNotRecognised, [calibration.id, organization.id],
                    "calibration \(calibration.id) on \(calibration.date): the quality system of \(organization.id) was \(status.map { "'\($0.rawValue)'" } ?? "not yet accepted") (CIPM MRA: an accepted QMS is a prerequisite)"
                )
            }
        case .accreditedLaboratory, .referenceMaterialProducer:
            var anyValid = false
            var signatory = false
            var scoped = true
            var inScope = false
            let m = matchedCMC[c]
            for accreditation in tables.accreditations[issuer]
            where accreditation.from <= day && day <= accreditation.until {
                anyValid = true
                guard accreditation.isSignatory else { continue }
                signatory = true
                if let scope = accreditation.scope {
                    if scope.contains(m) { inScope = true }
                } else {
                    scoped = false
                }
            }
            guard signatory else {
                let (calibration, organization) = (graph.document.calibrations[c], graph.document.organizations[issuer])
                let reason =
                    anyValid
                    ? "its accreditation body is not an ILAC (or recognised regional) signatory"
                    : "it held no accreditation on that date"
                report(
                    .routeNotRecognised, [calibration.id, organization.id],
                    "calibration \(calibration.id) on \(calibration.date) by \(organization.id): \(reason)")
                return
            }
            if isService, m >= 0, scoped, !inScope {
                let (calibration, organization) = (graph.document.calibrations[c], graph.document.organizations[issuer])
                let id = graph.document.cmcs[Int(m)].id
                report(
                    .routeNotRecognised, [calibration.id, organization.id, id],
                    "calibration \(calibration.id) by \(organization.id): CMC \(id) is not in the scope of its accreditation on \(calibration.date)"
                )
            }
        case .laboratory:
            let (calibration, organization) = (graph.document.calibrations[c], graph.document.organizations[issuer])
            report(
                .routeNotRecognised, [calibration.id, organization.id],
                "calibration \(calibration.id) by \(organization.id), a laboratory neither under the CIPM MRA nor accredited (ILAC P10 route 3: needs supporting evidence)"
            )
        }
    }
}
