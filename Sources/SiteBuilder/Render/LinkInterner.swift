import Foundation

/// Shares one copy of each URL among all pages: most links of a page come from the theme (navigation,
/// stylesheet, footer) and repeat on every page, so a 10,000-page build keeps a few thousand strings
/// for the link check instead of a hundred thousand.
final class LinkInterner: @unchecked Sendable {
    private let lock = NSLock()
    private var strings: Set<String> = []

    /// The shared copy of `text`.
    func intern(_ text: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let existing = strings.firstIndex(of: text) { return strings[existing] }
        strings.insert(text)
        return text
    }
}
