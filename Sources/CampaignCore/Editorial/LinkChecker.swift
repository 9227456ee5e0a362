import Foundation

/// The links of one written page, with where its content came from.
public struct PageLinks: Sendable, Hashable {
    /// Path of the page inside the output folder, e.g. `news/x/index.html`.
    public var outputPath: String
    /// The content (or template) file the page was made from, named in diagnostics.
    public var sourceFile: String
    /// The source line of each URL when known (e.g. the Markdown line of a link); others report line 0.
    public var sourceLines: [String: Int]
    /// Anchors on the page (`HTMLLinks.ids`).
    public var ids: Set<String>
    /// Links on the page (`HTMLLinks.links`).
    public var links: [HTMLLink]

    public init(
        outputPath: String, sourceFile: String, sourceLines: [String: Int] = [:], ids: Set<String>,
        links: [HTMLLink]
    ) {
        self.outputPath = outputPath
        self.sourceFile = sourceFile
        self.sourceLines = sourceLines
        self.ids = ids
        self.links = links
    }

    /// A page from what `HTMLLinkScanner.scan` found in its HTML.
    public init(outputPath: String, sourceFile: String, sourceLines: [String: Int] = [:], scanned: HTMLLinks) {
        self.init(
            outputPath: outputPath, sourceFile: sourceFile, sourceLines: sourceLines, ids: scanned.ids,
            links: scanned.links)
    }
}

/// A link leaving the site, for `campaign check --external`.
public struct ExternalLink: Sendable, Hashable, Comparable {
    public var url: String
    public var sourceFile: String

    public init(url: String, sourceFile: String) {
        self.url = url
        self.sourceFile = sourceFile
    }

    public static func < (a: ExternalLink, b: ExternalLink) -> Bool { (a.url, a.sourceFile) < (b.url, b.sourceFile) }
}

/// Checks that every internal link and image of the output resolves, without touching the disk:
/// the caller passes the set of written files.
///
/// Internal links are relative (`../a.css`), root-relative (`/news/`) or absolute on the site's own
/// host (`https://<base_url host>/news/`). A path ending in `/` means its `index.html`; a path that
/// names a folder written with an `index.html` is accepted too. Query strings are ignored and
/// `%`-escapes decoded. A `#fragment` must be an `id` (or `<a name>`) on the target page; `#` alone
/// and `#top` always work. `mailto:`, `tel:`, `sms:` and links to other hosts are external: listed by
/// `externalLinks(pages:)`, never fetched. `javascript:`, `data:` and `blob:` URLs are ignored.
///
/// A broken link is an error `link.broken`, a missing anchor `link.anchor`, both at the source file
/// and line. The same broken link on many pages (a template's footer) is reported once, with the
/// number of pages.
public enum LinkChecker {
    /// Checks all links of `pages` against `existingFiles` (output-relative paths, `/`-separated).
    ///
    /// - Parameter baseURL: the site's `base_url`, e.g. `https://wmcj.lanzhou.example.gov.cn`; a path
    ///   in it (`https://host/wmcj`) is the prefix root-relative links must carry.
    public static func check(pages: [PageLinks], existingFiles: Set<String>, baseURL: String) -> [Diagnostic] {
        var check = LinkCheck(baseURL: baseURL, remembers: false)
        return check.check(pages: pages, existingFiles: existingFiles).diagnostics
    }

    /// Links leaving the site, one per URL and source file, sorted by URL.
    public static func externalLinks(pages: [PageLinks], baseURL: String = "") -> [ExternalLink] {
        let base = SiteBase(baseURL)
        var seen: Set<ExternalLink> = []
        for page in pages {
            for link in page.links {
                guard case .external = resolve(link.url, from: page.outputPath, base: base) else { continue }
                seen.insert(ExternalLink(url: link.url, sourceFile: page.sourceFile))
            }
        }
        return seen.sorted()
    }

    // MARK: - Resolution

    /// Where a URL leads.
    enum Target: Equatable {
        /// A path inside the output folder (no leading `/`; empty or ending in `/` for a folder).
        case page(String, fragment: String?)
        case outside
        case external
        case ignored
    }

