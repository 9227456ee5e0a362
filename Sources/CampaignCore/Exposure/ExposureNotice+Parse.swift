import Foundation
import Yams

extension ExposureNotice {
    /// Image formats a photo may have (by file extension, case-insensitive).
    public static let photoExtensions: Set<String> = ["jpg", "jpeg", "png", "webp"]

    /// Reads and checks one notice.
    ///
    /// - Parameters:
    ///   - frontMatter: the split `index.md`.
    ///   - file: the path of `index.md` for diagnostics, e.g. `Content/exposures/bg-2026-0101-x/index.md`.
    ///   - bundle: the bundle folder name.
    ///   - site: `site.yml`, for districts, categories, units and the time zone.
    ///   - filesInBundle: paths of the other files in the bundle, relative to it (e.g. `before-1.jpg`).
    /// - Returns: the notice, or nil when any error was found; and all diagnostics (codes `exposure.*`).
    ///   The `review` field is read into `review`; `ReviewRules` checks it.
    public static func parse(
        frontMatter: FrontMatter, file: String, bundle: String, site: SiteConfig, filesInBundle: Set<String>
    ) -> (ExposureNotice?, [Diagnostic]) {
        let sink = FieldReader.Sink()
        guard
            let reader = FieldReader.parse(
                frontMatter.yaml, file: file, lineOffset: frontMatter.yamlLineOffset, codePrefix: "exposure",
                sink: sink)
        else { return (nil, sink.diagnostics) }
        let parser = NoticeParser(reader: reader, site: site, files: filesInBundle)
        let notice = parser.read(body: frontMatter.body, bodyStartLine: frontMatter.bodyStartLine, bundle: bundle)
        reader.reportUnknownKeys()
        if sink.diagnostics.hasErrors { return (nil, sink.diagnostics) }
        return (notice, sink.diagnostics)
    }
}

/// The rules of one notice, reading through one `FieldReader`.
private struct NoticeParser {
    let reader: FieldReader
    let site: SiteConfig
    let files: Set<String>
    var timeZone: TimeZone { site.timeZone }

    func read(body: String, bodyStartLine: Int, bundle: String) -> ExposureNotice? {
        let r = reader
        let review = ReviewSignOff.parse(from: r, timeZone: timeZone)
        let id = readID()
        let title = r.string("title", required: true)
        let found = r.date("found", required: true, timeZone: timeZone)
        let district = entry("district", in: site.districts, kind: "district")
        let category = entry("category", in: site.categories, kind: "category")
        let unit = entry("unit", in: site.units, kind: "unit")
        let location = r.string("location", required: true)
        let source = readSource()
        let (deadline, limitDays) = readDeadline(found: found)
        let status = readStatus()
        let photos = readPhotos(r, key: "photos")
        let rectification = readRectification(status: status, found: found)
        let verification = readVerification(status: status, after: rectification?.date ?? found)
        let closed = readClosed(status: status, found: found, verification: verification)
        let bodyPosition = SourceLocation(file: r.file, line: bodyStartLine, column: 1)
        if body.isBlank {
            r.sink.diagnostics.append(
                .warning(
                    "the notice has no text below the front matter; describe what was found and what must be done",
                    code: "exposure.body", at: bodyPosition))
        }
        guard let id, let title, let found, let district, let category, let unit, let location, let deadline,
            let status, let photos
        else { return nil }
        return ExposureNotice(
            id: id, title: title, found: found, district: district, category: category, unit: unit,
            location: location, source: source, deadline: deadline, limitDays: limitDays, status: status,
            photos: photos, rectification: rectification, verification: verification, closed: closed, body: body,
            bodyStartLine: bodyStartLine, bundle: bundle, file: r.file, timeZone: timeZone,
            positions: .init(
                id: r.location(of: "id"), title: r.location(of: "title"), location: r.location(of: "location"),
                body: bodyPosition),
            review: review)
    }

    // MARK: - Fields

