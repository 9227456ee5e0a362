/// A piece of text the layout engine never breaks: one character, an ASCII word or number (with its `%` or `℃`),
/// `——` or `……`; or a space or a hard line break.
public struct LayoutUnit: Sendable, Hashable {
    /// What a unit is.
    public enum Kind: Sendable, Hashable {
        case text
        /// An ASCII space or tab: a break opportunity, dropped at line ends.
        case space
        /// A line break written in the message.
        case newline
    }

    public var text: String
    /// Pixels.
    public var width: Int
    public var kind: Kind

    public init(text: String, width: Int, kind: Kind = .text) {
        self.text = text
        self.width = width
        self.kind = kind
    }

    /// True when `character` is one byte in GB18030 and so drawn half width.
    ///
    /// GB18030's one-byte range is exactly ASCII 0x00–0x7F; every other character is two or four bytes. This is
    /// the DESIGN.md §7 rule ("widths from the encoded length") without an iconv call per character; a test checks
    /// it against iconv.
    public static func isHalfWidth(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && character.isASCII
    }

    /// Pixel width of one character for a `font` cell.
    public static func width(of character: Character, font: Int) -> Int {
        isHalfWidth(character) ? font / 2 : font
    }

    /// Pixel width of a text for a `font` cell.
    public static func width(of text: String, font: Int) -> Int {
        text.reduce(0) { $0 + width(of: $1, font: font) }
    }

    /// Splits `text` into never-break units.
    public static func split(_ text: String, font: Int) -> [LayoutUnit] {
        let chars = Array(text)
        var units: [LayoutUnit] = []
        var i = 0
        func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c.isNewline {
                units.append(LayoutUnit(text: "\n", width: 0, kind: .newline))
                i += 1
            } else if c == " " || c == "\t" {
                units.append(LayoutUnit(text: " ", width: font / 2, kind: .space))
                i += 1
            } else if isAlnum(c) {
                var j = i + 1
                while j < chars.count {
                    let d = chars[j]
                    if isAlnum(d) {
                        j += 1
                        continue
                    }
                    // Connectors inside a word or number: 3.5, 1,000, 06:30, COVID-19, don't.
                    guard j + 1 < chars.count else { break }
                    let prev = chars[j - 1]
                    let next = chars[j + 1]
                    if ".,:".contains(d) && isDigit(prev) && isDigit(next) {
                        j += 2
                    } else if "-_'".contains(d) && isAlnum(prev) && isAlnum(next) {
                        j += 2
                    } else {
                        break
                    }
                }
                if j < chars.count, isDigit(chars[j - 1]), "%％℃".contains(chars[j]) { j += 1 }
                let word = String(chars[i..<j])
                units.append(LayoutUnit(text: word, width: width(of: word, font: font)))
                i = j
            } else if c == "—" || c == "…", i + 1 < chars.count, chars[i + 1] == c {
                let pair = String([c, c])
                units.append(LayoutUnit(text: pair, width: width(of: pair, font: font)))
                i += 2
            } else {
                units.append(LayoutUnit(text: String(c), width: width(of: c, font: font)))
                i += 1
            }
        }
        return units
    }
}
