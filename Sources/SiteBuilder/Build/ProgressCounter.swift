import Foundation

/// Counts the steps of one phase of a build from any number of tasks and passes the count on to
/// `BuildOptions.progress` at most every `interval` (100 ms), so a 10,000-page build makes a few dozen
/// reports, not 10,000. Without a callback `advance` costs one branch.
final class ProgressCounter: @unchecked Sendable {
    let phase: BuildProgress.Phase
    private let report: (@Sendable (BuildProgress) -> Void)?
    private let interval: Duration
    private let lock = NSLock()
    private var done = 0
    private var total: Int?
    private var lastReport: ContinuousClock.Instant?

    /// A counter of `phase` reporting to `report` (nil: counts nothing).
    init(
        _ phase: BuildProgress.Phase, total: Int? = nil, report: (@Sendable (BuildProgress) -> Void)?,
        interval: Duration = .milliseconds(100)
    ) {
        self.phase = phase
        self.total = total
        self.report = report
        self.interval = interval
    }

    /// Adds `count` to the steps planned, when they become known bit by bit.
    func expect(_ count: Int) {
        guard report != nil else { return }
        lock.withLock { total = (total ?? 0) + count }
    }

    /// Counts `count` more steps done; reports when `interval` has passed since the last report.
    func advance(by count: Int = 1) {
        guard let report else { return }
        let now = ContinuousClock.now
        let progress: BuildProgress? = lock.withLock {
            done += count
            if let last = lastReport, now - last < interval { return nil }
            lastReport = now
            return BuildProgress(phase: phase, done: done, total: total)
        }
        if let progress { report(progress) }
    }

    /// Reports the final count (with `total` when given), whatever the time since the last report.
    func finish(total final: Int? = nil) {
        guard let report else { return }
        let progress = lock.withLock {
            if let final {
                done = final
                total = final
            }
            return BuildProgress(phase: phase, done: done, total: total)
        }
        report(progress)
    }
}
