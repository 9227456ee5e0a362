/// The keys of the site search: every CJK character bigram and every Latin/number word of a text.
///
/// The search page's script (`Theme/assets/search.js`) splits queries with exactly these rules, so
/// a query's keys are always keys of the index: Han characters in a run give their overlapping
/// pairs (`乱停乱放` → `乱停`, `停乱`, `乱放`); runs of ASCII letters and digits (full-width forms
/// folded to ASCII, letters lowercased) are words; everything else separates.
///
/// Texts are read as UTF-8 bytes, never as `Character`s: every Han character the index knows is a
/// three-byte sequence of the Basic Multilingual Plane, and a pair of them is kept as one `UInt32`
/// (the two UTF-16 units, the first in the high half), which the shard hash reads directly.
enum SearchTokenizer {
    /// The distinct keys of one page: its title's first, then those only its text holds.
    ///
    /// Each list is in order of first appearance and sized exactly, so a page of 10,000 costs a few
    /// hundred bytes until the index is merged.
    struct Keys: Sendable, Equatable {
        /// Distinct Han pairs; the first `titleBigramCount` are those of the title.
        var bigrams: [UInt32] = []
        var titleBigramCount = 0
        /// Distinct words; the first `titleWordCount` are those of the title.
        var words: [String] = []
        var titleWordCount = 0

        var count: Int { bigrams.count + words.count }

        /// Whether the page (title or text) holds the pair.
        func contains(bigram pair: UInt32) -> Bool { bigrams.contains(pair) }
    }

    /// The character as the index compares it: full-width ASCII folded to ASCII, ASCII letters
    /// lowercased. One UTF-16 unit in, one out, so offsets in normalized text match the original.
    @inline(__always)
    static func fold(_ unit: UInt32) -> UInt32 {
        var u = unit
        if u >= 0xFF01 && u <= 0xFF5E { u -= 0xFEE0 }
        if u >= 0x41 && u <= 0x5A { u += 0x20 }
        return u
    }

    /// A Han ideograph of the BMP (CJK Unified Ideographs, Extension A, Compatibility Ideographs).
    @inline(__always)
    static func isHan(_ u: UInt32) -> Bool {
        (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0xF900 && u <= 0xFAFF)
    }

    /// An ASCII letter or digit after `fold`.
    @inline(__always)
    static func isWordUnit(_ u: UInt32) -> Bool {
        (u >= 0x61 && u <= 0x7A) || (u >= 0x30 && u <= 0x39)
    }

    /// Words longer than this are not indexed (hashes, long numbers): nobody searches for them.
    static let maxWordLength = 32

    static func string(ofBigram pair: UInt32) -> String {
        String(decoding: [UInt16(pair >> 16), UInt16(pair & 0xFFFF)], as: UTF16.self)
    }

    /// Receives the keys of a text in order, duplicates included.
    protocol Sink {
        mutating func bigram(_ pair: UInt32)
        /// A word: its ASCII bytes, folded.
        mutating func word(_ letters: UnsafeBufferPointer<UInt8>)
    }

