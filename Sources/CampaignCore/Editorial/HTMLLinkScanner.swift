import Foundation

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

    /// The same over the UTF-8 bytes of a page.
    public static func scan(_ bytes: [UInt8]) -> HTMLLinks {
        var values = AttributeValueTable()
        return scan(bytes, values: &values)
    }

    /// The same, taking the attribute values met before from `values` and adding the new ones.
    public static func scan(_ bytes: [UInt8], values: inout AttributeValueTable) -> HTMLLinks {
        bytes.withUnsafeBufferPointer { scan(bytes: $0, values: &values) }
    }

    static func scan(bytes: UnsafeBufferPointer<UInt8>) -> HTMLLinks {
        var values = AttributeValueTable()
        return scan(bytes: bytes, values: &values)
    }

    static func scan(bytes: UnsafeBufferPointer<UInt8>, values: inout AttributeValueTable) -> HTMLLinks {
        scan(bytes: bytes, values: &values, fragments: []).found
    }

    /// A part of pages scanned once on its own, such as the header and footer every page of a site
    /// repeats: its bytes and what it holds.
    public struct Fragment: Sendable {
        public let bytes: [UInt8]
        public let found: HTMLLinks
        /// Its first eight bytes, compared at each tag before the whole.
        let head: UInt64

        /// What `bytes` holds when it is read on its own, or nil when it does not end outside every tag,
        /// comment and script (then what follows it in a page would change what it holds), or is shorter
        /// than eight bytes.
        public init?(_ bytes: [UInt8], values: inout AttributeValueTable) {
            guard bytes.count >= 8, bytes.first == UInt8(ascii: "<") else { return nil }
            let (found, endsInText) = bytes.withUnsafeBufferPointer {
                HTMLLinkScanner.scan(bytes: $0, values: &values, fragments: [])
            }
            guard endsInText else { return nil }
            self.bytes = bytes
            self.found = found
            head = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        }
    }

    /// `scan(_:values:)` of a page that may hold `fragments`: where the scan meets one, outside any tag,
    /// comment or script, its links and anchors are taken as found once and its bytes are skipped; one
    /// the scan passes inside other markup is read as usual. The result is the same as a scan of the
    /// whole page.
    public static func scan(_ bytes: [UInt8], values: inout AttributeValueTable, fragments: [Fragment])
        -> HTMLLinks
    {
        bytes.withUnsafeBufferPointer { scan(bytes: $0, values: &values, fragments: fragments).found }
    }

    /// The scan, and whether it ended outside every tag, comment and script.
    static func scan(
        bytes: UnsafeBufferPointer<UInt8>, values: inout AttributeValueTable, fragments: [Fragment]
    ) -> (found: HTMLLinks, endsInText: Bool) {
        var result = HTMLLinks()
        let n = bytes.count
        var i = 0
        var endsInText = true
        guard let baseAddress = bytes.baseAddress else { return (result, true) }
        scanning: while i < n {
            // Text between tags is most of a page: let memchr skip it.
            guard let found = memchr(baseAddress + i, Int32(UInt8(ascii: "<")), n - i) else { break }
            i = baseAddress.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if i + 8 <= n {
                let head = UnsafeRawPointer(baseAddress + i).loadUnaligned(as: UInt64.self)
                for fragment in fragments where fragment.head == head && i + fragment.bytes.count <= n {
                    let same = fragment.bytes.withUnsafeBufferPointer {
                        memcmp(baseAddress + i, $0.baseAddress!, $0.count) == 0
                    }
                    guard same else { continue }
                    result.links += fragment.found.links
                    result.ids.formUnion(fragment.found.ids)
                    i += fragment.bytes.count
                    continue scanning
                }
            }
            guard i + 1 < n else {
                endsInText = false
                break
            }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") {
                let end =
                    starts(bytes, at: i, with: "<!--")
                    ? find(bytes, "-->", from: i + 4).map { $0 + 3 } : find(bytes, ">", from: i + 2).map { $0 + 1 }
                if end == nil { endsInText = false }
                i = end ?? n
                continue
            }
            guard isLetter(next) else {
                i += 1  // `</tag>`, `<?…>`, or a stray `<` in text
                continue
            }
            var j = i + 1
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
            let tag: Tag =
                named(bytes, i + 1, j, "a")
                ? .anchor
                : named(bytes, i + 1, j, "script") ? .script : named(bytes, i + 1, j, "style") ? .style : .other
            guard let afterTag = attributes(bytes, from: j, isAnchor: tag == .anchor, values: &values, into: &result)
            else {
                endsInText = false
                break
            }
            j = afterTag
            if tag == .script || tag == .style {
                guard let close = findCaseInsensitive(bytes, tag == .script ? "</script" : "</style", from: j) else {
                    endsInText = false
                    break
                }
                j = close
            }
            i = j
        }
        return (result, endsInText)
    }

    private enum Tag {
        case anchor, script, style, other
    }

    /// Reads the attributes of a tag starting at `start`; returns the index after the tag's `>`, or nil
    /// when the page ends first.
    private static func attributes(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isAnchor: Bool, values: inout AttributeValueTable,
        into result: inout HTMLLinks
    ) -> Int? {
        let n = bytes.count
        var j = start
        while j < n {
            while j < n, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1 }
            guard j < n else { return nil }
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
            guard j < n else { return nil }
            var valueStart = j
            var valueEnd: Int
            let quote = bytes[j]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                valueStart = j + 1
                // Values can be long (a page's description): let memchr find the closing quote.
                if valueStart < n, let close = memchr(bytes.baseAddress! + valueStart, Int32(quote), n - valueStart) {
                    valueEnd = bytes.baseAddress!.distance(to: close.assumingMemoryBound(to: UInt8.self))
                } else {
                    valueEnd = n
                }
                j = min(valueEnd + 1, n)
            } else {
                valueEnd = j
                while valueEnd < n, !isSpace(bytes[valueEnd]), bytes[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                j = valueEnd
            }
            func isName(_ literal: StaticString) -> Bool { named(bytes, nameStart, nameEnd, literal) }
            if isName("id") || (isAnchor && isName("name")) {
                result.ids.insert(value(bytes, valueStart, valueEnd, &values))
            } else if isName("href") {
                append(bytes, valueStart, valueEnd, .href, values: &values, to: &result)
            } else if isName("src") || isName("poster") {
                append(bytes, valueStart, valueEnd, .src, values: &values, to: &result)
            } else if isName("srcset") {
                srcset(bytes, valueStart, valueEnd, values: &values, into: &result)
            }
        }
        return nil
    }

    /// Appends the URL in `bytes[start..<end]`, without the whitespace around it.
    private static func append(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ kind: HTMLLink.Kind,
        values: inout AttributeValueTable, to result: inout HTMLLinks
    ) {
        var start = start
        var end = end
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return }
        result.links.append(HTMLLink(url: value(bytes, start, end, &values), kind: kind))
    }

    /// The URLs of a `srcset` (`a.jpg 480w, b.jpg 960w`), read as HTML does: a URL runs to the next
    /// whitespace, commas at its end close the candidate, otherwise a descriptor follows up to a comma.
    private static func srcset(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, values: inout AttributeValueTable,
        into result: inout HTMLLinks
    ) {
        var i = start
        while i < end {
            while i < end, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { i += 1 }
            let urlStart = i
            while i < end, !isSpace(bytes[i]) { i += 1 }
            var urlEnd = i
            var closed = false
            while urlEnd > urlStart, bytes[urlEnd - 1] == UInt8(ascii: ",") {
                urlEnd -= 1
                closed = true
            }
            if urlEnd > urlStart {
                result.links.append(HTMLLink(url: value(bytes, urlStart, urlEnd, &values), kind: .srcset))
            }
            if !closed {
                while i < end, bytes[i] != UInt8(ascii: ",") { i += 1 }
            }
        }
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

    private static func value(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ values: inout AttributeValueTable
    ) -> String {
        values.value(UnsafeBufferPointer(rebasing: bytes[start..<end])) { slice in
            let raw = String(decoding: slice, as: UTF8.self)
            return slice.contains(UInt8(ascii: "&")) ? decodeEntities(raw) : raw
        }
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