    /// The host and path prefix of `base_url`.
    struct SiteBase {
        var host: String
        /// The path of base_url without trailing `/`, e.g. `/wmcj`, or empty.
        var prefix: String

        init(_ baseURL: String) {
            var rest = Substring(baseURL)
            if let r = rest.range(of: "://") { rest = rest[r.upperBound...] }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = rest[..<slash].lowercased()
            var path = String(rest[slash...])
            while path.hasSuffix("/") { path.removeLast() }
            prefix = path
        }
    }

    static func resolve(_ url: String, from pagePath: String, base: SiteBase) -> Target {
        guard !url.isEmpty else { return .ignored }
        // Most links are plain root-relative paths (`/news/x/`): nothing to decode, split off or resolve.
        if base.prefix.isEmpty {
            if isPlainRootPath(url) { return .page(String(url.dropFirst()), fragment: nil) }
            if let path = escapedRootPath(url) { return .page(path, fragment: nil) }
        }
        return resolveInFull(url, from: pagePath, base: base)
    }

    /// What `resolveInFull` makes of a root path whose `%` escapes all spell Chinese characters of
    /// U+4000–U+9FFF in UTF-8 — tag and file names (`/tags/%E6%96%87%E6%98%8E/`) — with nothing else to
    /// resolve: the decoded path without its leading `/`. Nil for any other URL, which `resolveInFull` reads.
    ///
    /// Decoding such escapes adds no `/` or `.`, so the path has the segments of its escaped form, checked by
    /// `isNormal`; decoded bytes that are not UTF-8 leave it to `resolveInFull` too.
    static func escapedRootPath(_ url: String) -> String? {
        guard isNormal(url) else { return nil }
        var url = url
        return url.withUTF8 { bytes -> String? in
            let n = bytes.count
            guard n > 1, bytes[0] == UInt8(ascii: "/"), bytes[1] != UInt8(ascii: "/") else { return nil }
            var decoded: [UInt8] = []
            decoded.reserveCapacity(n)
            var escapes = false
            var i = 1
            while i < n {
                let byte = bytes[i]
                if byte == UInt8(ascii: "%") {
                    guard i + 2 < n, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                        return nil
                    }
                    let value = high << 4 | low
                    // Lead bytes of U+4000–U+9FFF and continuation bytes only: those characters never join
                    // the `/` before them into one `Character`, as a combining mark does (`/%CC%81`), which
                    // `resolveInFull` would then not split there.
                    guard (0x80...0xBF).contains(value) || (0xE4...0xE9).contains(value) else { return nil }
                    decoded.append(value)
                    escapes = true
                    i += 3
                } else {
                    guard byte != UInt8(ascii: "?"), byte != UInt8(ascii: "#") else { return nil }
                    decoded.append(byte)
                    i += 1
                }
            }
            guard escapes else { return nil }
            return String(validating: decoded, as: UTF8.self)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// `resolve` without its shortcut for plain root-relative paths.
    static func resolveInFull(_ url: String, from pagePath: String, base: SiteBase) -> Target {
        guard !url.isEmpty else { return .ignored }
        if url.hasPrefix("#") {
            let fragment = percentDecoded(String(url.dropFirst()))
            return fragment.isEmpty ? .ignored : .page(pagePath, fragment: fragment)
        }
        var rest = Substring(url)
        var rootRelative = false
        if let scheme = scheme(of: url) {
            switch scheme {
            case "http", "https":
                rest = rest.dropFirst(scheme.count + 1)
                guard rest.hasPrefix("//") else { return .external }
            case "javascript", "data", "blob", "about":
                return .ignored
            default:
                return .external
            }
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            guard rest[..<end].lowercased() == base.host, !base.host.isEmpty else { return .external }
            rest = rest[end...]
            rootRelative = true
        } else if rest.hasPrefix("/") {
            rootRelative = true
        }
        // Split off fragment and query.
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = percentDecoded(String(rest[rest.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        var path = percentDecoded(String(rest))
        if rootRelative {
            if path.isEmpty { path = "/" }
            if !base.prefix.isEmpty {
                guard path == base.prefix || path.hasPrefix(base.prefix + "/") else { return .outside }
                path = String(path.dropFirst(base.prefix.count))
                if path.isEmpty { path = "/" }
            }
        } else {
            if path.isEmpty { return .page(pagePath, fragment: fragment) }  // `?x` or `#x` on this page
            let folder = pagePath.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            path = "/" + folder.joined(separator: "/") + (folder.isEmpty ? "" : "/") + path
        }
        guard let normalized = normalize(path) else { return .outside }
        return .page(normalized, fragment: fragment)
    }

    /// True for `/a/b/` or `/a/b.html`: a path from the root without `%`, `?`, `#`, `.` or `..` segments,
    /// empty segments or characters beyond ASCII, which `resolve` takes as it is.
    static func isPlainRootPath(_ url: String) -> Bool {
        let bytes = url.utf8
        guard bytes.first == UInt8(ascii: "/"), bytes.dropFirst().first != UInt8(ascii: "/") else { return false }
        for byte in bytes where byte == UInt8(ascii: "%") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
            return false
        }
        return isNormal(url)
    }

    /// The lower-cased scheme of an absolute URL (`https`, `mailto`), or nil for a relative one.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isSchemeScalar =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || (scheme.count > 0 && ("0"..."9").contains(scalar))
                    || (scheme.count > 0 && (scalar == "+" || scalar == "-" || scalar == ".")))
            guard isSchemeScalar else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// Resolves `.` and `..` in an absolute path; returns it without the leading `/`, keeping a
    /// trailing `/`; nil when `..` climbs above the root.
    static func normalize(_ path: String) -> String? {
        // Most paths have nothing to resolve: then it is the path without its leading `/`.
        if isNormal(path) { return path.hasPrefix("/") ? String(path.dropFirst()) : path }
        return normalizeSegments(path)
    }

    /// True when `path` is ASCII, no segment of it is `.` or `..`, and none is empty but the first and the
    /// last (a leading or trailing `/`). Not ASCII: segments are then split as characters, where a mark
    /// may join the `/` before it.
    static func isNormal(_ path: String) -> Bool {
        let bytes = path.utf8
        var length = 0
        var dots = 0
        var isFirst = true
        for byte in bytes {
            if byte >= 0x80 { return false }
            if byte == UInt8(ascii: "/") {
                if (length == 0 && !isFirst) || (length > 0 && dots == length && length <= 2) { return false }
                isFirst = false
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(length > 0 && dots == length && length <= 2)
    }

    /// `normalize` segment by segment.
    static func normalizeSegments(_ path: String) -> String? {
        var parts: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case "", ".":
                if isLast && !parts.isEmpty { parts.append("") }  // keep the trailing slash
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                if isLast { parts.append("") }
            default:
                if parts.last == "" { parts.removeLast() }
                parts.append(segment)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The written file a path leads to, or nil.
    static func existingFile(for path: String, in files: Set<String>) -> String? {
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files.contains(index) ? index : nil
        }
        if files.contains(path) { return path }
        let index = path + "/index.html"
        return files.contains(index) ? index : nil
    }

    static func noun(_ kind: HTMLLink.Kind) -> String { kind == .href ? "link" : "image" }

    /// Written files in the same first folder as `path`, as candidates for "did you mean": the first
    /// 2,000 in sorted order, so the suggestion does not depend on the order of a set.
    static func nearby(_ path: String, _ files: Set<String>) -> [String] {
        let folder = path.split(separator: "/").first.map { String($0) + "/" } ?? ""
        return Array(files.filter { folder.isEmpty || $0.hasPrefix(folder) }.sorted().prefix(2000))
    }

    /// Decodes `%XX` escapes as UTF-8; returns the text unchanged when it holds none or is malformed.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count, let h = hexValue(utf8[i + 1]),
                let l = hexValue(utf8[i + 2])
            {
                bytes.append(h << 4 | l)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(bytes: bytes, encoding: .utf8) ?? text
    }
}
