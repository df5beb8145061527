import LinearAlgebra

/// A comparison described reading by reading: the general linear model that linked, correlated,
/// drifting, multi-artefact and multi-point comparisons share, evaluated by generalized least
/// squares (Sutton, Metrologia 41 (2004) 272; White, Metrologia 41 (2004) 122; Koo & Clare,
/// Metrologia 49 (2012) 340 show the formulations in use are equivalent).
///
/// Each reading r has the expectation
///
///     x_r = μ(comparison, artefact, point[, loop]) + β(artefact[, loop])·(t_r − t₀) + b(laboratory[, point])
///
/// (a reading of an established degree of equivalence has expectation b(laboratory)), the
/// readings have the covariance V of ``covariance``, and ``referenceValue`` removes the one
/// degree of freedom per group of points that the readings leave: the level of the biases. The
/// biases are then the unilateral degrees of equivalence, and their differences the bilateral
/// ones, each with its covariance (``evaluate(coverageFactor:)``).
///
/// A ``Comparison`` is the special case of one artefact, one point, one reading per laboratory and
/// a weighted-mean reference value (``init(_:)``); its evaluation is Procedure A.
///
///     let model = try ComparisonModel(identifier: "K", unit: "mg", readings: readings,
///                                     referenceValue: .weightedMean())
///     let evaluation = try model.evaluate()
public struct ComparisonModel: Sendable, Hashable {
    /// The model's identifier (e.g. "CCM.M-K1 + APMP.M.M-K1").
    public var identifier: String
    /// The measurand in words.
    public var measurand: String?
    /// The unit of every value and uncertainty.
    public var unit: String?
    /// The readings, in file order.
    public private(set) var readings: [ComparisonReading]
    /// Known covariances between readings.
    public private(set) var covariance: ReadingCovariance
    /// One bias per laboratory, or one per laboratory and point.
    public private(set) var laboratoryBias: LaboratoryBiasModel
    /// The drift models of the artefacts that drift.
    public private(set) var drift: [DriftModel]
    /// What defines the reference value.
    public private(set) var referenceValue: ReferenceValueDefinition

    /// Creates and validates a model.
    ///
    /// - Throws: ``KeyComparisonError`` naming the reading, laboratory or field at fault: a
    ///   reading that fails ``ComparisonReading/validate()``, a duplicate reading name, a drift
    ///   for an artefact without readings or readings without the time (or loop) it needs, a
    ///   reference value that names a laboratory without readings.
    public init(
        identifier: String, measurand: String? = nil, unit: String? = nil, readings: [ComparisonReading],
        covariance: ReadingCovariance = ReadingCovariance(), laboratoryBias: LaboratoryBiasModel = .common,
        drift: [DriftModel] = [], referenceValue: ReferenceValueDefinition = .weightedMean()
    ) throws(KeyComparisonError) {
        self.identifier = identifier
        self.measurand = measurand
        self.unit = unit
        self.readings = readings
        self.covariance = covariance
        self.laboratoryBias = laboratoryBias
        self.drift = drift
        self.referenceValue = referenceValue
        try validate()
    }

    /// The model of a comparison file: one reading per result, named after its laboratory, the
    /// comparison's covariance as one block, a weighted-mean reference value over the included
    /// results. Its evaluation reproduces ``WeightedMean`` (Procedure A; GLS with correlations).
    public init(_ comparison: Comparison) throws(KeyComparisonError) {
        let readings = comparison.results.map { result in
            ComparisonReading(
                identifier: result.laboratory.name, laboratory: result.laboratory, value: result.value,
                standardUncertainty: result.standardUncertainty, degreesOfFreedom: result.degreesOfFreedom)
        }
        var covariance = ReadingCovariance()
        if comparison.isCorrelated, let v = comparison.covariance {
            covariance.blocks = [.init(readings: readings.map(\.identifier), covariance: v)]
        }
        let included = comparison.includedResults.map(\.laboratory)
        try self.init(
            identifier: comparison.identifier, measurand: comparison.measurand, unit: comparison.unit,
            readings: readings, covariance: covariance,
            referenceValue: .weightedMean(
                laboratories: included.count == comparison.results.count ? nil : included))
    }

