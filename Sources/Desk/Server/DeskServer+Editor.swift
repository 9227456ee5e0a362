import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import Imaging
import Markdown

/// The editor pages: a form per kind with every field of docs/content.md, field messages from the build's checks,
/// a Markdown editor with a preview rendered by the site's renderer in the site's theme, and for
/// exposure notices the photos with redact boxes drawn by mouse or typed with the keyboard.
extension DeskServer {
    func addEditorRoutes(to router: Router<DeskContext>) {
        router.get("/items/:kind/new") { _, context in try self.editorPage(context, id: nil) }
        router.get("/items/:kind/:id") { _, context in try self.editorPage(context, id: try self.id(context)) }
        router.post("/api/preview") { request, context in try await self.preview(request, context) }
        router.post("/api/preview/led") { request, context in
            _ = try self.account(context)
            let fields = try await self.jsonObject(request, limit: 64 * 1024)
            return try self.json(["html": try self.items.ledPreview(fields: fields)])
        }
        router.get("/api/items/:kind/:id/photos/:n") { _, context in try self.photoImage(context) }
        router.get("/theme/style.css") { _, _ in
            let css =
                (try? String(
                    contentsOf: self.configuration.themeURL.appendingPathComponent("assets/style.css"), encoding: .utf8))
                ?? ""
            return Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: css)))
        }
    }

    /// `POST /api/preview {"body"}` → `{"html"}`: the body as the site renders it, personal data masked
    /// as on publication.
    func preview(_ request: Request, _ context: DeskContext) async throws -> Response {
        _ = try account(context)
        let object = try await jsonObject(request)
        let site = try items.folder.site()
        let masked = PrivacyScanner.mask(object["body"] as? String ?? "").masked
        let document = MarkdownRenderer.render(masked, options: MarkdownOptions(unsafeHTML: site.unsafeHTML))
        return try json(["html": document.html])
    }

    /// `GET /api/items/exposure/<id>/photos/<n>`: the photo at full size through the imaging pipeline
    /// (oriented, metadata-free, no boxes), for drawing boxes in its own pixels. Editors only.
    func photoImage(_ context: DeskContext) throws -> Response {
        let account = try account(context)
        guard account.role.canEdit, try kind(context) == .exposure else {
            throw DeskError(.forbidden, "只有编辑可以查看原图（editors only）")
        }
        let file = try items.folder.file(.exposure, id: try id(context))
        let fields = try items.editableFields(file)
        guard let index = context.parameters.get("n").flatMap({ Int($0) }), let bundle = file.bundle,
            let name = DeskItems.photo(index, in: fields)?.entry["file"] as? String
        else { throw DeskError(.notFound, "没有这张照片（no such photo）") }
        let data = try Data(
            contentsOf: items.folder.url.appendingPathComponent("exposures").appendingPathComponent(bundle)
                .appendingPathComponent(name))
        let variants: [ProcessedVariant]
        do {
            variants = try ImageProcessor.process(original: data, widths: [1_000_000])
        } catch {
            throw DeskError(.unprocessableContent, "无法读取这张照片（the photo can not be read）")
        }
        guard let jpeg = variants.first(where: { $0.format == .jpeg }) else {
            throw DeskError(.internalServerError, "照片处理失败（no image）")
        }
        return Response(
            status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: jpeg.data)))
    }

    /// The form of one item (or a new one).
    func editorPage(_ context: DeskContext, id: String?) throws -> Response {
        let account = try account(context)
        let kind = try kind(context)
        var fields: [String: DeskJSON] = [:]
        var body = ""
        var base = ""
        var title = "新建\(kind.chineseName)"
        var summary: DeskItems.Summary?
        if let id {
            let detail = try items.detail(kind, id: id)
            fields = detail.fields
            body = detail.body
            base = detail.base
            title = detail.item.title
            summary = detail.item
        }
        let readOnly = !account.role.canEdit
        var html = "<h1>\(DeskPage.escape(title))</h1>"
        if let summary {
            html += "<p>状态：\(DeskPage.stateName(summary.state))</p>"
            if let sentBack = summary.sentBack {
                html +=
                    "<p class=\"sent-back\">驳回理由（\(DeskPage.escape(sentBack.by))）：\(DeskPage.escape(sentBack.note))</p>"
            }
            html += DeskPage.table([summary], caption: "三审", account: account)
        }
        html += """
            <form id="editor" data-kind="\(kind.rawValue)" data-id="\(DeskPage.escape(id ?? ""))" \
            data-base="\(DeskPage.escape(base))" novalidate>
            <p id="form-message" role="alert"></p>
            """
        for field in DeskEditorFields.fields(for: kind, groups: kind == .led ? items.ledGroups() : []) {
            // Sub-fields (`rectification.date`) read from their parent mapping.
            let valueKey = field.key.split(separator: ".").first.map(String.init) ?? field.key
            // A message's id is its name in signatures and in the file: it can not change.
            let fixed = kind == .led && id != nil && field.key == "id"
            html += field.html(value: fields[valueKey], readOnly: readOnly || fixed)
        }
        if kind == .led {
            html += ledEditorTail(id: id, fields: fields, readOnly: readOnly)
            return page(title: title, account: account, csrf: context.session?.csrf, body: html)
        }
        html += """
            <p><label for="f-body">正文（Markdown）</label><br>\
            <textarea id="f-body" name="body" rows="16" cols="80" aria-describedby="m-body"\(readOnly ? " readonly" : "")>\
            \(DeskPage.escape(body))</textarea><br><span class="field-message" id="m-body"></span></p>
            <div id="privacy" hidden><p role="alert" id="privacy-text"></p>
            <p><input type="checkbox" id="acknowledge"><label for="acknowledge">我已确认：个人信息发布时将被遮盖</label></p></div>
            <p><button type="button" id="preview-button">预览</button>\
            \(readOnly ? "" : " <button type=\"submit\">保存</button>")</p>
            </form>
            <section aria-labelledby="preview-title"><h2 id="preview-title">预览</h2>
            <iframe id="preview" title="按网站样式预览正文" sandbox="" srcdoc=""></iframe></section>
            """
        if kind == .exposure, let id, !readOnly {
            html += photoSection(id: id, fields: fields)
        }
        return page(title: title, account: account, csrf: context.session?.csrf, body: html)
    }

    /// The end of an LED message's form: privacy confirmation, buttons, and the preview as the
    /// screens that play the message's group show it (drawn on the server, so also without JavaScript).
    func ledEditorTail(id: String?, fields: [String: DeskJSON], readOnly: Bool) -> String {
        var preview = "<p>填写文字后按“预览”，按播放该分组的屏幕显示效果。</p>"
        if id != nil {
            var plain: [String: Any] = [:]
            for key in ["id", "group", "text", "template"] {
                if case .string(let value)? = fields[key] { plain[key] = value }
            }
            preview = (try? items.ledPreview(fields: plain)) ?? preview
        }
        return """
            <div id="privacy" hidden><p role="alert" id="privacy-text"></p>
            <p><input type="checkbox" id="acknowledge"><label for="acknowledge">我已确认：个人信息发布时将被遮盖</label></p></div>
            <p><button type="button" id="preview-button">预览</button>\
            \(readOnly ? "" : " <button type=\"submit\">保存</button>")</p>
            </form>
            <section aria-labelledby="preview-title"><h2 id="preview-title">LED 屏预览</h2>
            <p>模板中的 {indicators_met} 等指标数字在发布时由构建填入，预览中可能为 0。</p>
            <div id="led-preview" aria-live="polite">\(preview)</div></section>
            """
    }

    func photoSection(id: String, fields: [String: DeskJSON]) -> String {
        var list = ""
        var photos: [DeskJSON] = []
        if case .array(let before) = fields["photos"] ?? .null { photos += before }
        if case .object(let record) = fields["rectification"] ?? .null,
            case .array(let after) = record["photos"] ?? .null
        {
            photos += after
        }
        do {
            for (offset, photo) in photos.enumerated() {
                guard case .object(let map) = photo, case .string(let file) = map["file"] ?? .null else { continue }
                var boxes = "[]"
                if let redact = map["redact"], let data = try? JSONEncoder().encode(redact) {
                    boxes = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"", with: "")
                }
                let n = offset + 1
                list += """
                    <li class="photo" data-n="\(n)" data-boxes="\(DeskPage.escape(boxes))">
                    <p>第 \(n) 张：\(DeskPage.escape(file))</p>
                    <div class="canvas-wrap"><canvas id="canvas-\(n)" role="img" \
                    aria-label="第 \(n) 张照片，可用鼠标拖动画出打码框"></canvas></div>
                    <fieldset><legend>添加打码框（像素）</legend>
                    <label for="bx-\(n)">x</label> <input id="bx-\(n)" type="number" min="0" size="5">
                    <label for="by-\(n)">y</label> <input id="by-\(n)" type="number" min="0" size="5">
                    <label for="bw-\(n)">宽</label> <input id="bw-\(n)" type="number" min="1" size="5">
                    <label for="bh-\(n)">高</label> <input id="bh-\(n)" type="number" min="1" size="5">
                    <button type="button" class="add-box">添加</button></fieldset>
                    <p>打码框：<output class="box-list" id="boxes-\(n)"></output>
                    <button type="button" class="clear-boxes">清除</button>
                    <button type="button" class="redact-preview">预览打码效果</button>
                    <button type="button" class="redact-save">保存打码</button></p>
                    <p class="redact-message" role="status"></p>
                    <img class="redacted" alt="第 \(n) 张照片打码后的效果" hidden>
                    </li>
                    """
            }
        }
        return """
            <section aria-labelledby="photos-title" id="photos" data-id="\(DeskPage.escape(id))">
            <h2 id="photos-title">照片</h2><ol>\(list)</ol>
            <form id="upload"><fieldset><legend>上传照片（JPEG、PNG 或 WebP，不超过 10 MB）</legend>
            <p><label for="photo-file">照片文件</label> <input id="photo-file" name="file" type="file" \
            accept="image/jpeg,image/png,image/webp" required></p>
            <p><label for="photo-alt">照片说明（alt，供读屏软件朗读）</label> <input id="photo-alt" name="alt" required></p>
            <p><input type="checkbox" id="photo-after" name="rectification">\
            <label for="photo-after">整改后照片（需先保存整改情况）</label></p>
            <p><button type="submit">上传</button></p><p id="upload-message" role="status"></p></fieldset></form>
            </section>
            """
    }
}

