import CampaignCore
import Foundation
import LEDFeed

/// Masking of personal data (docs/exposure-notices.md, "Personal data") in every text that reaches Output, before anything is rendered.
///
/// Each masking is a warning with file:line (an error with `--production`); the masked text replaces the
/// original in the loaded content, so no later step can publish the original.
enum PrivacyMasking {
    /// Masks one text; `location` is where the text starts in its file. The Markdown `body` gets its masks'
    /// stars escaped, so they are shown rather than read as emphasis.
    static func mask(
        _ text: String, at location: SourceLocation, field: String, production: Bool, allow: PrivacyAllowList,
        into diagnostics: inout [Diagnostic]
    ) -> String {
        let (masked, found) = PrivacyScanner.maskReporting(
            text, file: location.file, line: location.line, column: location.column, field: field,
            production: production, allowing: allow, markdown: field == "body")
        diagnostics += found
        return masked
    }

    /// The notice with every published text masked (`ExposureNotice.publishedTexts`).
    ///
    /// The Markdown body is masked in its source text, so a finding on a later body line is reported on
    /// that file line.
    static func mask(
        _ notice: ExposureNotice, production: Bool, allow: PrivacyAllowList
    ) -> (ExposureNotice, [Diagnostic]) {
        var n = notice
        var d: [Diagnostic] = []
        n.title = mask(n.title, at: n.positions.title, field: "title", production: production, allow: allow, into: &d)
        n.location = mask(
            n.location, at: n.positions.location, field: "location", production: production, allow: allow, into: &d)
        n.photos = mask(n.photos, path: "photos", production: production, allow: allow, into: &d)
        if var rectification = n.rectification {
            rectification.note = mask(
                rectification.note, at: rectification.notePosition, field: "rectification.note",
                production: production, allow: allow, into: &d)
            rectification.photos = mask(
                rectification.photos, path: "rectification.photos", production: production, allow: allow, into: &d)
            n.rectification = rectification
        }
        if var verification = n.verification {
            verification.by = mask(
                verification.by, at: verification.byPosition, field: "verification.by", production: production,
                allow: allow, into: &d)
            n.verification = verification
        }
        n.body = mask(
            n.body, at: SourceLocation(file: n.file, line: n.bodyStartLine, column: 1), field: "body",
            production: production, allow: allow, into: &d)
        return (n, d)
    }

    private static func mask(
        _ photos: [ExposurePhoto], path: String, production: Bool, allow: PrivacyAllowList,
        into d: inout [Diagnostic]
    ) -> [ExposurePhoto] {
        photos.enumerated().map { index, photo in
            var p = photo
            let field = "\(path)[\(index + 1)]"
            p.alt = mask(
                p.alt, at: p.altPosition, field: "\(field).alt", production: production, allow: allow, into: &d)
            if let caption = p.caption {
                p.caption = mask(
                    caption, at: p.captionPosition ?? p.altPosition, field: "\(field).caption",
                    production: production, allow: allow, into: &d)
            }
            return p
        }
    }

    /// The news item with its title, summary, LED headline, source, tags and body masked.
    ///
    /// `reader` is the item's front matter reader, for the positions of fields other than the title.
    static func mask(
        _ item: NewsItem, reader: FieldReader?, production: Bool, allow: PrivacyAllowList
    ) -> (NewsItem, [Diagnostic]) {
        var n = item
        var d: [Diagnostic] = []
        func at(_ key: String) -> SourceLocation {
            reader?.location(of: key) ?? SourceLocation(file: item.file)
        }
        n.title = mask(n.title, at: n.titleLocation, field: "title", production: production, allow: allow, into: &d)
        if let summary = n.summary {
            n.summary = mask(
                summary, at: at("summary"), field: "summary", production: production, allow: allow, into: &d)
        }
        if let led = n.led {
            n.led = mask(led, at: at("led"), field: "led", production: production, allow: allow, into: &d)
        }
        if let source = n.source {
            n.source = mask(source, at: at("source"), field: "source", production: production, allow: allow, into: &d)
        }
        n.tags = n.tags.map { mask($0, at: at("tags"), field: "tags", production: production, allow: allow, into: &d) }
        n.body = mask(
            n.body, at: SourceLocation(file: n.file, line: n.bodyStartLine, column: 1), field: "body",
            production: production, allow: allow, into: &d)
        return (n, d)
    }

    /// The page with its title, summary and body masked.
    static func mask(_ page: PageItem, production: Bool, allow: PrivacyAllowList) -> (PageItem, [Diagnostic]) {
        var p = page
        var d: [Diagnostic] = []
        p.title = mask(p.title, at: p.titleLocation, field: "title", production: production, allow: allow, into: &d)
        if let summary = p.summary {
            // PageItem keeps no position for the summary: report it on the file.
            p.summary = mask(
                summary, at: SourceLocation(file: p.file), field: "summary", production: production, allow: allow,
                into: &d)
        }
        p.body = mask(
            p.body, at: SourceLocation(file: p.file, line: p.bodyStartLine, column: 1), field: "body",
            production: production, allow: allow, into: &d)
        return (p, d)
    }

    /// The messages of `messages.yml` with their texts (and template texts) masked; a finding is reported where
    /// the item is written in the file.
    static func mask(
        _ messages: [LEDMessage], production: Bool, allow: PrivacyAllowList
    ) -> ([LEDMessage], [Diagnostic]) {
        var d: [Diagnostic] = []
        let masked = messages.map { message -> LEDMessage in
            let source = message.body.source
            let (text, matches) = PrivacyScanner.mask(source, allowing: allow)
            guard !matches.isEmpty else { return message }
            for var match in matches {
                let location = message.location(
                    ofCharacter: source.distance(from: source.startIndex, to: match.range.lowerBound))
                match.lineOffset = 0
                match.column = 1
                d += PrivacyScanner.diagnostics(
                    for: [match], file: location.file, line: location.line, column: location.column,
                    field: "messages[\(message.id)].text", production: production)
            }
            var m = message
            switch message.body {
            case .text: m.body = .text(text)
            case .template: m.body = .template(LEDTemplate(text))
            }
            // The masked text is shorter or longer than the source: later findings point at the message.
            if text.count != source.count { m.characterLocations = [] }
            return m
        }
        return (masked, d)
    }

    /// The problems of `ledger.csv` with their `problem` texts masked, reported on their rows.
    static func mask(
        _ problems: [LedgerProblem], file: String, production: Bool, allow: PrivacyAllowList,
        into diagnostics: inout [Diagnostic]
    ) -> [LedgerProblem] {
        problems.map { problem in
            var p = problem
            p.problem = mask(
                p.problem, at: SourceLocation(file: file, line: p.line), field: "problem", production: production,
                allow: allow, into: &diagnostics)
            return p
        }
    }
}
