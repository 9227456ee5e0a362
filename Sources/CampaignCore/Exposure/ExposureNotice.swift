import Foundation

/// One notice of the exposure board (曝光台): `Content/exposures/<bundle>/index.md` with its photos.
///
/// Built by `ExposureNotice.parse(frontMatter:file:bundle:site:filesInBundle:)`, which checks every rule of
/// docs/exposure-notices.md. Text fields keep their source positions so later passes (privacy masking) can report
/// findings with file:line.
public struct ExposureNotice: Sendable, Hashable {
    /// The notice number as written, e.g. `BG-2026-0101`.
    public var id: String
    public var title: String
    /// The day the problem was found (start of that day, or the time when one was written).
    public var found: Date
    public var district: NamedEntry
    public var category: NamedEntry
    /// The responsible unit (责任单位).
    public var unit: NamedEntry
    /// The place, in words (e.g. `城关区庆阳路与酒泉路交叉口`).
    public var location: String
    /// How the problem came to light; nil when not given.
    public var source: ExposureSource?
    /// The last day for rectification, at the start of that day in the site's time zone.
    ///
    /// The deadline day is inclusive: a notice is overdue from 00:00 of the following day.
    public var deadline: Date
    /// `limit_days` when the deadline was given as a number of days after `found`.
    public var limitDays: Int?
    public var status: ExposureStatus
    /// The "before" photos.
    public var photos: [ExposurePhoto]
    /// Required from `rectified` on.
    public var rectification: ExposureRectification?
    /// Required from `verified` on.
    public var verification: ExposureVerification?
    /// The closing (销号) date; required for `closed`.
    public var closed: Date?
    /// The Markdown below the front matter.
    public var body: String
    /// The file line on which `body` starts.
    public var bodyStartLine: Int
    /// The bundle folder name, e.g. `bg-2026-0101-xiguan-parking`.
    public var bundle: String
    /// The path of `index.md`, as used in diagnostics.
    public var file: String
    /// The site's time zone, in which deadline days are counted.
    public var timeZone: TimeZone
    /// Where each text field was written.
    public var positions: Positions
    /// The three-review sign-off (三审); nil when the notice has no `review`.
    public var review: ReviewSignOff?

    /// Source positions of the notice's text fields.
    public struct Positions: Sendable, Hashable {
        public var id: SourceLocation
        public var title: SourceLocation
        public var location: SourceLocation
        /// Line `bodyStartLine`, column 1.
        public var body: SourceLocation

        /// Creates positions from the locations of each field.
        public init(id: SourceLocation, title: SourceLocation, location: SourceLocation, body: SourceLocation) {
            self.id = id
            self.title = title
            self.location = location
            self.body = body
        }
    }

    /// Creates a notice from checked values; `parse` is the way in for content.
    public init(
        id: String, title: String, found: Date, district: NamedEntry, category: NamedEntry, unit: NamedEntry,
        location: String, source: ExposureSource? = nil, deadline: Date, limitDays: Int? = nil,
        status: ExposureStatus, photos: [ExposurePhoto] = [], rectification: ExposureRectification? = nil,
        verification: ExposureVerification? = nil, closed: Date? = nil, body: String = "", bodyStartLine: Int = 1,
        bundle: String, file: String, timeZone: TimeZone, positions: Positions, review: ReviewSignOff? = nil
    ) {
        self.id = id
        self.title = title
        self.found = found
        self.district = district
        self.category = category
        self.unit = unit
        self.location = location
        self.source = source
        self.deadline = deadline
        self.limitDays = limitDays
        self.status = status
        self.photos = photos
        self.rectification = rectification
        self.verification = verification
        self.closed = closed
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.bundle = bundle
        self.file = file
        self.timeZone = timeZone
        self.positions = positions
        self.review = review
    }

    /// The URL segment: the id lowercased (`/exposures/bg-2026-0101/`).
    public var slug: String { id.lowercased() }

    /// True when the notice is not yet closed (挂账).
    public var isOpen: Bool { status != .closed }

    /// True when the problem still waits for work (`open`/`rectifying`) and `now` is past the deadline day
    /// in the site's time zone. The deadline day itself is not overdue.
    public func isOverdue(now: Date) -> Bool { daysOverdue(now: now) > 0 }

    /// Whole days past the deadline day (1 on the day after the deadline), 0 when not overdue.
    public func daysOverdue(now: Date) -> Int {
        guard status.awaitsRectification else { return 0 }
        return max(0, ContentDate.daysBetween(deadline, now, in: timeZone))
    }

