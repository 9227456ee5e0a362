/// How Markdown is turned into HTML.
public struct MarkdownOptions: Sendable, Equatable {
    /// Pass raw HTML in the Markdown through to the output (`markdown.unsafe_html: true` in site.yml).
    ///
    /// Off by default: raw HTML blocks and inline tags are replaced by `<!-- raw HTML omitted -->`.
    /// Even when on, the GFM tag filter still escapes `<script>`, `<iframe>`, `<style>` and the other
    /// tags GitHub disallows, and `javascript:`-style link destinations are still emptied.
    public var unsafeHTML: Bool

    /// Options with raw HTML omitted unless `unsafeHTML` is true.
    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }
}
