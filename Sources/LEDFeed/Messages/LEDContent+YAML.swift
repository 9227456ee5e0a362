import CampaignCore
import Foundation

extension LEDContent {
    /// Default path of the screens file, for diagnostics.
    public static let screensFile = "Content/led/screens.yml"
    /// Default path of the messages file, for diagnostics.
    public static let messagesFile = "Content/led/messages.yml"

    /// Reads both LED files (their texts, not paths) and checks them against each other.
    ///
    /// `screens.yml` holds `screens:` (a list of profiles), `messages.yml` holds `messages:`. Every problem comes
    /// back as a diagnostic; broken entries are left out and the rest still load. `review` blocks of messages are
    /// read into `LEDMessage.review` (checked by `ReviewRules`, shared with news and exposures).
    public static func parse(
        screens screensText: String, screensFile: String = screensFile, messages messagesText: String,
        messagesFile: String = messagesFile, timeZone: TimeZone
    ) -> (LEDContent, [Diagnostic]) {
        let (messages, messageDiagnostics) = parseMessages(messagesText, file: messagesFile, timeZone: timeZone)
        let known = LEDContent(messages: messages).groups
        let (screens, screenDiagnostics) = parseScreens(screensText, file: screensFile, knownGroups: known)
        return (LEDContent(screens: screens, messages: messages), screenDiagnostics + messageDiagnostics)
    }

    /// Reads `screens.yml`. `knownGroups` are the groups a `programs` entry may name (nil: not checked).
    public static func parseScreens(
        _ text: String, file: String = screensFile, knownGroups: [String]? = nil
    ) -> ([ScreenProfile], [Diagnostic]) {
        let sink = FieldReader.Sink()
        guard let root = FieldReader.parse(text, file: file, codePrefix: "led.screen", sink: sink) else {
            return ([], sink.diagnostics)
        }
        var screens: [ScreenProfile] = []
        var ids = UniqueIDs<SourceLocation>(noun: "screen id", item: "screen")
        for reader in root.maps("screens", required: true) ?? [] {
            guard let screen = readScreen(reader, knownGroups: knownGroups, source: text) else { continue }
            if let first = ids.claim(screen.id, at: screen.location) {
                reader.error(ids.message(screen.id, firstUsed: "on line \(first.line)"), key: "id")
                continue
            }
            screens.append(screen)
        }
        root.reportUnknownKeys()
        return (screens, sink.diagnostics)
    }