    /// Hands each key of the UTF-8 text `bytes` to `sink`, in order.
    ///
    /// Characters outside the BMP and stray bytes separate, as their UTF-16 surrogates do in the script.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout some Sink) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxWordLength) { letters in
            var length = 0  // letters of the current word; past `maxWordLength` the word is dropped
            var previousHan: UInt32 = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let lead = bytes[i]
                // Most of a Chinese page: a character of U+5000–U+9FFF (lead bytes E5–E9), always Han and
                // never folded, needs none of the tests below.
                if lead &- 0xE5 < 5 && i + 2 < n {
                    let u = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                    if length > 0 {
                        if length <= maxWordLength { sink.word(UnsafeBufferPointer(rebasing: letters[..<length])) }
                        length = 0
                    }
                    if previousHan != 0 { sink.bigram(previousHan << 16 | u) }
                    previousHan = u
                    continue
                }
                var u: UInt32
                if lead < 0x80 {
                    u = UInt32(lead)
                    i += 1
                } else if lead >= 0xE0 && lead < 0xF0 && i + 2 < n {
                    u = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    u = 0
                    i += 1
                    while i < n && bytes[i] & 0xC0 == 0x80 { i += 1 }
                }
                u = fold(u)
                if isHan(u) {
                    if length > 0 {
                        if length <= maxWordLength { sink.word(UnsafeBufferPointer(rebasing: letters[..<length])) }
                        length = 0
                    }
                    if previousHan != 0 { sink.bigram(previousHan << 16 | u) }
                    previousHan = u
                } else if isWordUnit(u) {
                    previousHan = 0
                    if length < maxWordLength { letters[length] = UInt8(u) }
                    length += 1
                } else {
                    previousHan = 0
                    if length > 0 {
                        if length <= maxWordLength { sink.word(UnsafeBufferPointer(rebasing: letters[..<length])) }
                        length = 0
                    }
                }
            }
            if length > 0 && length <= maxWordLength { sink.word(UnsafeBufferPointer(rebasing: letters[..<length])) }
        }
    }

    /// The distinct keys of a page: `title`'s, then the others of `text` (both UTF-8).
    static func keys(title: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Keys {
        // A pair takes two Han characters of three bytes each: never more pairs than a third of the bytes.
        var set = DistinctKeys(capacity: (title.count + text.count) / 3 + 1)
        defer { set.deallocate() }
        scan(title, into: &set)
        let titleBigrams = set.count
        let titleWords = set.words.count
        scan(text, into: &set)
        return Keys(
            bigrams: Array(UnsafeBufferPointer(start: set.bigrams, count: set.count)), titleBigramCount: titleBigrams,
            words: set.words, titleWordCount: titleWords)
    }

    /// The distinct keys of `text`, as a page without a title.
    static func keys(of text: String) -> Keys {
        var text = text
        return text.withUTF8 { keys(title: UnsafeBufferPointer(start: nil, count: 0), text: $0) }
    }

    /// The keys of `text` in order, as text (a query's keys, for tests and documentation).
    static func keyList(of text: String) -> [String] {
        struct List: Sink {
            var keys: [String] = []
            mutating func bigram(_ pair: UInt32) { keys.append(SearchTokenizer.string(ofBigram: pair)) }
            mutating func word(_ letters: UnsafeBufferPointer<UInt8>) {
                keys.append(String(decoding: letters, as: UTF8.self))
            }
        }
        var list = List()
        var text = text
        text.withUTF8 { scan($0, into: &list) }
        return list.keys
    }

    /// Keeps the first appearance of each key: pairs in an open-addressing table of numbers (no
    /// hashing of strings, no sorting), words in a list (a Chinese page has few) or, past `wordsInList`, a set.
    struct DistinctKeys: Sink {
        /// The table (0 marks an empty slot: a pair is never 0, Han starts at U+3400), at most half full.
        private var table: UnsafeMutablePointer<UInt32>
        private var mask: Int
        /// The distinct pairs in order, `count` of them.
        let bigrams: UnsafeMutablePointer<UInt32>
        private(set) var count = 0
        private let capacity: Int
        private(set) var words: [String] = []
        private var seenWords: Set<String> = []

        /// The table's first size: a page repeats most of its pairs, so a table for every pair its length
        /// allows (a 90 KB text allows 30,000) would mostly be cleared for nothing.
        static let firstTableSize = 1024

        /// Room for `capacity` distinct pairs; `deallocate` frees it.
        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 && size < Self.firstTableSize { size *= 2 }
            table = .allocate(capacity: size)
            table.initialize(repeating: 0, count: size)
            mask = size - 1
            bigrams = .allocate(capacity: max(1, capacity))
            self.capacity = capacity
        }

        func deallocate() {
            table.deallocate()
            bigrams.deallocate()
        }

        mutating func bigram(_ pair: UInt32) {
            var slot = Self.slot(of: pair, mask: mask)
            while true {
                let held = table[slot]
                if held == pair { return }
                if held == 0 { break }
                slot = (slot + 1) & mask
            }
            guard count < capacity else { return }
            table[slot] = pair
            bigrams[count] = pair
            count += 1
            if count * 2 > mask { grow() }
        }

        @inline(__always)
        private static func slot(of pair: UInt32, mask: Int) -> Int {
            Int(truncatingIfNeeded: (UInt64(pair) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        }

        /// Doubles the table and puts the pairs held back in it.
        private mutating func grow() {
            let size = (mask + 1) * 2
            table.deallocate()
            table = .allocate(capacity: size)
            table.initialize(repeating: 0, count: size)
            mask = size - 1
            for index in 0..<count {
                let pair = bigrams[index]
                var slot = Self.slot(of: pair, mask: mask)
                while table[slot] != 0 { slot = (slot + 1) & mask }
                table[slot] = pair
            }
        }

        mutating func word(_ letters: UnsafeBufferPointer<UInt8>) {
            let word = String(decoding: letters, as: UTF8.self)
            // Most pages have a few dozen distinct words (dates, numbers): a list finds them without hashing
            // (a word of up to 15 letters compares as two machine words); past that, a set.
            if words.count < Self.wordsInList {
                if !words.contains(word) { words.append(word) }
                return
            }
            if seenWords.isEmpty { seenWords = Set(words) }
            if seenWords.insert(word).inserted { words.append(word) }
        }

        /// Up to this many distinct words are looked up in `words` itself.
        static let wordsInList = 32
    }
}
