import CampaignCore
import Foundation
import HTTPTypes
import LEDFeed

/// The site's Content/ folder as the desk reads and writes it: the same Markdown and YAML files the
/// CLI builds, so git and `campaign build` keep working.
///
/// Every path is built from validated ids (`[a-z0-9-]+`, exposure ids lowercased), and every write is
/// checked to land inside Content/ (never in Output/, never elsewhere).
public struct ContentFolder: Sendable {
    public let url: URL
    /// How paths are shown (`Content`).
    public let display: String

    public init(url: URL, display: String = "Content") {
        self.url = url.standardizedFileURL
        self.display = display
    }

    /// One item file as found on disk.
    public struct File: Sendable, Hashable {
        public var kind: ItemKind
        public var id: String
        /// `Content/news/x.md`.
        public var display: String
        public var url: URL
        public var text: String
        /// For exposures, the bundle folder name.
        public var bundle: String?
        /// For LED messages, the message's entry in `messages.yml` (`text` is the whole file).
        public var ledEntry: LEDMessageEntry?
    }

    // MARK: - Reading

    /// site.yml, parsed.
    public func site() throws -> SiteConfig {
        let text = try read(url.appendingPathComponent("site.yml"))
        guard let site = SiteConfig.parse(text, file: "\(display)/site.yml").0 else {
            throw DeskError(.internalServerError, "site.yml 有错误，请先运行 campaign check（site.yml has errors）")
        }
        return site
    }

    /// Content/reviewers.yml, empty when missing.
    public func reviewers() -> ReviewerDirectory {
        let file = url.appendingPathComponent(ReviewerDirectory.file)
        guard let text = try? read(file) else { return ReviewerDirectory() }
        return ReviewerDirectory.parse(text, file: "\(display)/\(ReviewerDirectory.file)").0
    }

    /// Writes Content/reviewers.yml.
    public func writeReviewers(_ directory: ReviewerDirectory) throws {
        try write(directory.yaml, to: url.appendingPathComponent(ReviewerDirectory.file))
    }

