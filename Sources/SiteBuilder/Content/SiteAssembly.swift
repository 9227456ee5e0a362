import CampaignCore

/// The site while the kinds put it together (`ContentKind.assemble(into:_:)`).
struct SiteAssembly: Sendable {
    /// The content so far; kinds fill their part.
    var content: SiteContent
    /// Every finding so far, site.yml's and the editorial files' included.
    var diagnostics: [Diagnostic]
    /// Published texts that need the three reviews (三审), for the review report.
    var reviewItems: [ReviewReport.Item] = []
    /// Slug → where a published news item's `led` headline is written, for headlines holding characters
    /// outside GB2312 (the only ones a screen's charset can refuse).
    var headlineLocations: [String: SourceLocation] = [:]
    /// True when what the kinds loaded is not needed after this assembly (a one-off build,
    /// `LoadedSite.assembleOnce()`): a kind moves its items into the site rather than copying them, and keeps
    /// nothing for a next assembly. Under `campaign serve` it is false: the kinds keep what they loaded and
    /// put together, so an edit reads and assembles only what changed.
    var spendsLoaded = false
}

extension Array {
    /// Appends `other`; when `self` is empty it becomes `other` whole, which copies no element.
    mutating func absorb(_ other: consuming [Element]) {
        if isEmpty { self = other } else { append(contentsOf: other) }
    }

    /// Reorders the elements so that the element at `order[k]` comes to position `k`, as
    /// `order.map { self[$0] }` would, by swapping them in place: no element is copied. `order` must hold every
    /// index of the array once.
    mutating func permute(by order: [Int]) {
        precondition(order.count == count, "an order for \(order.count) elements, not \(count)")
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { elements in
            // Each cycle of the permutation is followed once: position k takes what is at order[k], which
            // takes what is at order[order[k]], and so on until the cycle closes.
            for start in elements.indices where !placed[start] {
                var position = start
                placed[position] = true
                while !placed[order[position]] {
                    let next = order[position]
                    elements.swapAt(position, next)
                    placed[next] = true
                    position = next
                }
                precondition(order[position] == start, "order is not a permutation")
            }
        }
    }
}
