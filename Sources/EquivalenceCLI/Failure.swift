import ArgumentParser
import EquivalenceSupport
import Foundation
import KeyComparison
import Traceability

/// Prints `equivalence: <file>: <message>` to standard error and returns the exit code 1, so that
/// every failure of a command names the file (and, through the error, the lab or field).
///
/// Errors of the library are `CustomStringConvertible` with a message a person can act on; the
/// settings in them are shown as this tool's flags. An error that names its file (a read error)
/// is printed as it is, any other is prefixed with `context`, the file the command was reading.
func fail(_ context: String, _ error: any Error) -> ExitCode {
    let message: String
    switch error {
    case let error as KeyComparisonError: message = error.commandLineDescription
    case TraceabilityError.comparison(let error): message = error.commandLineDescription
    default: message = "\(error)"
    }
    let namesFile = (error as? any FileNamingError)?.file != nil
    let line = namesFile ? message : "\(context): \(message)"
    FileHandle.standardError.write(Data("equivalence: \(line)\n".utf8))
    return ExitCode.failure
}

/// Writes text to standard output without an extra newline.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
