/// How far a running build is: for the one updating line `campaign build` shows on a terminal and for
/// the desk's publish page (`BuildOptions.progress`).
///
/// `SiteBuilder.build` reports each phase as it starts and, while loading, processing photos and
/// rendering, the count so far (at most about every 100 ms, `ProgressCounter`, and every
/// `fileInterval` files written). Reports come from the build's tasks, so the callback must be cheap
/// and thread-safe.
public struct BuildProgress: Sendable, Hashable {
    /// The phases of a build, in the order they run; a build that stops early skips the rest.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// Reading and parsing content files (`loaded N files`).
        case loading
        /// Processing exposure photos (`photos N/M`).
        case photos
        /// Rendering and writing pages (`rendered N/M pages`).
        case rendering
        /// Checking the links between the written pages.
        case checking
        /// Replacing the output folder with the new build.
        case writing
    }

    public var phase: Phase
    /// Units of the phase done so far, when the phase counts them.
    public var done: Int?
    /// Units of the phase in all, when known.
    public var total: Int?

    public init(_ phase: Phase, done: Int? = nil, total: Int? = nil) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    /// A report of `done` (of `total`) in `phase`.
    public init(phase: Phase, done: Int, total: Int? = nil) {
        self.init(phase, done: done, total: total)
    }

    /// Files written between two `rendering` reports.
    public static let fileInterval = 25
}
