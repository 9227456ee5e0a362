import CampaignCore
import Foundation

/// Shares one copy of each URL among all pages: most links of a page come from the theme (navigation,
/// stylesheet, footer) and repeat on every page, so a 10,000-page build keeps a few thousand strings
/// for the link check instead of a hundred thousand.
///
/// Pages are scanned with one of its `AttributeValueTable`s, one per thread at a time: a value met
/// before on that thread is found by its bytes, without a lock and without making a `String`.
final class LinkInterner: @unchecked Sendable {
    private let lock = NSLock()
    private var strings: Set<String> = []
    private var tables: [AttributeValueTable] = []

    /// The shared copy of `text`.
    func intern(_ text: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        return strings.insert(text).memberAfterInsert
    }

    /// Runs `body` with a table no other thread is using, whose new values are interned here.
    func withValues<Result>(_ body: (inout AttributeValueTable) -> Result) -> Result {
        // Moved out of the pool, not copied: a second reference would copy the whole table on every page.
        lock.lock()
        var taken = tables.popLast()
        lock.unlock()
        var values = taken.take() ?? AttributeValueTable(share: { [unowned self] in self.intern($0) })
        let result = body(&values)
        lock.lock()
        tables.append(values)
        lock.unlock()
        return result
    }
}
