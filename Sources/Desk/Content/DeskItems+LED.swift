import CampaignCore
import Foundation
import HTTPTypes
import LEDFeed
import SiteBuilder
import Yams

/// LED messages in the desk: many messages share `Content/led/messages.yml`, so a message is its own
/// entry of that file (`LEDMessageEntry`).
///
/// - Opening a message answers its entry's keys as fields, and as `base` the SHA-256 of the entry's
///   own text (review included): a save is stale (409) only when that message changed meanwhile,
///   not when another message of the file did.
/// - Saving rewrites only the lines of the keys whose value changed, so comments, the other
///   messages and the untouched keys (the `review` block among them) keep their bytes; a new message
///   is appended after the last one. Values are written plain when YAML reads them back as the same
///   text, quoted otherwise.
/// - Validation is the build's: `LEDContent.parseMessages`, the charset of every screen that plays
///   the message's group (`LEDFeedBuilder`) and the editorial checks of `EditorialChecks`, with the
///   diagnostics of the message's own lines mapped to its fields.
extension DeskItems {
    /// The keys of a message the form edits, in the order a new message is written.
    static let ledKeys = ["id", "group", "text", "template", "priority", "from", "until", "schedule"]

    /// Where a diagnostic code of the LED parser points in the form.
    static let ledCodeFields: [String: String] = [
        "led.message.id": "id", "led.message.group": "group", "led.message.text": "text",
        "led.message.template": "template", "led.message.priority": "priority", "led.message.from": "from",
        "led.message.until": "until", "led.message.schedule": "schedule.windows",
        "led.message.windows": "schedule.windows", "led.message.weekdays": "schedule.weekdays",
    ]

    var ledDisplay: String { "\(folder.display)/led/messages.yml" }
    var ledURL: URL { folder.url.appendingPathComponent("led/messages.yml") }

    // MARK: - Reading

    /// An opened message: its entry's keys, no body, the entry's hash as `base`.
    func ledDetail(id: String) throws -> Detail {
        let file = try folder.file(.led, id: id)
        let site = try folder.site()
        guard let entry = Self.ledEntry(in: file.text, id: id) else {
            throw DeskError(.notFound, "没有这条 LED 消息：\(id)（not found）")
        }
        let entryText = entry.text(in: file.text)
        let base = Self.fileHash(entryText)
        try store.remember(version: entryText, hash: base)
        var fields = Self.ledFields(ofEntry: entryText)
        fields["review"] = nil
        return Detail(
            item: try summary(file, site: site, directory: folder.reviewers()), fields: fields, body: "", base: base,
            diagnostics: validateLED(text: file.text, id: id, site: site).diagnostics)
    }

    // MARK: - Writing

    /// Appends a new message to `messages.yml` (creating the file when there is none).
    func createLED(fields: [String: Any], account: Account, origin: String) throws -> (
        id: String, file: String, validation: Validation
    ) {
        let site = try folder.site()
        let id = try newID(.led, fields: fields, site: site)
        let text = FileManager.default.fileExists(atPath: ledURL.path) ? try folder.read(ledURL) : ""
        let messages = LEDContent.parseMessages(text, file: ledDisplay, timeZone: site.timeZone).0
        if messages.contains(where: { $0.id == id }) || Self.ledEntry(in: text, id: id) != nil {
            throw DeskError(
                .conflict, "messages.yml 中已有编号为 \(id) 的消息，请换一个编号（the id is taken）",
                details: ["fields": .object(["id": .array([.string("已被使用")])])])
        }
        let values = Self.ledValues(fields, id: id)
        let written = Self.ledKeys.compactMap { key in values[key].map { (key: key, value: $0) } }
        let newText = LEDMessageEntry.appending(
            written, to: text, after: Array(LEDMessageEntry.entries(of: messages).values))
        let validation = try checkLED(text: newText, id: id, site: site, fields: fields)
        try folder.write(newText, to: ledURL)
        try store.setEditor(item: ItemKind.led.key(id), login: account.login)
        try store.audit(
            actor: account.login, action: "item.create", target: ItemKind.led.key(id), detail: ledDisplay,
            origin: origin, at: clock.now())
        return (id, ledDisplay, validation)
    }

