/// Turns GitHub-flavoured Markdown into HTML, headings, plain text and links.
///
/// Tables, strikethrough (`~~double~~` only, so `10~20日` stays a range), autolinks, task lists and
/// footnotes are on. Typographic ("smart") quotes are off so Chinese quotation marks stay as written.
/// Soft line breaks between two Chinese characters are dropped, so hard-wrapped Chinese source does
/// not show stray spaces in browsers.
///
/// `render` is pure and safe to call from many tasks at once. Where cmark-gfm's inline trigger characters
/// cannot be kept set (`parsesInParallel` false), its inline pass takes a lock.
public enum MarkdownRenderer {
    /// Whether documents render fully in parallel: true on Linux, where this program keeps cmark-gfm's
    /// inline trigger characters set (docs/architecture.md).
    public static var parsesInParallel: Bool { CommonMarkConverter.parsesInParallel }

    /// Renders one Markdown document.
    public static func render(_ markdown: String, options: MarkdownOptions = .init()) -> MarkdownDocument {
        CommonMarkConverter.convert(markdown, options: options)
    }
}
