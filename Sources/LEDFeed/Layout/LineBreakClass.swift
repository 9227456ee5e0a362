/// The Unicode line-break class (UAX #14) of a character, for the characters that matter on Chinese LED screens.
///
/// The table is written by hand from UAX #14 (`LineBreak.txt`): Foundation on Linux exposes no line-break property
/// or break iterator, and none of the Swift packages the project may use offers line-break classes. Only the
/// classes the layout acts on are listed; every other character is `ideographic` (CJK, full-width forms, kana) or
/// `alphabetic` (other letters and symbols). Where the Chinese layout requirements (W3C clreq, GB/T 15834-2011)
/// treat a character differently from UAX #14's default, the table follows the Chinese rule and says so: the
/// curly quotes `“‘` / `”’` (QU in UAX #14) are opening / closing, since Chinese text never uses them the other
/// way round; `：；` (NS) count with the closing stops; `·` (AI) and `～` (ID) are non-starters (GB/T 15834 §5.1.5,
/// §5.1.6).
public enum LineBreakClass: Sendable, Hashable {
    /// OP: opening brackets and quotes; never end a line.
    case openPunctuation
    /// CL, CP: closing brackets and quotes, and the Chinese stops `、。，．`; never start a line.
    case closePunctuation
    /// EX: `!?！？`; never start a line.
    case exclamation
    /// IS: `,.:;` and `：；`; never start a line.
    case infixSeparator
    /// QU: ASCII `"` and `'`, opening or closing by their position in the text.
    case quotation
    /// NS: iteration marks, prolonged sound mark, `·`, `～`, `〜`, `‼`; never start a line.
    case nonstarter
    /// SY: `/` (slash); never starts a line, a break may follow it.
    case symbol
    /// PR: currency signs and `+`, `−`, `№` before a number; never end a line before their number.
    case prefixNumeric
    /// PO: `%`, `‰`, `‱`, `°`, `℃`, `℉`, `′`, `″`, `¢` after a number; never start a line.
    case postfixNumeric
    /// NU: ASCII and full-width digits.
    case numeric
    /// AL: letters and other symbols; breaks only at spaces between them.
    case alphabetic
    /// ID: ideographs; a line may break before and after each.
    case ideographic
    /// BA: the ideographic space U+3000 and other break-after spaces.
    case breakAfter
    /// HY, BA dashes: `-`, `‐`, `–`, and a single `—` (GB/T 15834 connecting marks).
    case hyphen
    /// B2: `—`; two together (`——`) are never split.
    case dashPair
    /// IN: `…`, `‥`; two together (`……`) are never split.
    case inseparable
    /// GL, WJ: no-break space, word joiner; no break on either side.
    case glue
    /// ZW: zero-width space; a break opportunity of no width.
    case zeroWidthSpace
    /// SP: ASCII space and tab.
    case space
    /// BK, CR, LF, NL: a line break written in the text.
    case mandatoryBreak

    /// The class of `character`, looked up by its first scalar (a combining mark after it does not change it).
    public static func of(_ character: Character) -> LineBreakClass {
        guard let scalar = character.unicodeScalars.first else { return .alphabetic }
        return of(scalar)
    }

    /// The class of one scalar.
    public static func of(_ scalar: Unicode.Scalar) -> LineBreakClass {
        let v = scalar.value
        switch v {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .mandatoryBreak
        case 0x20, 0x09: return .space
        case 0x200B: return .zeroWidthSpace
        case 0xA0, 0x202F, 0x2060, 0xFEFF, 0x2007: return .glue
        case 0x3000: return .breakAfter
        case 0x30...0x39, 0xFF10...0xFF19: return .numeric
        default: break
        }
        if let found = table[v] { return found }
        switch v {
        case 0x2E80...0x2FFF, 0x3040...0x30FF, 0x3100...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
            0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x1_F000...0x3_FFFF:
            return .ideographic
        default:
            return .alphabetic
        }
    }

    /// Characters whose class is not the default of their block.
    static let table: [UInt32: LineBreakClass] = {
        var table: [UInt32: LineBreakClass] = [:]
        func set(_ characters: String, _ lineBreakClass: LineBreakClass) {
            for scalar in characters.unicodeScalars { table[scalar.value] = lineBreakClass }
        }
        set("([{（［｛〔〈《「『【〖〘〚｟｢“‘", .openPunctuation)
        set(")]}）］｝〕〉》」』】〗〙〛｠｣”’、。，．｡､", .closePunctuation)
        set("!?！？‼⁇⁈⁉", .exclamation)
        set(",.:;：；", .infixSeparator)
        set("\"'", .quotation)
        set("·・‧々〻ゝゞヽヾーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ〜～゛゜", .nonstarter)
        set("/／", .symbol)
        set("$¥£€₩₹＄￥￡+№", .prefixNumeric)
        set("%％‰‱°℃℉′″¢￠", .postfixNumeric)
        set("-‐‑–~", .hyphen)
        set("—", .dashPair)
        set("…‥", .inseparable)
        return table
    }()
}