    /// Saves a message over the version `base` of its entry; only the changed keys' lines are written.
    func updateLED(id: String, fields: [String: Any], base: String?, account: Account, origin: String) throws -> (
        base: String, validation: Validation
    ) {
        let file = try folder.file(.led, id: id)
        let site = try folder.site()
        guard let entry = Self.ledEntry(in: file.text, id: id) else {
            throw DeskError(.notFound, "没有这条 LED 消息：\(id)（not found）")
        }
        let entryText = entry.text(in: file.text)
        let current = Self.fileHash(entryText)
        guard let base else {
            throw DeskError(.badRequest, "缺少 base（打开稿件时的内容哈希）（missing base）")
        }
        guard base == current else {
            let changes = try store.version(hash: base).map { Self.ledChanges(from: $0, to: entryText) }
            let list = changes.map { $0.isEmpty ? "格式" : $0.joined(separator: "、") } ?? "未知（打开的版本已不可查）"
            throw DeskError(
                .conflict,
                "保存失败：您打开之后，这条消息已被修改（\(list)）。请重新打开后再改。(the message changed meanwhile)",
                details: ["changed": .array((changes ?? []).map(DeskJSON.string)), "current": .string(current)])
        }
        if let newID = fields["id"] as? String, !newID.isEmpty, newID != id {
            throw DeskError(
                .unprocessableContent, "LED 消息的编号不能修改（the id of a message can not change）",
                details: ["fields": .object(["id": .array([.string("编号不能修改")])])])
        }
        let old = Self.ledFields(ofEntry: entryText)
        let values = Self.ledValues(fields, id: id)
        var changes: [(key: String, value: String?)] = []
        for key in Self.ledKeys {
            guard let value = values[key] else {
                if old[key] != nil { changes.append((key, nil)) }
                continue
            }
            if old[key] != Self.ledFields(ofEntry: "\(key): \(value)")[key] { changes.append((key, value)) }
        }
        let newText =
            try entry.writing(changes, in: file.text) ?? Self.rewritingLED(entry, values, in: file, site: site)
        let validation = try checkLED(text: newText, id: id, site: site, fields: fields)
        if newText != file.text { try folder.write(newText, to: file.url) }
        let newEntryText = Self.ledEntry(in: newText, id: id)?.text(in: newText) ?? ""
        let newBase = Self.fileHash(newEntryText)
        try store.remember(version: newEntryText, hash: newBase)
        try store.setEditor(item: ItemKind.led.key(id), login: account.login)
        try store.clearSentBack(item: ItemKind.led.key(id))
        try store.audit(
            actor: account.login, action: "item.save", target: ItemKind.led.key(id),
            detail: "\(ledDisplay) \(newBase) \(changes.map(\.key).joined(separator: ","))", origin: origin,
            at: clock.now())
        return (newBase, validation)
    }

    /// A message written as a flow mapping (`- {id: …}`) can not be changed key by key: its entry is
    /// written again in block style, the review block after the keys.
    static func rewritingLED(
        _ entry: LEDMessageEntry, _ values: [String: String], in file: ContentFolder.File, site: SiteConfig
    ) throws -> String {
        let review = LEDContent.parseMessages(file.text, file: file.display, timeZone: site.timeZone).0
            .first { $0.id == file.id }?.review
        var lines = ReviewContent.splitLinesForFields(file.text)
        let start = entry.startLine - 1
        let entryLines = ReviewContent.splitLinesForFields(entry.text(in: file.text)).count
        guard start >= 0, start + entryLines <= lines.count else {
            throw DeskError(.internalServerError, "messages.yml 的格式无法自动改写，请手工编辑（can not rewrite the entry）")
        }
        let pad = String(repeating: " ", count: entry.indent)
        let prefix = String(String.UnicodeScalarView(lines[start].unicodeScalars.prefix(entry.indent)))
        var block = ledKeys.compactMap { key in values[key].map { pad + key + ": " + $0 } }
        block += review.map { ReviewContent.yaml($0, timeZone: site.timeZone).map { pad + $0 } } ?? []
        if !block.isEmpty { block[0] = prefix + block[0].dropFirst(entry.indent) }
        lines.replaceSubrange(start..<(start + entryLines), with: block)
        return lines.joined(separator: "\n")
    }

