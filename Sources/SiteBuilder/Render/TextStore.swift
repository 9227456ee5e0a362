/// The Markdown texts of a one-off build's news, moved out of the content so that each is freed as soon
/// as its article is rendered: a 10,000-page build holds about 35 MB of them, and the pages rendered
/// by then add to the same peak (docs/performance.md, "Memory").
///
/// Each text is taken once, by the one task that renders its article, so no two threads touch the same
/// element; the storage is allocated once and never grows.
final class TextStore: @unchecked Sendable {
    private let texts: UnsafeMutableBufferPointer<String>

    init(_ texts: [String]) {
        self.texts = .allocate(capacity: texts.count)
        _ = self.texts.initialize(from: texts)
    }

    deinit {
        texts.deinitialize()
        texts.deallocate()
    }

    /// The text at `index`, leaving an empty one in its place.
    func take(_ index: Int) -> String {
        let text = texts[index]
        texts[index] = ""
        return text
    }
}
