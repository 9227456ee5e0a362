/// HTML escaping of text, as `{{name}}` writes it.
///
/// Escapes `&`, `<`, `>`, `"` and `'` as `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`: the set and the
/// spellings of swift-mustache's `htmlEscape`, so pages stay byte-identical to what it wrote. Unlike
/// swift-mustache, which compares whole characters (grapheme clusters), every one of the five is escaped,
/// also when a combining mark follows it (`"` + U+0301) or a prepended mark precedes it: an HTML parser
/// reads code points, so such a `"` would still end an attribute value. Works on UTF-8 bytes, copying
/// the runs between special bytes.
public enum HTMLEscaping {
    /// Appends `text` to `output` as HTML-escaped UTF-8.
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendBytes($0, to: &output) }
    }

    /// Appends UTF-8 `bytes` to `output`, HTML-escaped.
    public static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendBytes($0, to: &output) }
    }

    /// `text` HTML-escaped.
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Bit `b` is set for each byte value `b` below 64 that needs escaping: `"` `&` `'` `<` `>`.
    private static let specialMask: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 64 && specialMask & (1 << UInt64(byte)) != 0
    }

    private static func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let count = bytes.count
        var runStart = 0
        for index in 0..<count where isSpecial(bytes[index]) {
            if runStart < index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            appendEntity(for: bytes[index], to: &output)
            runStart = index + 1
        }
        if runStart < count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }

    @inline(__always)
    private static func appendEntity(for byte: UInt8, to output: inout [UInt8]) {
        let entity: StaticString
        switch byte {
        case UInt8(ascii: "&"): entity = "&amp;"
        case UInt8(ascii: "<"): entity = "&lt;"
        case UInt8(ascii: ">"): entity = "&gt;"
        case UInt8(ascii: "\""): entity = "&quot;"
        default: entity = "&#39;"
        }
        entity.withUTF8Buffer { output.append(contentsOf: $0) }
    }
}