    /// The build's findings for message `id` in `text` (422 with field messages on errors), then the
    /// privacy scan of the request's fields (422 with the masked hits until acknowledged).
    func checkLED(text: String, id: String, site: SiteConfig, fields: [String: Any]) throws -> Validation {
        try Self.checkSave(fields, document: "消息") { validateLED(text: text, id: id, site: site) }
    }

    /// What the build says about message `id` of `text` (the whole `messages.yml`): the parser's
    /// findings on its lines, the charset of the screens that play its group, and the term checks;
    /// each mapped to the form's field.
    func validateLED(text: String, id: String, site: SiteConfig) -> Validation {
        let (messages, parsed) = LEDContent.parseMessages(text, file: ledDisplay, timeZone: site.timeZone)
        let entry = Self.ledEntry(in: text, id: id)
        let lines = entry.map { ($0.startLine)..<($0.endLine ?? Int.max) }
        var diagnostics = parsed.filter { diagnostic in
            diagnostic.file == ledDisplay && (lines.map { $0.contains(diagnostic.line) } ?? true)
        }
        if let message = messages.first(where: { $0.id == id }) {
            // Checked at a time the message plays, so the build's date window does not hide a finding.
            var at = clock.now()
            if let from = message.from, from > at { at = from }
            if let until = message.until, until < at { at = until }
            let screens = ledScreens()
            let (_, charset) = LEDFeedBuilder.feeds(
                content: LEDContent(screens: screens, messages: [message]), headlines: [], variables: LEDVariables(),
                now: at)
            diagnostics += charset
            let checks = EditorialChecks(
                linter: TermLinter(rules: termRules()), reviewRequired: site.reviewRequired, production: false,
                timeZone: site.timeZone)
            diagnostics += checks.check(message: message, now: at)
        }
        diagnostics = diagnostics.filter { !$0.code.hasPrefix("review.") }
        var validation = Validation(diagnostics: diagnostics)
        let keys = entry?.keys(in: text) ?? []
        let bodyKey = Self.ledFields(ofEntry: entry?.text(in: text) ?? "")["template"] != nil ? "template" : "text"
        for diagnostic in diagnostics {
            var field = Self.ledCodeFields[diagnostic.code]
            if diagnostic.code == "led.charset" { field = bodyKey }
            if field == nil, let key = keys.first(where: { $0.lines.contains(diagnostic.line - 1) })?.key {
                field = key == "schedule" ? "schedule.windows" : key
            }
            validation.fields[field ?? "id", default: []].append(diagnostic.message)
        }
        return validation
    }

    // MARK: - Preview

