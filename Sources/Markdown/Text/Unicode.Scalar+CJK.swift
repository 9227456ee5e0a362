extension Unicode.Scalar {
    /// A Chinese, Japanese or Korean character that is read as one unit: Han ideographs (including
    /// `〇`), kana and Hangul syllables. CJK punctuation is not included.
    var isCJKCharacter: Bool {
        // Plain ranges rather than `properties.isIdeographic`, which is a table lookup per scalar.
        switch value {
        case 0..<0x1100: return false
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x3FFFF, 0xF900...0xFAFF: return true  // Han
        case 0x3006, 0x3007, 0x3021...0x3029, 0x3038...0x303A: return true  // 〆 〇 and Suzhou numerals
        case 0x3040...0x30FF, 0x31F0...0x31FF: return true  // Hiragana, Katakana, phonetic extensions
        case 0x3100...0x312F, 0x31A0...0x31BF: return true  // Bopomofo
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return true  // Hangul
        default: return false
        }
    }

    /// A CJK character or full-width punctuation: text that is written without spaces between.
    var isCJKWide: Bool {
        switch value {
        case 0x3000...0x303F, 0xFF00...0xFFEF: return true  // CJK symbols and punctuation, full-width forms
        default: return isCJKCharacter
        }
    }

    /// A letter, mark or digit: part of a word.
    var isWordCharacter: Bool {
        if isASCII {
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        switch value {
        // General punctuation (“”—…), CJK punctuation (、。《》「」【】) and full-width punctuation (，！：；？):
        // the commonest scalars of Chinese text after the characters, and none of them a letter or a digit
        // (`UnicodeScalarTests` checks every one against the property table).
        case 0x2000...0x206F, 0x3000...0x3004, 0x3008...0x3020, 0xFF01...0xFF0F, 0xFF1A...0xFF20: return false
        default: break
        }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// White space as Unicode defines it (`White_Space`), without a property table lookup.
    var isSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
