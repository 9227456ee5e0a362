import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns text into the bytes a controller card reads, through the C library's iconv.
///
/// An `iconv_t` keeps conversion state and is not thread-safe, so every call opens its own descriptors and
/// closes them before returning (`Converter` pairs `iconv_open` with a `defer iconv_close`); no descriptor is
/// shared between tasks. Only Swift values leave this file.
public enum LEDEncoder {
    /// A character a charset cannot hold.
    public struct Unencodable: Sendable, Hashable {
        /// Index of the character in the text (in `Character`s).
        public var offset: Int
        public var character: Character
        /// The narrowest wider charset that holds it, if any.
        public var suggestion: LEDCharset?
    }

    /// The bytes of `text` in `charset`: UTF-8 for `utf-8`, GB18030 for the others. Characters outside the charset
    /// are replaced by `□` (which every charset holds), so callers check `unencodable(in:charset:)` first.
    public static func encode(_ text: String, as charset: LEDCharset) -> [UInt8] {
        if charset == .utf8 { return Array(text.utf8) }
        guard let converter = Converter(from: "UTF-8", to: "GB18030") else { return Array(text.utf8) }
        let bad = Set(unencodable(in: text, charset: charset).map(\.offset))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for (offset, character) in text.enumerated() {
            let piece = bad.contains(offset) ? "□" : String(character)
            bytes += converter.convert(Array(piece.utf8)) ?? [0xA1, 0xF5]
        }
        return bytes
    }

    /// Decodes bytes written by `encode(_:as:)`; nil when they are not valid in that encoding.
    public static func decode(_ bytes: [UInt8], as charset: LEDCharset) -> String? {
        if charset == .utf8 { return String(validating: bytes, as: UTF8.self) }
        guard let converter = Converter(from: "GB18030", to: "UTF-8"), let utf8 = converter.convert(bytes) else {
            return nil
        }
        return String(validating: utf8, as: UTF8.self)
    }

    /// The GB18030 bytes of one character; nil only if iconv is unavailable.
    public static func gb18030Bytes(of character: Character) -> [UInt8]? {
        guard let converter = Converter(from: "UTF-8", to: "GB18030") else { return nil }
        return converter.convert(Array(String(character).utf8))
    }

    /// Every character of `text` that `charset` cannot hold, with the narrowest charset that would.
    public static func unencodable(in text: String, charset: LEDCharset) -> [Unencodable] {
        if charset == .utf8 { return [] }
        guard let toGB = Converter(from: "UTF-8", to: "GB18030") else { return [] }
        let checkers = Checkers()
        var found: [Unencodable] = []
        for (offset, character) in text.enumerated() where !character.unicodeScalars.allSatisfy(\.isASCII) {
            let bytes = toGB.convert(Array(String(character).utf8))
            guard !fits(bytes, character: character, in: charset, checkers: checkers) else { continue }
            let wider = LEDCharset.byWidth.drop { $0 != charset }.dropFirst()
            let suggestion = wider.first { fits(bytes, character: character, in: $0, checkers: checkers) }
            found.append(Unencodable(offset: offset, character: character, suggestion: suggestion))
        }
        return found
    }

    /// Decoders that tell whether a two-byte code is an assigned slot of GB2312 (EUC-CN) or GBK.
    final class Checkers {
        let gb2312 = Converter(from: "EUC-CN", to: "UTF-8")
        let gbk = Converter(from: "GBK", to: "UTF-8")
    }

    /// Whether GB18030 `bytes` of `character` stay inside `charset`.
    ///
    /// GB2312: two bytes, lead A1–F7 and trail A1–FE, and the slot assigned in GB2312 (decodable as EUC-CN; this
    /// rejects e.g. `€` at A2E3 and the user-defined rows, and accepts `——` at A1AA whichever Unicode dash the
    /// C library maps there). GBK: lead 81–FE, trail 40–FE except 7F, slot assigned in GBK. Private-use
    /// characters are refused for both: a card has no glyph for them.
    static func fits(_ bytes: [UInt8]?, character: Character, in charset: LEDCharset, checkers: Checkers) -> Bool {
        guard let bytes, !bytes.isEmpty else { return false }
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }  // ASCII, also "\r\n" (one Character)
        switch charset {
        case .utf8, .gb18030:
            return true
        case .gb2312, .gbk:
            guard bytes.count == 2 else { return false }
            if character.unicodeScalars.contains(where: { (0xE000...0xF8FF).contains($0.value) }) { return false }
            let (lead, trail) = (bytes[0], bytes[1])
            if charset == .gb2312 {
                guard (0xA1...0xF7).contains(lead), (0xA1...0xFE).contains(trail) else { return false }
                return checkers.gb2312?.convert(bytes) != nil
            }
            guard (0x81...0xFE).contains(lead), (0x40...0xFE).contains(trail), trail != 0x7F else { return false }
            return checkers.gbk?.convert(bytes) != nil
        }
    }
}

/// One iconv descriptor, closed when the value goes away; used by one call at a time.
final class Converter {
    private let descriptor: iconv_t

    init?(from source: String, to target: String) {
        let d = iconv_open(target, source)
        guard let d, d != iconv_t(bitPattern: -1) else { return nil }
        descriptor = d
    }

    deinit { iconv_close(descriptor) }

    /// Converts a whole buffer; nil when any input cannot be converted.
    func convert(_ input: [UInt8]) -> [UInt8]? {
        // Reset the shift state so a failed call cannot leak into the next one.
        iconv(descriptor, nil, nil, nil, nil)
        var input = input
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let outCapacity = output.count
        var ok = true
        var produced = 0
        input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPtr = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPtr = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outCapacity
                if inLeft > 0 {
                    let result = iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
                    if result == -1 || inLeft != 0 { ok = false }
                }
                produced = outCapacity - outLeft
            }
        }
        return ok ? Array(output[..<produced]) : nil
    }
}