    /// The preview of a message from the form's fields: its text, or its template filled with the
    /// figures the desk can compute, personal data masked as on publication, drawn for the screens
    /// that play its group (`LEDPreview`).
    public func ledPreview(fields: [String: Any]) throws -> String {
        let site = try folder.site()
        let now = clock.now()
        let id = (fields["id"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "new"
        let group = (fields["group"] as? String)?.trimmed ?? ""
        var text = (fields["text"] as? String) ?? ""
        if text.trimmed.isEmpty, let template = fields["template"] as? String, !template.trimmed.isEmpty {
            let notices = folder.files(.exposure).compactMap { parse($0, site: site).notice }
            text = LEDTemplate(template).render(LEDPreview.variables(site: site, now: now, notices: notices)).text
        }
        let masked = PrivacyScanner.mask(text).masked
        return LEDPreview(screens: ledScreens(), now: now).html(text: masked, group: group, id: id)
    }

    /// The groups a message may join: those the screens play and those of the messages, without the
    /// built-in ones.
    func ledGroups() -> [String] {
        var groups = ledScreens().flatMap(\.programs)
        if let text = try? folder.read(ledURL) {
            let zone = (try? folder.site().timeZone) ?? SiteConfig.defaultTimeZone
            groups += LEDContent.parseMessages(text, file: ledDisplay, timeZone: zone).0.map(\.group)
        }
        var seen = Set(BuiltinGroup.all)
        return groups.filter { seen.insert($0).inserted }
    }

    /// The screens of `Content/led/screens.yml` (none when it is missing or broken).
    func ledScreens() -> [ScreenProfile] {
        let url = folder.url.appendingPathComponent("led/screens.yml")
        guard let text = try? folder.read(url) else { return [] }
        return LEDContent.parseScreens(text, file: "\(folder.display)/led/screens.yml").0
    }

    // MARK: - Values

    /// The YAML of each key the request sets (`ledKeys`), empty texts left out, line breaks removed;
    /// `schedule` as a flow mapping of its `windows` (texts) and `weekdays` (numbers).
    static func ledValues(_ fields: [String: Any], id: String) -> [String: String] {
        var values: [String: String] = ["id": ledScalar(id)]
        for key in ["group", "text", "template", "priority", "from", "until"] {
            guard let text = fields[key] as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                continue
            }
            // The screen breaks lines itself: a line break typed in the text box is not kept.
            let oneLine = text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
            values[key] = ledScalar(key == "text" || key == "template" ? oneLine : oneLine.trimmed)
        }
        if let schedule = fields["schedule"] as? [String: Any] {
            var mapping: [String: Any] = [:]
            let windows = listItems(schedule["windows"])
            let weekdays = listItems(schedule["weekdays"]).map { text -> Any in Int(text) ?? text }
            if !windows.isEmpty { mapping["windows"] = windows }
            if !weekdays.isEmpty { mapping["weekdays"] = weekdays }
            if !mapping.isEmpty { values["schedule"] = yamlValue(mapping) }
        }
        return values
    }

    /// A list field: an array, or a text of items separated by commas, 、 or spaces.
    static func listItems(_ value: Any?) -> [String] {
        if let list = value as? [Any] {
            return list.compactMap { item in
                if let number = item as? Int { return String(number) }
                return (item as? String)?.trimmed
            }.filter { !$0.isEmpty }
        }
        guard let text = value as? String else { return [] }
        return text.split(whereSeparator: { ",，、;； ".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// `text` as a plain YAML scalar when YAML reads that back as the same text, else double-quoted.
    static func ledScalar(_ text: String) -> String {
        let risky = "-?:,[]{}#&*!|>'\"%@`"
        if let first = text.unicodeScalars.first, !risky.unicodeScalars.contains(first), text == text.trimmed,
            !text.contains(": "), !text.contains(" #"), !text.hasSuffix(":"),
            text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }),
            let loaded = try? Yams.load(yaml: "k: \(text)") as? [String: Any], loaded["k"] as? String == text
        {
            return text
        }
        return YAMLText.quoted(text)
    }

    // MARK: - Entries

    /// Where message `id` is written in `text`: the list item of `messages:` whose `id` is `id`, found
    /// by YAML position, so also for a message the parser rejects (no `text`, a bad date).
    static func ledEntry(in text: String, id: String) -> LEDMessageEntry? {
        guard let root = try? Yams.compose(yaml: text), case .mapping(let mapping) = root,
            case .sequence(let list)? = mapping["messages"]
        else { return nil }
        let items = Array(list)
        for (index, item) in items.enumerated() {
            guard case .mapping(let message) = item, message["id"]?.string == id, let mark = item.mark else { continue }
            let next = items.dropFirst(index + 1).lazy.compactMap { $0.mark?.line }.first
            return LEDMessageEntry(startLine: mark.line, endLine: next, indent: max(0, mark.column - 1))
        }
        return nil
    }

    /// The keys of a message entry (its text as written, `  - id: …`) as JSON, every scalar as text.
    static func ledFields(ofEntry text: String) -> [String: DeskJSON] {
        guard let node = try? Yams.compose(yaml: text, .basic) else { return [:] }
        switch node {
        case .sequence(let list):
            guard case .mapping(let mapping)? = list.first else { return [:] }
            return ledObject(mapping)
        case .mapping(let mapping):
            return ledObject(mapping)
        default:
            return [:]
        }
    }

    static func ledObject(_ mapping: Node.Mapping) -> [String: DeskJSON] {
        var fields: [String: DeskJSON] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            fields[name] = json(value)
        }
        return fields
    }

    /// The keys that differ between two versions of a message entry.
    static func ledChanges(from old: String, to new: String) -> [String] {
        let a = ledFields(ofEntry: old)
        let b = ledFields(ofEntry: new)
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
