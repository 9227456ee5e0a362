/// A rendered Markdown document: its HTML and what the site needs to know about it.
public struct MarkdownDocument: Sendable, Equatable {
    /// A heading of the document, in document order.
    public struct Heading: Sendable, Equatable {
        /// 1 for `#`, up to 6 for `######`.
        public var level: Int
        /// The `id` attribute of the rendered `<hN>`, unique within the document (GitHub style).
        public var id: String
        /// The heading's text without markup.
        public var text: String

        /// A heading value.
        public init(level: Int, id: String, text: String) {
            self.level = level
            self.id = id
            self.text = text
        }
    }

    /// A link or image destination as written in the Markdown, with where it was written.
    public struct Link: Sendable, Equatable {
        /// The destination as written (after entity and backslash unescaping, not percent-encoded).
        ///
        /// Autolinks are included (`https://…`, `www.…` as `http://www.…`, e-mail as `mailto:…`).
        public var destination: String
        /// 1-based line in the Markdown string that was rendered: the line of the closing `]` (where an
        /// inline destination is written), of a reference link's use, or of an autolink's URL.
        ///
        /// The caller adds the line offset of the body within its file (front matter lines).
        public var line: Int
        /// True for `![alt](src)`, false for links.
        public var isImage: Bool

        /// A link value.
        public init(destination: String, line: Int, isImage: Bool) {
            self.destination = destination
            self.line = line
            self.isImage = isImage
        }
    }

    /// The HTML fragment (no `<html>` or `<body>`) as UTF-8, as cmark-gfm wrote it: pages take it as
    /// bytes, without making (and validating) a `String` of it. Every heading carries an `id`.
    public var htmlBytes: [UInt8]
    /// The HTML fragment as text.
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    /// Every h1–h6 in document order.
    public var headings: [Heading]
    /// The text without markup as UTF-8: blocks separated by `\n`, table cells by a space; raw HTML, image
    /// alt text and footnote markers left out. Input for ``TextMetrics``, which reads it without making a
    /// `String` of it.
    public var plainTextBytes: [UInt8]
    /// The text without markup.
    public var plainText: String { String(decoding: plainTextBytes, as: UTF8.self) }
    /// Every link and image destination in document order.
    public var links: [Link]

    /// A document value.
    public init(html: String, headings: [Heading], plainText: String, links: [Link]) {
        self.init(htmlBytes: Array(html.utf8), headings: headings, plainTextBytes: Array(plainText.utf8), links: links)
    }

    /// A document of HTML and plain text given as UTF-8 bytes.
    public init(htmlBytes: [UInt8], headings: [Heading], plainTextBytes: [UInt8], links: [Link]) {
        self.htmlBytes = htmlBytes
        self.headings = headings
        self.plainTextBytes = plainTextBytes
        self.links = links
    }
}
