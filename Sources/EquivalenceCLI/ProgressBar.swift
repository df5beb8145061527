import Foundation
import Synchronization

/// A progress bar with the time left, on standard error when it is a terminal; silent in pipes,
/// in files and with `--quiet`, so it never reaches a report.
///
/// `update(done:)` may be called from any thread; the bar is redrawn at most ten times a second,
/// so the cost stays far below 1 % of any run long enough to need a bar.
final class ProgressBar: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var drawn = false
    }

    private let total: Int
    private let label: String
    private let start = ContinuousClock.now
    private let state = Mutex(State())
    private let enabled: Bool

    /// A bar for `total` steps of `label`; shown only when standard error is a terminal and not `quiet`.
    init(total: Int, label: String, quiet: Bool) {
        self.total = total
        self.label = label
        enabled = !quiet && total > 0 && isatty(FileHandle.standardError.fileDescriptor) == 1
    }

    /// Redraws the bar for `done` steps finished (throttled; the last step is always drawn).
    func update(done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            if done < total, let last = state.lastDrawn, now - last < .milliseconds(100) { return nil }
            state.lastDrawn = now
            state.drawn = true
            return render(done: done, elapsed: now - start)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the bar's line, when one was drawn.
    func finish() {
        guard enabled, state.withLock({ $0.drawn }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// `label [#######.......]  123/1000  12 %  0:07 left`.
    private func render(done: Int, elapsed: Duration) -> String {
        let fraction = Double(done) / Double(total)
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        var left = ""
        if done > 0, done < total {
            let remaining = Int((seconds / fraction - seconds).rounded())
            left = String(format: "  %d:%02d left", remaining / 60, remaining % 60)
        }
        let percent = Int((100 * fraction).rounded(.down))
        return "\r\u{1B}[2K\(label) [\(bar)] \(done)/\(total) \(percent) %\(left)"
    }
}
