internal import CCmarkGFM

/// The only file that touches cmark-gfm: parse, walk, adjust and render one document.
///
/// Every C object made here is freed here (`*_new`/`*_finish` paired with `defer *_free`); the only
/// exception is the heading node built in `replaceHeading`, which is handed to the document tree and
/// freed with it. Only Swift values leave this file.
enum CommonMarkConverter {
    /// Parse options: footnotes, `~~double~~` strikethrough only, and exact source lines for inlines
    /// that span lines. No `CMARK_OPT_SMART`: it would rewrite quotes and dashes in Chinese text.
    private static let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_SOURCEPOS

    static func convert(_ markdown: String, options: MarkdownOptions) -> MarkdownDocument {
        let empty = MarkdownDocument(html: "", headings: [], plainText: "", links: [])
        guard let parser = cmark_parser_new(parseOptions) else { return empty }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in gfmExtensions.all {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }

        var source = markdown
        source.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { cmark_parser_feed(parser, $0, bytes.count) }
        }
        guard let root = cmark_parser_finish(parser) else { return empty }
        defer { cmark_node_free(root) }

        var walk = DocumentWalk()
        walk.run(root)
        for (node, heading) in zip(walk.headingNodes, walk.headings) {
            replaceHeading(node, with: heading)
        }
        for node in walk.cjkSoftBreaks {
            cmark_node_free(node)  // unlinks it from its paragraph
        }
        for node in walk.dangerousLinks {
            cmark_node_set_url(node, "")
        }

        var renderOptions = CMARK_OPT_DEFAULT
        if options.unsafeHTML { renderOptions |= CMARK_OPT_UNSAFE }
        let html = render(root, options: renderOptions, extensions: cmark_parser_get_syntax_extensions(parser))
        return MarkdownDocument(html: html, headings: walk.headings, plainText: walk.plainText.text, links: walk.links)
    }

    /// Renders the tree to HTML with the parser's extensions (tables, tag filter, …).
    private static func render(
        _ root: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
    ) -> String {
        guard let html = cmark_render_html(root, options, extensions) else { return "" }
        defer { cmark_get_default_mem_allocator()?.pointee.free(html) }
        return String(cString: html)
    }

    /// Swaps a heading node for a custom block that renders the same `<hN>` with an `id`.
    ///
    /// cmark-gfm has no way to add attributes to a heading, so the heading's inline children move into
    /// a custom block whose enter and exit texts are the tags.
    private static func replaceHeading(_ heading: OpaquePointer, with info: MarkdownDocument.Heading) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(custom, "<h\(info.level) id=\"\(escapeAttribute(info.id))\">")
        cmark_node_set_on_exit(custom, "</h\(info.level)>")
        while let child = cmark_node_first_child(heading) {
            guard cmark_node_append_child(custom, child) == 1 else {
                cmark_node_free(custom)
                return
            }
        }
        guard cmark_node_insert_before(heading, custom) == 1 else {
            cmark_node_free(custom)
            return
        }
        cmark_node_free(heading)
    }

    private static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// One pass over the parsed tree collecting headings, plain text and links, and noting the nodes to
/// change before rendering (changing them during the walk would confuse the iterator).
private struct DocumentWalk {
    var headings: [MarkdownDocument.Heading] = []
    var headingNodes: [OpaquePointer] = []
    var links: [MarkdownDocument.Link] = []
    var plainText = PlainTextBuilder()
    var cjkSoftBreaks: [OpaquePointer] = []
    var dangerousLinks: [OpaquePointer] = []

    private var slugger = HeadingSlugger()
    private var headingText: String?
    /// Depth inside images: their alt text is not part of the plain text.
    private var imageDepth = 0

    mutating func run(_ root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, entering: event == CMARK_EVENT_ENTER)
        }
    }

    private mutating func visit(_ node: OpaquePointer, entering: Bool) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            addText(literal(node))
        case CMARK_NODE_SOFTBREAK:
            if isBetweenCJK(node) { cjkSoftBreaks.append(node) }
            headingText? += " "
            plainText.softBreak()
        case CMARK_NODE_LINEBREAK:
            headingText? += " "
            plainText.endBlock()
        case CMARK_NODE_CODE_BLOCK:
            plainText.append(literal(node))
            plainText.endBlock()
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_THEMATIC_BREAK:
            if !entering || type == CMARK_NODE_THEMATIC_BREAK { plainText.endBlock() }
        case CMARK_NODE_HEADING:
            if entering {
                headingText = ""
            } else {
                let text = trimmed(headingText ?? "")
                let level = Int(cmark_node_get_heading_level(node))
                headings.append(.init(level: level, id: slugger.id(for: text), text: text))
                headingNodes.append(node)
                headingText = nil
                plainText.endBlock()
            }
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let isImage = type == CMARK_NODE_IMAGE
            if entering {
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                links.append(.init(destination: destination, line: line(of: node), isImage: isImage))
                if URLSafety.isDangerous(destination) { dangerousLinks.append(node) }
            }
            if isImage { imageDepth += entering ? 1 : -1 }
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_FOOTNOTE_REFERENCE:
            break
        default:
            if !entering, let name = cmark_node_get_type_string(node) {
                switch String(cString: name) {
                case "table_cell": plainText.endCell()
                case "table_row", "table_header", "table": plainText.endBlock()
                default: break
                }
            }
        }
    }

    private mutating func addText(_ text: String) {
        guard imageDepth == 0 else { return }
        headingText? += text
        plainText.append(text)
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The start line of the node, or of its nearest ancestor when cmark did not record one
    /// (links made by the autolink extension).
    private func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }

    private func isBetweenCJK(_ node: OpaquePointer) -> Bool {
        guard let previous = cmark_node_previous(node), let next = cmark_node_next(node),
            cmark_node_get_type(previous) == CMARK_NODE_TEXT, cmark_node_get_type(next) == CMARK_NODE_TEXT,
            let last = literal(previous).unicodeScalars.last, let first = literal(next).unicodeScalars.first
        else { return false }
        return last.isCJKWide && first.isCJKWide
    }

    private func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}

/// The GFM extensions every parser gets, looked up once.
///
/// Holds pointers into cmark-gfm's extension registry, which is never changed after `register()`;
/// sharing them between threads is therefore safe.
private struct GFMExtensions: @unchecked Sendable {
    let all: [OpaquePointer]

    static let names = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registers the core extensions and makes their inline trigger characters permanent.
    ///
    /// cmark-gfm 0.29 keeps the table of inline trigger characters (`~` for strikethrough, `:` and
    /// `w` for autolinks) in a global array that every parser sets before and clears after its inline
    /// pass, so two documents parsed at once can lose each other's strikethrough
    /// (github/cmark-gfm#176). Setting the characters once here and emptying each extension's list
    /// leaves parsers nothing to set or clear: the global array is only read from then on.
    static func register() -> GFMExtensions {
        cmark_gfm_core_extensions_ensure_registered()
        let found = names.compactMap { cmark_find_syntax_extension($0) }
        if let parser = cmark_parser_new(CMARK_OPT_DEFAULT) {
            defer { cmark_parser_free(parser) }
            for syntaxExtension in found {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
            cmark_manage_extensions_special_characters(parser, 1)
            for syntaxExtension in found {
                // The old lists are a few bytes each and stay allocated for the life of the process.
                cmark_syntax_extension_set_special_inline_chars(syntaxExtension, nil)
            }
        }
        return GFMExtensions(all: found)
    }
}

/// Initialised exactly once, thread-safely, by the Swift runtime on first use; immutable afterwards.
private let gfmExtensions = GFMExtensions.register()
