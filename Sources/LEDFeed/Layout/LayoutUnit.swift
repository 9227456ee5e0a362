/// A piece of text the layout engine never breaks, or a space or a hard line break.
///
/// Units (docs/led-guide.md, "Never broken"): one character; an ASCII word or number with its connectors (`3.5`, `1,000`,
/// `06:30`, `COVID-19`); a number with its currency sign before it (`¥50`, `￥1,000`) and its unit after it (`%`,
/// `‰`, `°`, `°C`, `℃`); a run of full-width digits and letters (`２０２６`, `ＡＢＣ`); a URL or an e-mail address;
/// `——` and `……`. A unit wider than a whole line is cut at its own natural points (`naturalBreaks`: after each
/// `/` of a URL path, never before; after `@` and `.` of an address; after the `-` of a word) and only where
/// those are not enough, between characters.
public struct LayoutUnit: Sendable, Hashable {
    /// What a unit is.
    public enum Kind: Sendable, Hashable {
        case text
        /// An ASCII space or tab: a break opportunity, dropped at line ends.
        case space
        /// A line break written in the message.
        case newline
    }

    /// For ASCII `"` and `'`: whether the quote opens or closes (by alternation in the text).
    public enum QuoteRole: Sendable, Hashable {
        case none, opening, closing
    }

    public var text: String
    /// Pixels.
    public var width: Int
    public var kind: Kind
    public var quoteRole: QuoteRole
    /// Character offsets inside `text` after which the unit may be cut when it is wider than a line, best first:
    /// the first list is tried before the second.
    public var naturalBreaks: [[Int]]
    /// Units sharing a group (a date `12月1日`, a number with its counter `3.5万元`) are kept on one line when the
    /// line must break inside them and the group fits a line.
    public var group: Int?
    /// True for the second and later pieces of a unit cut because it was wider than a line: the break before it
    /// is the unit's own, no kinsoku rule applies to it.
    public var isPiece: Bool

    public init(
        text: String, width: Int, kind: Kind = .text, quoteRole: QuoteRole = .none, naturalBreaks: [[Int]] = [],
        group: Int? = nil, isPiece: Bool = false
    ) {
        self.text = text
        self.width = width
        self.kind = kind
        self.quoteRole = quoteRole
        self.naturalBreaks = naturalBreaks
        self.group = group
        self.isPiece = isPiece
    }

    /// True when `character` is one byte in GB18030 and so drawn half width.
    ///
    /// GB18030's one-byte range is exactly ASCII 0x00–0x7F; every other character is two or four bytes. This is
    /// the width rule of docs/led-guide.md ("widths from the encoded length") without an iconv call per character; a test checks
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

    /// Counters and calendar words that belong to the number before them (`12月1日`, `8时30分`, `3万元`).
    static let counters: Set<Character> = Set("年月日号时点分秒元角万亿千百个人次名岁米吨天周")

    /// Splits `text` into never-break units.
    public static func split(_ text: String, font: Int) -> [LayoutUnit] {
        var scanner = UnitScanner(chars: Array(text), font: font)
        return assignGroups(scanner.scan())
    }

    /// Marks numbers followed by counters (`2026年11月29日`, `3.5万元`) as groups.
    static func assignGroups(_ units: [LayoutUnit]) -> [LayoutUnit] {
        var units = units
        var next = 0
        var i = 0
        while i < units.count {
            guard units[i].kind == .text, units[i].startsWithDigit else {
                i += 1
                continue
            }
            var j = i
            // number counter+ (number counter+)*
            while j < units.count, units[j].kind == .text, units[j].startsWithDigit {
                var k = j + 1
                while k < units.count, units[k].text.count == 1, let c = units[k].text.first, counters.contains(c) {
                    k += 1
                }
                guard k > j + 1 else { break }
                j = k
            }
            if j > i + 1 {
                for index in i..<j { units[index].group = next }
                next += 1
                i = j
            } else {
                i += 1
            }
        }
        return units
    }

    var startsWithDigit: Bool {
        guard let first = text.first else { return false }
        return LineBreakClass.of(first) == .numeric
    }

