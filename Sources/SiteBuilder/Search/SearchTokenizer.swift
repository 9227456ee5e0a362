/// The keys of the site search: every CJK character bigram and every Latin/number word of a text.
///
/// The search page's script (`Theme/assets/search.js`) splits queries with exactly these rules, so
/// a query's keys are always keys of the index: Han characters in a run give their overlapping
/// pairs (`乱停乱放` → `乱停`, `停乱`, `乱放`); runs of ASCII letters and digits (full-width forms
/// folded to ASCII, letters lowercased) are words; everything else separates.
enum SearchTokenizer {
    /// One key: a pair of Han characters (their UTF-16 units, the first in the high half) or a word.
    enum Key: Hashable, Sendable {
        case bigram(UInt32)
        case word(String)

        /// The key as the index files and the script write it.
        var text: String {
            switch self {
            case .bigram(let pair): return SearchTokenizer.string(ofBigram: pair)
            case .word(let word): return word
            }
        }
    }

    /// The distinct keys of a text, each list sorted; bigrams kept as numbers (cheap to sort and hash).
    struct Keys: Sendable, Equatable {
        var bigrams: [UInt32] = []
        var words: [String] = []

        var count: Int { bigrams.count + words.count }

        /// Sorts both lists and drops repeats.
        mutating func normalize() {
            bigrams.sort()
            var last: UInt32 = 0
            var kept = 0
            for pair in bigrams where kept == 0 || pair != last {
                bigrams[kept] = pair
                kept += 1
                last = pair
            }
            bigrams.removeLast(bigrams.count - kept)
            words = Array(Set(words)).sorted()
        }

        mutating func formUnion(_ other: Keys) {
            bigrams += other.bigrams
            words += other.words
            normalize()
        }

        func contains(bigram pair: UInt32) -> Bool {
            var low = 0
            var high = bigrams.count
            while low < high {
                let mid = (low + high) / 2
                if bigrams[mid] < pair { low = mid + 1 } else { high = mid }
            }
            return low < bigrams.count && bigrams[low] == pair
        }
    }

    /// The character as the index compares it: full-width ASCII folded to ASCII, ASCII letters
    /// lowercased. One UTF-16 unit in, one out, so offsets in normalized text match the original.
    static func fold(_ unit: UInt16) -> UInt16 {
        var u = unit
        if u >= 0xFF01 && u <= 0xFF5E { u -= 0xFEE0 }
        if u >= 0x41 && u <= 0x5A { u += 0x20 }
        return u
    }

    /// A Han ideograph of the BMP (CJK Unified Ideographs, Extension A, Compatibility Ideographs).
    static func isHan(_ u: UInt16) -> Bool {
        (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0xF900 && u <= 0xFAFF)
    }

    /// An ASCII letter or digit after `fold`.
    static func isWordUnit(_ u: UInt16) -> Bool {
        (u >= 0x61 && u <= 0x7A) || (u >= 0x30 && u <= 0x39)
    }

    /// Words longer than this are not indexed (hashes, long numbers): nobody searches for them.
    static let maxWordLength = 32

    static func string(ofBigram pair: UInt32) -> String {
        String(decoding: [UInt16(pair >> 16), UInt16(pair & 0xFFFF)], as: UTF16.self)
    }

    /// Calls `bigram` and `word` with each key of `text` in order (duplicates included).
    static func scan(_ text: String, bigram: (UInt32) -> Void, word: (String) -> Void) {
        var previousHan: UInt32 = 0
        var letters: [UInt8] = []
        letters.reserveCapacity(maxWordLength)
        var overlong = false
        func flushWord() {
            if !letters.isEmpty && !overlong { word(String(decoding: letters, as: UTF8.self)) }
            letters.removeAll(keepingCapacity: true)
            overlong = false
        }
        for raw in text.utf16 {
            let u = fold(raw)
            if isHan(u) {
                if !letters.isEmpty || overlong { flushWord() }
                if previousHan != 0 { bigram(previousHan << 16 | UInt32(u)) }
                previousHan = UInt32(u)
            } else if isWordUnit(u) {
                previousHan = 0
                if letters.count < maxWordLength { letters.append(UInt8(u)) } else { overlong = true }
            } else {
                previousHan = 0
                if !letters.isEmpty || overlong { flushWord() }
            }
        }
        flushWord()
    }

    /// The distinct keys of `text`.
    static func keys(of text: String) -> Keys {
        var keys = Keys()
        keys.bigrams.reserveCapacity(text.utf16.count)
        scan(text, bigram: { keys.bigrams.append($0) }, word: { keys.words.append($0) })
        keys.normalize()
        return keys
    }

    /// The keys of `text` in order, as text (a query's keys, for tests and documentation).
    static func keyList(of text: String) -> [String] {
        var keys: [String] = []
        scan(text, bigram: { keys.append(string(ofBigram: $0)) }, word: { keys.append($0) })
        return keys
    }
}
