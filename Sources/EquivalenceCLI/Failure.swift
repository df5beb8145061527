import ArgumentParser
import EquivalenceSupport
import Foundation

/// Prints `equivalence: <context>: <message>` to standard error and returns the exit code 1, so
/// that every failure of a command names the file (and, through the error, the lab or field).
func fail(_ context: String, _ error: any Error) -> ExitCode {
    // Every error of the library is CustomStringConvertible with a message a person can act on;
    // string interpolation uses that description.
    let message = "\(error)"
    // Errors from the file readers name the file as the user typed it: say it once.
    let name = URL(fileURLWithPath: context).lastPathComponent
    let line: String
    if (error as? any FileNamingError)?.file != nil {
        line = message
    } else if message.hasPrefix(context) {
        line = message
    } else if !name.isEmpty, message.hasPrefix(name + ": ") {
        line = context + message.dropFirst(name.count)
    } else {
        line = "\(context): \(message)"
    }
    FileHandle.standardError.write(Data("equivalence: \(line)\n".utf8))
    return ExitCode.failure
}

/// Writes text to standard output without an extra newline.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