/// The form fields of each kind (docs/content.md), with Chinese labels.
enum DeskEditorFields {
    struct Field {
        enum Input {
            case text
            case choice([String])
            case list
            case checkbox
            case sub(String)
            /// A text with suggestions (`<datalist>`).
            case suggest([String])
            /// A longer text (`<textarea>`; an LED message's line breaks are not kept).
            case area
        }
        var key: String
        var label: String
        var input: Input = .text

        func html(value: DeskJSON?, readOnly: Bool) -> String {
            let id = "f-" + key.replacingOccurrences(of: ".", with: "-")
            let describedBy = "m-" + key.replacingOccurrences(of: ".", with: "-")
            let disabled = readOnly ? " readonly" : ""
            let text = Self.text(value, key: key)
            let control: String
            switch input {
            case .checkbox:
                control =
                    "<input type=\"checkbox\" id=\"\(id)\" name=\"\(key)\"\(text == "true" ? " checked" : "")\(readOnly ? " disabled" : "") aria-describedby=\"\(describedBy)\">"
            case .choice(let options):
                let items = ([""] + options).map {
                    "<option value=\"\($0)\"\($0 == text ? " selected" : "")>\($0.isEmpty ? "（未填）" : $0)</option>"
                }.joined()
                control =
                    "<select id=\"\(id)\" name=\"\(key)\" aria-describedby=\"\(describedBy)\"\(readOnly ? " disabled" : "")>\(items)</select>"
            case .suggest(let options):
                let items = options.map { "<option value=\"\(DeskPage.escape($0))\"></option>" }.joined()
                control =
                    "<input id=\"\(id)\" name=\"\(key)\" value=\"\(DeskPage.escape(text))\" list=\"\(id)-list\" "
                    + "aria-describedby=\"\(describedBy)\"\(disabled)><datalist id=\"\(id)-list\">\(items)</datalist>"
            case .area:
                control =
                    "<textarea id=\"\(id)\" name=\"\(key)\" rows=\"3\" cols=\"60\" aria-describedby=\"\(describedBy)\"\(disabled)>"
                    + "\(DeskPage.escape(text))</textarea>"
            case .list:
                control =
                    "<input id=\"\(id)\" name=\"\(key)\" value=\"\(DeskPage.escape(text))\" data-list=\"1\" "
                    + "aria-describedby=\"\(describedBy)\"\(disabled)>"
            default:
                control =
                    "<input id=\"\(id)\" name=\"\(key)\" value=\"\(DeskPage.escape(text))\" aria-describedby=\"\(describedBy)\"\(disabled)>"
            }
            return
                "<p><label for=\"\(id)\">\(label)</label><br>\(control)<br><span class=\"field-message\" id=\"\(describedBy)\"></span></p>\n"
        }

