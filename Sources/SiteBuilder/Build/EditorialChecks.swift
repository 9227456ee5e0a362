import CampaignCore
import Foundation
import LEDFeed
import Yams

/// The editorial checks of one build: the three-review sign-off (三审) and the term lint, applied to
/// each published text as it is loaded.
///
/// Built once per build (`EditorialLoader.load`), shared read-only by the load tasks: every
/// `check` is pure and cheap, so it runs inside the parallel step that parses the item, never in an
/// extra pass over the files.
public struct EditorialChecks: Sendable {
    /// The term linter over `Content/lint/terms.yml` and the built-in rules.
    public let linter: TermLinter
    /// `review.required` of site.yml.
    public let reviewRequired: Bool
    /// The `--production` flag: review gaps are errors when `reviewRequired` is set too.
    public let production: Bool
    /// The site's time zone, for review dates.
    public let timeZone: TimeZone
    /// `review.signed` of site.yml: steps count only with valid signatures (`SignedReviewRules`).
    public var signed = false
    /// `Content/reviewers.yml`, the keys allowed for each level.
    public var reviewers = ReviewerDirectory()

    /// Checks with the given linter and switches.
    public init(linter: TermLinter = TermLinter(), reviewRequired: Bool, production: Bool, timeZone: TimeZone) {
        self.linter = linter
        self.reviewRequired = reviewRequired
        self.production = production
        self.timeZone = timeZone
    }

    // MARK: - Items

    /// Review and terms of a published news item: title, summary, LED headline and body.
    ///
    /// - Parameter reader: the front-matter reader `NewsItem.parse` returned, for the positions of
    ///   `summary` and `led`; without it those texts are reported at the title's line.
    public func check(news item: NewsItem, reader: FieldReader?) -> [Diagnostic] {
        var diagnostics = review(
            item.review, publishedAt: item.date, file: item.file, itemLocation: item.titleLocation)
        diagnostics += terms(item.title, at: valueStart(reader, "title") ?? item.titleLocation, field: "title")
        if let summary = item.summary {
            diagnostics += terms(summary, at: valueStart(reader, "summary") ?? item.titleLocation, field: "summary")
        }
        if let led = item.led {
            diagnostics += terms(led, at: valueStart(reader, "led") ?? item.titleLocation, field: "led headline")
        }
        diagnostics += linter.check(item.body, file: item.file, startLine: item.bodyStartLine, field: "body")
        return diagnostics
    }

    /// Terms of a page (pages carry no review): title, summary and body.
    public func check(page: PageItem) -> [Diagnostic] {
        var diagnostics = terms(page.title, at: page.titleLocation, field: "title")
        if let summary = page.summary {
            diagnostics += terms(summary, at: page.titleLocation, field: "summary")
        }
        diagnostics += linter.check(page.body, file: page.file, startLine: page.bodyStartLine, field: "body")
        return diagnostics
    }

    /// Review and terms of an exposure notice: every published text (`publishedTexts`), published at
    /// the date the problem was found.
    public func check(notice: ExposureNotice) -> [Diagnostic] {
        var diagnostics = review(
            notice.review, publishedAt: notice.found, file: notice.file, itemLocation: notice.positions.id)
        for text in notice.publishedTexts {
            diagnostics += linter.check(
                text.text, file: text.location.file.isEmpty ? notice.file : text.location.file,
                startLine: max(1, text.location.line), startColumn: max(1, text.location.column),
                field: text.field == "body" ? "body" : "'\(text.field)'")
        }
        return diagnostics
    }

    /// Review and terms of an LED message; only messages that play at `now` are checked.
    ///
    /// A message's review must come before its `from` time (nil: no such check).
    public func check(message: LEDMessage, now: Date) -> [Diagnostic] {
        guard message.isCurrent(at: now) else { return [] }
        var diagnostics = review(
            message.review, publishedAt: message.from, file: message.location.file,
            itemLocation: message.location)
        let text = message.body.source
        for finding in linter.check(text, file: message.location.file, startLine: 1, field: "LED message") {
            // Lines and columns within the message text → where each character is written in the file.
            var moved = finding
            let offset = Self.characterOffset(in: text, line: finding.line, column: finding.column)
            let location = message.location(ofCharacter: offset)
            moved.line = location.line
            moved.column = location.column
            diagnostics.append(moved)
        }
        return diagnostics
    }

    /// Review and terms of the messages of `messages.yml` that play at `now`.
    func check(led: SiteLED?, now: Date) -> [Diagnostic] {
        (led?.content.messages ?? []).flatMap { check(message: $0, now: now) }
    }

    // MARK: - Signed reviews

    /// The signature check of an item with content hash `contentHash`; nil when the site does not
    /// sign its reviews.
    public func signatures(
        _ review: ReviewSignOff?, kind: ReviewReport.ItemKind, id: String, file: String,
        contentHash: @autoclosure () -> String
    ) -> SignedReviewRules.Result? {
        // The hash reads the whole file again: only when reviews are signed.
        guard signed else { return nil }
        return SignedReviewRules.check(
            review, kind: kind, id: id, contentHash: contentHash(), directory: reviewers, file: file,
            required: reviewRequired, production: production, timeZone: timeZone)
    }

    /// The review report entry of an item, with its verified steps when reviews are signed.
    func reportItem(_ item: ReviewReport.Item, states: [ReviewStage: SignedReviewRules.StepState]?)
        -> ReviewReport.Item
    {
        var item = item
        guard signed else { return item }
        item.signedStates = states ?? [:]
        for stage in ReviewStage.allCases { item.reviewers[stage] = reviewers.names(for: stage) }
        return item
    }

    // MARK: - Parts

    /// `ReviewRules.check` with this build's switches.
    public func review(
        _ review: ReviewSignOff?, publishedAt: Date?, file: String, itemLocation: SourceLocation
    ) -> [Diagnostic] {
        ReviewRules.check(
            review, publishedAt: publishedAt, file: file, itemLocation: itemLocation, required: reviewRequired,
            production: production, timeZone: timeZone)
    }

    /// The term lint of a one-line front-matter value written at `location`.
    func terms(_ text: String, at location: SourceLocation, field: String) -> [Diagnostic] {
        linter.check(
            text, file: location.file, startLine: max(1, location.line), startColumn: max(1, location.column),
            field: field)
    }

    /// Where the text of `key` starts: inside the quotes of a quoted scalar, else at the value.
    func valueStart(_ reader: FieldReader?, _ key: String) -> SourceLocation? {
        guard let reader, let node = reader.node(key) else { return nil }
        var location = reader.location(of: node)
        if case .scalar(let scalar) = node, scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
            location.column += 1
        }
        return location
    }

    /// The index of the Character at `line`:`column` (1-based, columns in scalars) of `text`.
    static func characterOffset(in text: String, line: Int, column: Int) -> Int {
        var currentLine = 1
        var scalarsInLine = 0
        for (offset, character) in text.enumerated() {
            if currentLine == line && scalarsInLine >= column - 1 { return offset }
            if character == "\n" || character == "\r\n" {
                currentLine += 1
                scalarsInLine = 0
            } else {
                scalarsInLine += character.unicodeScalars.count
            }
        }
        return max(0, text.count - 1)
    }
}
