/// The keys of the site search: every CJK character bigram and every Latin/number word of a text.
///
/// The search page's script (`Theme/assets/search.js`) splits queries with exactly these rules, so
/// a query's keys are always keys of the index: Han characters in a run give their overlapping
/// pairs (`乱停乱放` → `乱停`, `停乱`, `乱放`); runs of ASCII letters and digits (full-width forms
/// folded to ASCII, letters lowercased) are words; everything else separates.
enum SearchTokenizer {
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

    /// Calls `body` with each key of `text` in order (duplicates included).
    static func forEachKey(in text: String, _ body: (String) -> Void) {
        var previousHan: UInt16 = 0
        var word: [UInt16] = []
        func flushWord() {
            if !word.isEmpty && word.count <= maxWordLength {
                body(String(decoding: word, as: UTF16.self))
            }
            word.removeAll(keepingCapacity: true)
        }
        for raw in text.utf16 {
            let u = fold(raw)
            if isHan(u) {
                flushWord()
                if previousHan != 0 { body(String(decoding: [previousHan, u], as: UTF16.self)) }
                previousHan = u
            } else if isWordUnit(u) {
                previousHan = 0
                word.append(u)
            } else {
                previousHan = 0
                flushWord()
            }
        }
        flushWord()
    }

    /// The distinct keys of `text`.
    static func keys(of text: String) -> Set<String> {
        var keys: Set<String> = []
        forEachKey(in: text) { keys.insert($0) }
        return keys
    }

    /// The keys of `text` in order (a query's keys, for tests and documentation).
    static func keyList(of text: String) -> [String] {
        var keys: [String] = []
        forEachKey(in: text) { keys.append($0) }
        return keys
    }
}
