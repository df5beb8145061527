import LinearAlgebra

extension LinkedComparison {
    /// The linked comparison as a ``ComparisonModel`` with the linking invariant: one reading of
    /// kind ``ComparisonReading/Kind-swift.enum/degreeOfEquivalence`` per linking laboratory (its
    /// CIPM DoE D_l = x_l − aᵀx, named `D(LAB)`), every RMO result as a measurement of that
    /// comparison's artefact (named `LAB/RMO`), and one covariance block J Σ Jᵀ over all of them, so
    /// that the correlations of D_l with the KCRV, between the D_l, and of a linking laboratory's two
    /// results are all kept. Its evaluation gives the same linked DoE as
    /// ``linkingCorrection(coverageFactor:)`` for the RMO-only laboratories (Cox & Shirono 2023).
    ///
    /// - Throws: as ``ComparisonModel/init(identifier:measurand:unit:readings:covariance:laboratoryBias:drift:referenceValue:)``.
    public func invariantModel() throws(KeyComparisonError) -> ComparisonModel {
        let fit = try referenceWeights()
        let (offsets, sigma) = jointCovariance()
        let total = sigma.rows
        var linking: [LaboratoryID] = []
        for set in linkingLaboratories {
            for lab in set where !linking.contains(lab) { linking.append(lab) }
        }
        var rows: [[Double]] = []
        var templates: [ComparisonReading] = []
        for lab in linking {
            guard let i = reference.index(of: lab) else { continue }
            var row = [Double](repeating: 0, count: total)
            row[i] = 1
            for (p, a) in fit.weights.enumerated() { row[p] -= a }
            rows.append(row)
            templates.append(
                ComparisonReading(
                    identifier: "D(\(lab.name))", laboratory: lab, comparison: reference.identifier, value: 0,
                    standardUncertainty: 1, kind: .degreeOfEquivalence))
        }
        for (c, rmo) in regional.enumerated() {
            for (j, result) in rmo.results.enumerated() {
                var row = [Double](repeating: 0, count: total)
                row[offsets[c + 1] + j] = 1
                rows.append(row)
                templates.append(
                    ComparisonReading(
                        identifier: "\(result.laboratory.name)/\(rmo.identifier)", laboratory: result.laboratory,
                        comparison: rmo.identifier, value: 0, standardUncertainty: 1,
                        degreesOfFreedom: result.degreesOfFreedom))
            }
        }
        let jacobian = Matrix(rows: rows.count, columns: total, rowMajor: rows.flatMap { $0 })
        let covariance = jacobian.sandwich(sigma)
        let x = ([reference] + regional).flatMap { $0.results.map(\.value) }
        let values = jacobian * x
        let readings = templates.enumerated().map { p, template in
            var reading = template
            reading.value = values[p]
            reading.standardUncertainty = Swift.max(0, covariance[p, p]).squareRoot()
            return reading
        }
        return try ComparisonModel(
            identifier: ([reference] + regional).map(\.identifier).joined(separator: " + "), unit: reference.unit,
            readings: readings,
            covariance: ReadingCovariance(blocks: [.init(readings: readings.map(\.identifier), covariance: covariance)]
            ),
            referenceValue: .linkingInvariant(comparison: reference.identifier))
    }

    /// The linked comparison in Sutton's formulation (Metrologia 41 (2004) 272): every result of
    /// every comparison a reading (`LAB/COMPARISON`) of that comparison's artefact, one bias per
    /// laboratory shared by its results in all comparisons, the joint covariance Σ as one block
    /// when any result is correlated, and the KCRV the weighted mean of the CIPM comparison's
    /// included results.
    ///
    /// - Throws: as ``ComparisonModel/init(identifier:measurand:unit:readings:covariance:laboratoryBias:drift:referenceValue:)``.
    public func jointModel() throws(KeyComparisonError) -> ComparisonModel {
        let (_, sigma) = jointCovariance()
        let readings = ([reference] + regional).flatMap { comparison in
            comparison.results.map { result in
                ComparisonReading(
                    identifier: "\(result.laboratory.name)/\(comparison.identifier)", laboratory: result.laboratory,
                    comparison: comparison.identifier, value: result.value,
                    standardUncertainty: result.standardUncertainty, degreesOfFreedom: result.degreesOfFreedom)
            }
        }
        var correlated = false
        for j in 0..<sigma.columns where !correlated {
            for i in 0..<sigma.rows where i != j && sigma[i, j] != 0 { correlated = true }
        }
        return try ComparisonModel(
            identifier: ([reference] + regional).map(\.identifier).joined(separator: " + "), unit: reference.unit,
            readings: readings,
            covariance: correlated
                ? ReadingCovariance(blocks: [.init(readings: readings.map(\.identifier), covariance: sigma)])
                : ReadingCovariance(),
            referenceValue: .weightedMean(
                laboratories: reference.includedResults.map(\.laboratory), comparison: reference.identifier))
    }
}
