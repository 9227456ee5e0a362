import Crypto
import Foundation

/// The content a 三审 signature covers, and its SHA-256.
///
/// The hash covers what readers see and nothing of the sign-off itself, so adding a signature does
/// not change it and any other edit does:
///
/// 1. the item's text with its `review` mapping removed — for a Markdown file (news, exposure
///    notice) the whole file, with the top-level `review:` key of the front matter and every line
///    belonging to it cut out; for an LED message its own entry of `messages.yml` (from its `- ` line
///    to the next entry, trailing blank lines dropped) with the entry's `review:` key cut out;
/// 2. then, for each photo in the order the item lists them (`photos`, then `rectification.photos`):
///    a 0x00 byte, the file name as written (UTF-8), a 0x00 byte, the byte count in decimal, a 0x00
///    byte, and the file's bytes.
///
/// Lines are split at `\n` and joined again with `\n`; a `\r` stays part of its line, so line
/// endings are hashed as written. The bytes come in as values: this type reads no files.
public enum ReviewContent {
    /// One photo's name as the item lists it, and the bytes of the file.
    public struct Photo: Sendable, Hashable {
        public var file: String
        public var bytes: [UInt8]

        public init(file: String, bytes: [UInt8]) {
            self.file = file
            self.bytes = bytes
        }
    }

