import ArgumentParser
import Foundation
import KeyComparison
import Reporting

/// `equivalence link CIPM RMO… [--linking LAB…] [--linking-correlation LAB=r…] [--method M]`
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link RMO comparisons to a CIPM comparison: degrees of equivalence against the CIPM KCRV.",
        discussion: """
            CIPM and RMO are comparison files (JSON or CSV). The CIPM KCRV is the weighted mean of its included \
            results; the linking laboratories are those with results in both (or the --linking ones).
            --method correction (default): the linking correction of Delahaye and of Elster, Link & Wöger, \
            which keeps the CIPM KCRV and DoE unchanged; the RMO-only laboratories get d = x − Δ.
            --method invariant: the same as a generalized least-squares model with the linking invariant \
            (all RMO comparisons in one model).
            --method joint: Sutton's (2004) generalized least squares of all results together.
            """
    )

    /// How the linked degrees of equivalence are computed.
    enum Method: String, ExpressibleByArgument, CaseIterable {
        case correction, invariant, joint
    }

    @Argument(help: "The CIPM comparison file.")
    var reference: String

    @Argument(help: "One or more RMO comparison files.")
    var regional: [String]

    @Option(
        name: .customLong("linking"), parsing: .upToNextOption,
        help: ArgumentHelp("The linking laboratories (default: every laboratory in both).", valueName: "LAB"))
    var linking: [String] = []

    @Option(
        name: .customLong("linking-correlation"),
        help: ArgumentHelp(
            "r between a linking laboratory's CIPM and RMO results (shared systematic effects), LAB=r; repeatable.",
            valueName: "LAB=r"))
    var linkingCorrelations: [String] = []

    @Option(help: "correction, invariant or joint.")
    var method: Method = .correction

    @OptionGroup var coverage: CoverageOptions

    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    @Flag(help: "List the bilateral degrees of equivalence in the text report.")
    var pairwise = false

    func validate() throws {
        _ = try Self.parseCorrelations(linkingCorrelations)
        guard coverage.coverageFactor.isFinite, coverage.coverageFactor > 0 else {
            throw ValidationError("--coverage-factor must be positive and finite, found \(coverage.coverageFactor)")
        }
    }

    func run() throws {
        var current = reference
        do {
            let cipm = try Comparison(contentsOf: URL(fileURLWithPath: reference))
            var rmos: [Comparison] = []
            for path in regional {
                current = path
                rmos.append(try Comparison(contentsOf: URL(fileURLWithPath: path)))
            }
            current = reference
            let linked = try LinkedComparison(
                reference: cipm, regional: rmos, linking: linking.isEmpty ? nil : linking.map { LaboratoryID($0) },
                linkingCorrelations: try Self.parseCorrelations(linkingCorrelations))
            let k = coverage.coverageFactor
            switch method {
            case .correction:
                let evaluation = try linked.linkingCorrection(coverageFactor: k)
                let report = LinkingReport(evaluation, showsPairwise: pairwise)
                switch format {
                case .text: emit(report.text())
                case .json: emit(try report.json())
                case .csv: emit(report.csv())
                }
            case .invariant, .joint:
                let model = method == .invariant ? try linked.invariantModel() : try linked.jointModel()
                let evaluation = try model.evaluate(coverageFactor: k).checkedFinite()
                let report = ComparisonModelReport(evaluation, showsPairwise: pairwise)
                switch format {
                case .text: emit(report.text())
                case .json: emit(try report.json())
                case .csv: emit(report.csv())
                }
            }
        } catch {
            throw fail(current, error)
        }
    }

    /// `--linking-correlation LAB=r` options (the last `=` separates).
    static func parseCorrelations(_ options: [String]) throws -> [LaboratoryID: Double] {
        var result: [LaboratoryID: Double] = [:]
        for option in options {
            guard let separator = option.lastIndex(of: "="), let r = Double(option[option.index(after: separator)...]),
                r.isFinite, abs(r) <= 1
            else {
                throw ValidationError("--linking-correlation \(option): expected LAB=r with r in [-1, 1]")
            }
            let lab = LaboratoryID(String(option[..<separator]))
            guard result.updateValue(r, forKey: lab) == nil else {
                throw ValidationError("--linking-correlation \(option): \(lab) is given more than once")
            }
        }
        return result
    }
}