    /// Every text of the notice that is published, with where it was written, for privacy checks.
    ///
    /// The body is one entry located at its first line; a checker adds the line offset inside the body.
    public var publishedTexts: [ExposureText] {
        var texts = [
            ExposureText(field: "title", text: title, location: positions.title),
            ExposureText(field: "location", text: location, location: positions.location),
        ]
        for (index, photo) in photos.enumerated() {
            texts += photo.texts(path: "photos[\(index + 1)]")
        }
        if let rectification {
            texts.append(
                ExposureText(
                    field: "rectification.note", text: rectification.note, location: rectification.notePosition))
            for (index, photo) in rectification.photos.enumerated() {
                texts += photo.texts(path: "rectification.photos[\(index + 1)]")
            }
        }
        if let verification {
            texts.append(
                ExposureText(field: "verification.by", text: verification.by, location: verification.byPosition))
        }
        texts.append(ExposureText(field: "body", text: body, location: positions.body))
        return texts
    }
}

/// A published text of a notice and where it was written.
public struct ExposureText: Sendable, Hashable {
    /// The dotted field name, e.g. `photos[2].caption` or `body`.
    public var field: String
    public var text: String
    public var location: SourceLocation

    /// Creates a text entry.
    public init(field: String, text: String, location: SourceLocation) {
        self.field = field
        self.text = text
        self.location = location
    }
}

/// A photo of a notice, stored beside `index.md` in the bundle.
public struct ExposurePhoto: Sendable, Hashable {
    /// The file name relative to the bundle folder, e.g. `before-1.jpg`.
    public var file: String
    /// Alternative text for screen readers; required.
    public var alt: String
    public var caption: String?
    /// Regions to pixelate, in pixels of the original image (before orientation and resizing).
    public var redact: [RedactBox]
    public var filePosition: SourceLocation
    public var altPosition: SourceLocation
    public var captionPosition: SourceLocation?

    /// Creates a photo entry.
    public init(
        file: String, alt: String, caption: String? = nil, redact: [RedactBox] = [], filePosition: SourceLocation,
        altPosition: SourceLocation, captionPosition: SourceLocation? = nil
    ) {
        self.file = file
        self.alt = alt
        self.caption = caption
        self.redact = redact
        self.filePosition = filePosition
        self.altPosition = altPosition
        self.captionPosition = captionPosition
    }

    func texts(path: String) -> [ExposureText] {
        var texts = [ExposureText(field: "\(path).alt", text: alt, location: altPosition)]
        if let caption, let captionPosition {
            texts.append(ExposureText(field: "\(path).caption", text: caption, location: captionPosition))
        }
        return texts
    }
}

/// A rectangle to pixelate, `[x, y, w, h]` in the front matter.
public struct RedactBox: Sendable, Hashable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Creates a box; `x`/`y` are the top-left corner.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// What was done about the problem (整改情况).
public struct ExposureRectification: Sendable, Hashable {
    /// The day the rectification was finished.
    public var date: Date
    public var note: String
    /// The "after" photos.
    public var photos: [ExposurePhoto]
    public var notePosition: SourceLocation

    /// Creates a rectification record.
    public init(date: Date, note: String, photos: [ExposurePhoto] = [], notePosition: SourceLocation) {
        self.date = date
        self.note = note
        self.photos = photos
        self.notePosition = notePosition
    }
}

/// Who confirmed the rectification on site (复核), and when.
public struct ExposureVerification: Sendable, Hashable {
    public var by: String
    public var at: Date
    public var byPosition: SourceLocation

    /// Creates a verification record.
    public init(by: String, at: Date, byPosition: SourceLocation) {
        self.by = by
        self.at = at
        self.byPosition = byPosition
    }
}

extension ExposureNotice {
    /// The positions of `notices` newest first: by `found` descending, then by id descending, so the order is
    /// stable. Positions, so that what goes along with each notice can be put in the same order.
    public static func newestFirstOrder(_ notices: [ExposureNotice]) -> [Int] {
        // Positions are sorted, not the notices: a notice is large to move, and `campaign serve` sorts
        // them on every build.
        notices.indices.sorted { i, j in
            if notices[i].found != notices[j].found { return notices[i].found > notices[j].found }
            return notices[i].id > notices[j].id
        }
    }
}
