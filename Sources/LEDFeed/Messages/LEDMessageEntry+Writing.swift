import CampaignCore
import Foundation

/// Changing one message of `messages.yml` in place: only the lines of the keys that change are
/// rewritten, so comments, the other messages and the message's own untouched keys (its signed
/// `review` among them) keep their bytes, and a diff of the file shows just the edit.
extension LEDMessageEntry {
    /// A top-level key of the entry and the lines it takes: 0-based indexes into the file's lines
    /// split at `\n`, from the key's line to its value's last line.
    public struct KeyLines: Sendable, Hashable {
        public var key: String
        public var lines: Range<Int>
    }

    /// The entry as written, review included: from its line to the line before the next message's
    /// (the last runs to the end of the file), trailing blank lines dropped.
    public func text(in text: String) -> String {
        let lines = ReviewContent.splitLinesForFields(text)
        let start = max(0, startLine - 1)
        var end = min(lines.count, endLine.map { max(start, $0 - 1) } ?? lines.count)
        while end > start, Self.isBlank(lines[end - 1]) { end -= 1 }
        return start < end ? lines[start..<end].joined(separator: "\n") : ""
    }

    /// The entry's top-level keys in the order written; nil when the entry is not a block mapping
    /// whose keys each begin a line at the entry's indent (e.g. a flow mapping `- {id: a}`).
    public func keys(in text: String) -> [KeyLines]? {
        keys(inLines: ReviewContent.splitLinesForFields(text))
    }

    func keys(inLines lines: [String]) -> [KeyLines]? {
        let start = startLine - 1
        let limit = min(lines.count, endLine.map { $0 - 1 } ?? lines.count)
        guard start >= 0, start < limit, let first = Self.key(of: lines[start], indent: indent, first: true) else {
            return nil
        }
        var keys: [KeyLines] = []
        var current = (key: first, start: start, end: start + 1)
        var index = start + 1
        while index < limit {
            let line = lines[index]
            let spaces = Self.leadingSpaces(line)
            if Self.isBlank(line) || (Self.isComment(line) && spaces <= indent) {
                index += 1
                continue
            }
            if spaces > indent || (spaces == indent && Self.isListItem(line)) {
                current.end = index + 1
                index += 1
                continue
            }
            guard spaces == indent else { break }
            guard let key = Self.key(of: line, indent: indent, first: false) else { return nil }
            keys.append(KeyLines(key: current.key, lines: current.start..<current.end))
            current = (key, index, index + 1)
            index += 1
        }
        keys.append(KeyLines(key: current.key, lines: current.start..<current.end))
        return keys
    }

    /// `text` with the entry's keys changed: each change sets `key` to `value`, YAML written after
    /// `key: ` on one line, or removes it (`value` nil). A new key goes before `review`, else after
    /// the last key. Every line not changed keeps its bytes. Nil when `keys(in:)` is nil.
    public func writing(_ changes: [(key: String, value: String?)], in text: String) -> String? {
        var lines = ReviewContent.splitLinesForFields(text)
        guard let keys = keys(inLines: lines), let regionStart = keys.first?.lines.lowerBound,
            let regionEnd = keys.last?.lines.upperBound
        else { return nil }
        let pad = String(repeating: " ", count: indent)
        let prefix = String(String.UnicodeScalarView(lines[regionStart].unicodeScalars.prefix(indent)))
        let ending = lines[regionStart].hasSuffix("\r") ? "\r" : ""
        var replacement: [String: [String]] = [:]
        var added: [String] = []
        for (key, value) in changes {
            let written = value.map { [pad + key + ": " + $0 + ending] } ?? []
            if keys.contains(where: { $0.key == key }) {
                replacement[key] = written
            } else if !written.isEmpty {
                added += written
            }
        }
        let insertBefore = keys.first { $0.key == "review" }?.lines.lowerBound ?? regionEnd
        var region: [String] = []
        var index = regionStart
        while index < regionEnd {
            if index == insertBefore { region += added }
            if let key = keys.first(where: { $0.lines.lowerBound == index }) {
                region += replacement[key.key] ?? Array(lines[key.lines])
                index = key.lines.upperBound
            } else {
                region.append(lines[index])
                index += 1
            }
        }
        if insertBefore == regionEnd { region += added }
        // The list marker (`  - `) stays on the entry's first line, whichever key is there now.
        if let first = region.firstIndex(where: { !Self.isBlank($0) && !Self.isComment($0) }),
            !region[first].hasPrefix(prefix)
        {
            region[first] = prefix + String(String.UnicodeScalarView(region[first].unicodeScalars.dropFirst(indent)))
        }
        lines.replaceSubrange(regionStart..<regionEnd, with: region)
        return lines.joined(separator: "\n")
    }

