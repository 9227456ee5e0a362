/// Summary and reading length of plain text, counting Chinese by characters.
///
/// Chinese is written without spaces, so a run of Chinese is many words, not one: every CJK character
/// counts as one unit, and Latin text counts by words.
public enum TextMetrics {
    /// CJK characters read per minute: 400, the usual planning figure for Chinese reading speed on
    /// screen (studies place adults at roughly 300–500 characters a minute).
    public static let cjkCharactersPerMinute = 400

    /// Latin-script words read per minute: 200, a conservative adult reading speed.
    public static let wordsPerMinute = 200

    /// How long a text is to read.
    public struct ReadingLength: Sendable, Equatable {
        /// CJK characters (Han ideographs, kana, Hangul), each counted once; punctuation not counted.
        public var characters: Int
        /// Words of other scripts and numbers: runs of letters and digits (`don't`, `2026-11-28` are one).
        public var words: Int
        /// Minutes to read, rounded up; 0 only for text with nothing to read.
        public var minutes: Int

        /// A reading length value.
        public init(characters: Int, words: Int, minutes: Int) {
            self.characters = characters
            self.words = words
            self.minutes = minutes
        }
    }

    /// The reading length of `plainText` (use ``MarkdownDocument/plainText``, not Markdown).
    ///
    /// Minutes are `characters / 400 + words / 200`, rounded up.
    public static func readingLength(of plainText: String) -> ReadingLength {
        var text = plainText
        return text.withUTF8 { readingLength(ofUTF8: $0) }
    }

    /// `readingLength(of:)` of UTF-8 text (``MarkdownDocument/plainTextBytes``), read without making a
    /// `String` of it: ill-formed bytes count as U+FFFD, as `String(decoding:as:)` reads them.
    public static func readingLength(ofUTF8 plainText: [UInt8]) -> ReadingLength {
        plainText.withUnsafeBufferPointer { readingLength(ofUTF8: $0) }
    }

