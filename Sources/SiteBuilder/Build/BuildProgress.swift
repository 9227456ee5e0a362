/// A step of a running build, for a progress display (the desk's publish page).
///
/// `SiteBuilder.build` reports each phase as it starts, and while rendering every
/// `BuildProgress.fileInterval` files written and the count of all when it ends. Reports come from the build's tasks, so the callback
/// must be cheap and thread-safe.
public struct BuildProgress: Sendable, Hashable {
    /// The phases of a build, in the order they run; a build that stops early skips the rest.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// Reading and checking site.yml, news, pages, exposure notices, progress data and LED content.
        case loading
        /// Processing exposure photos (`total`: the photos listed).
        case photos
        /// Rendering pages and writing them to the staging folder (`done`: files written so far).
        case rendering
        /// Checking the links between the written pages.
        case checking
        /// Replacing the output folder with the new build.
        case writing
    }

    public var phase: Phase
    /// Units of the phase done so far, when the phase counts them.
    public var done: Int?
    /// Units of the phase in all, when known beforehand.
    public var total: Int?

    public init(_ phase: Phase, done: Int? = nil, total: Int? = nil) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    /// Files written between two `rendering` reports.
    public static let fileInterval = 25
}
