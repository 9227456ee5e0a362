import CampaignCore
import Foundation
import HTTPTypes
import Imaging

/// Photos of exposure notices: upload (type checked by content, size limited; the original is kept
/// only in the notice's bundle under Content/) and redact boxes, previewed through the real imaging
/// pipeline (pixelated, metadata-free).
extension DeskItems {
    /// The largest upload accepted.
    public static let maximumPhotoBytes = 10 * 1024 * 1024

    /// The photo format of `data` by its first bytes: `jpg`, `png` or `webp`; nil for anything else.
    public static func photoType(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return "webp"
        }
        return nil
    }

    /// Adds a photo to a notice: saved as `photo-<n>.<ext>` beside index.md and listed with `alt` in
    /// `photos` (the "before" photos) or, with `rectification`, in `rectification.photos` (the
    /// "after" photos, once the rectification is written); returns its number among all the notice's
    /// photos (`photos`, then `rectification.photos`, 1-based) and its file name.
    public func addPhoto(
        id: String, data: Data, alt: String, rectification: Bool = false, account: Account, origin: String
    ) throws -> (index: Int, file: String) {
        guard account.role.canEdit else { throw DeskError(.forbidden, "只有编辑可以上传照片（only editors upload photos）") }
        guard data.count <= Self.maximumPhotoBytes else {
            throw DeskError(.contentTooLarge, "照片不能超过 10 MB（photos up to 10 MB）")
        }
        guard let type = Self.photoType(data) else {
            throw DeskError(.unsupportedMediaType, "只接受 JPEG、PNG 或 WebP 照片（JPEG, PNG or WebP only）")
        }
        let trimmedAlt = alt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedAlt.isEmpty else {
            throw DeskError(.unprocessableContent, "请填写照片说明 alt（供读屏软件朗读）（alt is required）")
        }
        do {
            _ = try ImageProcessor.process(original: data, widths: [64])
        } catch {
            throw DeskError(.unsupportedMediaType, "无法读取这张照片（the photo can not be read）：\(error)")
        }
        let file = try folder.file(.exposure, id: id)
        guard let bundle = file.bundle else { throw DeskError(.notFound, "没有这条曝光（not found）") }
        let existing = folder.bundleFiles(bundle)
        var number = 1
        while existing.contains(where: { $0.hasPrefix("photo-\(number).") }) { number += 1 }
        let name = "photo-\(number).\(type)"
        var fields = try editableFields(file)
        var photos = fields["photos"] as? [Any] ?? []
        var index: Int
        let entry: [String: Any] = ["file": name, "alt": trimmedAlt]
        if rectification {
            guard var record = fields["rectification"] as? [String: Any] else {
                throw DeskError(
                    .unprocessableContent, "请先填写并保存整改情况，再上传整改后照片（write the rectification first）")
            }
            var after = record["photos"] as? [Any] ?? []
            after.append(entry)
            record["photos"] = after
            fields["rectification"] = record
            index = photos.count + after.count
        } else {
            photos.append(entry)
            fields["photos"] = photos
            index = photos.count
        }
        let bundleURL = folder.url.appendingPathComponent("exposures").appendingPathComponent(bundle)
        try folder.write(data, to: bundleURL.appendingPathComponent(name))
        try rewrite(file, fields: fields)
        try store.audit(
            actor: account.login, action: "photo.upload", target: ItemKind.exposure.key(id),
            detail: "\(name) \(data.count) bytes", origin: origin, at: clock.now())
        return (index, name)
    }

    /// Sets the redact boxes of photo `index` (1-based) and returns the published variant's JPEG as the
    /// imaging pipeline makes it; with `save` false only the preview is made.
    public func redact(id: String, index: Int, boxes: [[Int]], save: Bool, account: Account, origin: String) throws
        -> Data
    {
        guard account.role.canEdit else { throw DeskError(.forbidden, "只有编辑可以打码（only editors redact）") }
        let file = try folder.file(.exposure, id: id)
        guard let bundle = file.bundle else { throw DeskError(.notFound, "没有这条曝光（not found）") }
        var fields = try editableFields(file)
        guard let (path, entry) = Self.photo(index, in: fields), let name = entry["file"] as? String else {
            throw DeskError(.notFound, "没有第 \(index) 张照片（no photo \(index)）")
        }
        guard boxes.allSatisfy({ $0.count == 4 && $0[2] > 0 && $0[3] > 0 && $0[0] >= 0 && $0[1] >= 0 }) else {
            throw DeskError(.unprocessableContent, "打码框须为 [x, y, 宽, 高] 的正整数（boxes are [x, y, w, h]）")
        }
        let original = try Data(
            contentsOf: folder.url.appendingPathComponent("exposures").appendingPathComponent(bundle)
                .appendingPathComponent(name))
        let preview: Data
        do {
            let variants = try ImageProcessor.process(original: original, redact: boxes, widths: [960])
            guard let jpeg = variants.first(where: { $0.format == .jpeg }) else {
                throw DeskError(.internalServerError, "预览生成失败（no preview）")
            }
            preview = jpeg.data
        } catch let error as DeskError {
            throw error
        } catch {
            throw DeskError(.unprocessableContent, "打码框有误（bad box）：\(error)")
        }
        guard save else { return preview }
        var photo = entry
        photo["redact"] = boxes
        Self.setPhoto(photo, at: path, in: &fields)
        try rewrite(file, fields: fields)
        try store.audit(
            actor: account.login, action: "photo.redact", target: ItemKind.exposure.key(id),
            detail: "\(name) \(boxes)", origin: origin, at: clock.now())
        return preview
    }

    /// Where photo `index` (1-based over `photos`, then `rectification.photos`) is listed, and its entry.
    static func photo(_ index: Int, in fields: [String: Any]) -> (
        path: (rectification: Bool, offset: Int), entry: [String: Any]
    )? {
        let before = fields["photos"] as? [Any] ?? []
        let after = (fields["rectification"] as? [String: Any])?["photos"] as? [Any] ?? []
        let all = before + after
        guard index >= 1, index <= all.count, let entry = all[index - 1] as? [String: Any],
            let name = entry["file"] as? String, ContentFolder.isPhotoName(name)
        else { return nil }
        return index <= before.count ? ((false, index - 1), entry) : ((true, index - 1 - before.count), entry)
    }

    static func setPhoto(
        _ entry: [String: Any], at path: (rectification: Bool, offset: Int), in fields: inout [String: Any]
    ) {
        if path.rectification {
            var record = fields["rectification"] as? [String: Any] ?? [:]
            var after = record["photos"] as? [Any] ?? []
            guard after.indices.contains(path.offset) else { return }
            after[path.offset] = entry
            record["photos"] = after
            fields["rectification"] = record
        } else {
            var before = fields["photos"] as? [Any] ?? []
            guard before.indices.contains(path.offset) else { return }
            before[path.offset] = entry
            fields["photos"] = before
        }
    }

    /// The front matter of a file as request-like fields (numbers in redact boxes as numbers).
    func editableFields(_ file: ContentFolder.File) throws -> [String: Any] {
        guard let frontMatter = FrontMatter.split(file.text, file: file.display, code: "exposure").0 else {
            throw DeskError(.unprocessableContent, "稿件无法读取（the file can not be read）")
        }
        var fields: [String: Any] = [:]
        for (key, value) in Self.fields(ofYAML: frontMatter.yaml) where key != "review" {
            fields[key] = Self.any(value, key: key)
        }
        fields["body"] = frontMatter.body
        return fields
    }

    static func any(_ value: DeskJSON, key: String) -> Any {
        switch value {
        case .string(let text):
            if key == "redact", let number = Int(text) { return number }
            return text
        case .int(let number): return number
        case .bool(let flag): return flag
        case .null: return NSNull()
        case .array(let items): return items.map { any($0, key: key == "redact" ? "redact" : key) }
        case .object(let object):
            var map: [String: Any] = [:]
            for (name, item) in object { map[name] = any(item, key: name) }
            return map
        }
    }

    /// Writes `fields` back, keeping the review block (signatures become void: the content changed).
    func rewrite(_ file: ContentFolder.File, fields: [String: Any]) throws {
        let site = try folder.site()
        let review = FrontMatter.split(file.text, file: file.display, code: "exposure").0.flatMap {
            FieldReader.parse($0.yaml, file: file.display, codePrefix: "exposure").map {
                ReviewSignOff.parse(from: $0, timeZone: site.timeZone)
            }
        }
        let text = Self.markdown(
            .exposure, fields: fields, body: fields["body"] as? String ?? "", review: review ?? nil, site: site)
        try folder.write(text, to: file.url)
        try store.remember(version: text, hash: Self.fileHash(text))
    }
}
