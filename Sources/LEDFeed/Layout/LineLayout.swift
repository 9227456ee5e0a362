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

/// The line layout of docs/led-guide.md ("How text is laid out"): greedy filling of never-break units with kinsoku push-down, then pages.
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
        unitLines(units: input, width: width, font: font, kinsoku: kinsoku).map { $0.map(\.text).joined() }
    }

    /// The lines as the units they are made of (a cut unit's pieces marked `isPiece`), for checks of the rules.
    static func unitLines(
        units input: [LayoutUnit], width: Int, font: Int, kinsoku: KinsokuLevel
    ) -> [[LayoutUnit]] {
        // A unit wider than a line is cut at its own natural points (a URL after its `/`), else into characters.
        var units: [LayoutUnit] = []
        for unit in input {
            if unit.kind == .text && unit.width > width && unit.text.count > 1 {
                units += unit.pieces(width: width, font: font)
            } else {
                units.append(unit)
            }
        }
        var groupWidths: [Int: Int] = [:]
        for unit in units { if let group = unit.group { groupWidths[group, default: 0] += unit.width } }

        var lines: [[LayoutUnit]] = []
        var current: [LayoutUnit] = []
        var currentWidth = 0
        // True while the line being filled was started by a wrap, not by the text or a written line break.
        var wrapped = false

        func finish(_ line: [LayoutUnit]) {
            var line = line
            while line.last?.kind == .space { line.removeLast() }
            // Blank lines (an empty line in the message) would waste a row of a small screen and could not be
            // told from a page break in the .txt export; they are dropped.
            guard !line.isEmpty else { return }
            lines.append(line)
        }

        /// A wrapped line does not start with a space or an ideographic space (clreq; docs/led-guide.md).
        func isDroppedAtWrap(_ unit: LayoutUnit) -> Bool {
            unit.kind == .space || unit.text == "\u{3000}"
        }

        var i = 0
        while i < units.count {
            let unit = units[i]
            switch unit.kind {
            case .newline:
                finish(current)
                current = []
                currentWidth = 0
                wrapped = false
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
                wrapped = true
                i += 1
                continue
            default:
                break
            }
            if current.isEmpty && wrapped && isDroppedAtWrap(unit) {
                i += 1
                continue
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
            if k == 0 {
                k = current.count  // no legal break on this line: break the rule rather than overflow
            } else if kinsoku >= .basic {
                k = preferringWholeGroup(k, in: current, next: unit, groupWidths: groupWidths, width: width) {
                    isLegalBreak(before: $0, in: current, next: unit, kinsoku: kinsoku)
                }
            }
            var moved = Array(current[k...])
            while let first = moved.first, isDroppedAtWrap(first) { moved.removeFirst() }
            finish(Array(current[..<k]))
            current = moved
            currentWidth = moved.reduce(0) { $0 + $1.width }
            wrapped = true
        }
        finish(current)
        return lines
    }

    /// When the break before `current[k]` falls inside a date or a number with its counters (`12月1日`), the
    /// break before the whole group if that is legal and the group fits a line (docs/led-guide.md).
    static func preferringWholeGroup(
        _ k: Int, in current: [LayoutUnit], next: LayoutUnit, groupWidths: [Int: Int], width: Int,
        isLegal: (Int) -> Bool
    ) -> Int {
        let after = k < current.count ? current[k] : next
        guard let group = after.group, current[k - 1].group == group, let total = groupWidths[group], total <= width
        else { return k }
        var start = k - 1
        while start > 0 && current[start - 1].group == group { start -= 1 }
        return start > 0 && isLegal(start) ? start : k
    }

    /// Whether a line may end before `current[k]` (or before `next` when `k == current.count`).
    static func isLegalBreak(before k: Int, in current: [LayoutUnit], next: LayoutUnit, kinsoku: KinsokuLevel) -> Bool {
        guard let previous = current[..<k].last(where: { $0.kind == .text }) else { return false }
        let following = current[k...].first(where: { $0.kind == .text }) ?? next
        if following.isPiece { return true }
        return !Kinsoku.cannotEnd(previous, level: kinsoku) && !Kinsoku.cannotStart(following, level: kinsoku)
    }

    static func trimSpaces(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
