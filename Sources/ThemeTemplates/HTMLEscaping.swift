/// HTML escaping of text, as `{{name}}` writes it.
///
/// Escapes `&`, `<`, `>`, `"` and `'` as `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`: the set and the
/// spellings of swift-mustache's `htmlEscape`, so pages stay byte-identical to what it wrote. Like
/// swift-mustache, it works on characters (grapheme clusters): a special character that a combining mark
/// follows (`<` + U+0338) or a prepended mark precedes (U+0600 + `<`) is part of a larger character and
/// is written as it is. It copies runs of safe UTF-8 bytes, and only when a special byte has a non-ASCII
/// neighbour does it ask `Character` about the three scalars around it.
public enum HTMLEscaping {
    /// Appends `text` to `output` as HTML-escaped UTF-8.
    public static func append(_ text: String, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            appendBytes(bytes, to: &output)
        }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            append(copy, to: &output)
        }
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
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard isSpecial(byte) else {
                index += 1
                continue
            }
            // ASCII next to ASCII is always a character boundary (the only ASCII pair that joins is CR LF).
            let asciiAround = (index == 0 || bytes[index - 1] < 0x80) && (index + 1 == count || bytes[index + 1] < 0x80)
            guard asciiAround || standsAlone(bytes, at: index) else {
                index += 1
                continue
            }
            if runStart < index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            appendEntity(for: byte, to: &output)
            index += 1
            runStart = index
        }
        if runStart < count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }

    /// Whether the special byte at `index` is a character of its own. For these five characters only
    /// the scalars right before and after can join them into a larger one (a prepended mark before; an
    /// extending mark, a joiner or a spacing mark after), so those three scalars decide.
    private static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var start = index
        if start > 0 {
            start -= 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = index + 1
        if end < bytes.count {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        var offset = start
        for character in String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) {
            guard offset < index else { return offset == index && character.utf8.count == 1 }
            offset += character.utf8.count
        }
        return false
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
