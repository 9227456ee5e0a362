import Synchronization

/// Numbers every reading of a content file, across the process: what was made from a reading can be known
/// unchanged by its number alone. Under `campaign serve`, an article whose item and neighbours bear the
/// numbers they bore in the last build renders as it did then, without comparing their texts.
enum Reading {
    private static let last = Atomic<Int>(0)

    /// `count` new numbers, each used by no reading before.
    static func numbers(_ count: Int) -> Range<Int> {
        let end = last.wrappingAdd(count, ordering: .relaxed).newValue
        return (end - count + 1)..<(end + 1)
    }
}