    static func readingLength(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> ReadingLength {
        var characters = 0
        var words = 0
        var inWord = false
        var previousWasJoiner = false
        var scalars = UTF8Scalars(bytes)
        while true {
            if scalars.skipCommonHan() {
                characters += 1
                inWord = false
                previousWasJoiner = false
                continue
            }
            guard let scalar = scalars.next() else { break }
            if scalar.isCJKCharacter {
                characters += 1
                inWord = false
            } else if scalar.isWordCharacter {
                if !inWord { words += 1 }
                inWord = true
            } else if inWord && !previousWasJoiner && isWordJoiner(scalar) {
                // An apostrophe or hyphen inside a word keeps it one word; a second one in a row ends it.
                previousWasJoiner = true
                continue
            } else {
                inWord = false
            }
            previousWasJoiner = false
        }
        // In CJK-character units: one word takes as long as cjkCharactersPerMinute / wordsPerMinute characters.
        let units = characters * wordsPerMinute + words * cjkCharactersPerMinute
        let perMinute = cjkCharactersPerMinute * wordsPerMinute
        let minutes = (units + perMinute - 1) / perMinute
        return ReadingLength(characters: characters, words: words, minutes: minutes)
    }

    /// `summary(of:)` of UTF-8 text (``MarkdownDocument/plainTextBytes``): for nearly every text, only
    /// its start is read, scalar by scalar, without making a `String` of it.
    public static func summary(ofUTF8 plainText: [UInt8], limit: Int = 120) -> String {
        guard limit > 0 else { return "" }
        let head = plainText.withUnsafeBufferPointer { simpleHead(ofUTF8: $0, limit: limit) }
        if let head { return summary(head: head, limit: limit) }
        return summary(of: String(decoding: plainText, as: UTF8.self), limit: limit)
    }

    /// The start of `plainText` as a one-paragraph summary of at most `limit` characters plus `…`.
    ///
    /// Whitespace runs (including line breaks) become one space. A text of at most `limit` characters
    /// is returned whole, without `…`. A longer one is cut at the last sentence end (`。！？!?；;…` or
    /// `. `) in the second half of the first `limit` characters, else at the last clause break (`，、：,:`)
    /// or space there, else after `limit` characters, moving back to the start of a Latin word rather
    /// than splitting it. Trailing `。，、；：,.;:` and spaces are then dropped and `…` appended.
    /// Characters are grapheme clusters, so an emoji or a letter with accents is never split.
    public static func summary(of plainText: String, limit: Int = 120) -> String {
        guard limit > 0 else { return "" }
        // Only the first `limit + 1` characters matter; the rest of a long text is never looked at.
        var text = plainText
        if let head = text.withUTF8({ simpleHead(ofUTF8: $0, limit: limit) }) {
            return summary(head: head, limit: limit)
        }
        return summary(head: head(of: plainText, limit: limit), limit: limit)
    }

    /// The summary of a text whose first `limit + 1` characters (or all, when fewer) are `head`: grapheme
    /// clusters, or scalars when each is a character by itself (`simpleHead`), which are read several
    /// times faster than `Character`s.
    static func summary<Unit: SummaryUnit>(head: [Unit], limit: Int) -> String {
        var head = head
        guard head.count > limit else { return string(head[...]) }

        let next = head.removeLast()  // the first character past the limit
        let half = limit / 2
        var end = head.count
        let sentenceEnd = head.indices.last { index in
            isSentenceEnd(head[index]) || (head[index].is(".") && index + 1 < head.count && head[index + 1].is(" "))
        }
        if let sentenceEnd, sentenceEnd >= half {
            end = sentenceEnd + 1
        } else if let clauseBreak = head.lastIndex(where: { isClauseBreak($0) }), clauseBreak >= half {
            end = clauseBreak
        } else if isLatinWordCharacter(next), isLatinWordCharacter(head[end - 1]) {
            var wordStart = end
            while wordStart > 0 && isLatinWordCharacter(head[wordStart - 1]) { wordStart -= 1 }
            if wordStart > 0 { end = wordStart }
        }
        var summary = head[..<end]
        while let last = summary.last, isDroppedAtCut(last) {
            summary.removeLast()
        }
        return string(summary) + "…"
    }

    /// The characters as a string, from their UTF-8 bytes: `String(characters)` appends each character
    /// as a string of its own, checking grapheme boundaries, at several times the cost.
    private static func string<Unit: SummaryUnit>(_ characters: ArraySlice<Unit>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 4)
        for character in characters { character.appendUTF8(to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first `limit + 1` characters of `text`, white space runs made one space.
    static func head(of text: String, limit: Int) -> [Character] {
        var head: [Character] = []
        head.reserveCapacity(limit + 1)
        var pendingSpace = false
        for character in text {
            if isWhitespace(character) {
                pendingSpace = !head.isEmpty
                continue
            }
            if pendingSpace {
                head.append(" ")
                pendingSpace = false
                if head.count > limit { break }
            }
            head.append(character)
            if head.count > limit { break }
        }
        return head
    }

    /// The same, read scalar by scalar from UTF-8 when each scalar of the head (and the one after it) is a
    /// character by itself — Han characters, CJK and Latin punctuation, Latin letters without combining
    /// marks, as in nearly every summary — which skips finding grapheme boundaries; nil for any other text
    /// (`SummaryHeadTests` compares both readings). Ill-formed bytes are read as `String(decoding:as:)`
    /// reads them.
    static func simpleHead(ofUTF8 text: UnsafeBufferPointer<UInt8>, limit: Int) -> [Unicode.Scalar]? {
        var head: [Unicode.Scalar] = []
        head.reserveCapacity(limit + 1)
        var pendingSpace = false
        var full = false
        var scalars = UTF8Scalars(text)
        while let scalar = scalars.next() {
            guard isCharacterByItself(scalar) else { return nil }
            // The scalar after the head is by itself too, so the head's last character ends where it does.
            if full { break }
            if scalar.isSpace {
                pendingSpace = !head.isEmpty
                continue
            }
            if pendingSpace {
                head.append(" ")
                pendingSpace = false
                if head.count > limit {
                    full = true
                    continue
                }
            }
            head.append(scalar)
            full = head.count > limit
        }
        return head
    }

    /// A scalar no neighbour joins into one character with it (no combining mark, joiner, variation
    /// selector, Hangul jamo, emoji or regional indicator is among these).
    private static func isCharacterByItself(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x20...0x7E, 0xA0...0x2FF: return true
        case 0x2010...0x2027, 0x2030...0x205E: return true
        case 0x3000...0x3029, 0x3030...0x303F: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
        default: return false
        }
    }

    private static func isWhitespace(_ character: Character) -> Bool {
        character.unicodeScalars.first?.isSpace ?? false
    }

    private static func isWordJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "-"
    }

    // Compared by scalar: `Character` equality on non-ASCII text is a Unicode-normalising string compare.
    private static func isSentenceEnd<Unit: SummaryUnit>(_ character: Unit) -> Bool {
        switch character.firstScalar {
        case "。", "！", "？", "!", "?", "；", ";", "…": return character.isSingleScalar
        default: return false
        }
    }

    private static func isClauseBreak<Unit: SummaryUnit>(_ character: Unit) -> Bool {
        switch character.firstScalar {
        case " ", "，", "、", "：", ",", ":": return character.isSingleScalar
        default: return false
        }
    }

    /// Punctuation that would sit oddly before the `…` of a cut summary.
    private static func isDroppedAtCut<Unit: SummaryUnit>(_ character: Unit) -> Bool {
        switch character.firstScalar {
        case " ", "。", "，", "、", "；", "：", ",", ".", ";", ":": return character.isSingleScalar
        default: return false
        }
    }

    private static func isLatinWordCharacter<Unit: SummaryUnit>(_ character: Unit) -> Bool {
        guard let scalar = character.firstScalar else { return false }
        return scalar.isWordCharacter && !scalar.isCJKCharacter
    }
}

/// A character of a summary's head: a grapheme cluster, or a scalar that is a character by itself.
protocol SummaryUnit {
    var firstScalar: Unicode.Scalar? { get }
    var isSingleScalar: Bool { get }
    func appendUTF8(to bytes: inout [UInt8])
}

extension SummaryUnit {
    /// True when the character is exactly `scalar`.
    func `is`(_ scalar: Unicode.Scalar) -> Bool { firstScalar == scalar && isSingleScalar }
}

extension Character: SummaryUnit {
    var firstScalar: Unicode.Scalar? { unicodeScalars.first }
    var isSingleScalar: Bool { unicodeScalars.count == 1 }
    func appendUTF8(to bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
}

extension Unicode.Scalar: SummaryUnit {
    var firstScalar: Unicode.Scalar? { self }
    var isSingleScalar: Bool { true }
    /// Encoded by hand: appending the scalar's `utf8` view copies it through a generic sequence.
    func appendUTF8(to bytes: inout [UInt8]) {
        let v = value
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | v >> 6))
            bytes.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }
}

