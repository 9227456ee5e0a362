internal import CCmarkGFM
internal import CCmarkTriggers
import Foundation  // NSLock, strlen, strcmp

/// The only file that touches cmark-gfm: parse, walk, adjust and render one document.
///
/// Every C object made here is freed here (`*_new`/`*_finish` paired with `defer *_free`); the only
/// exception is the pair of nodes built in `replaceHeading`, which is handed to the document tree and
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
        let finished =
            gfmExtensions.triggersKept
            ? cmark_parser_finish(parser) : inlinePassLock.withLock { cmark_parser_finish(parser) }
        guard let root = finished else { return empty }
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
        return MarkdownDocument(
            htmlBytes: html, headings: walk.headings, plainTextBytes: walk.plainText.utf8, links: walk.links)
    }

    /// Renders the tree to HTML with the parser's extensions (tables, tag filter, …).
    private static func render(
        _ root: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
    ) -> [UInt8] {
        guard let html = cmark_render_html(root, options, extensions) else { return [] }
        defer { cmark_get_default_mem_allocator()?.pointee.free(html) }
        // UTF-8 from UTF-8 input (a Swift string): copied as bytes, not checked again as a `String` would be.
        return html.withMemoryRebound(to: UInt8.self, capacity: strlen(html) + 1) {
            Array(UnsafeBufferPointer(start: $0, count: strlen(html)))
        }
    }

    /// Swaps a heading node for custom nodes that render the same `<hN>` with an `id`.
    ///
    /// cmark-gfm has no way to add attributes to a heading, so the heading's inline children move into a
    /// custom inline whose enter and exit texts are the tags, inside an otherwise empty custom block.
    private static func replaceHeading(_ heading: OpaquePointer, with info: MarkdownDocument.Heading) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            cmark_node_free(block)
            return
        }
        guard cmark_node_append_child(block, inline) == 1 else {
            cmark_node_free(inline)
            cmark_node_free(block)
            return
        }
        cmark_node_set_on_enter(inline, "<h\(info.level) id=\"\(escapeAttribute(info.id))\">")
        cmark_node_set_on_exit(inline, "</h\(info.level)>")
        while let child = cmark_node_first_child(heading) {
            guard cmark_node_append_child(inline, child) == 1 else { break }
        }
        guard cmark_node_insert_before(heading, block) == 1 else {
            cmark_node_free(block)  // frees the moved children too; the heading renders without them
            return
        }
        cmark_node_free(heading)
    }

    /// `text` with `&`, `"`, `<` and `>` written as character references, read over its UTF-8 bytes: each
    /// byte is one of these characters wherever it stands, a combining mark after it included.
    static func escapeAttribute(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            func isSpecial(_ byte: UInt8) -> Bool { byte == 0x26 || byte == 0x22 || byte == 0x3C || byte == 0x3E }
            guard bytes.contains(where: isSpecial) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out += "&amp;".utf8
                case 0x22: out += "&quot;".utf8
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
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
            guard imageDepth == 0, let literal = cmark_node_get_literal(node) else { break }
            let piece = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
            if headingText != nil { headingText? += String(decoding: piece, as: UTF8.self) }
            plainText.append(piece)
        case CMARK_NODE_SOFTBREAK:
            if isBetweenCJK(node) { cjkSoftBreaks.append(node) }
            headingText? += " "
            plainText.softBreak()
        case CMARK_NODE_LINEBREAK:
            headingText? += " "
            plainText.endBlock()
        case CMARK_NODE_CODE_BLOCK:
            if let literal = cmark_node_get_literal(node) {
                plainText.append(UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
            }
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
            // The table extension's node types are numbered when it registers them: known by name. Compared
            // in C, without making a `String` of the name for every such node.
            if !entering, let name = cmark_node_get_type_string(node) {
                if strcmp(name, "table_cell") == 0 {
                    plainText.endCell()
                } else if strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0
                    || strcmp(name, "table") == 0
                {
                    plainText.endBlock()
                }
            }
        }
    }

    /// The source line where the node starts.
    ///
    /// cmark-gfm does not record lines for the links its autolink extension makes; for those the line
    /// is that of the closest earlier sibling that has one, plus the line breaks in between, or else
    /// that of the parent block.
    private func line(of node: OpaquePointer) -> Int {
        let own = Int(cmark_node_get_start_line(node))
        if own > 0 { return own }
        var breaks = 0
        var sibling = cmark_node_previous(node)
        while let current = sibling {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                breaks += 1
            } else {
                let end = Int(cmark_node_get_end_line(current))
                let start = Int(cmark_node_get_start_line(current))
                if max(end, start) > 0 { return max(end, start) + breaks }
            }
            sibling = cmark_node_previous(current)
        }
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            let start = Int(cmark_node_get_start_line(current))
            if start > 0 { return start + breaks }
            ancestor = cmark_node_parent(current)
        }
        return 1
    }

    private func isBetweenCJK(_ node: OpaquePointer) -> Bool {
        guard let previous = cmark_node_previous(node), let next = cmark_node_next(node),
            cmark_node_get_type(previous) == CMARK_NODE_TEXT, cmark_node_get_type(next) == CMARK_NODE_TEXT,
            let last = edgeScalar(of: previous, last: true), let first = edgeScalar(of: next, last: false)
        else { return false }
        return last.isCJKWide && first.isCJKWide
    }

    /// The first or last scalar of a text node, read in place (no `String` for the whole literal).
    private func edgeScalar(of node: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        guard let literal = cmark_node_get_literal(node) else { return nil }
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        var start = bytes.startIndex
        if last {
            start = bytes.endIndex
            repeat { start -= 1 } while start > bytes.startIndex && bytes[start] & 0xC0 == 0x80
        }
        guard start >= bytes.startIndex, start < bytes.endIndex else { return nil }
        var iterator = bytes[start...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpace }),
            let end = scalars.lastIndex(where: { !$0.isSpace })
        else { return "" }
        return String(scalars[start...end])
    }
}