    func readID() -> String? {
        guard let id = reader.string("id", required: true) else { return nil }
        guard Self.isValidID(id) else {
            let upper = id.uppercased()
            let hint = Self.isValidID(upper) ? " (did you mean '\(upper)'?)" : ""
            reader.error(
                "id '\(id)' must be 2–4 capital letters, the year and a number, like 'BG-2026-0101'\(hint)",
                key: "id")
            return nil
        }
        return id
    }

    /// `[A-Z]{2,4}-\d{4}-\d{3,5}`; its lowercase form is then always a valid slug.
    static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return false }
        func all(_ part: Substring, _ range: ClosedRange<Int>, _ test: (UInt8) -> Bool) -> Bool {
            range.contains(part.utf8.count) && part.utf8.allSatisfy(test)
        }
        let isUpper: (UInt8) -> Bool = { $0 >= 65 && $0 <= 90 }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        return all(parts[0], 2...4, isUpper) && all(parts[1], 4...4, isDigit) && all(parts[2], 3...5, isDigit)
            && Slug.isValid(id.lowercased())
    }

    func entry(_ key: String, in entries: [NamedEntry], kind: String) -> NamedEntry? {
        guard let name = reader.string(key, required: true) else { return nil }
        if let match = entries.first(where: { $0.name == name }) { return match }
        let hint = Suggestion.hint(for: name, in: entries.map(\.name))
        let listed = hint.isEmpty ? "; site.yml lists: \(entries.map(\.name).joined(separator: "、"))" : ""
        reader.error("unknown \(kind) '\(name)'\(hint)\(listed)", key: key)
        return nil
    }

    func readSource() -> ExposureSource? {
        let allowed = ExposureSource.allCases.map(\.rawValue)
        guard let text = reader.choice("source", in: allowed) else { return nil }
        return ExposureSource(rawValue: text)
    }

    func readDeadline(found: Date?) -> (Date?, Int?) {
        let r = reader
        let hasDeadline = r.has("deadline")
        let hasLimit = r.has("limit_days")
        if hasDeadline && hasLimit {
            r.error("give either 'deadline' or 'limit_days', not both", key: "limit_days")
            return (nil, nil)
        }
        if hasLimit {
            guard let days = r.int("limit_days", range: 1...3650) else { return (nil, nil) }
            guard let found else { return (nil, days) }
            let day = ContentDate.dayNumber(found, in: timeZone) + days
            return (ContentDate.startOfDay(day, in: timeZone), days)
        }
        guard hasDeadline else {
            r.error(
                "missing required field 'deadline' (the last day for rectification) or 'limit_days' (days after "
                    + "'found')", code: "exposure.deadline", at: r.location)
            return (nil, nil)
        }
        guard let deadline = r.date("deadline", timeZone: timeZone) else { return (nil, nil) }
        let day = ContentDate.dayNumber(deadline, in: timeZone)
        if let found, day < ContentDate.dayNumber(found, in: timeZone) {
            r.error(
                "deadline \(ContentDate.dayString(deadline, in: timeZone)) is before the date found "
                    + "\(ContentDate.dayString(found, in: timeZone)); the deadline must be on or after 'found'",
                key: "deadline")
            return (nil, nil)
        }
        return (ContentDate.startOfDay(day, in: timeZone), nil)
    }

    func readStatus() -> ExposureStatus? {
        guard let text = reader.string("status", required: true) else { return nil }
        if let status = ExposureStatus(text: text) { return status }
        let names = ExposureStatus.allCases.map(\.rawValue) + ExposureStatus.allCases.map(\.chineseName)
        let hint = Suggestion.hint(for: text, in: names)
        let listed = ExposureStatus.allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
        reader.error("unknown status '\(text)'\(hint); use one of \(listed)", key: "status")
        return nil
    }

    // MARK: - Photos

    func readPhotos(_ r: FieldReader, key: String) -> [ExposurePhoto]? {
        guard let items = r.maps(key) else {
            if r.has(key) { return nil }
            return []
        }
        var photos: [ExposurePhoto] = []
        var ok = true
        for item in items {
            if let photo = readPhoto(item) { photos.append(photo) } else { ok = false }
        }
        return ok ? photos : nil
    }

    func readPhoto(_ p: FieldReader) -> ExposurePhoto? {
        let file = p.string("file", required: true)
        let alt = p.string("alt")
        if alt == nil || alt?.isEmpty == true {
            p.sink.diagnostics.append(
                .error(
                    "photo '\(file ?? "?")' has no 'alt' text; describe what the photo shows for readers who "
                        + "cannot see it", code: "exposure.alt", at: p.location(of: "alt")))
        }
        let caption = p.string("caption")
        let redact = readRedact(p)
        p.reportUnknownKeys()
        var fileOK = false
        if let file { fileOK = checkPhotoFile(file, p) }
        guard let file, fileOK, let alt, !alt.isEmpty, let redact else { return nil }
        return ExposurePhoto(
            file: file, alt: alt, caption: caption, redact: redact, filePosition: p.location(of: "file"),
            altPosition: p.location(of: "alt"), captionPosition: caption == nil ? nil : p.location(of: "caption"))
    }

    func checkPhotoFile(_ file: String, _ p: FieldReader) -> Bool {
        let at = p.location(of: "file")
        if file.hasPrefix("/") || file.contains("\\") || file.split(separator: "/").contains("..") {
            p.error(
                "photo '\(file)' must be a file name inside the notice's folder, like 'before-1.jpg'",
                code: "exposure.photo", at: at)
            return false
        }
        let ext = file.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard file.contains("."), ExposureNotice.photoExtensions.contains(ext) else {
            p.error(
                "photo '\(file)' must be a .jpg, .jpeg, .png or .webp image", code: "exposure.photo", at: at)
            return false
        }
        guard files.contains(file) else {
            let images = files.filter { name in
                ExposureNotice.photoExtensions.contains(name.split(separator: ".").last.map { $0.lowercased() } ?? "")
            }
            let hint = Suggestion.hint(for: file, in: images.sorted())
            p.error(
                "photo '\(file)' is not in the notice's folder\(hint); put the image beside index.md",
                code: "exposure.photo", at: at)
            return false
        }
        return true
    }

    func readRedact(_ p: FieldReader) -> [RedactBox]? {
        guard let boxes = p.sequence("redact") else { return p.has("redact") ? nil : [] }
        if !boxes.isEmpty, boxes.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
            let shown = boxes.map { if case .scalar(let s) = $0 { s.string } else { "?" } }
            p.error(
                "'redact' is a list of boxes, so one box needs double brackets: [[\(shown.joined(separator: ", "))]]",
                key: "redact")
            return nil
        }
        var result: [RedactBox] = []
        var ok = true
        for box in boxes {
            let at = p.location(of: box)
            let message =
                "each redact box must be [x, y, width, height] in pixels: whole numbers, x and y 0 or "
                + "more, width and height 1 or more"
            guard case .sequence(let sequence) = box else {
                p.error("\(message), found \(FieldReader.describe(box))", code: "exposure.redact", at: at)
                ok = false
                continue
            }
            let items = Array(sequence)
            let numbers = items.map { item -> Int? in
                guard case .scalar(let s) = item else { return nil }
                return Int(s.string)
            }
            guard numbers.count == 4, let x = numbers[0], let y = numbers[1], let w = numbers[2],
                let h = numbers[3], x >= 0, y >= 0, w >= 1, h >= 1
            else {
                let shown = items.map { item -> String in
                    if case .scalar(let s) = item { return s.string }
                    return FieldReader.describe(item)
                }
                p.error("\(message), found [\(shown.joined(separator: ", "))]", code: "exposure.redact", at: at)
                ok = false
                continue
            }
            result.append(RedactBox(x: x, y: y, width: w, height: h))
        }
        return ok ? result : nil
    }

    // MARK: - Workflow

    func readRectification(status: ExposureStatus?, found: Date?) -> ExposureRectification? {
        let r = reader
        guard let rect = r.map("rectification") else {
            if let status, status >= .rectified, !r.has("rectification") {
                r.error(
                    "status '\(status.rawValue)' (\(status.chineseName)) needs a 'rectification' with 'date', 'note' "
                        + "and the after photos in 'photos'", code: "exposure.rectification",
                    at: r.location(of: "status"))
            }
            return nil
        }
        if status == .open {
            r.warning(
                "a 'rectification' is given but the status is 'open' (待整改); set the status to 'rectifying' or "
                    + "'rectified'", key: "rectification")
        }
        let date = rect.date("date", required: true, timeZone: timeZone)
        let note = rect.string("note", required: true)
        let photos = readPhotos(rect, key: "photos")
        rect.reportUnknownKeys()
        if let date, let found, ContentDate.daysBetween(found, date, in: timeZone) < 0 {
            r.error(
                "rectification date \(day(date)) is before the date found \(day(found))",
                code: "exposure.rectification",
                at: rect.location(of: "date"))
            return nil
        }
        guard let date, let note, let photos else { return nil }
        return ExposureRectification(date: date, note: note, photos: photos, notePosition: rect.location(of: "note"))
    }

    func readVerification(status: ExposureStatus?, after earliest: Date?) -> ExposureVerification? {
        let r = reader
        guard let v = r.map("verification") else {
            if let status, status >= .verified, !r.has("verification") {
                r.error(
                    "status '\(status.rawValue)' (\(status.chineseName)) needs a 'verification' with 'by' (who "
                        + "checked on site) and 'at' (the date)", code: "exposure.verification",
                    at: r.location(of: "status"))
            }
            return nil
        }
        if let status, status < .rectified {
            r.warning(
                "a 'verification' is given but the status is '\(status.rawValue)' (\(status.chineseName)); "
                    + "set the status to 'verified'", key: "verification")
        }
        let by = v.string("by", required: true)
        let at = v.date("at", required: true, timeZone: timeZone)
        v.reportUnknownKeys()
        if let at, let earliest, ContentDate.daysBetween(earliest, at, in: timeZone) < 0 {
            r.error(
                "verification date \(day(at)) is before \(day(earliest)), the date of the rectification (or the date "
                    + "found)", code: "exposure.verification", at: v.location(of: "at"))
            return nil
        }
        guard let by, let at else { return nil }
        return ExposureVerification(by: by, at: at, byPosition: v.location(of: "by"))
    }

    func readClosed(status: ExposureStatus?, found: Date?, verification: ExposureVerification?) -> Date? {
        let r = reader
        guard r.has("closed") else {
            if status == .closed {
                r.error(
                    "status 'closed' (已销号) needs a 'closed' date (the day the notice was closed)",
                    code: "exposure.closed", at: r.location(of: "status"))
            }
            return nil
        }
        guard let closed = r.date("closed", timeZone: timeZone) else { return nil }
        if let status, status != .closed {
            r.warning(
                "a 'closed' date is given but the status is '\(status.rawValue)' (\(status.chineseName)); set the "
                    + "status to 'closed' or remove the date", key: "closed")
        }
        if let found, ContentDate.daysBetween(found, closed, in: timeZone) < 0 {
            r.error("closed date \(day(closed)) is before the date found \(day(found))", key: "closed")
            return nil
        }
        if let verification, ContentDate.daysBetween(verification.at, closed, in: timeZone) < 0 {
            r.error(
                "closed date \(day(closed)) is before the verification on \(day(verification.at)); a notice is "
                    + "closed after it is verified", key: "closed")
            return nil
        }
        return closed
    }

    func day(_ date: Date) -> String { ContentDate.dayString(date, in: timeZone) }
}
