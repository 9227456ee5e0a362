import Foundation
import SiteBuilder

/// The one line a long build keeps rewriting on a terminal — `loaded 812 files`, `photos 12/40`,
/// `rendered 3100/10000 pages` — drawn with `\r` and cleared when the build ends, so the report that follows
/// starts on a clean line. Nothing is drawn during the first second: short builds print only their report.
final class ProgressLine: @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    private let delay: Duration
    private let start = ContinuousClock.now
    private let lock = NSLock()
    private var shown = false

    /// A line written through `write` (text without a newline), drawn once `delay` has passed.
    init(write: @escaping @Sendable (String) -> Void, delay: Duration = .seconds(1)) {
        self.write = write
        self.delay = delay
    }

    /// The line of the console's terminal, or nil when nothing extra may be printed: the console is no
    /// terminal, or the report is JSON.
    static func forConsole(_ console: Console, format: ReportFormat) -> ProgressLine? {
        guard format == .text, let progress = console.progress else { return nil }
        return ProgressLine(write: progress)
    }

    /// The text of one report.
    static func text(_ progress: BuildProgress) -> String {
        let done = progress.done ?? 0
        let count = progress.total.map { "\(done)/\($0)" } ?? "\(done)"
        switch progress.phase {
        case .loading: return "loaded \(count) files"
        case .photos: return "photos \(count)"
        case .rendering: return "rendered \(count) pages"
        case .checking: return "checking links"
        case .writing: return "writing the output"
        }
    }

    /// Draws `progress` over the previous text (`\r`, the text, then erase to the end of the line).
    func update(_ progress: BuildProgress) {
        guard ContinuousClock.now - start >= delay else { return }
        lock.withLock {
            shown = true
            write("\r" + Self.text(progress) + "\u{1B}[K")
        }
    }

    /// Erases the line when anything was drawn.
    func clear() {
        lock.withLock {
            guard shown else { return }
            shown = false
            write("\r\u{1B}[K")
        }
    }

    /// The callback for `BuildOptions.progress`.
    var callback: @Sendable (BuildProgress) -> Void { { [self] in update($0) } }
}
