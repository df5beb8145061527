import ArgumentParser

/// The `--format` of a command's report: text for a person, JSON for a program, CSV for a
/// spreadsheet. A command that has no CSV form refuses `csv` in its `validate()`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv

    /// Throws unless the format is one of `formats` (what the command named `command` writes).
    func require(_ formats: [OutputFormat], by command: String) throws {
        guard formats.contains(self) else {
            let names = formats.map(\.rawValue)
            throw ValidationError(
                "\(command) writes \(names.dropLast().joined(separator: ", ")) or \(names.last ?? ""), not \(rawValue)")
        }
    }
}
