import Foundation

/// A site published under a sub-path (`base_url: https://host/wmcj/`, docs/theme.md, "Sub-path sites"): every
/// root-relative URL a page carries — the theme's and those written in Markdown (`/contact/`) —
/// is moved under the path when the page is written.
enum SubPath {
    /// The path of `baseURL` without a trailing `/` (`/wmcj`), or empty for a site at the root.
    static func prefix(of baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let r = rest.range(of: "://") { rest = rest[r.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `url` under `prefix` when it is root-relative (`/x` but not `//host/x`) and not already under it.
    static func rewrite(url: String, prefix: String) -> String {
        guard !prefix.isEmpty, url.hasPrefix("/"), !url.hasPrefix("//") else { return url }
        if url == prefix || url.hasPrefix(prefix + "/") || url.hasPrefix(prefix + "?") || url.hasPrefix(prefix + "#") {
            return url
        }
        return prefix + url
    }

    /// Attributes whose value is one URL.
    private static let urlAttributes: [[UInt8]] = ["href", "src", "action", "poster"].map { Array($0.utf8) }

    /// `html` with the root-relative URLs of its `href`, `src`, `action`, `poster` and `srcset`
    /// attributes (double-quoted, as the theme and cmark-gfm write them) moved under `prefix`.
    static func rewrite(html: String, prefix: String) -> String {
        guard !prefix.isEmpty else { return html }
        return String(decoding: rewrite(html: Array(html.utf8), prefix: prefix), as: UTF8.self)
    }

    /// The same over the UTF-8 bytes of a page.
    static func rewrite(html bytes: [UInt8], prefix: String) -> [UInt8] {
        guard !prefix.isEmpty else { return bytes }
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 20)
        var i = 0
        var copied = 0
        let quote = UInt8(ascii: "\"")
        while i + 2 < n {
            // Look for `="` after an attribute name we know.
            guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == quote else {
                i += 1
                continue
            }
            var nameStart = i
            while nameStart > 0, isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            let name = bytes[nameStart..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            let isSrcset = name == Array("srcset".utf8)
            guard isSrcset || urlAttributes.contains(name) else {
                i += 2
                continue
            }
            let valueStart = i + 2
            var valueEnd = valueStart
            while valueEnd < n, bytes[valueEnd] != quote { valueEnd += 1 }
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            let rewritten = isSrcset ? rewriteSrcset(value, prefix: prefix) : rewrite(url: value, prefix: prefix)
            if rewritten != value {
                out += bytes[copied..<valueStart]
                out += Array(rewritten.utf8)
                copied = valueEnd
            }
            i = valueEnd
        }
        guard copied > 0 else { return bytes }
        out += bytes[copied..<n]
        return out
    }

    /// Each candidate of a `srcset` (`/a.jpg 480w, /b.jpg 960w`) moved under `prefix`.
    static func rewriteSrcset(_ value: String, prefix: String) -> String {
        value.split(separator: ",", omittingEmptySubsequences: false).map { candidate -> String in
            let leading = candidate.prefix { $0 == " " }
            let rest = candidate.dropFirst(leading.count)
            let url = rest.prefix { $0 != " " }
            return String(leading) + rewrite(url: String(url), prefix: prefix) + String(rest.dropFirst(url.count))
        }.joined(separator: ",")
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D
    }
}
