import CampaignCore
import Foundation

/// The publishes of this desk process, newest last: the one running, if any, and the last few that
/// ended (kept in memory; a restart forgets them, the audit log keeps each publish).
final class PublishRuns: Sendable {
    /// Ended runs kept for their pages.
    static let kept = 20

    let runs = LockedValue<[PublishRun]>([])

    /// Registers a new run, or answers the id of the one still running.
    func start(by login: String, target: String?, at now: Date, timeZone: TimeZone) -> (
        id: String, started: Bool
    ) {
        runs.withLock { runs in
            if let running = runs.last(where: { $0.state == .running }) { return (running.id, false) }
            let id = SessionStore.randomToken().prefix(16).lowercased()
            runs.append(
                PublishRun(
                    id: String(id), by: login, target: target, started: ContentDate.rfc3339(now, in: timeZone)))
            if runs.count > Self.kept { runs.removeFirst(runs.count - Self.kept) }
            return (String(id), true)
        }
    }

    /// Records a step of run `id`.
    func record(_ step: PublishRun.Step, in id: String) {
        runs.withLock { runs in
            guard let index = runs.firstIndex(where: { $0.id == id }) else { return }
            runs[index].record(step)
        }
    }

    /// Ends run `id` with its report.
    func finish(_ id: String, result: DeskPublisher.Result, at now: Date, timeZone: TimeZone) {
        runs.withLock { runs in
            guard let index = runs.firstIndex(where: { $0.id == id }) else { return }
            runs[index].result = result
            runs[index].state = result.published ? .published : .failed
            runs[index].finished = ContentDate.rfc3339(now, in: timeZone)
        }
    }

    /// The run `id`.
    func run(_ id: String) -> PublishRun? {
        runs.withLock { runs in runs.first { $0.id == id } }
    }

    /// Every kept run, newest first.
    var all: [PublishRun] {
        runs.withLock { $0.reversed() }
    }
}
