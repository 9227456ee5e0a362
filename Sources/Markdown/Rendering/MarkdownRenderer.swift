/// Turns GitHub-flavoured Markdown into HTML, headings, plain text and links.
///
/// Tables, strikethrough (`~~double~~` only, so `10~20日` stays a range), autolinks, task lists and
/// footnotes are on. Typographic ("smart") quotes are off so Chinese quotation marks stay as written.
/// Soft line breaks between two Chinese characters are dropped, so hard-wrapped Chinese source does
/// not show stray spaces in browsers.
///
/// `render` is pure and safe to call from many tasks at once; it takes no locks.
public enum MarkdownRenderer {
    /// Renders one Markdown document.
    public static func render(_ markdown: String, options: MarkdownOptions = .init()) -> MarkdownDocument {
        CommonMarkConverter.convert(markdown, options: options)
    }
}
