/// A URL found in an HTML attribute.
public struct HTMLLink: Sendable, Hashable {
    /// The attribute a URL came from.
    public enum Kind: String, Sendable, Hashable, Codable {
        case href
        case src
        case srcset
    }

    /// The URL with entities decoded and surrounding whitespace removed, as the browser reads it.
    public var url: String
    public var kind: Kind

    public init(url: String, kind: Kind) {
        self.url = url
        self.kind = kind
    }
}

/// What `HTMLLinkScanner` found in one page.
public struct HTMLLinks: Sendable, Hashable {
    /// Values of `id` attributes (and `name` of `<a>`, the older form of anchors).
    public var ids: Set<String>
    /// URLs of `href`, `src` (and `poster`), and each candidate of `srcset`, in document order.
    public var links: [HTMLLink]

    public init(ids: Set<String> = [], links: [HTMLLink] = []) {
        self.ids = ids
        self.links = links
    }
}

/// Finds anchors and links in generated HTML with one pass over its UTF-8 bytes.
///
/// Not a full HTML parser: it reads tags and their attributes (quoted with `"` or `'`, or
/// unquoted), skips comments and the contents of `<script>` and `<style>` (whose text may hold `<`),
/// and decodes character references (`&amp;`, `&#38;`, …) in attribute values. That is all the
/// link check needs, and it is fast enough to run over every page of a 10,000-page build.
public enum HTMLLinkScanner {
    /// Scans `html`.
    public static func scan(_ html: String) -> HTMLLinks {
        var html = html
        return html.withUTF8 { scan(bytes: $0) }
    }

