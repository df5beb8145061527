import ArgumentParser
import Foundation
import Traceability

/// `equivalence trace import FILE… [--graph BASE] [--quantity NAME] [--format json|text]`
///
/// Reads PTB DCC XML certificates, KCDB CMC JSON and BIPM key-comparison XML (recognised by
/// content) and prints the traceability graph JSON that `equivalence trace check` reads. Remarks
/// about what could not be mapped go to standard error.
struct TraceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert DCC XML, KCDB CMC JSON and BIPM key-comparison XML into a traceability graph.",
        discussion: """
            Each DCC becomes a calibration (id = uniqueIdentifier) whose points reference the \
            certificates named by measuringEquipment/certificate/referralID; KCDB records become CMCs; \
            a BIPM key comparison becomes a comparison record with one result per laboratory. \
            With --graph, the nodes of an existing graph (anchors, organizations, …) are kept and \
            win over imported nodes with the same id. Example:
              equivalence trace import reference.xml working.xml --graph lab.traceability.json > all.traceability.json
              equivalence trace check all.traceability.json
            """
    )

    @Argument(help: "DCC XML, KCDB JSON or BIPM key-comparison XML files.")
    var files: [String]

    @Option(help: "A traceability graph (JSON) to complete with the imported nodes.")
    var graph: String?

    @Option(help: "The quantity name of imported calibrations (default: from the unit, e.g. temperature).")
    var quantity: String?

    @Option(help: "Output format: json (the graph) or text (a summary).")
    var format: OutputFormat = .json

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file to import") }
        try format.require([.text, .json], by: "trace import")
    }

    func run() throws {
        var importer: TraceabilityImporter
        if let graph {
            do {
                importer = TraceabilityImporter(
                    base: try TraceabilityDocument(contentsOf: URL(fileURLWithPath: graph)), quantity: quantity)
            } catch {
                throw fail(graph, error)
            }
        } else {
            importer = TraceabilityImporter(quantity: quantity)
        }
        for file in files {
            do {
                try importer.add(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw fail(file, error)
            }
        }
        let document = importer.resolvedDocument()
        for note in importer.notes {
            FileHandle.standardError.write(Data("equivalence: note: \(note)\n".utf8))
        }
        do {
            switch format {
            case .json, .csv: emit(String(decoding: try document.jsonData(), as: UTF8.self))
            case .text: emit(Self.summary(document))
            }
        } catch {
            throw fail("import", error)
        }
    }

    /// One line per imported node.
    static func summary(_ document: TraceabilityDocument) -> String {
        var lines: [String] = []
        for calibration in document.calibrations {
            let references = Set(
                calibration.points.flatMap(\.references).map { reference -> String in
                    switch reference.target {
                    case .calibration(let id): "certificate \(id)"
                    case .anchor(let id): "anchor \(id)"
                    case .uncertifiedStandard(let text): "no certificate (\(text))"
                    }
                }
            ).sorted()
            let validity = calibration.expiry.map { " valid until \($0)" } ?? ""
            lines.append(
                "calibration \(calibration.id): \(calibration.issuer), \(calibration.date)\(validity), "
                    + "\(calibration.points.count) point(s) of \(calibration.quantity) in \(calibration.unit); "
                    + "references: \(references.isEmpty ? "none" : references.joined(separator: "; "))")
        }
        for cmc in document.cmcs {
            let range =
                cmc.range.map { "\($0.lower.map { "\($0)" } ?? "?")–\($0.upper.map { "\($0)" } ?? "?")" }
                ?? "unspecified"
            lines.append(
                "cmc \(cmc.id): \(cmc.organization), \(cmc.quantity), range \(range) \(cmc.unit), k = \(cmc.coverageFactor)"
            )
        }
        for comparison in document.comparisons {
            lines.append(
                "comparison \(comparison.id): \(comparison.participants.map(\.laboratory).joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
