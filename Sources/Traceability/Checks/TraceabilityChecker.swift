import Foundation

/// Checks a traceability graph against rules T01–T10 and returns the findings and a verdict.
///
/// Every calibration point must be related to an anchor through a documented unbroken chain of
/// calibrations, each contributing to the uncertainty (VIM 2.41), valid at the time each reference
/// was used (VIM 2.41 Note 3), under a recognised route (ISO/IEC 17025:2017 A.3.1, ILAC P10)
/// and within the CMCs claimed (ILAC P14). The rules, with their sources, are listed by
/// ``FindingCode``; the Traceability article "Finding codes" documents each one with what it
/// measures.
///
///     let assessment = TraceabilityChecker().check(graph)
///     assessment.verdict          // .invalid
///     assessment.codes            // [.circularTraceability]
///
/// With ``evaluationDate`` (`--at DATE`), each result — a calibration no other uses — must also be
/// valid on that date: performed on or before it and not expired (`NOT_VALID_AT_DATE`).
///
/// - Complexity: O(N + R) for N calibration points and R references (one pass over the
///   references, Tarjan's algorithm twice), plus O(P) per result and path when chains are requested.
public struct TraceabilityChecker: Sendable {
    /// The date at which the results must be valid, if any.
    public var evaluationDate: CalendarDate?
    /// Whether the assessment lists the chains (every path of every result, with its budget).
    public var includesChains: Bool
    /// At most this many paths per result are listed (the rest is reported as truncated).
    public var maximumPathsPerResult: Int

    /// A checker with its options.
    ///
    /// - Parameters:
    ///   - evaluationDate: judge every result's validity on this date too (`--at`); nil for none.
    ///   - includesChains: list every path of every result with its budget in the assessment.
    ///   - maximumPathsPerResult: at most this many paths per result when chains are listed.
    public init(at evaluationDate: CalendarDate? = nil, includesChains: Bool = false, maximumPathsPerResult: Int = 64) {
        self.evaluationDate = evaluationDate
        self.includesChains = includesChains
        self.maximumPathsPerResult = maximumPathsPerResult
    }

    /// Runs every check on the graph.
    public func check(_ graph: TraceabilityGraph) -> TraceabilityAssessment {
        var run = CheckRun(graph: graph)
        run.checkUnits()
        run.checkLinks()
        run.checkCycles()
        run.checkCapabilitiesAndRoutes()
        if let evaluationDate { run.checkValidity(at: evaluationDate) }
        var chains: [ChainPath]?
        if includesChains {
            chains = []
            for c in graph.document.calibrations.indices where !graph.calibrationIsReferenced[c] {
                let start = Int(graph.pointStart[c])
                let end = Int(graph.pointStart[c + 1])
                for p in start..<end {
                    chains?.append(
                        contentsOf: ChainBudget.paths(of: p, in: graph, limit: maximumPathsPerResult).paths)
                }
            }
        }
        let document = graph.document
        let summary = TraceabilityAssessment.Summary(
            anchors: document.anchors.count, organizations: document.organizations.count, cmcs: document.cmcs.count,
            calibrations: document.calibrations.count, points: graph.pointCount,
            references: graph.referenceTargets.count,
            results: graph.calibrationIsReferenced.count { !$0 }, errors: 0, warnings: 0, infos: 0)
        return TraceabilityAssessment(
            findings: run.findings, chains: chains, evaluatedAt: evaluationDate, summary: summary)
    }
}

/// The state of one check: the graph, the findings so far, and what was reported once only.
struct CheckRun {
    let graph: TraceabilityGraph
    var findings: [Finding] = []
    /// Calibrations already reported for `NO_RECALIBRATION_INTERVAL`.
    var reportedWithoutInterval: [Bool]
    /// Anchors already reported for `NON_SI_ANCHOR`.
    var reportedNonSI: [Bool]
    /// CMCs already reported for `CMC_RANGE_UNSPECIFIED`.
    var reportedUnspecifiedRange: [Bool]
    /// Conversions from (reference unit × sensitivity unit) to a calibration's unit, by unit-table
    /// indices; nil when either unit is unreadable or the dimensions differ.
    var conversions: [ConversionKey: LinkConversion?] = [:]
    /// The CMC matched to each calibration by rule T05b (−1 for none).
    var matchedCMC: [Int32]

    struct ConversionKey: Hashable {
        var from: Int32
        var sensitivity: Int32
        var to: Int32
    }

    /// y = factor·x + offset (the offset only for values, never for uncertainties), and the kinds
    /// of quantity on which the two units disagree (Hz vs Bq), computed once per pair of units.
    struct LinkConversion {
        var factor: Double
        var offset: Double
        var kindConflict: QuantityKindConflict?

        func value(_ x: Double) -> Double { factor * x + offset }
        func uncertainty(_ u: Double) -> Double { abs(factor * u) }
    }

    init(graph: TraceabilityGraph) {
        self.graph = graph
        reportedWithoutInterval = [Bool](repeating: false, count: graph.document.calibrations.count)
        reportedNonSI = [Bool](repeating: false, count: graph.document.anchors.count)
        reportedUnspecifiedRange = [Bool](repeating: false, count: graph.document.cmcs.count)
        matchedCMC = [Int32](repeating: -1, count: graph.document.calibrations.count)
    }

    mutating func report(_ code: FindingCode, _ nodes: [String], _ message: String, _ values: [String: Double] = [:]) {
        findings.append(Finding(code: code, nodes: nodes, message: message, values: values))
    }

    /// Reports `NO_RECALIBRATION_INTERVAL` for calibration c the first time it is met, whether as
    /// a reference (T05a) or as a result judged at `--at DATE`; the message is built only then.
    mutating func reportNoRecalibrationInterval(_ c: Int, _ message: @autoclosure () -> String) {
        guard !reportedWithoutInterval[c] else { return }
        reportedWithoutInterval[c] = true
        report(.noRecalibrationInterval, [graph.document.calibrations[c].id], message())
    }

    /// A number for a message: six significant digits.
    static func number(_ x: Double) -> String { String(format: "%.6g", x) }

    /// A range for a message: `[lower, upper]` with ``number(_:)``, `−∞`/`+∞` for an open end
    /// (and for no range at all).
    static func interval(_ range: MeasurementRange?) -> String {
        "[\(range?.lower.map(number) ?? "−∞"), \(range?.upper.map(number) ?? "+∞")]"
    }

    /// The conversion of values in unit `from` times a sensitivity in unit `sensitivity` into unit
    /// `to`; nil when a unit is unreadable or the dimensions differ.
    mutating func conversion(from: Int32, sensitivity: Int32, to: Int32) -> LinkConversion? {
        let key = ConversionKey(from: from, sensitivity: sensitivity, to: to)
        if let cached = conversions[key] { return cached }
        var result: LinkConversion?
        if let source = graph.unit(from), let factor = graph.unit(sensitivity), let target = graph.unit(to) {
            let product = factor == .one ? source : MeasurementUnit(factors: source.factors + factor.factors)
            if let conversion = try? product.conversion(to: target) {
                result = LinkConversion(
                    factor: conversion.factor, offset: conversion.offset,
                    kindConflict: product.quantityKindConflict(with: target))
            }
        }
        conversions[key] = .some(result)
        return result
    }
}
