import Foundation

extension BIPMKeyComparison {
    /// Reads a BIPM key-comparison XML file.
    ///
    /// - Throws: ``TraceabilityError/malformedFile(location:reason:)`` and the errors of
    ///   ``init(data:location:)``.
    public init(contentsOf url: URL) throws(TraceabilityError) {
        self = try TraceabilityError.reading(url) { data, file throws(TraceabilityError) in
            try Self(data: data, location: file)
        }
    }

    /// Reads a BIPM key comparison (`kc:comparison` in namespace `KC_Schema`, quantities in D-SI
    /// under any prefix).
    ///
    /// - Throws: ``TraceabilityError/malformedFile(location:reason:)`` (not XML, another root),
    ///   ``TraceabilityError/missingElement(location:element:)`` (no comparison code, a release
    ///   without KCRV, a DoE without result), ``TraceabilityError/invalidNumber(location:field:text:)``.
    public init(data: Data, location: String) throws(TraceabilityError) {
        do {
            try self.init(parsing: data)
        } catch {
            throw error.inFile(location)
        }
    }

    /// The reading behind ``init(data:location:)``; its errors name lines, not the file.
    private init(parsing data: Data) throws(TraceabilityError) {
        let root = try MarkupElement.parse(data)
        let kc = Namespace.keyComparison
        let dsi = DSIReader()
        guard root.namespace == kc, root.name == "comparison" else {
            throw .malformedFile(
                location: dsi.location(root),
                reason: "the root element is {\(root.namespace)}\(root.name), not kc:comparison")
        }
        let general = root.child(kc, "generalInformation")
        guard let code = general?.childText(kc, "comparisonCode") else {
            throw .missingElement(location: dsi.location(general ?? root), element: "kc:comparisonCode")
        }

        func participant(_ element: MarkupElement?) -> Participant? {
            guard let element, let acronym = element.childText(kc, "acronym") else { return nil }
            let past = (element.childText(kc, "pastAcronyms") ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return Participant(acronym: acronym, pastAcronyms: past, ror: element.childText(kc, "ror"))
        }
        func single(_ container: MarkupElement?, _ what: String) throws(TraceabilityError) -> SIValue {
            guard let container, let quantity = try dsi.quantity(in: container), let value = quantity.values.first
            else { throw .missingElement(location: dsi.location(container ?? root), element: what) }
            return value
        }

        var releases: [Release] = []
        for release in root.child(kc, "comparisonData")?.children(kc, "release") ?? [] {
            var entries: [Release.DegreeOfEquivalence] = []
            for entry in release.child(kc, "degreesOfEquivalence")?.children(kc, "degreeOfEquivalence") ?? [] {
                guard let laboratory = participant(entry.child(kc, "laboratory")) else {
                    throw .missingElement(location: dsi.location(entry), element: "kc:laboratory/kc:acronym")
                }
                entries.append(
                    Release.DegreeOfEquivalence(
                        laboratory: laboratory, result: try single(entry.child(kc, "result"), "kc:result")))
            }
            releases.append(
                Release(
                    doi: release.childText(kc, "doi"), year: release.childText(kc, "year").flatMap { Int($0) },
                    referenceValue: try single(release.child(kc, "kcrv"), "kc:kcrv"), degreesOfEquivalence: entries))
        }

        var submissions: [Submission] = []
        for submission in root.child(kc, "comparisonMetadata")?.children(kc, "submission") ?? [] {
            guard let laboratory = participant(submission.child(kc, "laboratory")) else {
                throw .missingElement(location: dsi.location(submission), element: "kc:laboratory/kc:acronym")
            }
            var equivalent: [SIValue] = []
            for measurement in submission.child(kc, "bipmMeasurements")?.children(kc, "bipmMeasurement") ?? [] {
                if let sir = measurement.path(kc, "equivalentActivity", "sirResult") {
                    equivalent.append(try single(sir, "kc:sirResult"))
                }
            }
            var measurements: [Submission.LaboratoryMeasurement] = []
            for measurement in submission.child(kc, "laboratoryMeasurements")?.children(kc, "measurement") ?? [] {
                let activity = measurement.path(kc, "activity", "measurementResult")
                measurements.append(
                    Submission.LaboratoryMeasurement(
                        referenceDate: measurement.childText(kc, "referenceDate"),
                        solutionID: measurement.childText(kc, "solutionID"),
                        methodID: measurement.childText(kc, "methodID"),
                        activity: try activity.map { (element) throws(TraceabilityError) in
                            try single(element, "activity")
                        }))
            }
            submissions.append(
                Submission(
                    laboratory: laboratory, year: submission.childText(kc, "year").flatMap { Int($0) },
                    includedInReferenceValue: try submission.booleanChild(kc, "inKCRV", prefix: "kc"),
                    degreeOfEquivalenceValid: try submission.booleanChild(kc, "doeValid", prefix: "kc"),
                    equivalentActivities: equivalent,
                    laboratoryMeasurements: measurements))
        }
        self.init(
            comparisonCode: code, serviceCategoryID: general?.childText(kc, "serviceCategoryID"),
            pilot: participant(general?.child(kc, "pilot")), releases: releases, submissions: submissions)
    }
}
