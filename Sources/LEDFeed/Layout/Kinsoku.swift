/// The line-breaking rules (禁则) of each kinsoku level, on top of the line-break classes of UAX #14 (docs/led-guide.md,
/// "How text is laid out").
///
/// - `none`: no rules; only the never-break units of `LayoutUnit` hold.
/// - `basic` (W3C clreq, basic rules, and UAX #14's own pair rules): closing brackets and quotes, stops, `!?`,
///   `/`, `～`, units after a number (`%‰°℃`) and other non-starters never start a line; opening brackets and
///   quotes (ASCII too) and currency signs never end one.
/// - `gb` (GB/T 15834-2011 §5.1): adds the connecting marks `-`, `–`, a single `—` and `~` (§5.1.5), which never
///   start a line, and the separator `/` (§5.1.8), which never ends one either.
/// - `strict`: adds `——` and `……` (§5.1.3, §5.1.4: never split, and here never at a line start).
public enum Kinsoku {
    /// True when a line must not start with `unit` at `level`.
    public static func cannotStart(_ unit: LayoutUnit, level: KinsokuLevel) -> Bool {
        guard level >= .basic, unit.kind == .text, let first = unit.text.first else { return false }
        if unit.isPiece { return false }
        switch LineBreakClass.of(first) {
        case .closePunctuation, .exclamation, .infixSeparator, .nonstarter, .symbol, .postfixNumeric:
            // A number or word that merely starts with one of these (`.5`) is still one.
            return unit.text.count == 1 || !LineBreakClass.of(unit.text.last ?? first).isWordLike
        case .quotation:
            return unit.quoteRole == .closing
        case .hyphen:
            return level >= .gb && unit.text.count == 1
        case .dashPair, .inseparable:
            // `—` alone is a connecting mark (gb); `——` and `……` are the strict rule.
            if unit.text.count == 1 { return level >= .gb && first == "—" }
            return level >= .strict
        default:
            return false
        }
    }

    /// True when a line must not end with `unit` at `level`.
    public static func cannotEnd(_ unit: LayoutUnit, level: KinsokuLevel) -> Bool {
        guard level >= .basic, unit.kind == .text, let last = unit.text.last else { return false }
        switch LineBreakClass.of(last) {
        case .openPunctuation, .prefixNumeric:
            return true
        case .quotation:
            return unit.quoteRole == .opening
        case .symbol:
            return level >= .gb && unit.text.count == 1
        default:
            return false
        }
    }

    /// True when a line must not start with `text` (split into units first) at `level`.
    public static func cannotStart(_ text: String, level: KinsokuLevel) -> Bool {
        guard let first = LayoutUnit.split(text, font: 2).first(where: { $0.kind == .text }) else { return false }
        return cannotStart(first, level: level)
    }

    /// True when a line must not end with `text` (split into units first) at `level`.
    public static func cannotEnd(_ text: String, level: KinsokuLevel) -> Bool {
        guard let last = LayoutUnit.split(text, font: 2).last(where: { $0.kind == .text }) else { return false }
        return cannotEnd(last, level: level)
    }

    /// True when a finished line breaks a rule at its start or end (used by tests and by `led fit` checks).
    public static func violates(line: String, level: KinsokuLevel) -> Bool {
        let units = LayoutUnit.split(line, font: 2).filter { $0.kind == .text }
        guard let first = units.first, let last = units.last else { return false }
        return cannotStart(first, level: level) || cannotEnd(last, level: level)
    }
}

extension LineBreakClass {
    /// Letters and digits: a unit ending in one is a word or number, whatever it starts with.
    var isWordLike: Bool { self == .alphabetic || self == .numeric }
}
