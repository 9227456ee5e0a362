import CampaignCore
import Crypto
import Foundation
import HTTPTypes
import LEDFeed
import SiteBuilder
import Yams

/// What the desk does with content items, independent of HTTP: list, open, create, save, review.
///
/// Validation is the build's own (`NewsItem.parse`, `PageItem.parse`, `ExposureNotice.parse`,
/// `LEDContent.parseMessages`, `EditorialChecks`), and the diagnostics' lines are mapped back to the
/// form's fields. LED messages, which share one file, are in `DeskItems+LED.swift`.
public struct DeskItems: Sendable {
    public let folder: ContentFolder
    public let store: DeskStore
    public let clock: any DeskClock

    /// Changes of Content/ run one at a time, so two saves or signatures never interleave their
    /// read-check-write of the same file.
    let writes = LockedValue(())

    /// Runs `body` while no other change of Content/ runs.
    public func serialized<T>(_ body: () throws -> T) rethrows -> T {
        try writes.withLock { _ in try body() }
    }

    public init(folder: ContentFolder, store: DeskStore, clock: any DeskClock) {
        self.folder = folder
        self.store = store
        self.clock = clock
    }

    /// Fields a request may carry that are not front matter.
    static let reserved: Set<String> = ["body", "base", "acknowledge_privacy", "id", "review"]

    // MARK: - Answers

    /// One review level of an item.
    public struct StepInfo: Sendable, Hashable, Encodable {
        /// `signed`, `voided`, `invalid` (typed, copied, wrong key) or `missing`.
        public var state: String
        public var by: String?
        public var at: String?
    }

    /// A 驳回 shown to the editor.
    public struct SentBackInfo: Sendable, Hashable, Encodable {
        public var level: String
        public var by: String
        public var note: String
        public var at: String
    }

    /// An item in a list.
    public struct Summary: Sendable, Hashable, Encodable {
        public var id: String
        public var kind: String
        public var title: String
        public var file: String
        public var review: [String: StepInfo]
        /// `draft`, `sent-back`, `awaiting-first`, `awaiting-second`, `awaiting-final`, `signed`,
        /// `no-review` (pages), `invalid` (the file does not parse).
        public var state: String
        public var sentBack: SentBackInfo?
        /// The editor who saved it last through the desk.
        public var editor: String?
        /// Exposure notices: days past the rectification deadline (0 when not overdue).
        public var daysOverdue = 0

        enum CodingKeys: String, CodingKey {
            case id, kind, title, file, review, state, editor
            case daysOverdue = "days_overdue"
            case sentBack = "sent_back"
        }
    }

    /// An opened item: its fields for the form, its body, and the hash to send back as `base`.
    public struct Detail: Sendable, Encodable {
        public var item: Summary
        public var fields: [String: DeskJSON]
        public var body: String
        public var base: String
        public var diagnostics: [Diagnostic]
    }

    /// Field messages from the build's diagnostics.
    public struct Validation: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var fields: [String: [String]] = [:]
        public var hasErrors: Bool { diagnostics.hasErrors }

