import CampaignCore
import Foundation

/// Where each message of `messages.yml` is written, for the content hash of its signed review.
///
/// A message's content is its own entry: from its line to the line before the next message's (the
/// last runs to the end of the file), with the entry's `review:` key removed (`ReviewContent`).
public struct LEDMessageEntry: Sendable, Hashable {
    /// First line of the entry (the mapping's line, 1-based).
    public var startLine: Int
    /// The next message's line, nil for the last message.
    public var endLine: Int?
    /// The column of the entry's keys minus one.
    public var indent: Int

    /// An entry from where it is written: its first line (1-based), the next message's line (nil for
    /// the last) and the column of its keys minus one.
    public init(startLine: Int, endLine: Int?, indent: Int) {
        self.startLine = startLine
        self.endLine = endLine
        self.indent = indent
    }

    /// The entries of `messages`, keyed by message id.
    public static func entries(of messages: [LEDMessage]) -> [String: LEDMessageEntry] {
        let starts = messages.map(\.location.line).sorted()
        var entries: [String: LEDMessageEntry] = [:]
        for message in messages {
            let start = message.location.line
            entries[message.id] = LEDMessageEntry(
                startLine: start, endLine: starts.first { $0 > start }, indent: max(0, message.location.column - 1))
        }
        return entries
    }

    /// The content hash of this entry of `text` (the whole `messages.yml`).
    public func contentHash(in text: String) -> String {
        ReviewContent.hash(
            text: ReviewContent.entryWithoutReview(text, startLine: startLine, endLine: endLine, indent: indent))
    }

    /// `text` with this entry's review replaced by `review`.
    public func writing(_ review: ReviewSignOff?, in text: String, timeZone: TimeZone) -> String {
        ReviewContent.entry(
            text, startLine: startLine, endLine: endLine, indent: indent, withReview: review, timeZone: timeZone)
    }
}
