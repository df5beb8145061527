import Foundation
import KeyComparison
import Testing
import Uncertainty

/// Inputs that used to reach a trap or print NaN: each now gives the typed error that names the
/// laboratory, field or quantity.
@Suite("Numerical range and finite results")
struct NumericalRangeTests {
    /// 1e-320 (2024 times the least subnormal), written without a literal that underflows.
    static let subnormal = Double.leastNonzeroMagnitude * 2024

    static func results(_ specs: [(String, Double, Double)]) -> [LaboratoryResult] {
        specs.map { LaboratoryResult(laboratory: LaboratoryID($0.0), value: $0.1, standardUncertainty: $0.2) }
    }

    @Test(arguments: [1e-300, 1e-151, .leastNonzeroMagnitude, 1e151, 1e300])
    func uncertaintiesWhoseSquaresAreNotNormalAreRefused(u: Double) {
        // Below 1e-150 (or above 1e150) u² underflows toward 0 (or overflows), and 1/u² with it.
        #expect(throws: KeyComparisonError.magnitudeOutOfRange(laboratory: "B", field: "standardUncertainty", value: u))
        {
            try Comparison(identifier: "X", results: Self.results([("A", 1, 0.1), ("B", 2, u)]))
        }
    }

    @Test(arguments: [1e151, -1e200, 1.7e308])
    func valuesWhoseSquaresOverflowAreRefused(x: Double) {
        #expect(throws: KeyComparisonError.magnitudeOutOfRange(laboratory: "A", field: "value", value: x)) {
            try Comparison(identifier: "X", results: Self.results([("A", x, 1), ("B", 2, 1)]))
        }
    }

    @Test func theEdgesOfTheRangeAreAccepted() throws {
        let comparison = try Comparison(
            identifier: "X", results: Self.results([("A", 1e150, 1e-150), ("B", -1e150, 1e150)]))
        #expect(comparison.results.count == 2)
    }

    @Test func subnormalDegreesOfFreedomAreRefused() {
        // ν/2 of 5e-324 is 0, the shape of a χ² draw that the bootstrap cannot make.
        let result = LaboratoryResult(
            laboratory: "A", value: 1, standardUncertainty: 1, degreesOfFreedom: .leastNonzeroMagnitude)
        #expect(throws: KeyComparisonError.invalidDegreesOfFreedom(laboratory: "A", value: .leastNonzeroMagnitude)) {
            try result.validate()
        }
        let infinite = LaboratoryResult(laboratory: "A", value: 1, standardUncertainty: 1, degreesOfFreedom: .infinity)
        #expect(throws: Never.self) { try infinite.validate() }
    }

    @Test func withinLaboratorySpreadsWhoseSquaresOverflowAreRefused() {
        // s = 1e308 made Cochran's C = s²/Σs² = inf/inf.
        let spread = WithinLaboratorySpread(laboratory: "A", standardDeviation: 1e308, replicates: 3)
        #expect(
            throws: KeyComparisonError.magnitudeOutOfRange(laboratory: "A", field: "standardDeviation", value: 1e308)
        ) { try spread.validate() }
    }

    @Test func emptyLaboratoryNamesAreRefused() {
        #expect(throws: KeyComparisonError.emptyLaboratoryName(index: 2)) {
            try Comparison(identifier: "X", results: Self.results([("A", 1, 1), (" ", 2, 1)]))
        }
    }

    @Test func aCorrelationMustNameTwoLaboratories() {
        var correlation = Correlation("A", "B", coefficient: 0.5)
        correlation.laboratories = ["A"]
        #expect(throws: KeyComparisonError.self) {
            try Comparison(
                identifier: "X", results: Self.results([("A", 1, 1), ("B", 2, 1)]), correlations: [correlation])
        }
        let json =
            #"{"results": [{"laboratory": "A", "value": 1, "standardUncertainty": 1}, {"laboratory": "B", "value": 2, "standardUncertainty": 1}], "correlations": [{"laboratories": ["A", "B", "C"], "coefficient": 0.1}]}"#
        #expect(
            throws: KeyComparisonError.malformedFile(
                location: "correlations[0].laboratories", reason: "name exactly two laboratories, found 3")
        ) { try Comparison(jsonData: Data(json.utf8)) }
    }

    @Test func aByteOrderMarkIsNotPartOfTheHeader() throws {
        let comparison = try Comparison(csv: "\u{FEFF}laboratory,value,standardUncertainty\r\nA,1,0.1\r\nB,2,0.2\r\n")
        #expect(comparison.laboratories == ["A", "B"])
    }

    @Test func anOverflowingENIsNamedNotPrinted() throws {
        // k = 1e-320 makes U(d_i) subnormal and E_n = d_i/U(d_i) infinite.
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let options = try EvaluationOptions(coverageFactor: Self.subnormal)
        for estimator: any ReferenceValueEstimator in [WeightedMean(), ArithmeticMean()] {
            #expect(
                throws: KeyComparisonError.nonFiniteResult(
                    method: estimator.method.rawValue, quantity: "degreesOfEquivalence[IRMM].normalizedError")
            ) { try estimator.evaluate(comparison, options: options).checkedFinite() }
        }
    }

    @Test func checkedFiniteFindsTheFirstNonFiniteNumberAndNamesItsLaboratory() throws {
        let evaluation = try WeightedMean().evaluate(Fixtures.comparison("CCQM-K25-PCB28.comparison.json"))
        #expect(try evaluation.checkedFinite() == evaluation)
        var broken = evaluation
        broken.degreesOfEquivalence[2].standardUncertainty = .nan
        let lab = broken.degreesOfEquivalence[2].laboratory.name
        #expect(
            throws: KeyComparisonError.nonFiniteResult(
                method: "weighted-mean", quantity: "degreesOfEquivalence[\(lab)].standardUncertainty")
        ) { try broken.checkedFinite() }
        broken = evaluation
        broken.pairwise?[0].expandedUncertainty = -.infinity
        let pair = try #require(broken.pairwise?[0].laboratories.map(\.name).joined(separator: "–"))
        #expect(
            throws: KeyComparisonError.nonFiniteResult(
                method: "weighted-mean", quantity: "pairwise[\(pair)].expandedUncertainty")
        ) { try broken.checkedFinite() }
        broken = evaluation
        broken.referenceValue.coverageInterval = [1, .infinity]
        #expect(
            throws: KeyComparisonError.nonFiniteResult(
                method: "weighted-mean", quantity: "referenceValue.coverageInterval[1]")
        ) { try broken.checkedFinite() }
    }

    @Test func thePairwiseCheckCoversEveryNumberOfAPairAndKeepsTheDocumentOrder() throws {
        var pair = PairwiseDegreeOfEquivalence(
            laboratories: ["A", "B"], difference: 1, standardUncertainty: 0.5, expandedUncertainty: 1)
        pair.coverageInterval = [-1, 3]
        pair.standardUncertaintyWithoutDarkUncertainty = 0.4
        pair.expandedUncertaintyWithoutDarkUncertainty = 0.8
        #expect(pair.isFinite)
        // Every numeric stored property, found by reflection, so a field added later must join
        // `isFinite` (or this test fails).
        let numeric = Mirror(reflecting: pair).children.compactMap { child -> String? in
            child.value is Double || child.value is Double? || child.value is [Double]? ? child.label : nil
        }
        let broken: [String: (inout PairwiseDegreeOfEquivalence) -> Void] = [
            "difference": { $0.difference = .nan }, "standardUncertainty": { $0.standardUncertainty = .nan },
            "expandedUncertainty": { $0.expandedUncertainty = .infinity },
            "normalizedError": { $0.normalizedError = .nan }, "coverageInterval": { $0.coverageInterval = [0, .nan] },
            "standardUncertaintyWithoutDarkUncertainty": { $0.standardUncertaintyWithoutDarkUncertainty = .nan },
            "expandedUncertaintyWithoutDarkUncertainty": { $0.expandedUncertaintyWithoutDarkUncertainty = .nan },
        ]
        #expect(Set(numeric) == Set(broken.keys))
        for (field, breakIt) in broken {
            var copy = pair
            breakIt(&copy)
            #expect(!copy.isFinite, "\(field)")
        }
        // A non-finite pair is reported before a non-finite detail (details come after pairwise in
        // the JSON), and after a non-finite unilateral DoE.
        var evaluation = try WeightedMean().evaluate(Fixtures.comparison("CCQM-K25-PCB28.comparison.json"))
        evaluation.details = EvaluationDetails()
        evaluation.details?.logLikelihood = .nan
        evaluation.pairwise?[1].difference = .nan
        let name = try #require(evaluation.pairwise?[1].laboratories.map(\.name).joined(separator: "–"))
        #expect(
            throws: KeyComparisonError.nonFiniteResult(
                method: "weighted-mean", quantity: "pairwise[\(name)].difference")
        ) { try evaluation.checkedFinite() }
        evaluation.pairwise?[1].difference = 0
        #expect(
            throws: KeyComparisonError.nonFiniteResult(method: "weighted-mean", quantity: "details.logLikelihood")
        ) { try evaluation.checkedFinite() }
    }

    @Test func theRandomEffectsOverflowOfFarApartMagnitudesIsATypedError() throws {
        // Values and uncertainties 300 orders of magnitude apart: Q or y overflow in some estimators.
        let comparison = try Comparison(
            identifier: "X", results: Self.results([("A", 1, 1e-150), ("B", 1e150, 1e150), ("C", 1.5, 1)]))
        for method in [EvaluationMethod.derSimonianLaird, .sidikJonkman, .hedges, .hunterSchmidt, .pauleMandel] {
            do {
                _ = try method.estimator().evaluate(comparison).checkedFinite()
            } catch {
                switch error {
                case .nonFiniteResult, .didNotConverge: break
                default: Issue.record("\(method): unexpected \(error)")
                }
            }
        }
    }

    @Test func bootstrapsRefuseMoreReplicatesThanFitInMemory() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        for replicates in [Int.max, MonteCarloMethod.maximumStoredValues] {
            let bootstrap = DerSimonianLairdBootstrap(replicates: replicates)
            #expect(throws: KeyComparisonError.self) { try bootstrap.sample(comparison) }
        }
        let options = DiagnosticOptions(trials: Int.max)
        #expect(throws: KeyComparisonError.self) { try ComparisonDiagnostics.diagnose(comparison, options: options) }
    }

    @Test func diagnoseChecksTheCoverageFactorWithAnAssignedValue() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let options = DiagnosticOptions(
            coverageFactor: 0, trials: 200,
            assignedValue: ReferenceValue(value: 33, standardUncertainty: 0.2, coverageFactor: 2))
        #expect(
            throws: KeyComparisonError.invalidSetting(.coverageFactor, value: "0.0", reason: "must be positive")
        ) {
            try ComparisonDiagnostics.diagnose(comparison, options: options)
        }
    }

    @Test func anOverflowingScoreIsNamedByItsLaboratory() throws {
        let comparison = try Fixtures.comparison("CCQM-K25-PCB28.comparison.json")
        let options = DiagnosticOptions(trials: 200, proficiencyStandardDeviation: Self.subnormal)
        do {
            _ = try ComparisonDiagnostics.diagnose(comparison, options: options)
            Issue.record("z = d/1e-320 overflowed silently")
        } catch {
            guard case .nonFiniteResult(let method, let quantity) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(method == "diagnose" && quantity.hasPrefix("scores[IRMM].") && quantity.hasSuffix("Score"))
        }
    }
}