    /// The laboratories in order of their first reading.
    public var laboratories: [LaboratoryID] {
        var seen: Set<LaboratoryID> = []
        return readings.map(\.laboratory).filter { seen.insert($0).inserted }
    }

    /// The laboratories that define the reference value (those of the weighted mean, the pilot,
    /// or those holding an established degree of equivalence).
    public var referenceLaboratories: Set<LaboratoryID> {
        switch referenceValue {
        case .weightedMean(let laboratories, let comparison):
            let candidates = readings.filter {
                $0.kind == .measurement && (comparison == nil || $0.comparison == comparison)
            }
            return Set(candidates.map(\.laboratory)).intersection(
                laboratories.map(Set.init) ?? Set(candidates.map(\.laboratory)))
        case .pilot(let pilot):
            return [pilot]
        case .linkingInvariant(let comparison):
            return Set(
                readings.filter { $0.kind == .degreeOfEquivalence && $0.comparison == comparison }.map(\.laboratory))
        }
    }

    /// The drift model of a reading's artefact, if it drifts.
    func driftModel(of reading: ComparisonReading) -> DriftModel? {
        drift.first { $0.comparison == reading.comparison && $0.artefact == reading.artefact }
    }

    private func validate() throws(KeyComparisonError) {
        guard !readings.isEmpty else { throw .insufficientParticipants(needed: 1, found: 0) }
        var names: Set<String> = []
        for (i, reading) in readings.enumerated() {
            guard reading.laboratory.name.contains(where: { !$0.isWhitespace }) else {
                throw .emptyLaboratoryName(index: i + 1)
            }
            guard names.insert(reading.identifier).inserted else { throw .duplicateReading(reading.identifier) }
            try reading.validate()
        }
        for (number, model) in drift.enumerated() {
            guard model.referenceTime.isFinite else {
                throw .invalidModel(field: "drift[\(number)].referenceTime", reason: "must be a finite number")
            }
            let measured = readings.filter {
                $0.kind == .measurement && $0.comparison == model.comparison && $0.artefact == model.artefact
            }
            guard !measured.isEmpty else {
                throw .invalidModel(
                    field: "drift[\(number)]",
                    reason:
                        "no reading measures \(ModelUnknown.artefactValue(comparison: model.comparison, artefact: model.artefact, point: nil, loop: nil))"
                )
            }
            if let reading = measured.first(where: { $0.time == nil }) {
                throw .invalidModel(
                    field: "readings[\(reading.identifier)].time",
                    reason: "the artefact drifts: give the time of the reading")
            }
            if model.kind == .linearPerLoop, let reading = measured.first(where: { $0.loop == nil }) {
                throw .invalidModel(
                    field: "readings[\(reading.identifier)].loop",
                    reason: "the drift is linear per loop: give the loop of the reading")
            }
        }
        let laboratories = Set(readings.map(\.laboratory))
        switch referenceValue {
        case .weightedMean(let named, let comparison):
            for lab in named ?? [] where !laboratories.contains(lab) { throw .unknownLaboratory(lab) }
            if let comparison, !readings.contains(where: { $0.comparison == comparison }) {
                throw .invalidModel(
                    field: "referenceValue.comparison", reason: "no reading belongs to comparison \(comparison)")
            }
            if referenceLaboratories.isEmpty {
                throw .invalidModel(
                    field: "referenceValue",
                    reason: "no measurement reading of the laboratories named defines the weighted mean")
            }
        case .pilot(let pilot):
            guard laboratories.contains(pilot) else { throw .unknownLaboratory(pilot) }
        case .linkingInvariant(let comparison):
            guard !referenceLaboratories.isEmpty else {
                throw .invalidModel(
                    field: "referenceValue",
                    reason:
                        "the linking invariant needs the linking laboratories' degrees of equivalence in \(comparison): readings of kind degreeOfEquivalence with that comparison"
                )
            }
        }
        try covariance.validate(for: readings)
    }
}