        var json: [String: DeskJSON] {
            [
                "fields": .object(fields.mapValues { .array($0.map(DeskJSON.string)) }),
                "diagnostics": .array(
                    diagnostics.map {
                        .object([
                            "file": .string($0.file), "line": .int($0.line), "column": .int($0.column),
                            "severity": .string($0.severity.rawValue), "code": .string($0.code),
                            "message": .string($0.message),
                        ])
                    }),
            ]
        }
    }

    // MARK: - Reading

    /// The items of `kind`, with their review state.
    public func list(_ kind: ItemKind) throws -> [Summary] {
        let site = try folder.site()
        let directory = folder.reviewers()
        return try folder.files(kind).map { try summary($0, site: site, directory: directory) }
    }

    /// Opens an item; remembers the text so a conflicting save can say what changed.
    public func detail(_ kind: ItemKind, id: String) throws -> Detail {
        if kind == .led { return try ledDetail(id: id) }
        let file = try folder.file(kind, id: id)
        let site = try folder.site()
        let base = Self.fileHash(file.text)
        try store.remember(version: file.text, hash: base)
        let split = FrontMatter.split(file.text, file: file.display, code: kind.rawValue).0
        var fields = Self.fields(ofYAML: split?.yaml ?? "")
        fields["review"] = nil
        return Detail(
            item: try summary(file, site: site, directory: folder.reviewers()), fields: fields, body: split?.body ?? "",
            base: base, diagnostics: validate(kind, text: file.text, file: file, site: site).diagnostics)
    }

    func summary(_ file: ContentFolder.File, site: SiteConfig, directory: ReviewerDirectory) throws -> Summary {
        let parsed = parse(file, site: site)
        var review: [String: StepInfo] = [:]
        var state = "invalid"
        let sentBack = try store.sentBack(item: file.kind.key(file.id))
        if let reviewKind = file.kind.reviewKind, let contentHash = parsed.contentHash {
            let result = SignedReviewRules.check(
                parsed.review, kind: reviewKind, id: file.id, contentHash: contentHash, directory: directory,
                file: file.display, required: true, production: false, timeZone: site.timeZone)
            var firstNeeded: ReviewStage?
            for stage in ReviewStage.allCases {
                let at = parsed.review?[stage]?.at.map { ContentDate.minuteString($0, in: site.timeZone) }
                switch result.states[stage] {
                case .valid(let by): review[stage.rawValue] = StepInfo(state: "signed", by: by, at: at)
                case .voided(let by): review[stage.rawValue] = StepInfo(state: "voided", by: by, at: at)
                case .invalid(let by): review[stage.rawValue] = StepInfo(state: "invalid", by: by, at: at)
                case nil: review[stage.rawValue] = StepInfo(state: "missing")
                }
                if firstNeeded == nil, result.states[stage].map(Self.counts) != true { firstNeeded = stage }
            }
            state = firstNeeded.map { "awaiting-\($0.rawValue)" } ?? "signed"
        } else if file.kind == .page, parsed.title != nil {
            state = "no-review"
        }
        if parsed.draft { state = "draft" }
        let daysOverdue = parsed.notice?.daysOverdue(now: clock.now()) ?? 0
        if sentBack != nil { state = "sent-back" }
        return Summary(
            id: file.id, kind: file.kind.rawValue, title: parsed.title ?? file.id, file: file.display, review: review,
            state: state,
            sentBack: sentBack.map {
                SentBackInfo(
                    level: $0.level.rawValue, by: $0.by, note: $0.note,
                    at: ContentDate.minuteString($0.at, in: site.timeZone))
            }, editor: try store.editor(item: file.kind.key(file.id)), daysOverdue: daysOverdue)
    }

    static func counts(_ state: SignedReviewRules.StepState) -> Bool {
        if case .valid = state { return true }
        return false
    }

    /// What the build's parser makes of a file: title, review, draft flag, the notice, the content hash.
    struct Parsed {
        var title: String?
        var review: ReviewSignOff?
        var draft = false
        var notice: ExposureNotice?
        var contentHash: String?
    }

    func parse(_ file: ContentFolder.File, site: SiteConfig) -> Parsed {
        var parsed = Parsed()
        switch file.kind {
        case .news:
            let (item, _, _) = NewsItem.parse(file.text, file: file.display, fileName: "\(file.id).md", site: site)
            parsed.title = item?.title
            parsed.review = item?.review
            parsed.draft = item?.draft ?? false
            if item != nil { parsed.contentHash = ReviewContent.markdownHash(file.text) }
        case .page:
            parsed.title = PageItem.parse(file.text, file: file.display, fileName: "\(file.id).md", site: site).0?.title
        case .exposure:
            guard let bundle = file.bundle,
                let frontMatter = FrontMatter.split(file.text, file: file.display, code: "exposure").0
            else { return parsed }
            let notice = ExposureNotice.parse(
                frontMatter: frontMatter, file: file.display, bundle: bundle, site: site,
                filesInBundle: folder.bundleFiles(bundle)
            ).0
            parsed.title = notice?.title
            parsed.review = notice?.review
            parsed.notice = notice
            if let notice {
                parsed.contentHash = ReviewContent.markdownHash(
                    file.text, photos: folder.photos(of: file, notice: notice))
            }
        case .led:
            guard let entry = file.ledEntry,
                let message = LEDContent.parseMessages(file.text, file: file.display, timeZone: site.timeZone).0
                    .first(where: { $0.id == file.id })
            else { return parsed }
            parsed.title = message.body.source
            parsed.review = message.review
            parsed.contentHash = entry.contentHash(in: file.text)
        }
        return parsed
    }

    // MARK: - Writing

    /// Creates an item from `fields` (docs/content.md, plus `body`); returns its id and file.
    public func create(_ kind: ItemKind, fields: [String: Any], account: Account, origin: String) throws -> (
        id: String, file: String, validation: Validation
    ) {
        guard account.role.canEdit else { throw DeskError(.forbidden, "只有编辑可以新建稿件（only editors create items）") }
        if kind == .led { return try createLED(fields: fields, account: account, origin: origin) }
        let site = try folder.site()
        let id = try newID(kind, fields: fields, site: site)
        let target = try folder.newFile(kind, id: id)
        guard !FileManager.default.fileExists(atPath: target.url.path) else {
            throw DeskError(.conflict, "\(target.display) 已存在，请换一个编号（the file exists）")
        }
        let text = Self.markdown(kind, fields: fields, body: fields["body"] as? String ?? "", review: nil, site: site)
        let file = ContentFolder.File(
            kind: kind, id: id, display: target.display, url: target.url, text: text, bundle: target.bundle)
        let validation = try check(kind, text: text, file: file, site: site, fields: fields)
        try folder.write(text, to: target.url)
        try store.setEditor(item: kind.key(id), login: account.login)
        try store.audit(
            actor: account.login, action: "item.create", target: kind.key(id), detail: target.display, origin: origin,
            at: clock.now())
        return (id, target.display, validation)
    }

    /// Saves an item over the version `base`; 409 with what changed when the file moved on meanwhile.
    ///
    /// The existing `review` block is kept: signatures over the old content become void, which the
    /// lists and the build report.
    public func update(
        _ kind: ItemKind, id: String, fields: [String: Any], base: String?, account: Account, origin: String
    ) throws -> (base: String, validation: Validation) {
        guard account.role.canEdit else { throw DeskError(.forbidden, "只有编辑可以修改稿件（only editors save items）") }
        if kind == .led { return try updateLED(id: id, fields: fields, base: base, account: account, origin: origin) }
        let file = try folder.file(kind, id: id)
        let site = try folder.site()
        let current = Self.fileHash(file.text)
        guard let base else {
            throw DeskError(.badRequest, "缺少 base（打开稿件时的内容哈希）（missing base）")
        }
        guard base == current else {
            let changes = try store.version(hash: base).map { Self.changes(from: $0, to: file.text) }
            let list = changes.map { $0.isEmpty ? "格式" : $0.joined(separator: "、") } ?? "未知（打开的版本已不可查）"
            throw DeskError(
                .conflict, "保存失败：您打开之后，文件已被修改（\(list)）。请重新打开后再改。(the file changed meanwhile)",
                details: ["changed": .array((changes ?? []).map(DeskJSON.string)), "current": .string(current)])
        }
        let oldFrontMatter = FrontMatter.split(file.text, file: file.display, code: kind.rawValue).0
        let review = oldFrontMatter.flatMap {
            FieldReader.parse($0.yaml, file: file.display, codePrefix: kind.rawValue).map {
                ReviewSignOff.parse(from: $0, timeZone: site.timeZone)
            }
        }
        var fields = fields
        if kind == .exposure {
            try checkStatusStep(from: oldFrontMatter, fields: fields)
            // The form does not carry the photos; they are managed by the photo routes.
            if fields["photos"] == nil, let old = try? editableFields(file)["photos"] { fields["photos"] = old }
        }
        let text = Self.markdown(
            kind, fields: fields, body: fields["body"] as? String ?? "", review: review ?? nil, site: site)
        var newFile = file
        newFile.text = text
        if kind == .exposure, let newID = fields["id"] as? String, newID != id {
            throw DeskError(.unprocessableContent, "曝光编号不能修改（the id of a notice can not change）")
        }
        let validation = try check(kind, text: text, file: newFile, site: site, fields: fields)
        try folder.write(text, to: file.url)
        let newBase = Self.fileHash(text)
        try store.remember(version: text, hash: newBase)
        try store.setEditor(item: kind.key(id), login: account.login)
        try store.clearSentBack(item: kind.key(id))
        try store.audit(
            actor: account.login, action: "item.save", target: kind.key(id), detail: "\(file.display) \(newBase)",
            origin: origin, at: clock.now())
        return (newBase, validation)
    }

    /// Validates and scans; throws 422 with field messages on errors, or with the privacy hits
    /// (masked) unless `acknowledge_privacy` is true.
    func check(_ kind: ItemKind, text: String, file: ContentFolder.File, site: SiteConfig, fields: [String: Any])
        throws -> Validation
    {
        try Self.checkSave(fields, document: "稿件") { validate(kind, text: text, file: file, site: site) }
    }

    /// The rules of every save: field names that can become YAML keys (nothing but a-z, 0-9 and _ may
    /// reach the file), no error from the build's checks (422 with field messages), and personal data
    /// saved only once acknowledged (422 with the masked hits). `document` names what holds the data.
    static func checkSave(_ fields: [String: Any], document: String, validate: () -> Validation) throws -> Validation {
        for key in fields.keys where !isFieldName(key) {
            throw DeskError(.badRequest, "无效的字段名 '\(key.prefix(40))'（invalid field name）")
        }
        let validation = validate()
        if validation.hasErrors {
            throw DeskError(
                .unprocessableContent, "有错误，未保存：请按字段提示修改（not saved: fix the fields marked）",
                details: validation.json)
        }
        let hits = privacyHits(fields)
        if !hits.isEmpty, fields["acknowledge_privacy"] as? Bool != true {
            throw DeskError(
                .unprocessableContent,
                "\(document)中有个人信息，发布时将被遮盖，请确认后再保存（personal data found; it is masked when published）",
                details: ["privacy": .array(hits)])
        }
        return validation
    }

    /// The exposure status may stay or move one step on: open → rectifying → rectified → verified → closed.
    func checkStatusStep(from old: FrontMatter?, fields: [String: Any]) throws {
        guard let old, let oldText = Self.fields(ofYAML: old.yaml)["status"], case .string(let oldValue) = oldText,
            let oldStatus = ExposureStatus(rawValue: oldValue),
            let newValue = fields["status"] as? String, let newStatus = ExposureStatus(rawValue: newValue)
        else { return }
        let all = ExposureStatus.allCases
        guard let from = all.firstIndex(of: oldStatus), let to = all.firstIndex(of: newStatus) else { return }
        if to < from || to > from + 1 {
            let next = from + 1 < all.count ? all[from + 1].rawValue : oldStatus.rawValue
            throw DeskError(
                .unprocessableContent,
                "状态只能从 \(oldStatus.rawValue) 前进一步到 \(next)（status moves one step at a time）",
                details: ["fields": .object(["status": .array([.string("下一步只能是 \(next)")])])])
        }
    }

    /// The build's diagnostics for `text`, with each mapped to the field on its line.
    func validate(_ kind: ItemKind, text: String, file: ContentFolder.File, site: SiteConfig) -> Validation {
        var diagnostics: [Diagnostic] = []
        let checks = EditorialChecks(
            linter: TermLinter(rules: termRules()), reviewRequired: site.reviewRequired, production: false,
            timeZone: site.timeZone)
        switch kind {
        case .news:
            let (item, reader, found) = NewsItem.parse(text, file: file.display, fileName: "\(file.id).md", site: site)
            diagnostics = found + (item.map { checks.check(news: $0, reader: reader) } ?? [])
        case .page:
            let (page, found) = PageItem.parse(text, file: file.display, fileName: "\(file.id).md", site: site)
            diagnostics = found + (page.map { checks.check(page: $0) } ?? [])
        case .exposure:
            let (frontMatter, split) = FrontMatter.split(text, file: file.display, code: "exposure")
            diagnostics = split
            if let frontMatter, let bundle = file.bundle {
                let (notice, found) = ExposureNotice.parse(
                    frontMatter: frontMatter, file: file.display, bundle: bundle, site: site,
                    filesInBundle: folder.bundleFiles(bundle))
                diagnostics += found + (notice.map { checks.check(notice: $0) } ?? [])
            }
        case .led:
            return validateLED(text: text, id: file.id, site: site)
        }
        // Review gaps are the reviewers' business, not the editor's form.
        diagnostics = diagnostics.filter { !$0.code.hasPrefix("review.") }
        var validation = Validation(diagnostics: diagnostics)
        let lines = Self.fieldLines(text)
        for diagnostic in diagnostics where diagnostic.file == file.display {
            let field = lines.field(at: diagnostic.line)
            validation.fields[field, default: []].append(diagnostic.message)
        }
        return validation
    }

    func termRules() -> TermRules {
        let url = folder.url.appendingPathComponent("lint/terms.yml")
        guard let text = try? folder.read(url) else { return TermRules() }
        return TermRules.parse(text, file: "\(folder.display)/lint/terms.yml").0
    }

    /// A new item's id: news `YYYY-MM-DD-<slug>`, pages `<slug>`, exposures their `id`.
    func newID(_ kind: ItemKind, fields: [String: Any], site: SiteConfig) throws -> String {
        switch kind {
        case .news:
            if let id = fields["id"] as? String, !id.isEmpty { return id }
            let date =
                (fields["date"] as? String).flatMap { ContentDate.parse($0, timeZone: site.timeZone) }
                ?? clock.now()
            let slug =
                (fields["slug"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                ?? "news-\(Int(clock.now().timeIntervalSince1970))"
            return "\(ContentDate.dayString(date, in: site.timeZone))-\(slug)"
        case .page:
            guard let slug = (fields["slug"] as? String) ?? (fields["id"] as? String), !slug.isEmpty else {
                throw DeskError(
                    .unprocessableContent, "页面须填写 slug（a page needs a slug）",
                    details: ["fields": .object(["slug": .array([.string("必填，如 about")])])])
            }
            return slug
        case .exposure:
            guard let id = fields["id"] as? String, !id.isEmpty else {
                throw DeskError(
                    .unprocessableContent, "曝光须填写编号 id，如 BG-2026-0123（a notice needs an id）",
                    details: ["fields": .object(["id": .array([.string("必填，如 BG-2026-0123")])])])
            }
            return id
        case .led:
            guard let id = (fields["id"] as? String)?.trimmingCharacters(in: .whitespaces), Slug.isValid(id) else {
                throw DeskError(
                    .unprocessableContent, "LED 消息须填写编号 id（a-z、0-9、-），如 slogan-create（a message needs an id）",
                    details: ["fields": .object(["id": .array([.string("必填，只用 a-z、0-9 和 -，如 slogan-create")])])])
            }
            return id
        }
    }

    // MARK: - Text

    /// The Markdown file for `fields`: one front-matter line per field (texts double-quoted, lists and
    /// mappings as one-line JSON, which YAML reads), the review block, then the body.
    static func markdown(
        _ kind: ItemKind, fields: [String: Any], body: String, review: ReviewSignOff?, site: SiteConfig
    ) -> String {
        var keys = kind.fieldOrder.filter { fields[$0] != nil }
        keys += fields.keys.filter { !kind.fieldOrder.contains($0) && !reserved.contains($0) && isFieldName($0) }
            .sorted()
        if kind == .exposure, fields["id"] != nil { keys = ["id"] + keys.filter { $0 != "id" } }
        var lines = ["---"]
        for key in keys {
            guard let value = fields[key], let yaml = yamlValue(value) else { continue }
            lines.append("\(key): \(yaml)")
        }
        lines.append("---")
        var text = lines.joined(separator: "\n") + "\n"
        let trimmed = body.hasPrefix("\n") ? String(body.dropFirst()) : body
        text += trimmed.hasSuffix("\n") || trimmed.isEmpty ? trimmed : trimmed + "\n"
        if let review { text = ReviewContent.markdown(text, withReview: review, timeZone: site.timeZone) }
        return text
    }

    static func yamlValue(_ value: Any) -> String? {
        switch value {
        case is NSNull: return nil
        case let bool as Bool: return bool ? "true" : "false"
        case let int as Int: return String(int)
        case let double as Double: return String(double)
        case let string as String:
            return string.trimmingCharacters(in: .whitespaces).isEmpty ? nil : YAMLText.quoted(string)
        default:
            guard JSONSerialization.isValidJSONObject(value),
                let data = try? JSONSerialization.data(
                    withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Front-matter values as JSON: every scalar as text (the form shows what is written).
    static func fields(ofYAML yaml: String) -> [String: DeskJSON] {
        guard let node = try? Yams.compose(yaml: yaml, .basic), case .mapping(let mapping) = node else { return [:] }
        var fields: [String: DeskJSON] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            fields[name] = json(value)
        }
        return fields
    }

    static func json(_ node: Node) -> DeskJSON {
        switch node {
        case .scalar(let scalar): return .string(scalar.string)
        case .sequence(let sequence): return .array(sequence.map(json))
        case .mapping(let mapping):
            var object: [String: DeskJSON] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .alias: return .null
        }
    }

    /// Which field each line of a Markdown file belongs to.
    struct FieldLines {
        var starts: [(line: Int, key: String)]
        var bodyLine: Int

        func field(at line: Int) -> String {
            if line >= bodyLine { return "body" }
            return starts.last { $0.line <= line }?.key ?? "front_matter"
        }
    }

    static func fieldLines(_ text: String) -> FieldLines {
        let lines = ReviewContent.splitLinesForFields(text)
        var starts: [(Int, String)] = []
        var bodyLine = Int.max
        for (index, line) in lines.enumerated().dropFirst() {
            if line == "---" || line == "---\r" {
                bodyLine = index + 2
                break
            }
            guard let first = line.unicodeScalars.first, first != " ", first != "#", first != "-",
                let colon = line.firstIndex(of: ":")
            else { continue }
            starts.append((index + 1, String(line[..<colon])))
        }
        return FieldLines(starts: starts, bodyLine: bodyLine)
    }

    /// Personal data found in any text field or the body, masked.
    static func privacyHits(_ fields: [String: Any]) -> [DeskJSON] {
        var hits: [DeskJSON] = []
        func scan(_ value: Any, field: String) {
            switch value {
            case let text as String:
                let (masked, matches) = PrivacyScanner.mask(text)
                for match in matches {
                    hits.append(
                        .object([
                            "field": .string(field), "kind": .string(match.kind.label), "masked": .string(match.masked),
                            "masked_text": .string(masked),
                        ]))
                }
            case let list as [Any]:
                for (index, item) in list.enumerated() { scan(item, field: "\(field)[\(index + 1)]") }
            case let map as [String: Any]:
                for key in map.keys.sorted() { scan(map[key] as Any, field: "\(field).\(key)") }
            default: break
            }
        }
        for key in fields.keys.sorted() where key != "base" && key != "acknowledge_privacy" {
            scan(fields[key] as Any, field: key)
        }
        return hits
    }

    /// `[a-z][a-z0-9_]*`, at most 40 characters.
    static func isFieldName(_ key: String) -> Bool {
        let scalars = Array(key.unicodeScalars)
        guard (1...40).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first) else {
            return false
        }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The lowercase hex SHA-256 of a whole file: the `base` of a save.
    public static func fileHash(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(text.utf8)))
    }

    /// The fields (and `body`, `review`) that differ between two versions of a file.
    static func changes(from old: String, to new: String) -> [String] {
        let a = FrontMatter.split(old, file: "", code: "x").0
        let b = FrontMatter.split(new, file: "", code: "x").0
        let fa = fields(ofYAML: a?.yaml ?? "")
        let fb = fields(ofYAML: b?.yaml ?? "")
        var changed = Set(fa.keys).union(fb.keys).filter { fa[$0] != fb[$0] }.sorted()
        if a?.body != b?.body { changed.append("body") }
        return changed
    }
}