/// The scalars of UTF-8 bytes, ill-formed sequences read as U+FFFD.
struct UTF8Scalars {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// True, having read it, when the next scalar is a Han character of U+5000–U+9FFF (a lead byte E5–E9
    /// and two continuation bytes): most of a Chinese text, counted without decoding it.
    @inline(__always)
    mutating func skipCommonHan() -> Bool {
        guard index + 2 < bytes.count else { return false }
        let lead = bytes[index]
        guard lead >= 0xE5 && lead <= 0xE9, bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else {
            return false
        }
        index += 3
        return true
    }

    @inline(__always)
    mutating func next() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            return Unicode.Scalar(lead)
        }
        if lead >= 0xE1 && lead <= 0xEC && index + 2 < bytes.count {
            // Most of Chinese text: three bytes, no overlong or surrogate range to rule out.
            let (b1, b2) = (bytes[index + 1], bytes[index + 2])
            if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                index += 3
                return Unicode.Scalar(UInt32(lead & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F))
            }
        }
        // Anything else through the standard library's parser, which repairs as `String(decoding:)` does:
        // one U+FFFD for each maximal ill-formed sequence.
        var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        switch parser.parseScalar(from: &iterator) {
        case .valid(let encoded):
            index += encoded.count
            return Unicode.UTF8.decode(encoded)
        case .error(let length):
            index += length
            return "\u{FFFD}"
        case .emptyInput:
            return nil
        }
    }
}
