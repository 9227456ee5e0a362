/// The line-breaking rules of DESIGN.md §7 (W3C clreq levels), as sets of characters.
public enum Kinsoku {
    /// Characters that never start a line at `basic` and above.
    public static let basicNoStart: Set<Character> = Set("、。，．：；？！）］｝〕〉》」』】〗”’·" + ",.;:?!)]}%")
    /// Characters that never end a line at `basic` and above.
    public static let basicNoEnd: Set<Character> = Set("（［｛〔〈《「『【〖“‘")
    /// Added at `gb`: never at a line end.
    public static let gbNoEnd: Set<Character> = ["/"]
    /// Added at `strict`: units that never start a line.
    public static let strictNoStart: Set<String> = ["——", "……"]

    /// True when a line must not start with `unit` at `level`.
    public static func cannotStart(_ unit: String, level: KinsokuLevel) -> Bool {
        guard level >= .basic, let first = unit.first else { return false }
        if basicNoStart.contains(first) { return true }
        return level >= .strict && strictNoStart.contains(unit)
    }

    /// True when a line must not end with `unit` at `level`.
    public static func cannotEnd(_ unit: String, level: KinsokuLevel) -> Bool {
        guard level >= .basic, let last = unit.last else { return false }
        if basicNoEnd.contains(last) { return true }
        return level >= .gb && gbNoEnd.contains(last)
    }

    /// True when a finished line breaks a rule at its start or end (used by tests and by `led fit` checks).
    public static func violates(line: String, level: KinsokuLevel) -> Bool {
        let units = LayoutUnit.split(line, font: 2).filter { $0.kind == .text }
        guard let first = units.first, let last = units.last else { return false }
        return cannotStart(first.text, level: level) || cannotEnd(last.text, level: level)
    }
}
