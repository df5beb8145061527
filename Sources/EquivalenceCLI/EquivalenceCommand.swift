import ArgumentParser

/// The `equivalence` command: key comparisons, uncertainty propagation and traceability checks
/// from JSON/CSV files. A thin layer over the library: parsing options, reading files, printing.
@main
struct EquivalenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equivalence",
        abstract: "Evaluate key comparisons, propagate measurement uncertainty and check traceability chains.",
        subcommands: [
            EvaluateCommand.self, LinkCommand.self, DiagnoseCommand.self, PropagateCommand.self, TraceCommand.self,
        ]
    )
}
