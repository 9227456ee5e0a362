/// How far a long build is, for the one updating line `campaign build` shows on a terminal
/// (`BuildOptions.progress`): the phase, the count so far and, when known, the total.
public struct BuildProgress: Sendable, Hashable {
    /// The parts of a build that take long on a big site.
    public enum Phase: String, Sendable, Hashable {
        /// Reading and parsing content files (`loaded N files`).
        case loading
        /// Processing exposure photos (`photos N/M`).
        case photos
        /// Rendering and writing pages (`rendered N/M pages`).
        case rendering
    }

    public var phase: Phase
    public var done: Int
    /// Nil while the total is not known.
    public var total: Int?

    /// A report of `done` (of `total`) in `phase`.
    public init(phase: Phase, done: Int, total: Int? = nil) {
        self.phase = phase
        self.done = done
        self.total = total
    }
}
