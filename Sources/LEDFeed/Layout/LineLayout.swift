/// The geometry and rules of one screen, as the layout engine needs them.
public struct LayoutSettings: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var font: Int
    public var lineGap: Int
    public var kinsoku: KinsokuLevel
    public var mode: LEDMode

    public init(
        width: Int, height: Int, font: Int = 16, lineGap: Int = 0, kinsoku: KinsokuLevel = .basic,
        mode: LEDMode = .paged
    ) {
        self.width = width
        self.height = height
        self.font = font
        self.lineGap = lineGap
        self.kinsoku = kinsoku
        self.mode = mode
    }

    /// ⌊(height + gap) / (font + gap)⌋, at least 1.
    public var linesPerPage: Int {
        max(1, (height + lineGap) / max(1, font + lineGap))
    }
}

/// The line layout of DESIGN.md §7: greedy filling of never-break units with kinsoku push-down, then pages.
///
/// Modes: `paged` cuts the lines into pages of `linesPerPage`; `scroll-left` gives one page with one line
/// (line breaks written in the message become an ideographic space, nothing is wrapped); `scroll-up` gives one
/// page holding every line, since the controller scrolls them through without page breaks.
public enum LineLayout {
    /// What a hard line break becomes in a `scroll-left` line.
    public static let scrollJoiner = "\u{3000}"

    /// Lays `text` out as pages of lines for `settings`.
    public static func pages(_ text: String, settings: LayoutSettings) -> [[String]] {
        pages(units: LayoutUnit.split(text, font: settings.font), settings: settings)
    }

    /// Lays out pre-segmented text: each segment is kept on one line when it fits (e.g. the twelve terms of
    /// the core values), and is itself split into units when it is wider than a line.
    public static func pages(segments: [String], settings: LayoutSettings) -> [[String]] {
        let units = segments.map { LayoutUnit(text: $0, width: LayoutUnit.width(of: $0, font: settings.font)) }
        return pages(units: units, settings: settings)
    }

    static func pages(units: [LayoutUnit], settings: LayoutSettings) -> [[String]] {
        switch settings.mode {
        case .scrollLeft:
            let joined = units.map { $0.kind == .newline ? scrollJoiner : $0.text }.joined()
            let line = trimSpaces(joined)
            return line.isEmpty ? [] : [[line]]
        case .scrollUp:
            let all = lines(units: units, width: settings.width, font: settings.font, kinsoku: settings.kinsoku)
            return all.isEmpty ? [] : [all]
        case .paged:
            let all = lines(units: units, width: settings.width, font: settings.font, kinsoku: settings.kinsoku)
            let size = settings.linesPerPage
            return stride(from: 0, to: all.count, by: size).map { Array(all[$0..<min($0 + size, all.count)]) }
        }
    }

    /// Breaks `text` into lines no wider than `width` pixels.
    public static func lines(_ text: String, width: Int, font: Int, kinsoku: KinsokuLevel) -> [String] {
        lines(units: LayoutUnit.split(text, font: font), width: width, font: font, kinsoku: kinsoku)
    }

    static func lines(units input: [LayoutUnit], width: Int, font: Int, kinsoku: KinsokuLevel) -> [String] {
        // A unit wider than a line is split into its characters.
        var units: [LayoutUnit] = []
        for unit in input {
            if unit.kind == .text && unit.width > width && unit.text.count > 1 {
                units += unit.text.map { LayoutUnit(text: String($0), width: LayoutUnit.width(of: $0, font: font)) }
            } else {
                units.append(unit)
            }
        }

        var lines: [String] = []
        var current: [LayoutUnit] = []
        var currentWidth = 0

        func finish(_ line: [LayoutUnit]) {
            var line = line
            while line.last?.kind == .space { line.removeLast() }
            // Blank lines (an empty line in the message) would waste a row of a small screen and could not be
            // told from a page break in the .txt export; they are dropped.
            guard !line.isEmpty else { return }
            lines.append(line.map(\.text).joined())
        }

        var i = 0
        while i < units.count {
            let unit = units[i]
            switch unit.kind {
            case .newline:
                finish(current)
                current = []
                currentWidth = 0
                i += 1
                continue
            case .space where current.isEmpty:
                i += 1
                continue
            case .space where currentWidth + unit.width > width:
                // Break at the space itself; it disappears.
                finish(current)
                current = []
                currentWidth = 0
                i += 1
                continue
            default:
                break
            }
            if current.isEmpty || currentWidth + unit.width <= width {
                current.append(unit)
                currentWidth += unit.width
                i += 1
                continue
            }
            // `unit` does not fit: find the last legal break, pushing characters down to the next line.
            var k = current.count
            while k > 0 && !isLegalBreak(before: k, in: current, next: unit, kinsoku: kinsoku) { k -= 1 }
            if k == 0 { k = current.count }  // no legal break on this line: break the rule rather than overflow
            let moved = Array(current[k...].drop { $0.kind == .space })
            finish(Array(current[..<k]))
            current = moved
            currentWidth = moved.reduce(0) { $0 + $1.width }
        }
        finish(current)
        return lines
    }

    /// Whether a line may end before `current[k]` (or before `next` when `k == current.count`).
    static func isLegalBreak(before k: Int, in current: [LayoutUnit], next: LayoutUnit, kinsoku: KinsokuLevel) -> Bool {
        guard let previous = current[..<k].last(where: { $0.kind == .text }) else { return false }
        let following = current[k...].first(where: { $0.kind == .text }) ?? next
        return !Kinsoku.cannotEnd(previous.text, level: kinsoku) && !Kinsoku.cannotStart(following.text, level: kinsoku)
    }

    static func trimSpaces(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
