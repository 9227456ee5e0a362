/// The text a page shows in its `<main>` element, for the search index.
///
/// The index is built from the rendered page, so it holds exactly what readers see — the masked
/// text of exposure notices included (docs/exposure-notices.md) — and nothing of the masthead, navigation and
/// footer. Inside `<main>`, navigation (`nav`), forms, scripts, styles and SVG drawings (whose
/// figures the page also shows as a table) are left out. Block elements separate text with a
/// space; inline markup does not, so `乱停<strong>乱放</strong>` stays one run of text.
enum SearchText {
    /// The visible text of the `<main>` element of `html`, whitespace collapsed; empty without one.
    static func mainText(of html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in extract(bytes) }
    }

    private static let skipped: [[UInt8]] = ["nav", "script", "style", "svg", "form", "noscript", "template"].map {
        Array($0.utf8)
    }
    private static let blocks: Set<[UInt8]> = Set(
        [
            "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
            "table", "thead", "tbody", "caption", "br", "section", "article", "header", "footer", "aside",
            "figure", "figcaption", "blockquote", "pre", "hr", "details", "summary", "main", "time", "span",
        ].map { Array($0.utf8) })

    private static func extract(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let n = b.count
        guard let start = find(b, "<main", from: 0) else { return "" }
        var i = start
        let end = find(b, "</main>", from: start) ?? n
        var out: [UInt8] = []
        out.reserveCapacity((end - start) / 2)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if i + 3 < end, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"),
                    b[i + 3] == UInt8(ascii: "-")
                {
                    i = (find(b, "-->", from: i + 4).map { $0 + 3 }) ?? end
                    continue
                }
                var j = i + 1
                let closing = j < end && b[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let nameStart = j
                while j < end, isNameByte(b[j]) { j += 1 }
                let name = lowercased(b, nameStart, j)
                guard let close = index(of: UInt8(ascii: ">"), in: b, from: j, to: end) else { break }
                i = close + 1
                if !closing, let tag = skipped.first(where: { $0 == name }), b[close - 1] != UInt8(ascii: "/") {
                    i = skipElement(b, tag, from: i, to: end)
                }
                if blocks.contains(name) { pendingSpace = !out.isEmpty }
                continue
            }
            if c == UInt8(ascii: "&"), let (decoded, next) = entity(b, at: i, to: end) {
                for byte in decoded { emit(byte) }
                i = next
                continue
            }
            emit(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index after the element named `tag` whose start tag ended before `from`, nested ones included.
    private static func skipElement(_ b: UnsafeBufferPointer<UInt8>, _ tag: [UInt8], from: Int, to end: Int) -> Int {
        var depth = 1
        var i = from
        while i < end {
            guard let lt = index(of: UInt8(ascii: "<"), in: b, from: i, to: end) else { return end }
            var j = lt + 1
            let closing = j < end && b[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < end, isNameByte(b[j]) { j += 1 }
            let gt = index(of: UInt8(ascii: ">"), in: b, from: j, to: end) ?? end
            if lowercased(b, nameStart, j) == tag {
                if closing {
                    depth -= 1
                    if depth == 0 { return min(end, gt + 1) }
                } else if gt > 0, b[gt - 1] != UInt8(ascii: "/") {
                    depth += 1
                }
            }
            i = min(end, gt + 1)
        }
        return end
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D
    }

    private static func lowercased(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> [UInt8] {
        var name: [UInt8] = []
        name.reserveCapacity(to - from)
        for k in from..<to { name.append(b[k] >= 0x41 && b[k] <= 0x5A ? b[k] + 0x20 : b[k]) }
        return name
    }

    private static func index(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var k = from
        while k < end {
            if b[k] == byte { return k }
            k += 1
        }
        return nil
    }

    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { pattern -> Int? in
            guard count > 0, b.count >= count else { return nil }
            var k = from
            while k <= b.count - count {
                if b[k] == pattern[0] {
                    var m = 1
                    while m < count && b[k + m] == pattern[m] { m += 1 }
                    if m == count { return k }
                }
                k += 1
            }
            return nil
        }
    }

    /// A character reference at `at` (`&amp;`, `&#160;`, `&#x4E00;`): its UTF-8 bytes and the index after it.
    private static func entity(_ b: UnsafeBufferPointer<UInt8>, at: Int, to end: Int) -> ([UInt8], Int)? {
        var j = at + 1
        while j < end, j - at <= 10, b[j] != UInt8(ascii: ";") { j += 1 }
        guard j < end, b[j] == UInt8(ascii: ";") else { return nil }
        let name = Array(b[(at + 1)..<j])
        let scalar: UnicodeScalar?
        switch name {
        case Array("amp".utf8): scalar = "&"
        case Array("lt".utf8): scalar = "<"
        case Array("gt".utf8): scalar = ">"
        case Array("quot".utf8): scalar = "\""
        case Array("apos".utf8): scalar = "'"
        case Array("nbsp".utf8): scalar = " "
        default:
            guard name.first == UInt8(ascii: "#") else { return nil }
            let digits = String(decoding: name.dropFirst(), as: UTF8.self)
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            scalar = value.flatMap(UnicodeScalar.init)
        }
        guard let scalar else { return nil }
        return (Array(String(Character(scalar)).utf8), j + 1)
    }
}
