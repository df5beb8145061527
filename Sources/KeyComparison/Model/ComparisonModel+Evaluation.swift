internal import EquivalenceSupport
import LinearAlgebra
import Uncertainty

extension ComparisonModel {
    /// The design matrix X (readings × unknowns) and the observations y of the model.
    struct Design {
        var unknowns: [ModelUnknown]
        var matrix: Matrix
        var observations: [Double]
        /// The column of each bias, by laboratory and point.
        var biasColumn: [ModelUnknown: Int]
    }

    /// The unknown of a reading's artefact value, drift and bias.
    private func unknowns(of reading: ComparisonReading) -> (
        value: ModelUnknown?, drift: ModelUnknown?, bias: ModelUnknown
    ) {
        let bias = ModelUnknown.laboratoryBias(
            reading.laboratory, point: laboratoryBias == .perPoint ? reading.point : nil)
        guard reading.kind == .measurement else { return (nil, nil, bias) }
        let drift = driftModel(of: reading)
        let loop = drift?.kind == .linearPerLoop ? reading.loop : nil
        return (
            .artefactValue(
                comparison: reading.comparison, artefact: reading.artefact, point: reading.point, loop: loop),
            drift.map { _ in
                .drift(comparison: reading.comparison, artefact: reading.artefact, point: reading.point, loop: loop)
            },
            bias
        )
    }

    /// X and y: artefact values first, then drifts, then biases, each in order of first appearance.
    func design() -> Design {
        var values: [ModelUnknown] = []
        var drifts: [ModelUnknown] = []
        var biases: [ModelUnknown] = []
        var seen: Set<ModelUnknown> = []
        for reading in readings {
            let (value, drift, bias) = unknowns(of: reading)
            if let value, seen.insert(value).inserted { values.append(value) }
            if let drift, seen.insert(drift).inserted { drifts.append(drift) }
            if seen.insert(bias).inserted { biases.append(bias) }
        }
        let all = values + drifts + biases
        var column: [ModelUnknown: Int] = [:]
        for (j, unknown) in all.enumerated() { column[unknown] = j }
        var x = Matrix(rows: readings.count, columns: all.count)
        for (i, reading) in readings.enumerated() {
            let (value, drift, bias) = unknowns(of: reading)
            if let value, let j = column[value] { x[i, j] = 1 }
            if let drift, let j = column[drift], let model = driftModel(of: reading), let t = reading.time {
                x[i, j] = t - model.referenceTime
            }
            if let j = column[bias] { x[i, j] = 1 }
        }
        var biasColumn: [ModelUnknown: Int] = [:]
        for bias in biases { biasColumn[bias] = column[bias] }
        return Design(unknowns: all, matrix: x, observations: readings.map(\.value), biasColumn: biasColumn)
    }

    /// The points of the bias groups: one nil group for common biases, else every point in order.
    private var biasGroups: [String?] {
        guard laboratoryBias == .perPoint else { return [nil] }
        var seen: Set<String?> = []
        return readings.map(\.point).filter { seen.insert($0).inserted }
    }