        /// A field's value as the input shows it: lists comma-separated, sub-fields of mappings.
        static func text(_ value: DeskJSON?, key: String) -> String {
            let parts = key.split(separator: ".").map(String.init)
            var current = value
            if parts.count == 2 {
                // `value` is the parent mapping for sub-fields.
                if case .object(let map) = value ?? .null { current = map[parts[1]] } else { current = nil }
            }
            switch current ?? .null {
            case .string(let text): return text
            case .array(let items):
                return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                    .joined(separator: "，")
            case .int(let number): return String(number)
            case .bool(let flag): return flag ? "true" : "false"
            default: return ""
            }
        }
    }

    static func fields(for kind: ItemKind, groups: [String] = []) -> [Field] {
        switch kind {
        case .news:
            return [
                Field(key: "title", label: "标题（必填）"), Field(key: "date", label: "发布时间（必填，如 2026-11-20 09:30）"),
                Field(key: "summary", label: "摘要"), Field(key: "tags", label: "标签（用逗号分隔）", input: .list),
                Field(key: "source", label: "来源"), Field(key: "led", label: "LED 屏短标题"),
                Field(key: "draft", label: "草稿（不发布）", input: .checkbox),
                Field(key: "expires", label: "下线时间"), Field(key: "slug", label: "网址名（a-z、0-9、-）"),
            ]
        case .page:
            return [
                Field(key: "title", label: "标题（必填）"), Field(key: "date", label: "更新时间"),
                Field(key: "summary", label: "摘要"), Field(key: "slug", label: "网址名（必填，a-z、0-9、-）"),
            ]
        case .exposure:
            return [
                Field(key: "id", label: "编号（必填，如 BG-2026-0123）"), Field(key: "title", label: "标题（必填）"),
                Field(key: "found", label: "发现日期（必填）"), Field(key: "district", label: "区县（必填）"),
                Field(key: "category", label: "问题类别（必填）"), Field(key: "unit", label: "责任单位（必填）"),
                Field(key: "location", label: "地点（必填）"),
                Field(key: "source", label: "来源", input: .choice(["督查", "暗访", "随手拍", "群众举报"])),
                Field(key: "deadline", label: "整改期限"), Field(key: "limit_days", label: "或：整改天数"),
                Field(
                    key: "status", label: "状态",
                    input: .choice(["open", "rectifying", "rectified", "verified", "closed"])),
                Field(key: "rectification.date", label: "整改完成日期（已整改起必填）", input: .sub("rectification")),
                Field(key: "rectification.note", label: "整改情况（已整改起必填）", input: .sub("rectification")),
                Field(key: "verification.by", label: "复核人（复核通过起必填）", input: .sub("verification")),
                Field(key: "verification.at", label: "复核日期（复核通过起必填）", input: .sub("verification")),
                Field(key: "closed", label: "销号日期（已销号必填）"),
            ]
        case .led:
            return [
                Field(key: "id", label: "编号（必填，a-z、0-9、-，如 slogan-create；保存后不能修改）"),
                Field(key: "group", label: "分组（必填，屏幕按分组播放，如 slogans）", input: .suggest(groups)),
                Field(key: "text", label: "文字（与模板二选一）", input: .area),
                Field(
                    key: "template",
                    label: "或：模板（可用 {days_to_inspection} {indicators_met} {indicators_total} {exposures_open} "
                        + "{exposures_closed} {latest_headline}）", input: .area),
                Field(key: "priority", label: "优先级（urgent 为紧急，先于其他消息播放）", input: .choice(["normal", "urgent"])),
                Field(key: "from", label: "开始播放（如 2026-11-28 08:00，不填为立即）"),
                Field(key: "until", label: "停止播放（如 2026-12-01 20:00，不填为一直）"),
                Field(
                    key: "schedule.windows", label: "每天播放时段（如 06:30-22:30，多个用逗号分隔；不填为屏幕的时段）",
                    input: .list),
                Field(key: "schedule.weekdays", label: "星期几播放（1 为周一 … 7 为周日，用逗号分隔；不填为每天）", input: .list),
            ]
        }
    }
}