/// The GFM extensions every parser gets, looked up once.
///
/// Holds pointers into cmark-gfm's extension registry, which is never changed after registration;
/// sharing them between threads is therefore safe.
private struct GFMExtensions: @unchecked Sendable {
    let all: [OpaquePointer]
    /// Whether cmark-gfm's inline trigger characters stay set between parses (`CCmarkTriggers`), so that
    /// inline passes run on several threads at once; when not, each takes `inlinePassLock`.
    let triggersKept: Bool

    static let names = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    static func register() -> GFMExtensions {
        cmark_gfm_core_extensions_ensure_registered()
        let all = names.compactMap { cmark_find_syntax_extension($0) }
        return GFMExtensions(all: all, triggersKept: probeTriggers(all))
    }

    /// Parses one small document, alone (no other parse can have started: this runs before the first),
    /// and asks whether cmark-gfm went through this program's `cmark_manage_extensions_special_characters`.
    private static func probeTriggers(_ extensions: [OpaquePointer]) -> Bool {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return false }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in extensions {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        let probe = "~~a~~"
        cmark_parser_feed(parser, probe, probe.utf8.count)
        if let root = cmark_parser_finish(parser) { cmark_node_free(root) }
        return cmt_triggers_kept() != 0
    }
}

/// Initialised exactly once, thread-safely, by the Swift runtime on first use; immutable afterwards.
private let gfmExtensions = GFMExtensions.register()

/// Serialises cmark-gfm's inline pass where its trigger characters are not kept (`GFMExtensions`).
///
/// cmark-gfm 0.29.0.gfm.6 keeps its table of inline trigger characters in a process-wide array; every
/// parser adds its extensions' characters (`~` for strikethrough, `:` and `w` for autolinks) when its
/// inline pass starts and clears them when it ends (github/cmark-gfm#176, unfixed in Debian's library).
/// Two documents in their inline pass at once would therefore lose each other's strikethrough and
/// autolinks at random: about one render in ten differed in a two-thread test. On Linux the clearing is
/// dropped instead (`CCmarkTriggers`), and this lock is not taken.
private let inlinePassLock = NSLock()

extension CommonMarkConverter {
    /// Whether documents go through cmark-gfm's inline pass on several threads at once (see `GFMExtensions`).
    static var parsesInParallel: Bool { gfmExtensions.triggersKept }
}