    /// The rows C of the constraint C·β = 0 that the reference-value definition imposes, one per
    /// bias group.
    private func constraints(
        _ design: Design, covariance v: Matrix, cholesky: CholeskyFactorization
    ) throws(KeyComparisonError) -> Matrix {
        let groups = biasGroups
        switch referenceValue {
        case .linkingInvariant:
            return Matrix(rows: 0, columns: design.unknowns.count)
        case .pilot(let pilot):
            var c = Matrix(rows: groups.count, columns: design.unknowns.count)
            for (g, point) in groups.enumerated() {
                guard let j = design.biasColumn[.laboratoryBias(pilot, point: point)] else {
                    throw .invalidModel(
                        field: "referenceValue.pilot",
                        reason: "the pilot \(pilot) has no reading at \(point ?? "the point")")
                }
                c[g, j] = 1
            }
            return c
        case .weightedMean(_, let comparison):
            let laboratories = referenceLaboratories
            var c = Matrix(rows: groups.count, columns: design.unknowns.count)
            for (g, point) in groups.enumerated() {
                let members = readings.indices.filter { i in
                    let r = readings[i]
                    return r.kind == .measurement && laboratories.contains(r.laboratory)
                        && (comparison == nil || r.comparison == comparison)
                        && (laboratoryBias == .common || r.point == point)
                }
                guard !members.isEmpty else {
                    throw .invalidModel(
                        field: "referenceValue",
                        reason: "no reading of the reference laboratories at \(point ?? "the point")")
                }
                // a ∝ V_S⁻¹1 over the subset's readings: the full factorization when the subset is
                // every reading, else the factorization of its block.
                let ones = [Double](repeating: 1, count: members.count)
                var s: [Double]
                do {
                    if members.count == readings.count {
                        s = try cholesky.solve(ones)
                    } else {
                        var block = Matrix(rows: members.count, columns: members.count)
                        for (q, j) in members.enumerated() {
                            for (p, i) in members.enumerated() { block[p, q] = v[i, j] }
                        }
                        s = try CholeskyFactorization(block, symmetryTolerance: nil).solve(ones)
                    }
                } catch {
                    throw Self.notPositiveDefinite(error, readings: members.map { readings[$0] }, covariance: v)
                }
                let total = s.reduce(0, +)
                for (p, i) in members.enumerated() {
                    let bias = ModelUnknown.laboratoryBias(
                        readings[i].laboratory, point: laboratoryBias == .perPoint ? point : nil)
                    if let j = design.biasColumn[bias] { c[g, j] += s[p] / total }
                }
            }
            return c
        }
    }

    /// The readings a failed factorization of V involves: the reading that ends the failing leading
    /// minor, then the earlier readings it is correlated with.
    static func notPositiveDefinite(
        _ error: LinearAlgebraError, readings: [ComparisonReading], covariance v: Matrix
    ) -> KeyComparisonError {
        var minor = 1
        if case .notPositiveDefinite(let leading) = error, (1...Swift.max(1, readings.count)).contains(leading) {
            minor = leading
        }
        guard readings.indices.contains(minor - 1) else { return .readingCovarianceNotPositiveDefinite(readings: []) }
        let index = { (r: ComparisonReading) in v.rows == readings.count ? readings.firstIndex(of: r) : nil }
        let last = readings[minor - 1]
        var involved = [last.identifier]
        if let k = index(last) {
            for reading in readings[..<(minor - 1)] {
                if let i = index(reading), v[i, k] != 0 { involved.append(reading.identifier) }
            }
        }
        return .readingCovarianceNotPositiveDefinite(readings: involved)
    }

    /// The unknowns a rank-deficient design cannot determine: the null space of the stacked,
    /// column-normalised [Z; C] (``Matrix/nullSpaceBasis(relativeTolerance:)``), its first direction's
    /// largest components, artefact values and drifts named before biases.
    private func unidentifiable(_ design: Design, whitened z: Matrix, constraints c: Matrix) -> KeyComparisonError {
        let p = design.unknowns.count
        var stacked = Matrix(rows: z.rows + c.rows, columns: p)
        for j in 0..<p {
            var norm = 0.0
            for i in 0..<z.rows { norm += z[i, j] * z[i, j] }
            for i in 0..<c.rows { norm += c[i, j] * c[i, j] }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for i in 0..<z.rows { stacked[i, j] = z[i, j] * scale }
            for i in 0..<c.rows { stacked[z.rows + i, j] = c[i, j] * scale }
        }
        let zeroColumns = (0..<p).filter { j in (0..<stacked.rows).allSatisfy { stacked[$0, j] == 0 } }
        var involved: [Int] = zeroColumns
        if involved.isEmpty, let basis = try? stacked.nullSpaceBasis(relativeTolerance: 1e-10), basis.columns > 0 {
            let direction = basis.column(0).map(abs)
            let largest = direction.max() ?? 0
            involved = (0..<p).filter { direction[$0] >= 0.25 * largest }.sorted { direction[$0] > direction[$1] }
        }
        func rank(_ unknown: ModelUnknown) -> Int {
            switch unknown {
            case .artefactValue: 0
            case .drift: 1
            case .laboratoryBias: 2
            }
        }
        let names = involved.map { design.unknowns[$0] }.sorted { rank($0) < rank($1) }.map(\.description)
        return .unidentifiableUnknown(names.first ?? "model", involving: Array(names.dropFirst().prefix(6)))
    }

