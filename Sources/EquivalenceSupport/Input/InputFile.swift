import Foundation

/// Reading the files a user names: the one place where a path becomes bytes, so that every reader
/// of the package says the same thing about a missing file, a directory or an unreadable one.
///
///     let data = try InputFile.contents(of: URL(fileURLWithPath: "Examples/K.comparison.json"))
package enum InputFile {
    /// Why a file could not be read.
    package struct ReadFailure: Error, Hashable, Sendable {
        /// The path as the user gave it (see ``InputFile/displayPath(_:)``).
        package var path: String
        /// A reason a person can act on: "no such file", "it is a directory", or the system's message.
        package var reason: String
    }

    /// The path of a file URL as the user gave it: relative paths stay relative, so that messages
    /// repeat what was typed.
    package static func displayPath(_ url: URL) -> String { url.relativePath }

    /// The whole content of a file.
    ///
    /// - Throws: ``ReadFailure`` naming the path.
    package static func contents(of url: URL) throws(ReadFailure) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            // Foundation's message for a directory is "NSCocoaErrorDomain error 256": say what it is.
            let reason =
                !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : error.localizedDescription
            throw ReadFailure(path: displayPath(url), reason: reason)
        }
    }
}

/// An error that names the file it comes from, so that a command-line tool prints the file once
/// instead of prefixing it again.
package protocol FileNamingError: Error, CustomStringConvertible {
    /// The file, as the user gave it, when the error's description names it.
    var file: String? { get }
}
