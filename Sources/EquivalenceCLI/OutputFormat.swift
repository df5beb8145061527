import ArgumentParser

/// The `--format` of a command's output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}