    static func scan(bytes: UnsafeBufferPointer<UInt8>) -> HTMLLinks {
        var result = HTMLLinks()
        let n = bytes.count
        var i = 0
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            guard i + 1 < n else { break }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") {
                if starts(bytes, at: i, with: "<!--") {
                    i = find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? n
                } else {
                    i = find(bytes, ">", from: i + 2).map { $0 + 1 } ?? n
                }
                continue
            }
            guard isLetter(next) else {
                i += 1  // `</tag>`, `<?…>`, or a stray `<` in text
                continue
            }
            var j = i + 1
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
            let tag: Tag =
                named(bytes, i + 1, j, "a") ? .anchor
                : named(bytes, i + 1, j, "script") ? .script : named(bytes, i + 1, j, "style") ? .style : .other
            j = attributes(bytes, from: j, isAnchor: tag == .anchor, into: &result)
            if tag == .script || tag == .style {
                j = findCaseInsensitive(bytes, tag == .script ? "</script" : "</style", from: j) ?? n
            }
            i = j
        }
        return result
    }

    private enum Tag {
        case anchor, script, style, other
    }

    /// Reads the attributes of a tag starting at `start`; returns the index after the tag's `>`.
    private static func attributes(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isAnchor: Bool, into result: inout HTMLLinks
    ) -> Int {
        let n = bytes.count
        var j = start
        while j < n {
            while j < n, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1 }
            guard j < n else { return n }
            if bytes[j] == UInt8(ascii: ">") { return j + 1 }
            let nameStart = j
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"),
                bytes[j] != UInt8(ascii: "/")
            {
                j += 1
            }
            let nameEnd = j
            while j < n, isSpace(bytes[j]) { j += 1 }
            guard j < n, bytes[j] == UInt8(ascii: "=") else { continue }  // attribute without a value
            j += 1
            while j < n, isSpace(bytes[j]) { j += 1 }
            guard j < n else { return n }
            var valueStart = j
            var valueEnd: Int
            let quote = bytes[j]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                valueStart = j + 1
                valueEnd = valueStart
                while valueEnd < n, bytes[valueEnd] != quote { valueEnd += 1 }
                j = min(valueEnd + 1, n)
            } else {
                valueEnd = j
                while valueEnd < n, !isSpace(bytes[valueEnd]), bytes[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                j = valueEnd
            }
            func isName(_ literal: StaticString) -> Bool { named(bytes, nameStart, nameEnd, literal) }
            if isName("id") || (isAnchor && isName("name")) {
                result.ids.insert(value(bytes, valueStart, valueEnd))
            } else if isName("href") {
                append(value(bytes, valueStart, valueEnd), .href, to: &result)
            } else if isName("src") || isName("poster") {
                append(value(bytes, valueStart, valueEnd), .src, to: &result)
            } else if isName("srcset") {
                for url in srcsetURLs(value(bytes, valueStart, valueEnd)) {
                    result.links.append(HTMLLink(url: url, kind: .srcset))
                }
            }
        }
        return n
    }

    private static func append(_ raw: String, _ kind: HTMLLink.Kind, to result: inout HTMLLinks) {
        let url = trimmed(raw)
        guard !url.isEmpty else { return }
        result.links.append(HTMLLink(url: url, kind: kind))
    }

    /// The URLs of a `srcset`: `a.jpg 1x, b.jpg 2x` → `a.jpg`, `b.jpg`.
    static func srcsetURLs(_ srcset: String) -> [String] {
        var urls: [String] = []
        let scalars = Array(srcset.unicodeScalars)
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" }
        while i < scalars.count {
            while i < scalars.count, isSpace(scalars[i]) || scalars[i] == "," { i += 1 }
            let start = i
            while i < scalars.count, !isSpace(scalars[i]) { i += 1 }
            var end = i
            var endsCandidate = false
            while end > start, scalars[end - 1] == "," {
                end -= 1
                endsCandidate = true
            }
            if end > start {
                var url = String.UnicodeScalarView()
                url.append(contentsOf: scalars[start..<end])
                urls.append(String(url))
            }
            if !endsCandidate {
                while i < scalars.count, scalars[i] != "," { i += 1 }  // skip the descriptor
            }
        }
        return urls
    }

    // MARK: - Bytes

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    /// True when `bytes[start..<end]` is `literal` (lower-case ASCII) in any case.
    private static func named(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ literal: StaticString
    ) -> Bool {
        guard end - start == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { expected in
            for k in 0..<expected.count {
                let b = bytes[start + k]
                if (isLetter(b) ? b | 0x20 : b) != expected[k] { return false }
            }
            return true
        }
    }

    private static func value(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return raw.utf8.contains(UInt8(ascii: "&")) ? decodeEntities(raw) : raw
    }

    private static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, with literal: String) -> Bool {
        let l = Array(literal.utf8)
        guard i + l.count <= bytes.count else { return false }
        return bytes[i..<(i + l.count)].elementsEqual(l)
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String, from start: Int) -> Int? {
        let l = Array(literal.utf8)
        guard let first = l.first, l.count <= bytes.count else { return nil }
        var i = start
        while i + l.count <= bytes.count {
            if bytes[i] == first && bytes[i..<(i + l.count)].elementsEqual(l) { return i }
            i += 1
        }
        return nil
    }

    private static func findCaseInsensitive(
        _ bytes: UnsafeBufferPointer<UInt8>, _ literal: String, from start: Int
    ) -> Int? {
        let l = Array(literal.utf8)
        var i = start
        while i + l.count <= bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                var k = 0
                while k < l.count, (bytes[i + k] | (isLetter(bytes[i + k]) ? 0x20 : 0)) == l[k] { k += 1 }
                if k == l.count { return i }
            }
            i += 1
        }
        return nil
    }

    // MARK: - Character references

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references; leaves
    /// anything else as written.
    static func decodeEntities(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "&", let semicolon = scalars[(i + 1)...].prefix(12).firstIndex(of: ";") else {
                out.append(scalars[i])
                i += 1
                continue
            }
            let body = String(String.UnicodeScalarView(scalars[(i + 1)..<semicolon]))
            var decoded: Unicode.Scalar?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            } else if let named = namedEntities[body] {
                decoded = named.unicodeScalars.first
            }
            if let decoded {
                out.append(decoded)
                i = semicolon + 1
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}