    static func readScreen(_ r: FieldReader, knownGroups: [String]?, source: String) -> ScreenProfile? {
        let id = r.string("id", required: true)
        if let id, !Slug.isValid(id) {
            r.error(
                "screen id '\(id)' must use only a-z, 0-9 and '-' (it names the output folder), e.g. "
                    + "'\(Slug.suggest(from: id))'", key: "id")
        }
        let name = r.string("name", required: true)
        let width = r.int("width", required: true, range: 8...4096)
        let height = r.int("height", required: true, range: 8...4096)
        var font = 16
        if let value = r.int("font") {
            if [12, 16, 24, 32].contains(value) {
                font = value
            } else {
                r.error(
                    "'\(r.name("font"))' must be 12, 16, 24 or 32 (the cell size of the card's fonts), found \(value)",
                    key: "font")
            }
        }
        for (key, value) in [("width", width), ("height", height)] {
            if let value, value % 16 != 0 {
                r.warning(
                    "'\(r.name(key))' is \(value) px, not a multiple of 16; LED modules are 16 px, check the "
                        + "screen's real size", key: key)
            }
        }
        if let width, width < font {
            r.error("'\(r.name("width"))' \(width) px is narrower than one \(font) px character", key: "width")
        }
        if let height, height < font {
            r.error(
                "'\(r.name("height"))' \(height) px is lower than one \(font) px line; use a smaller font",
                key: "height")
        }
        let lineGap = r.int("line_gap", range: 0...64) ?? 0
        let charset = r.choice("charset", in: LEDCharset.allCases.map(\.rawValue)).flatMap(LEDCharset.init) ?? .gb2312
        let color = r.choice("color", in: LEDColor.allCases.map(\.rawValue)).flatMap(LEDColor.init) ?? .red
        let kinsoku =
            r.choice("kinsoku", in: KinsokuLevel.allCases.map(\.rawValue)).flatMap(KinsokuLevel.init) ?? .basic
        let mode = r.choice("mode", in: LEDMode.allCases.map(\.rawValue)).flatMap(LEDMode.init) ?? .paged
        let stay = r.int("stay", range: 1...3600) ?? 5
        let speed = r.int("speed", range: 1...10) ?? 5
        let schedule = readSchedule(r)
        var programs: [String] = []
        if let names = r.strings("programs") {
            for (index, group) in names.enumerated() {
                if let knownGroups, !knownGroups.contains(group) {
                    let hint = Suggestion.hint(for: group, in: knownGroups)
                    let location = programLocation(r, names: names, index: index, source: source)
                    r.error(
                        "unknown message group '\(group)' in '\(r.name("programs"))'\(hint); groups are "
                            + "\(knownGroups.joined(separator: ", "))", code: r.code("programs"), at: location)
                    continue
                }
                programs.append(group)
            }
        } else {
            r.warning(
                "screen has no 'programs'; it will play nothing (add e.g. [core-values, headlines])",
                key: "programs")
        }
        var exports: [LEDExportKind] = [.txt, .json]
        if let names = r.strings("exports") {
            exports = []
            for name in names {
                guard let kind = LEDExportKind(rawValue: name) else {
                    let allowed = LEDExportKind.allCases.map(\.rawValue)
                    r.error(
                        "unknown export '\(name)' in '\(r.name("exports"))'\(Suggestion.hint(for: name, in: allowed)); "
                            + "use \(allowed.joined(separator: ", "))", key: "exports")
                    continue
                }
                if !exports.contains(kind) { exports.append(kind) }
            }
        }
        if exports.contains(.onbon) && !LEDExporter.onbonCharsets.contains(charset) {
            // Onbon font cards hold GB2312 (some GBK) fonts only and read text as GB bytes.
            r.error(
                "屏幕导出 onbon，但字符集是 \(charset.rawValue)：仰邦字库卡只显示 GB2312/GBK 内码文字，请把 charset 改为 "
                    + "gb2312 或 gbk，或去掉 onbon 导出 (Onbon font cards show GB2312/GBK text only)",
                key: r.has("charset") ? "charset" : "exports")
        }
        r.reportUnknownKeys()
        guard let id, let name, let width, let height else { return nil }
        return ScreenProfile(
            id: id, name: name, width: width, height: height, font: font, lineGap: lineGap, charset: charset,
            color: color, kinsoku: kinsoku, mode: mode, stay: stay, speed: speed, schedule: schedule,
            programs: programs, exports: exports, location: r.location)
    }

    /// Where the `index`-th entry of `programs` is written: the index-th match of its name after the key.
    static func programLocation(_ r: FieldReader, names: [String], index: Int, source: String) -> SourceLocation {
        let start = r.location(of: "programs")
        let joined = names[...index].joined(separator: " ")
        let locations = SourceText.locations(of: joined, in: source, from: start)
        let offset = joined.count - names[index].count
        return locations.indices.contains(offset) ? locations[offset] : start
    }

    /// Reads `schedule: {windows: ["06:30-22:30"], weekdays: [1, 2, 3, 4, 5]}`.
    static func readSchedule(_ r: FieldReader) -> LEDSchedule? {
        guard let s = r.map("schedule") else { return nil }
        var schedule = LEDSchedule()
        for text in s.strings("windows") ?? [] {
            guard let window = LEDSchedule.Window(parsing: text) else {
                s.error(
                    "bad time window '\(text)' in '\(s.name("windows"))'; write it as \"06:30-22:30\" "
                        + "(24-hour HH:MM-HH:MM, start and end differ)", key: "windows")
                continue
            }
            schedule.windows.append(window)
        }
        for text in s.strings("weekdays") ?? [] {
            guard let day = Int(text), (1...7).contains(day) else {
                s.error(
                    "bad weekday '\(text)' in '\(s.name("weekdays"))'; use 1 (Monday) to 7 (Sunday)", key: "weekdays")
                continue
            }
            if !schedule.weekdays.contains(day) { schedule.weekdays.append(day) }
        }
        s.reportUnknownKeys()
        return schedule
    }

