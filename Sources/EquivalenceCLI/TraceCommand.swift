import ArgumentParser

/// `equivalence trace …`: traceability graphs.
///
/// Placeholder group holding `import` until the t-graph branch's `TraceCommand` (check, chain,
/// covariance, export) is merged; when merging, keep that one and add `TraceImportCommand.self`
/// to its subcommands.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Build and check metrological traceability graphs.",
        subcommands: [TraceImportCommand.self]
    )
}