    /// `text` (a whole `messages.yml`) with a new message after the last of `entries`, or as the
    /// first item of `messages:`: `fields` in order, one `key: value` line each, indented like the
    /// other messages, after a blank line when the messages are separated by one. The rest of the
    /// file keeps its bytes.
    public static func appending(_ fields: [(key: String, value: String)], to text: String, after entries: [Self])
        -> String
    {
        var lines = text.isEmpty ? [] : ReviewContent.splitLinesForFields(text)
        var prefix = "  - "
        var indent = 4
        var insertAt: Int
        var separated = false
        if let last = entries.max(by: { $0.startLine < $1.startLine }) {
            indent = last.indent
            let firstLine = lines.indices.contains(last.startLine - 1) ? lines[last.startLine - 1] : ""
            prefix = String(String.UnicodeScalarView(firstLine.unicodeScalars.prefix(indent)))
            if let keys = last.keys(inLines: lines), let end = keys.last?.lines.upperBound {
                insertAt = end
            } else {
                insertAt = min(lines.count, last.endLine.map { $0 - 1 } ?? lines.count)
                while insertAt > last.startLine, isBlank(lines[insertAt - 1]) { insertAt -= 1 }
            }
            separated = last.startLine >= 2 && isBlank(lines[last.startLine - 2])
        } else if let list = lines.firstIndex(where: { trimmedCR($0).hasPrefix("messages:") }) {
            let rest = trimmedCR(lines[list]).dropFirst("messages:".count).trimmingCharacters(in: .whitespaces)
            if rest == "[]" { lines[list] = "messages:" }
            insertAt = list + 1
        } else {
            if let last = lines.last, last.isEmpty { lines.removeLast() }
            lines.append("messages:")
            insertAt = lines.count
        }
        let pad = String(repeating: " ", count: indent)
        let ending = lines.first?.hasSuffix("\r") == true ? "\r" : ""
        var entry = fields.enumerated().map {
            ($0.offset == 0 ? prefix : pad) + $0.element.key + ": " + $0.element.value + ending
        }
        if separated { entry.insert(ending, at: 0) }
        lines.insert(contentsOf: entry, at: insertAt)
        // Keep the file ending in a newline.
        if lines.last != "" { lines.append("") }
        return lines.joined(separator: "\n")
    }

    // MARK: - Lines

    /// The key a line starts at column `indent` + 1 (after spaces, or the list marker on the
    /// entry's first line): letters, digits, `_` and `-`, then `:` and a space or the line's end.
    static func key(of line: String, indent: Int, first: Bool) -> String? {
        let scalars = Array(trimmedCR(line).unicodeScalars)
        guard scalars.count > indent else { return nil }
        let lead = scalars[0..<indent]
        if first {
            guard lead.allSatisfy({ $0 == " " || $0 == "-" }), lead.contains("-") else { return nil }
        } else if !lead.allSatisfy({ $0 == " " }) {
            return nil
        }
        var index = indent
        var name = String.UnicodeScalarView()
        while index < scalars.count, isKeyScalar(scalars[index]) {
            name.append(scalars[index])
            index += 1
        }
        while index < scalars.count, scalars[index] == " " { index += 1 }
        guard !name.isEmpty, index < scalars.count, scalars[index] == ":" else { return nil }
        guard index + 1 == scalars.count || scalars[index + 1] == " " else { return nil }
        return String(name)
    }

    static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }

    static func leadingSpaces(_ line: String) -> Int {
        line.unicodeScalars.prefix { $0 == " " }.count
    }

    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    static func isComment(_ line: String) -> Bool {
        line.unicodeScalars.drop { $0 == " " }.first == "#"
    }

    static func isListItem(_ line: String) -> Bool {
        let rest = trimmedCR(line).unicodeScalars.drop { $0 == " " }
        return rest.first == "-" && (rest.count == 1 || rest.dropFirst().first == " ")
    }

    static func trimmedCR(_ line: String) -> String {
        line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
