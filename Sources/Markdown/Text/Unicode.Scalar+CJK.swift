extension Unicode.Scalar {
    /// A Chinese, Japanese or Korean character that is read as one unit: Han ideographs (including
    /// `〇`), kana and Hangul syllables. CJK punctuation is not included.
    var isCJKCharacter: Bool {
        if properties.isIdeographic { return true }
        switch value {
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
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