    /// The pieces of a unit wider than `width`: cut at its natural points, then between characters.
    func pieces(width: Int, font: Int) -> [LayoutUnit] {
        let chars = Array(text)
        var segments: [ArraySlice<Character>] = [chars[...]]
        for breaks in naturalBreaks {
            segments = segments.flatMap { segment -> [ArraySlice<Character>] in
                guard Self.width(of: String(segment), font: font) > width else { return [segment] }
                var parts: [ArraySlice<Character>] = []
                var start = segment.startIndex
                for offset in breaks where offset > start && offset < segment.endIndex {
                    parts.append(chars[start..<offset])
                    start = offset
                }
                parts.append(chars[start..<segment.endIndex])
                return parts
            }
        }
        var pieces: [LayoutUnit] = []
        for segment in segments {
            let piece = String(segment)
            if Self.width(of: piece, font: font) > width && segment.count > 1 {
                pieces += segment.map { LayoutUnit(text: String($0), width: Self.width(of: $0, font: font)) }
            } else {
                pieces.append(LayoutUnit(text: piece, width: Self.width(of: piece, font: font)))
            }
        }
        for index in pieces.indices {
            pieces[index].isPiece = index > 0
            pieces[index].quoteRole = quoteRole
        }
        return pieces
    }
}

/// Reads units off a text, left to right.
private struct UnitScanner {
    let chars: [Character]
    let font: Int
    var i = 0
    var units: [LayoutUnit] = []
    var doubleQuotes = 0
    var singleQuotes = 0

    init(chars: [Character], font: Int) {
        self.chars = chars
        self.font = font
    }

