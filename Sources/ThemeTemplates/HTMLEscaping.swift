/// HTML escaping of text, as `{{name}}` writes it.
///
/// Escapes `&`, `<`, `>`, `"` and `'` as `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`: the set and the
/// spellings of swift-mustache's `htmlEscape`, so pages stay byte-identical to what it wrote. Like
/// swift-mustache, it works on characters (grapheme clusters): a special character that a combining mark
/// follows (`<` + U+0338) or a prepended mark precedes (U+0600 + `<`) is part of a larger character and
/// is written as it is. The fast path copies runs of safe UTF-8 bytes and only looks at characters when a
/// special byte has a non-ASCII neighbour.
public enum HTMLEscaping {
    /// Appends `text` to `output` as HTML-escaped UTF-8.
    public static func append(_ text: String, to output: inout [UInt8]) {
        let done: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            appendBytes(bytes, to: &output)
        }
        switch done {
        case true?:
            return
        case false?:
            appendByCharacter(text, to: &output)
        case nil:
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

    /// Escapes byte by byte; returns false, with `output` as it was, when a special byte touches a
    /// non-ASCII byte (then only the character view can tell whether it stands alone).
    private static func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        let startCount = output.count
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
            let alone = (index == 0 || bytes[index - 1] < 0x80) && (index + 1 == count || bytes[index + 1] < 0x80)
            guard alone else {
                output.removeSubrange(startCount...)
                return false
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
        return true
    }

    /// swift-mustache's loop: a character is replaced only when it is exactly one of the five.
    private static func appendByCharacter(_ text: String, to output: inout [UInt8]) {
        for character in text {
            let utf8 = character.utf8
            if utf8.count == 1, let byte = utf8.first, isSpecial(byte) {
                appendEntity(for: byte, to: &output)
            } else {
                output.append(contentsOf: utf8)
            }
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