    /// Every item of `kind`, sorted by id.
    public func files(_ kind: ItemKind) -> [File] {
        let fm = FileManager.default
        switch kind {
        case .news, .page:
            let folder = url.appendingPathComponent(kind == .news ? "news" : "pages")
            let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
                $0.hasSuffix(".md") && !$0.hasPrefix(".")
            }
            return names.sorted().compactMap { name in
                let id = String(name.dropLast(3))
                return try? file(kind, id: id)
            }
        case .exposure:
            let folder = url.appendingPathComponent("exposures")
            let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.sorted().compactMap { bundle -> File? in
                guard !bundle.hasPrefix("."), Slug.isValid(bundle) else { return nil }
                let index = folder.appendingPathComponent(bundle).appendingPathComponent("index.md")
                guard let text = try? read(index) else { return nil }
                let id = Self.frontMatterValue("id", in: text) ?? bundle.uppercased()
                return File(
                    kind: .exposure, id: id, display: "\(display)/exposures/\(bundle)/index.md", url: index,
                    text: text, bundle: bundle)
            }
        case .led:
            let url = url.appendingPathComponent("led/messages.yml")
            guard let text = try? read(url) else { return [] }
            let zone = (try? site().timeZone) ?? SiteConfig.defaultTimeZone
            let messages = LEDContent.parseMessages(text, file: "\(display)/led/messages.yml", timeZone: zone).0
            let entries = LEDMessageEntry.entries(of: messages)
            return messages.map { message in
                File(
                    kind: .led, id: message.id, display: "\(display)/led/messages.yml", url: url, text: text,
                    ledEntry: entries[message.id])
            }
        }
    }

    /// The item `id` of `kind`; 404 when there is none, 400 for an id that is not an id.
    public func file(_ kind: ItemKind, id: String) throws -> File {
        switch kind {
        case .news, .page:
            guard Self.isFileID(id) else { throw DeskError(.badRequest, "无效的编号 '\(id)'（invalid id）") }
            let folder = kind == .news ? "news" : "pages"
            let file = url.appendingPathComponent(folder).appendingPathComponent("\(id).md")
            guard let text = try? read(file) else {
                throw DeskError(.notFound, "没有这个\(kind.chineseName)：\(id)（not found）")
            }
            return File(kind: kind, id: id, display: "\(display)/\(folder)/\(id).md", url: file, text: text)
        case .exposure:
            guard let found = files(.exposure).first(where: { $0.id == id }) else {
                throw DeskError(.notFound, "没有这条曝光：\(id)（not found）")
            }
            return found
        case .led:
            guard let found = files(.led).first(where: { $0.id == id }) else {
                throw DeskError(.notFound, "没有这条 LED 消息：\(id)（not found）")
            }
            return found
        }
    }

    /// The photos an exposure notice lists, with their bytes, in the order of the content hash.
    func photos(of file: File, notice: ExposureNotice?) -> [ReviewContent.Photo] {
        guard let notice, let bundle = file.bundle else { return [] }
        let folder = url.appendingPathComponent("exposures").appendingPathComponent(bundle)
        return (notice.photos + (notice.rectification?.photos ?? [])).map { photo in
            let bytes =
                Self.isPhotoName(photo.file)
                ? (try? Data(contentsOf: folder.appendingPathComponent(photo.file))).map { [UInt8]($0) } ?? [] : []
            return ReviewContent.Photo(file: photo.file, bytes: bytes)
        }
    }

    /// Paths of the files of an exposure bundle other than index.md.
    func bundleFiles(_ bundle: String) -> Set<String> {
        let folder = url.appendingPathComponent("exposures").appendingPathComponent(bundle)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(names.filter { $0 != "index.md" && !$0.hasPrefix(".") })
    }

    // MARK: - Writing

    /// The file a new item of `kind` with `id` goes to (exposures: a new bundle `<id lowercased>`, LED
    /// messages: `led/messages.yml`).
    func newFile(_ kind: ItemKind, id: String) throws -> (url: URL, display: String, bundle: String?) {
        switch kind {
        case .news, .page:
            guard Self.isFileID(id) else { throw DeskError(.badRequest, "无效的编号 '\(id)'（invalid id）") }
            let folder = kind == .news ? "news" : "pages"
            return (
                url.appendingPathComponent(folder).appendingPathComponent("\(id).md"), "\(display)/\(folder)/\(id).md",
                nil
            )
        case .exposure:
            let bundle = id.lowercased()
            guard Slug.isValid(bundle) else {
                throw DeskError(.badRequest, "曝光编号只能用字母、数字和 -，如 BG-2026-0123（invalid id）")
            }
            return (
                url.appendingPathComponent("exposures").appendingPathComponent(bundle)
                    .appendingPathComponent("index.md"), "\(display)/exposures/\(bundle)/index.md", bundle
            )
        case .led:
            // Every message is an entry of the one file (`DeskItems.createLED` appends it).
            return (url.appendingPathComponent("led/messages.yml"), "\(display)/led/messages.yml", nil)
        }
    }

    /// Writes `text` atomically to `file`, which must lie inside Content/.
    public func write(_ text: String, to file: URL) throws {
        try write(Data(text.utf8), to: file)
    }

    /// Writes bytes atomically to `file`, which must lie inside Content/.
    public func write(_ data: Data, to file: URL) throws {
        let target = file.standardizedFileURL
        let root = url.resolvingSymlinksInPath().path + "/"
        let parent = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        guard (parent.resolvingSymlinksInPath().path + "/").hasPrefix(root) else {
            throw DeskError(.forbidden, "只能写入 Content/ 之内（writes stay inside Content/）")
        }
        try data.write(to: target, options: .atomic)
    }

    func read(_ file: URL) throws -> String {
        let data = try Data(contentsOf: file)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DeskError(.unprocessableContent, "\(file.lastPathComponent) 不是 UTF-8 文本（not UTF-8）")
        }
        return text
    }

    // MARK: - Names

    /// News and page ids are file names without `.md`: `[a-z0-9-]+`.
    static func isFileID(_ id: String) -> Bool { Slug.isValid(id) }

    /// A photo name inside a bundle: one path segment of letters, digits, `-`, `_` and `.`, not hidden.
    static func isPhotoName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."), !name.contains("..") else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_.".unicodeScalars.contains($0)
        }
    }

    /// The plain value of a top-level front-matter key (for ids), without quotes.
    static func frontMatterValue(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n").prefix(80) where line.hasPrefix("\(key):") {
            var value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
