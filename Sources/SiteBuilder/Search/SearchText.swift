#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text a page shows in its `<main>` element, for the search index.
///
/// The index is built from the rendered page, so it holds exactly what readers see — the masked
/// text of exposure notices included (docs/exposure-notices.md) — and nothing of the masthead, navigation and
/// footer. Inside `<main>`, navigation (`nav`), forms, scripts, styles and SVG drawings (whose
/// figures the page also shows as a table) are left out. Block elements separate text with a
/// space; inline markup does not, so `乱停<strong>乱放</strong>` stays one run of text.
///
/// The page is read once, as UTF-8 bytes, and its text is written as the index stores it: the
/// inside of a JSON string literal (only `"` and `\` need escaping, because whitespace, control
/// characters and the JavaScript line separators U+2028/U+2029 all become one space).
enum SearchText {
    /// The visible text of the `<main>` element of `html`, whitespace collapsed; empty without one.
    static func mainText(of html: String) -> String {
        var html = html
        let bytes = html.withUTF8 { read($0, html: true, escapingJSON: false, limit: Int.max) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of `mainText(of:)` escaped for a JSON string literal (without its quotes), cut
    /// before the character that would take it past `limit` bytes.
    static func mainTextJSON(of html: String, limit: Int) -> [UInt8] {
        var html = html
        return html.withUTF8 { read($0, html: true, escapingJSON: true, limit: limit) }
    }

    /// The same over the UTF-8 bytes of a page.
    static func mainTextJSON(of html: [UInt8], limit: Int) -> [UInt8] {
        html.withUnsafeBufferPointer { read($0, html: true, escapingJSON: true, limit: limit) }
    }

    /// Plain `text` as `mainTextJSON` writes it: whitespace collapsed, escaped, cut after `limit` bytes.
    static func json(_ text: String, limit: Int) -> [UInt8] {
        var text = text
        return text.withUTF8 { read($0, html: false, escapingJSON: true, limit: limit) }
    }

    /// What a byte means to `read`.
    private enum ByteClass: UInt8 {
        /// Copied as it is: letters, digits, punctuation, and every byte of a character beyond ASCII
        /// (except the lead byte `0xE2`).
        case plain
        /// Whitespace and control characters: runs of them become one space.
        case space
        /// `"` and `\`, escaped in JSON.
        case escaped
        /// `<` and `&`: markup, in a page.
        case markup
        /// The lead byte of U+2028 and U+2029, which end lines in older JavaScript: a space as well.
        case lineSeparatorLead
    }

    private static let byteClasses: [ByteClass] = (0...255).map { byte -> ByteClass in
        switch byte {
        case 0...0x20, 0x7F: return .space
        case 0x22, 0x5C: return .escaped
        case 0x3C, 0x26: return .markup
        case 0xE2: return .lineSeparatorLead
        default: return .plain
        }
    }

    /// The text being collected: runs of whitespace become one space (none at the start or end), and
    /// the text stops before the first character that would take it past `limit` bytes.
    private struct Text {
        let bytes: UnsafeMutablePointer<UInt8>
        var count = 0
        let limit: Int
        var pendingSpace = false
        var full = false

        /// Room for `capacity` bytes (more than `limit` is never needed).
        init(capacity: Int, limit: Int) {
            bytes = .allocate(capacity: max(1, min(capacity, limit)))
            self.limit = min(capacity, limit)
        }

        /// A separation between words (whitespace, the end of a block element).
        @inline(__always)
        mutating func space() { pendingSpace = count > 0 }

        /// Whether `n` more bytes (and the pending space) fit; once one does not, nothing more is taken.
        @inline(__always)
        mutating func reserve(_ n: Int) -> Bool {
            if full { return false }
            let needed = n + (pendingSpace ? 1 : 0)
            if count + needed > limit {
                full = true
                return false
            }
            if pendingSpace {
                bytes[count] = 0x20
                count += 1
                pendingSpace = false
            }
            return true
        }

        /// Appends the whole characters of `source[from..<to]` that fit.
        @inline(__always)
        mutating func append(_ source: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
            var end = to
            let room = limit - count - (pendingSpace ? 1 : 0)
            if end - from > room {
                // Cut before the character that does not fit, never inside it.
                end = from + max(0, room)
                while end > from && source[end] & 0xC0 == 0x80 { end -= 1 }
                if end > from && reserve(end - from) {
                    (bytes + count).update(from: source.baseAddress! + from, count: end - from)
                    count += end - from
                }
                full = true
                return
            }
            guard reserve(end - from) else { return }
            (bytes + count).update(from: source.baseAddress! + from, count: end - from)
            count += end - from
        }

        /// Appends one character given as a scalar (a decoded character reference).
        mutating func append(_ scalar: Unicode.Scalar, escapingJSON: Bool) {
            let value = scalar.value
            if value <= 0x20 || value == 0x7F || value == 0xA0 || value == 0x2028 || value == 0x2029 {
                space()
                return
            }
            if escapingJSON && (value == 0x22 || value == 0x5C) {
                guard reserve(2) else { return }
                bytes[count] = 0x5C
                bytes[count + 1] = UInt8(value)
                count += 2
                return
            }
            let length = UTF8.width(scalar)
            guard reserve(length) else { return }
            var k = count
            UTF8.encode(scalar) { unit in
                bytes[k] = unit
                k += 1
            }
            count = k
        }

        /// The collected bytes, in an array of exactly their size (the index keeps every page's text).
        func array() -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress?.initialize(from: bytes, count: count)
                initialized = count
            }
        }
    }