    /// The lowercase hex SHA-256 of `text` (already without its review) followed by `photos`.
    public static func hash(text: String, photos: [Photo] = []) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(text.utf8))
        for photo in photos {
            var header: [UInt8] = [0]
            header += Array(photo.file.utf8)
            header.append(0)
            header += Array(String(photo.bytes.count).utf8)
            header.append(0)
            hasher.update(data: header)
            hasher.update(data: photo.bytes)
        }
        return Hex.lowercase(hasher.finalize())
    }

    /// The content hash of a Markdown file with front matter (news, exposure notice).
    public static func markdownHash(_ text: String, photos: [Photo] = []) -> String {
        hash(text: markdownWithoutReview(text), photos: photos)
    }

    /// `text` with the front matter's top-level `review:` key and its lines removed.
    ///
    /// The front matter runs from a first line `---` to the next line `---` (or `...`); the key is a
    /// line starting `review:` at column 1, and its block goes on over the following lines that are
    /// indented, or blank with an indented line after them. Text without front matter comes back
    /// unchanged.
    public static func markdownWithoutReview(_ text: String) -> String {
        var lines = splitLines(text)
        guard let first = lines.first, isOpeningFence(first) else { return text }
        var end = lines.count
        for index in 1..<lines.count where ["---", "..."].contains(trimmedCR(lines[index])) {
            end = index
            break
        }
        let range = removalRange(in: lines, from: 1, to: end, indent: 0)
        if let range { lines.removeSubrange(range) }
        return lines.joined(separator: "\n")
    }

    /// `text` with its front matter's `review` mapping replaced by `review` (removed when nil or
    /// empty), written where the old one was or else at the end of the front matter.
    ///
    /// The rest of the file is kept byte for byte, so the content hash stays the same.
    public static func markdown(_ text: String, withReview review: ReviewSignOff?, timeZone: TimeZone) -> String {
        var lines = splitLines(text)
        guard let first = lines.first, isOpeningFence(first) else { return text }
        var end = lines.count
        for index in 1..<lines.count where ["---", "..."].contains(trimmedCR(lines[index])) {
            end = index
            break
        }
        var insertAt = end
        if let range = removalRange(in: lines, from: 1, to: end, indent: 0) {
            lines.removeSubrange(range)
            insertAt = range.lowerBound
        }
        let block = review.map { yaml($0, timeZone: timeZone) } ?? []
        lines.insert(contentsOf: block, at: insertAt)
        return lines.joined(separator: "\n")
    }

    /// The `review:` mapping as YAML lines, one flow mapping per step; empty without steps.
    public static func yaml(_ review: ReviewSignOff, timeZone: TimeZone) -> [String] {
        var lines: [String] = []
        for stage in ReviewStage.allCases {
            guard let step = review[stage] else { continue }
            var fields: [String] = []
            if let by = step.by { fields.append("by: \(YAMLText.quoted(by))") }
            if let at = step.at {
                fields.append("at: \(YAMLText.quoted(ReviewSignature.canonicalTime(at, timeZone: timeZone)))")
            }
            if let key = step.key { fields.append("key: \(YAMLText.quoted(key))") }
            if let sig = step.sig { fields.append("sig: \(YAMLText.quoted(sig))") }
            if let hash = step.hash { fields.append("hash: \(YAMLText.quoted(hash))") }
            lines.append("  \(stage.rawValue): {\(fields.joined(separator: ", "))}")
        }
        return lines.isEmpty ? [] : ["review:"] + lines
    }

    /// The text of the entry `lines[start..<end]` of a YAML list (an LED message) without its
    /// `review:` key, the entry's keys indented by `indent` columns (the mapping's column − 1).
    public static func entryWithoutReview(_ text: String, startLine: Int, endLine: Int?, indent: Int) -> String {
        let all = splitLines(text)
        let start = max(0, startLine - 1)
        var end = min(all.count, endLine.map { max(start, $0 - 1) } ?? all.count)
        while end > start, trimmedCR(all[end - 1]).trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        guard start < end else { return "" }
        var lines = Array(all[start..<end])
        if let range = removalRange(in: lines, from: 0, to: lines.count, indent: indent) {
            lines.removeSubrange(range)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` (a YAML list such as `messages.yml`) with the `review` of the entry
    /// `startLine..<endLine` replaced by `review`, indented by `indent`; written where the old one
    /// was, or after the entry's last non-blank line. The rest of the file is kept byte for byte.
    public static func entry(
        _ text: String, startLine: Int, endLine: Int?, indent: Int, withReview review: ReviewSignOff?,
        timeZone: TimeZone
    ) -> String {
        var lines = splitLines(text)
        let start = max(0, startLine - 1)
        var end = min(lines.count, endLine.map { max(start, $0 - 1) } ?? lines.count)
        while end > start, trimmedCR(lines[end - 1]).trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        guard start < end else { return text }
        var insertAt = end
        if let range = removalRange(in: lines, from: start, to: end, indent: indent) {
            // The review as the first key (`- review:`) keeps the list marker on a line of its own.
            if !lines[range.lowerBound].trimmingCharacters(in: .whitespaces).hasPrefix("review") {
                return text
            }
            lines.removeSubrange(range)
            insertAt = range.lowerBound
        }
        let pad = String(repeating: " ", count: indent)
        let block = (review.map { yaml($0, timeZone: timeZone) } ?? []).map { pad + $0 }
        lines.insert(contentsOf: block, at: insertAt)
        return lines.joined(separator: "\n")
    }

    /// The lines of the `review:` key written at column `indent` + 1 among `lines[from..<to]`.
    static func removalRange(in lines: [String], from: Int, to: Int, indent: Int) -> Range<Int>? {
        guard from < to else { return nil }
        for index in from..<to where isReviewKey(lines[index], indent: indent) {
            var end = index + 1
            var candidate = end
            while candidate < to {
                let line = trimmedCR(lines[candidate])
                if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    candidate += 1
                    continue
                }
                guard leadingSpaces(line) > indent else { break }
                candidate += 1
                end = candidate
            }
            return index..<end
        }
        return nil
    }

    /// A line holding `review:` at column `indent` + 1, after spaces or a list item's `- `.
    static func isReviewKey(_ line: String, indent: Int) -> Bool {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > indent else { return false }
        for scalar in scalars[0..<indent] where scalar != " " && scalar != "-" { return false }
        let rest = String(String.UnicodeScalarView(scalars[indent...]))
        guard rest.hasPrefix("review") else { return false }
        let after = rest.dropFirst("review".count).drop { $0 == " " }
        return after.hasPrefix(":")
    }

    /// The lines of `text` as the content hash splits them (for mapping lines to fields).
    public static func splitLinesForFields(_ text: String) -> [String] { splitLines(text) }

    /// Lines split at each `\n` byte (a `\r` before it stays in the line).
    static func splitLines(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// `---`, after an optional byte order mark.
    static func isOpeningFence(_ line: String) -> Bool {
        let line = trimmedCR(line)
        return line == "---" || line == "\u{FEFF}---"
    }

    static func leadingSpaces(_ line: String) -> Int {
        line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
    }

    static func trimmedCR(_ line: String) -> String {
        line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