    /// Evaluates the model by generalized least squares.
    ///
    /// V = LLᵀ (`dpotrf`), Z = L⁻¹X and w = L⁻¹y (`dtrtrs`), then the estimate under the
    /// reference-value constraint C·β = 0 (`dgglse`, or `dgels` when the definition needs none),
    /// cov(β̂) from the QR of the whitened design on the null space of C
    /// (``LinearAlgebra/LeastSquares/solve(design:observations:constraints:constraintValues:withCovariance:)``).
    /// The unilateral degrees of equivalence are the biases, d = b̂, with cov(d) the corresponding
    /// block of cov(β̂); the bilateral ones are their differences. χ² = rᵀV⁻¹r = ‖w − Zβ̂‖² with
    /// ν = n − rank. The consistency check refits without the biases of the laboratories that
    /// define a weighted-mean reference value, reusing the columns of Z.
    ///
    ///     let evaluation = try ComparisonModel(pcb28).evaluate()
    ///     evaluation.estimates[0].value      // 33.2996 (Procedure A)
    ///
    /// - Parameter coverageFactor: k in U = k·u.
    /// - Throws: ``KeyComparisonError/readingCovarianceNotPositiveDefinite(readings:)`` naming the
    ///   readings, ``KeyComparisonError/unidentifiableUnknown(_:involving:)`` naming the unknown the
    ///   design cannot determine (never a silent pseudo-inverse), ``KeyComparisonError/invalidModel(field:reason:)``.
    /// - Complexity: O(n³/3) for the factorization of V, O(n²·p) for the whitening, O(n·p²) for the solves.
    public func evaluate(coverageFactor k: Double = 2) throws(KeyComparisonError) -> ComparisonModelEvaluation {
        guard k.isFinite, k > 0 else {
            throw .invalidSetting(.coverageFactor, value: "\(k)", reason: "must be positive and finite")
        }
        let v = try covariance.matrix(for: readings)
        let cholesky: CholeskyFactorization
        do {
            cholesky = try CholeskyFactorization(v, symmetryTolerance: nil)
        } catch {
            throw Self.notPositiveDefinite(error, readings: readings, covariance: v)
        }
        let design = design()
        let c = try constraints(design, covariance: v, cholesky: cholesky)
        let z: Matrix
        let w: [Double]
        do {
            z = try cholesky.whiten(design.matrix)
            w = try cholesky.whiten(design.observations)
        } catch {
            throw Self.notPositiveDefinite(error, readings: readings, covariance: v)
        }
        let solution: LeastSquares.ConstrainedSolution
        do {
            solution = try LeastSquares.solve(
                design: z, observations: w, constraints: c, constraintValues: [Double](repeating: 0, count: c.rows),
                withCovariance: ())
        } catch {
            throw unidentifiable(design, whitened: z, constraints: c)
        }
        let rank = design.unknowns.count - c.rows
        let fit = WeightedMean.consistency(
            chiSquared: solution.residualSumOfSquares, degreesOfFreedom: readings.count - rank)
        let estimates = design.unknowns.enumerated().map { j, unknown in
            ModelEstimate(
                unknown: unknown, value: solution.coefficients[j],
                standardUncertainty: Swift.max(0, solution.covariance[j, j]).squareRoot())
        }
        return ComparisonModelEvaluation(
            comparison: identifier, unit: unit, referenceValueDefinition: referenceValueDescription,
            estimates: estimates, covariance: solution.covariance, fit: fit,
            consistency: consistencyCheck(design, whitened: z, observations: w),
            degreesOfEquivalence: degreesOfEquivalence(design, solution: solution, coverageFactor: k))
    }

