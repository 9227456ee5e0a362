import CampaignCore
import Foundation
import Markdown

/// The link check's part of rendering: each HTML page is scanned in the task that renders it, so
/// the check after rendering only compares paths (`SiteBuilder.checkLinks`).
extension SiteRenderer {
    /// The anchors and links of one written page.
    ///
    /// Links whose URL appears in `sourceLines` came from the content file `source` (its Markdown);
    /// the others came from the theme, and a broken one is reported once at the template, not on
    /// every page that uses it. Without a template every link belongs to `source`.
    ///
    /// The header and footer, the same on thousands of pages, were scanned once (`ChromeLinks`): a page
    /// that holds them takes their links as found.
    func scanLinks(
        _ html: [UInt8], path: String, source: String, template: String?, sourceLines: [String: Int],
        headerVariant: Int? = nil
    ) -> [PageLinks] {
        let fragments = headerVariant.map { chromeLinks.fragments(headerVariant: $0) } ?? []
        // Every value comes out of the interner already (`LinkInterner.withValues`).
        let scanned = interner.withValues { HTMLLinkScanner.scan(html, values: &$0, fragments: fragments) }
        // The canonical link names the page itself, which exists: no need to keep it.
        let folder = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        let canonical = content.site.baseURL + "/" + folder
        let ids = scanned.ids
        var contentLinks: [HTMLLink] = []
        var themeLinks: [HTMLLink] = []
        for link in scanned.links where link.url != canonical {
            if template == nil || sourceLines[link.url] != nil {
                contentLinks.append(link)
            } else {
                themeLinks.append(link)
            }
        }
        // Kept until the check at the end of the build, for every page: without the room the appends
        // left (up to half of each list).
        contentLinks = contentLinks.withUnsafeBufferPointer { Array($0) }
        themeLinks = themeLinks.withUnsafeBufferPointer { Array($0) }
        var pages: [PageLinks] = []
        if let template, !themeLinks.isEmpty || contentLinks.isEmpty {
            let file = interner.intern("\(options.themeDisplay)/templates/\(template).mustache")
            pages.append(PageLinks(outputPath: path, sourceFile: file, ids: ids, links: themeLinks))
        }
        if !contentLinks.isEmpty || pages.isEmpty {
            pages.append(
                PageLinks(
                    outputPath: path, sourceFile: interner.intern(source), sourceLines: sourceLines, ids: ids,
                    links: contentLinks))
        }
        return pages
    }

    /// The file line of each link and image of a Markdown body, keyed by the URL as it appears in
    /// the HTML: the destination as written and as cmark-gfm escapes it into `href`/`src`.
    ///
    /// A URL written on several lines keeps its first line.
    static func linkLines(_ document: MarkdownDocument, bodyStartLine: Int) -> [String: Int] {
        var lines: [String: Int] = [:]
        for link in document.links {
            let line = bodyStartLine + link.line - 1
            if lines[link.destination] == nil { lines[link.destination] = line }
            let escaped = escapeHref(link.destination)
            if lines[escaped] == nil { lines[escaped] = line }
        }
        return lines
    }

    /// `lines` with each root-relative URL also keyed as it is written under `basePath` (`SubPath`).
    static func linkLines(_ lines: [String: Int], under basePath: String) -> [String: Int] {
        var moved = lines
        for (url, line) in lines {
            let rewritten = SubPath.rewrite(url: url, prefix: basePath)
            if rewritten != url && moved[rewritten] == nil { moved[rewritten] = line }
        }
        return moved
    }

    /// The destination as cmark-gfm writes it into an attribute (`houdini_escape_href`): bytes
    /// outside its safe set are percent-encoded, `%` escapes already written are kept.
    static func escapeHref(_ destination: String) -> String {
        guard destination.utf8.contains(where: { !isHrefSafe($0) }) else { return destination }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in destination.utf8 {
            if isHrefSafe(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// cmark's `HREF_SAFE` table: ASCII letters, digits and ``-_.+!*'(),%#@?=;:/,+&$~``.
    static func isHrefSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*'(),%#@?=;:/&$~".utf8.contains(byte)
        }
    }

    // MARK: - Navigation

    /// The sections of `PageLayout.sections` this build writes, so the navigation never links to a
    /// page that does not exist: home and news always, a content page when its file exists, and the
    /// exposure board, progress dashboard and LED page under the same conditions as their render steps
    /// (their templates in the theme; progress data and a `led/` folder in the content).
    static func navigation(content: SiteContent, theme: Theme) -> [(String, String)] {
        let pagePaths = Set(content.pages.map(\.path))
        let templates = theme.templateNames
        return PageLayout.sections.filter { _, path in
            switch path {
            case "/", "/news/": return true
            case "/exposures/": return exposureTemplates.allSatisfy(templates.contains)
            case "/progress/":
                return content.progress != nil && templates.contains("progress")
                    && templates.contains("progress-unit")
            case "/led/": return content.led != nil && templates.contains("led")
            default: return pagePaths.contains(path)
            }
        }
    }
}

/// The header variants and the footer of a `PageLayout`, with the links and anchors each holds, scanned
/// once per build: `scanLinks` takes them as found in every page that holds them
/// (`HTMLLinkScanner.Fragment`).
struct ChromeLinks: Sendable {
    /// Nil for a part that does not end outside markup: then it is scanned in every page.
    var headers: [HTMLLinkScanner.Fragment?]
    var footer: HTMLLinkScanner.Fragment?

    /// The parts of `layout`; with `spliced` false (a site under a sub-path, whose pages are rewritten after
    /// rendering) none is used.
    init(layout: PageLayout, interner: LinkInterner, spliced: Bool) {
        func part(_ text: String) -> HTMLLinkScanner.Fragment? {
            guard spliced else { return nil }
            return interner.withValues { HTMLLinkScanner.Fragment(Array(text.utf8), values: &$0) }
        }
        headers = layout.headers.map(part)
        footer = part(layout.footer)
    }

    /// The parts a page with the header `headerVariant` holds.
    func fragments(headerVariant: Int) -> [HTMLLinkScanner.Fragment] {
        let header = headers.indices.contains(headerVariant) ? headers[headerVariant] : nil
        return [header, footer].compactMap { $0 }
    }
}
