import CampaignCore
import Foundation

/// Lays out every screen's programs: picks the current messages, fills templates, checks the charset, breaks
/// lines and pages.
public enum LEDFeedBuilder {
    /// Feeds of all screens in `content`. Diagnostics: characters outside a screen's charset (errors, one per
    /// character and charset, naming the screens).
    public static func feeds(
        content: LEDContent, headlines: [LEDHeadline], variables: LEDVariables, now: Date
    ) -> ([ScreenFeed], [Diagnostic]) {
        var feeds: [ScreenFeed] = []
        var findings: [CharsetFinding] = []
        for screen in content.screens {
            let (feed, found) = build(screen, content: content, headlines: headlines, variables: variables, now: now)
            feeds.append(feed)
            findings += found
        }
        return (feeds, CharsetFinding.diagnostics(findings))
    }

    /// The feed of one screen.
    public static func feed(
        for screen: ScreenProfile, content: LEDContent, headlines: [LEDHeadline], variables: LEDVariables, now: Date
    ) -> (ScreenFeed, [Diagnostic]) {
        let (feed, findings) = build(screen, content: content, headlines: headlines, variables: variables, now: now)
        return (feed, CharsetFinding.diagnostics(findings))
    }

    /// Lays out a text typed on the command line (`campaign led fit`); errors for characters outside `charset`
    /// name `file` (e.g. `<text>`), line 1 and the column.
    public static func fit(
        _ text: String, settings: LayoutSettings, charset: LEDCharset, file: String = "<text>"
    ) -> (pages: [[String]], diagnostics: [Diagnostic]) {
        let characters = Array(text)
        let findings = LEDEncoder.unencodable(in: text, charset: charset).map { bad in
            let column = characters[..<bad.offset].reduce(0) { $0 + $1.unicodeScalars.count } + 1
            return CharsetFinding(
                bad: bad, charset: charset, screen: nil, what: "the text",
                location: SourceLocation(file: file, line: 1, column: column))
        }
        return (LineLayout.pages(text, settings: settings), CharsetFinding.diagnostics(findings))
    }

    static func build(
        _ screen: ScreenProfile, content: LEDContent, headlines: [LEDHeadline], variables: LEDVariables, now: Date
    ) -> (ScreenFeed, [CharsetFinding]) {
        var items: [LEDProgramItem] = []
        var findings: [CharsetFinding] = []
        let stay = screen.stay * 1000
        func pages(_ raw: [[String]]) -> [LEDPage] { raw.map { LEDPage(lines: $0, stayMilliseconds: stay) } }

        for group in screen.programs {
            switch group {
            case BuiltinGroup.coreValues:
                let raw = LineLayout.pages(segments: BuiltinGroup.coreValueTerms, settings: screen.layout)
                items.append(LEDProgramItem(group: group, id: group, pages: pages(raw)))
            case BuiltinGroup.headlines:
                let sorted = headlines.sorted { ($0.date, $1.id) > ($1.date, $0.id) }
                for headline in sorted {
                    for bad in LEDEncoder.unencodable(in: headline.text, charset: screen.charset) {
                        findings.append(
                            CharsetFinding(
                                bad: bad, charset: screen.charset, screen: screen.id,
                                what: "news headline '\(headline.id)'",
                                location: headline.location ?? SourceLocation(file: "Content/news")))
                    }
                    let raw = LineLayout.pages(headline.text, settings: screen.layout)
                    items.append(LEDProgramItem(group: group, id: headline.id, pages: pages(raw)))
                }
            default:
                for message in content.messages where message.group == group && message.isCurrent(at: now) {
                    let (text, origins) = resolve(message, variables: variables)
                    for bad in LEDEncoder.unencodable(in: text, charset: screen.charset) {
                        let origin = origins.indices.contains(bad.offset) ? origins[bad.offset] : 0
                        findings.append(
                            CharsetFinding(
                                bad: bad, charset: screen.charset, screen: screen.id,
                                what: "message '\(message.id)'" + variableNote(message, origin: origin),
                                location: message.location(ofCharacter: origin)))
                    }
                    let raw = LineLayout.pages(text, settings: screen.layout)
                    items.append(
                        LEDProgramItem(
                            group: group, id: message.id, priority: message.priority, from: message.from,
                            until: message.until, schedule: message.schedule, pages: pages(raw)))
                }
            }
        }
        items.removeAll { $0.pages.isEmpty }
        let ordered = items.filter { $0.priority == .urgent } + items.filter { $0.priority != .urgent }
        return (ScreenFeed(screen: screen, items: ordered, generated: now), findings)
    }

    /// The text a message shows, and for each character its offset in what the editor wrote.
    static func resolve(_ message: LEDMessage, variables: LEDVariables) -> (String, [Int]) {
        switch message.body {
        case .text(let text): (text, Array(0..<text.count))
        case .template(let template): template.render(variables)
        }
    }

    static func variableNote(_ message: LEDMessage, origin: Int) -> String {
        guard case .template(let template) = message.body else { return "" }
        for part in template.parts {
            if case .variable(let name, let offset, _) = part, offset == origin {
                return " (filled in from {\(name)})"
            }
        }
        return ""
    }
}

/// A character a screen cannot show, before findings of several screens are merged.
struct CharsetFinding {
    var bad: LEDEncoder.Unencodable
    var charset: LEDCharset
    var screen: String?
    var what: String
    var location: SourceLocation

    /// One error per place, character and charset, naming all screens concerned.
    static func diagnostics(_ findings: [CharsetFinding]) -> [Diagnostic] {
        struct Key: Hashable {
            var location: SourceLocation
            var character: Character
            var charset: LEDCharset
        }
        var order: [Key] = []
        var grouped: [Key: [CharsetFinding]] = [:]
        for finding in findings {
            let key = Key(location: finding.location, character: finding.bad.character, charset: finding.charset)
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(finding)
        }
        return order.compactMap { key in
            guard let group = grouped[key], let first = group.first else { return nil }
            let code = first.bad.character.unicodeScalars.map { "U+" + hex($0.value) }.joined(separator: " ")
            let screens = group.compactMap(\.screen)
            var place = ""
            if !screens.isEmpty {
                let names = screens.map { "'\($0)'" }.joined(separator: ", ")
                place = " on screen\(screens.count > 1 ? "s" : "") \(names)"
            }
            var fix = "replace the character"
            if let wider = first.bad.suggestion {
                fix =
                    screens.isEmpty
                    ? "use --charset \(wider.rawValue) or replace the character"
                    : "replace the character, or set the screen's charset to \(wider.rawValue) if its card has those fonts"
            }
            let message =
                "character '\(first.bad.character)' (\(code)) in \(first.what) cannot be shown\(place): "
                + "it is not in \(key.charset.rawValue.uppercased()); \(fix)"
            return .error(message, code: "led.charset", at: key.location)
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