    /// The χ² check of a weighted-mean reference value: the model refitted without the biases of the
    /// laboratories that define it (for one reading each: Procedure A's χ² over the included results).
    private func consistencyCheck(_ design: Design, whitened z: Matrix, observations w: [Double]) -> ConsistencyCheck? {
        guard case .weightedMean = referenceValue else { return nil }
        let laboratories = referenceLaboratories
        let kept = design.unknowns.indices.filter { j in
            guard let laboratory = design.unknowns[j].laboratory else { return true }
            return !laboratories.contains(laboratory)
        }
        guard !kept.isEmpty, kept.count < readings.count else { return nil }
        var reduced = Matrix(rows: z.rows, columns: kept.count)
        for (q, j) in kept.enumerated() {
            for i in 0..<z.rows { reduced[i, q] = z[i, j] }
        }
        guard let fit = try? LeastSquares.solve(design: reduced, observations: w) else { return nil }
        return WeightedMean.consistency(
            chiSquared: fit.residualSumOfSquares, degreesOfFreedom: readings.count - kept.count)
    }

    private func degreesOfEquivalence(
        _ design: Design, solution: LeastSquares.ConstrainedSolution, coverageFactor k: Double
    ) -> [PointDegreesOfEquivalence] {
        let reference = referenceLaboratories
        return biasGroups.map { point in
            let members = design.unknowns.indices.filter { j in
                if case .laboratoryBias(_, let p) = design.unknowns[j] { return p == point }
                return false
            }
            var covariance = Matrix(rows: members.count, columns: members.count)
            for (q, j) in members.enumerated() {
                for (p, i) in members.enumerated() { covariance[p, q] = solution.covariance[i, j] }
            }
            let unilateral = members.enumerated().map { p, j in
                let laboratory = design.unknowns[j].laboratory ?? ""
                let u = Swift.max(0, covariance[p, p]).squareRoot()
                return DegreeOfEquivalence(
                    laboratory: laboratory, includedInReferenceValue: reference.contains(laboratory),
                    difference: solution.coefficients[j], standardUncertainty: u, expandedUncertainty: k * u)
            }
            var pairwise: [PairwiseDegreeOfEquivalence] = []
            for p in unilateral.indices {
                for q in unilateral.indices where q > p {
                    let variance = covariance[p, p] + covariance[q, q] - 2 * covariance[p, q]
                    let u = Swift.max(0, variance).squareRoot()
                    pairwise.append(
                        PairwiseDegreeOfEquivalence(
                            laboratories: [unilateral[p].laboratory, unilateral[q].laboratory],
                            difference: unilateral[p].difference - unilateral[q].difference, standardUncertainty: u,
                            expandedUncertainty: k * u))
                }
            }
            return PointDegreesOfEquivalence(
                point: point, unilateral: unilateral, covariance: covariance, pairwise: pairwise)
        }
    }

    /// The reference-value definition in words, for the reports.
    var referenceValueDescription: String {
        switch referenceValue {
        case .weightedMean(let laboratories, let comparison):
            "weighted mean of "
                + (laboratories.map { $0.map(\.name).joined(separator: ", ") } ?? "all laboratories")
                + (comparison.map { " in \($0)" } ?? "")
        case .pilot(let pilot): "value of the pilot \(pilot)"
        case .linkingInvariant(let comparison):
            "the KCRV of \(comparison), kept invariant through the linking laboratories' degrees of equivalence"
        }
    }
}

extension ComparisonModelEvaluation {
    /// Returns the evaluation when every number in it is finite (as ``Evaluation/checkedFinite()``).
    ///
    /// - Throws: ``KeyComparisonError/nonFiniteResult(method:quantity:)`` naming the first offending field.
    public func checkedFinite() throws(KeyComparisonError) -> ComparisonModelEvaluation {
        guard let found = JSONWriter.firstNonFiniteNumber(in: self) else { return self }
        throw .nonFiniteResult(method: "generalized least squares", quantity: CodingPathKey.path(found.keys))
    }
}