    /// Reads `messages.yml`.
    public static func parseMessages(
        _ text: String, file: String = messagesFile, timeZone: TimeZone
    ) -> ([LEDMessage], [Diagnostic]) {
        let sink = FieldReader.Sink()
        guard let root = FieldReader.parse(text, file: file, codePrefix: "led.message", sink: sink) else {
            return ([], sink.diagnostics)
        }
        var messages: [LEDMessage] = []
        var ids = UniqueIDs<SourceLocation>(noun: "message id", item: "message")
        for reader in root.maps("messages", required: true) ?? [] {
            guard let message = readMessage(reader, source: text, timeZone: timeZone) else { continue }
            if let first = ids.claim(message.id, at: message.location) {
                reader.error(ids.message(message.id, firstUsed: "on line \(first.line)"), key: "id")
                continue
            }
            messages.append(message)
        }
        root.reportUnknownKeys()
        return (messages, sink.diagnostics)
    }

    static func readMessage(_ r: FieldReader, source: String, timeZone: TimeZone) -> LEDMessage? {
        let review = ReviewSignOff.parse(from: r, timeZone: timeZone)
        let id = r.string("id", required: true)
        if let id, !Slug.isValid(id) {
            r.error(
                "message id '\(id)' must use only a-z, 0-9 and '-', e.g. '\(Slug.suggest(from: id))'", key: "id")
        }
        let group = r.string("group", required: true)
        if let group {
            if !Slug.isValid(group) {
                r.error(
                    "group '\(group)' must use only a-z, 0-9 and '-' (it names the .txt export), e.g. "
                        + "'\(Slug.suggest(from: group))'", key: "group")
            } else if BuiltinGroup.all.contains(group) {
                r.error(
                    "group '\(group)' is built in and filled automatically; choose another group name",
                    key: "group")
            }
        }
        let text = r.string("text")
        let template = r.string("template")
        var body: LEDMessage.Body?
        var bodyKey = "text"
        switch (text, template) {
        case (let text?, nil):
            body = text.isEmpty ? nil : .text(text)
            if text.isEmpty { r.error("'\(r.name("text"))' is empty; write the message text", key: "text") }
            let variables = LEDTemplate(text).parts.compactMap { part -> String? in
                guard case .variable(let name, _, _) = part, LEDVariables.names.contains(name) else { return nil }
                return name
            }
            if let name = variables.first {
                r.warning(
                    "'{\(name)}' in 'text' is shown as written; use 'template:' to fill it in", key: "text")
            }
        case (nil, let template?):
            bodyKey = "template"
            let parsed = LEDTemplate(template)
            body = .template(parsed)
            let locations = SourceText.locations(of: template, in: source, from: r.location(of: "template"))
            for offset in parsed.unclosedBraces {
                r.error(
                    "'{' without a closing '}' in the template: write the variable as {days_to_inspection}",
                    code: r.code("template"),
                    at: locations.indices.contains(offset) ? locations[offset] : r.location(of: "template"))
                body = nil
            }
            for unknown in parsed.unknownVariables {
                let hint = Suggestion.hint(for: unknown.name, in: LEDVariables.names)
                let location =
                    locations.indices.contains(unknown.offset)
                    ? locations[unknown.offset] : r.location(of: "template")
                r.error(
                    "unknown template variable '{\(unknown.name)}'\(hint); variables are "
                        + LEDVariables.names.map { "{\($0)}" }.joined(separator: ", "),
                    code: r.code("template"), at: location)
                body = nil
            }
        case (_?, _?):
            r.error("a message has either 'text' or 'template', not both; keep one", key: "template")
        case (nil, nil):
            r.error("missing 'text' (or 'template' for text with {variables})", key: "text")
        }
        let priority =
            r.choice("priority", in: LEDPriority.allCases.map(\.rawValue)).flatMap(LEDPriority.init)
            ?? .normal
        let from = r.date("from", timeZone: timeZone)
        let until = r.date("until", timeZone: timeZone)
        if let from, let until, from > until {
            r.error(
                "'\(r.name("from"))' is after '\(r.name("until"))'; the message would never play (swap the dates?)",
                key: "until")
        }
        let schedule = readSchedule(r)
        r.reportUnknownKeys()
        guard let id, let group, let body else { return nil }
        let locations = SourceText.locations(of: body.source, in: source, from: r.location(of: bodyKey))
        return LEDMessage(
            id: id, group: group, body: body, priority: priority, from: from, until: until, schedule: schedule,
            location: r.location, characterLocations: locations, review: review)
    }
}