    /// Reads the text of `b`: of its `<main>` element when `html`, all of it otherwise.
    private static func read(_ b: UnsafeBufferPointer<UInt8>, html: Bool, escapingJSON: Bool, limit: Int) -> [UInt8] {
        let start: Int
        if html {
            guard let main = find(b, "<main", from: 0) else { return [] }
            start = main
        } else {
            start = 0
        }
        let n = b.count
        // A byte of the page is at most two of the text (`"` → `\"`); a tag of three or more, one space.
        var text = Text(capacity: 2 * (n - start) + 1, limit: limit)
        defer { text.bytes.deallocate() }
        byteClasses.withUnsafeBufferPointer { classes in
            var i = start
            reading: while i < n && !text.full {
                switch classes[Int(b[i])] {
                case .plain:
                    var j = i + 1
                    while j < n {
                        let byte = b[j]
                        // A well-formed character of U+3000–U+FFFF (Chinese text) is plain throughout: one
                        // test for its three bytes.
                        if byte &- 0xE3 < 13 && j + 2 < n && b[j + 1] & 0xC0 == 0x80 && b[j + 2] & 0xC0 == 0x80 {
                            j += 3
                            continue
                        }
                        guard classes[Int(byte)] == .plain else { break }
                        j += 1
                    }
                    text.append(b, from: i, to: j)
                    i = j
                case .space:
                    text.space()
                    i += 1
                case .escaped:
                    if escapingJSON {
                        if text.reserve(2) {
                            text.bytes[text.count] = 0x5C
                            text.bytes[text.count + 1] = b[i]
                            text.count += 2
                        }
                    } else {
                        text.append(b, from: i, to: i + 1)
                    }
                    i += 1
                case .lineSeparatorLead:
                    if i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) {
                        text.space()
                    } else {
                        text.append(b, from: i, to: min(n, i + 3))
                    }
                    i += 3
                case .markup where !html:
                    text.append(b, from: i, to: i + 1)
                    i += 1
                case .markup:
                    if b[i] == UInt8(ascii: "&") {
                        if let (scalar, next) = entity(b, at: i, to: n) {
                            text.append(scalar, escapingJSON: escapingJSON)
                            i = next
                        } else {
                            text.append(b, from: i, to: i + 1)
                            i += 1
                        }
                        continue reading
                    }
                    if i + 3 < n, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"),
                        b[i + 3] == UInt8(ascii: "-")
                    {
                        i = (find(b, "-->", from: i + 4).map { $0 + 3 }) ?? n
                        continue reading
                    }
                    var j = i + 1
                    let closing = j < n && b[j] == UInt8(ascii: "/")
                    if closing { j += 1 }
                    let (name, afterName) = tagName(b, from: j, to: n)
                    if closing && name == mainName { break reading }
                    guard let close = index(of: UInt8(ascii: ">"), in: b, from: afterName, to: n) else { break reading }
                    i = close + 1
                    if !closing, contains(skipped, name), b[close - 1] != UInt8(ascii: "/") {
                        i = skipElement(b, name, from: i, to: n)
                    }
                    if contains(blocks, name) { text.space() }
                }
            }
        }
        return text.array()
    }

    // MARK: - Reading the page

    /// Tag names packed into a number, six bits a character (at most ten characters): compared
    /// without building a string per tag.
    static func packedName(_ name: String) -> UInt64 {
        var packed: UInt64 = 0
        for byte in name.utf8 { packed = packed << 6 | UInt64(nameCode(byte)) }
        return packed
    }

    /// 1–26 for letters (either case), 27–36 for digits, 37 for `-`, 0 for anything else.
    @inline(__always)
    private static func nameCode(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x61...0x7A: return c - 0x60
        case 0x41...0x5A: return c - 0x40
        case 0x30...0x39: return c - 0x30 + 27
        case 0x2D: return 37
        default: return 0
        }
    }

    /// A name longer than ten characters: never one of ours.
    private static let longName = UInt64.max
    /// `</main>` ends the text.
    private static let mainName = packedName("main")

    private static let skipped: [UInt64] = ["nav", "script", "style", "svg", "form", "noscript", "template"]
        .map(packedName).sorted()
    private static let blocks: [UInt64] = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "thead", "tbody", "caption", "br", "section", "article", "header", "footer", "aside",
        "figure", "figcaption", "blockquote", "pre", "hr", "details", "summary", "main", "time", "span",
    ].map(packedName).sorted()

    @inline(__always)
    private static func contains(_ sorted: [UInt64], _ name: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) >> 1
            if sorted[mid] < name { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == name
    }

    /// The packed name of the tag whose name starts at `from`, and the index after the name.
    @inline(__always)
    private static func tagName(_ b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (UInt64, Int) {
        var j = from
        var packed: UInt64 = 0
        var length = 0
        while j < end {
            let code = nameCode(b[j])
            if code == 0 { break }
            packed = packed << 6 | UInt64(code)
            length += 1
            j += 1
        }
        return (length > 10 ? longName : packed, j)
    }

    /// The index after the element named `tag` whose start tag ended before `from`, nested ones included.
    private static func skipElement(_ b: UnsafeBufferPointer<UInt8>, _ tag: UInt64, from: Int, to end: Int) -> Int {
        var depth = 1
        var i = from
        while i < end {
            guard let lt = index(of: UInt8(ascii: "<"), in: b, from: i, to: end) else { return end }
            var j = lt + 1
            let closing = j < end && b[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let (name, afterName) = tagName(b, from: j, to: end)
            let gt = index(of: UInt8(ascii: ">"), in: b, from: afterName, to: end) ?? end
            if name == tag && afterName > j {
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

    private static func index(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        guard from < end, let base = b.baseAddress, let hit = memchr(base + from, Int32(byte), end - from) else {
            return nil
        }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// The index of the first `needle` at or after `from`; the first byte is looked for with `memchr`.
    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, let base = b.baseAddress else { return nil }
        return needle.withUTF8Buffer { pattern -> Int? in
            var k = from
            while k <= b.count - count {
                guard let hit = memchr(base + k, Int32(pattern[0]), b.count - count + 1 - k) else { return nil }
                k = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if memcmp(base + k, pattern.baseAddress!, count) == 0 { return k }
                k += 1
            }
            return nil
        }
    }

    /// A character reference at `at` (`&amp;`, `&#160;`, `&#x4E00;`): the character and the index after it.
    private static func entity(_ b: UnsafeBufferPointer<UInt8>, at: Int, to end: Int) -> (Unicode.Scalar, Int)? {
        var j = at + 1
        while j < end, j - at <= 10, b[j] != UInt8(ascii: ";") { j += 1 }
        guard j < end, b[j] == UInt8(ascii: ";") else { return nil }
        let name = UnsafeBufferPointer(rebasing: b[(at + 1)..<j])
        func named(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == name.count && s.withUTF8Buffer { $0.elementsEqual(name) }
        }
        let scalar: Unicode.Scalar?
        if named("amp") {
            scalar = "&"
        } else if named("lt") {
            scalar = "<"
        } else if named("gt") {
            scalar = ">"
        } else if named("quot") {
            scalar = "\""
        } else if named("apos") {
            scalar = "'"
        } else if named("nbsp") {
            scalar = " "
        } else {
            guard name.first == UInt8(ascii: "#"), name.count > 1 else { return nil }
            var value: UInt32 = 0
            let hex = name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X")
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty else { return nil }
            for d in digits {
                let digit: UInt32
                switch d {
                case 0x30...0x39: digit = UInt32(d - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(d - 0x41 + 10)
                default: return nil
                }
                value = value * (hex ? 16 : 10) + digit
                if value > 0x10FFFF { return nil }
            }
            scalar = Unicode.Scalar(value)
        }
        guard let scalar else { return nil }
        return (scalar, j + 1)
    }
}