    static func isASCIIAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
    static func isASCIIDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    static func isFullWidthAlnum(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return false }
        return (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v)
    }
    static func isDigit(_ c: Character) -> Bool { LineBreakClass.of(c) == .numeric }
    /// Characters of a URL or address after its start (RFC 3986 unreserved, reserved and `%`).
    static func isURLCharacter(_ c: Character) -> Bool {
        isASCIIAlnum(c) || "-._~:/?#[]@!$&*+;=%".contains(c)
    }

    func at(_ index: Int) -> Character? { index >= 0 && index < chars.count ? chars[index] : nil }

    mutating func emit(_ range: Range<Int>, naturalBreaks: [[Int]] = [], quoteRole: LayoutUnit.QuoteRole = .none) {
        let text = String(chars[range])
        units.append(
            LayoutUnit(
                text: text, width: LayoutUnit.width(of: text, font: font), quoteRole: quoteRole,
                naturalBreaks: naturalBreaks))
        i = range.upperBound
    }

    mutating func scan() -> [LayoutUnit] {
        while i < chars.count {
            let c = chars[i]
            switch LineBreakClass.of(c) {
            case .mandatoryBreak:
                // CR LF is one Character in Swift, so each break is one unit.
                units.append(LayoutUnit(text: "\n", width: 0, kind: .newline))
                i += 1
                continue
            case .space:
                units.append(LayoutUnit(text: " ", width: font / 2, kind: .space))
                i += 1
                continue
            case .zeroWidthSpace:
                units.append(LayoutUnit(text: "", width: 0, kind: .space))
                i += 1
                continue
            default:
                break
            }
            if let end = urlEnd(at: i) {
                emit(i..<end, naturalBreaks: urlBreaks(i..<end))
            } else if let end = emailEnd(at: i) {
                emit(i..<end, naturalBreaks: emailBreaks(i..<end))
            } else if LineBreakClass.of(c) == .prefixNumeric, let next = at(i + 1), Self.isDigit(next) {
                emit(i..<numberEnd(from: i + 1))
            } else if Self.isASCIIAlnum(c) {
                let end = wordEnd(from: i)
                var breaks: [Int] = []
                for index in i..<end where chars[index] == "-" { breaks.append(index + 1 - i) }
                emit(i..<end, naturalBreaks: breaks.isEmpty ? [] : [breaks])
            } else if Self.isFullWidthAlnum(c) {
                emit(i..<numberEnd(from: i))
            } else if c == "—" || c == "…" || c == "‥" {
                var j = i + 1
                while let d = at(j), d == c { j += 1 }
                // Pairs stay pairs; an odd one left over is a unit of its own.
                if j - i >= 2 {
                    emit(i..<(i + (j - i) / 2 * 2))
                } else {
                    emit(i..<j)
                }
            } else if c == "\"" || c == "'" {
                let count = c == "\"" ? doubleQuotes : singleQuotes
                if c == "\"" { doubleQuotes += 1 } else { singleQuotes += 1 }
                emit(i..<(i + 1), quoteRole: count % 2 == 0 ? .opening : .closing)
            } else {
                emit(i..<(i + 1))
            }
            glueToPrevious()
        }
        return units
    }

    /// A no-break space or word joiner joins the units on both sides of it into one.
    mutating func glueToPrevious() {
        guard units.count >= 2, let last = units.last, units[units.count - 2].kind == .text,
            let previousLast = units[units.count - 2].text.last, let lastFirst = last.text.first,
            LineBreakClass.of(previousLast) == .glue || LineBreakClass.of(lastFirst) == .glue
        else { return }
        let previous = units[units.count - 2]
        units.removeLast(2)
        let text = previous.text + last.text
        units.append(
            LayoutUnit(text: text, width: previous.width + last.width, quoteRole: previous.quoteRole))
    }

    /// An ASCII word or number from `start`, with its connectors and the unit after a number.
    func wordEnd(from start: Int) -> Int {
        var j = start + 1
        while j < chars.count {
            let d = chars[j]
            if Self.isASCIIAlnum(d) {
                j += 1
                continue
            }
            // Connectors inside a word or number: 3.5, 1,000, 06:30, COVID-19, don't.
            guard let prev = at(j - 1), let next = at(j + 1) else { break }
            if ".,:".contains(d) && Self.isASCIIDigit(prev) && Self.isASCIIDigit(next) {
                j += 2
            } else if "-_'".contains(d) && Self.isASCIIAlnum(prev) && Self.isASCIIAlnum(next) {
                j += 2
            } else {
                break
            }
        }
        if let last = at(j - 1), Self.isASCIIDigit(last) { j = postfixEnd(from: j) }
        return j
    }

    /// A number (ASCII or full-width digits, full-width letters) from `start`, with its connectors and postfix.
    func numberEnd(from start: Int) -> Int {
        var j = start
        while let d = at(j) {
            if Self.isASCIIAlnum(d) || Self.isFullWidthAlnum(d) {
                j += 1
            } else if ".,:．，：".contains(d), j > start, let next = at(j + 1), Self.isDigit(next),
                let prev = at(j - 1), Self.isDigit(prev)
            {
                j += 2
            } else {
                break
            }
        }
        if let last = at(j - 1), Self.isDigit(last) { j = postfixEnd(from: j) }
        return j
    }

    /// After a number: its unit (`%`, `‰`, `℃`, `°`, `°C`, `′″`), if any.
    func postfixEnd(from index: Int) -> Int {
        var j = index
        while let d = at(j), LineBreakClass.of(d) == .postfixNumeric { j += 1 }
        if j > index, at(j - 1) == "°", let d = at(j), d == "C" || d == "F" { j += 1 }
        return j
    }

    /// A URL (`http://`, `https://`, `www.`) from `start`; trailing `.,;:!?` belong to the sentence.
    func urlEnd(at start: Int) -> Int? {
        let rest = String(chars[start..<min(chars.count, start + 8)]).lowercased()
        guard rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www.") else { return nil }
        if start > 0, let before = at(start - 1), Self.isASCIIAlnum(before) { return nil }
        var j = start
        while let d = at(j), Self.isURLCharacter(d) { j += 1 }
        while j > start, let last = at(j - 1), ".,;:!?".contains(last) { j -= 1 }
        return j - start > 4 ? j : nil
    }

    /// Where a URL may be cut: after each `/` not followed by another (never inside `//`), then after `.?&=-_#`.
    func urlBreaks(_ range: Range<Int>) -> [[Int]] {
        var slashes: [Int] = []
        var others: [Int] = []
        for index in range.dropLast() {
            let offset = index + 1 - range.lowerBound
            if chars[index] == "/" && chars[index + 1] != "/" {
                slashes.append(offset)
            } else if ".?&=-_#".contains(chars[index]) {
                others.append(offset)
            }
        }
        return [slashes, others]
    }

    /// An e-mail address `local@domain.tld` from `start`.
    func emailEnd(at start: Int) -> Int? {
        guard Self.isASCIIAlnum(chars[start]) else { return nil }
        if start > 0, let before = at(start - 1), Self.isASCIIAlnum(before) || before == "." { return nil }
        var j = start
        while let d = at(j), Self.isASCIIAlnum(d) || "._%+-".contains(d) { j += 1 }
        guard at(j) == "@" else { return nil }
        j += 1
        let domainStart = j
        var dots = 0
        while let d = at(j), Self.isASCIIAlnum(d) || d == "-" || (d == "." && at(j + 1).map(Self.isASCIIAlnum) == true)
        {
            if d == "." { dots += 1 }
            j += 1
        }
        return dots > 0 && j > domainStart ? j : nil
    }

    /// Where an address may be cut: after `@`, then after each `.`.
    func emailBreaks(_ range: Range<Int>) -> [[Int]] {
        var at: [Int] = []
        var dots: [Int] = []
        for index in range.dropLast() {
            let offset = index + 1 - range.lowerBound
            if chars[index] == "@" { at.append(offset) } else if chars[index] == "." { dots.append(offset) }
        }
        return [at, dots]
    }
}
