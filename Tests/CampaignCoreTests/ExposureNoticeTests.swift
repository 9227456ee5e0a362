import Foundation
import Testing

@testable import CampaignCore

/// Fixtures shared by the exposure suites.
enum ExposureFixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static let site = SiteConfig(
        title: "测试", baseURL: "https://example.gov.cn", timeZone: shanghai,
        campaign: .init(name: "创建", inspectionDate: nil),
        organization: .init(sponsor: "市委宣传部", organizer: nil, contact: "市文明办"),
        registration: .init(icp: "陇ICP备17000123号-1", police: "甘公网安备 62010202000123号", siteIDCode: "6201000012"),
        districts: [
            NamedEntry(name: "城关区", slug: "chengguan"), NamedEntry(name: "七里河区", slug: "qilihe"),
            NamedEntry(name: "西固区", slug: "xigu"),
        ],
        categories: [
            NamedEntry(name: "乱停乱放", slug: "parking"), NamedEntry(name: "乱摆摊点", slug: "stalls"),
        ],
        units: [
            NamedEntry(name: "城关区政府", slug: "chengguan-gov"), NamedEntry(name: "市城管委", slug: "urban-management"),
        ])

    static let file = "Content/exposures/bg-2026-0101-xiguan-parking/index.md"

    /// A valid open notice; the comments give the file line of each field.
    static let base = """
        id: BG-2026-0101
        title: 西关什字人行道车辆乱停
        found: 2026-11-02
        district: 城关区
        category: 乱停乱放
        unit: 城关区政府
        location: 城关区西关什字东北角
        source: 督查
        deadline: 2026-11-09
        status: open
        photos:
          - file: before-1.jpg
            alt: 人行道上停着一辆轿车
            redact: [[100, 200, 80, 30]]

        """
    // Lines: 1 '---', 2 id, 3 title, 4 found, 5 district, 6 category, 7 unit, 8 location, 9 source,
    // 10 deadline, 11 status, 12 photos, 13 file, 14 alt, 15 redact, 16 '---', 17 body.

    static let body = "督查发现人行道上车辆乱停，影响行人通行。\n\n要求7日内完成整改。\n"

    static func document(_ yaml: String, body: String = body) -> String { "---\n\(yaml)---\n\(body)" }

    static func parse(
        _ yaml: String, file: String = file, files: Set<String> = ["before-1.jpg", "after-1.jpg"],
        body: String = body
    ) throws -> (ExposureNotice?, [Diagnostic]) {
        let (frontMatter, splitDiagnostics) = FrontMatter.split(
            document(yaml, body: body), file: file, code: "exposure")
        #expect(splitDiagnostics.isEmpty)
        let fm = try #require(frontMatter)
        return ExposureNotice.parse(
            frontMatter: fm, file: file, bundle: "bg-2026-0101-xiguan-parking", site: site, filesInBundle: files)
    }

    static func date(_ text: String) -> Date { ContentDate.parse(text, timeZone: shanghai)! }
}

@Suite struct ExposureNoticeParseTests {
    typealias F = ExposureFixture

    @Test func readsAValidNotice() throws {
        let (notice, diagnostics) = try F.parse(F.base)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let n = try #require(notice)
        #expect(n.id == "BG-2026-0101")
        #expect(n.slug == "bg-2026-0101")
        #expect(n.title == "西关什字人行道车辆乱停")
        #expect(n.district == NamedEntry(name: "城关区", slug: "chengguan"))
        #expect(n.category.slug == "parking")
        #expect(n.unit.slug == "chengguan-gov")
        #expect(n.source == .inspection)
        #expect(n.status == .open)
        #expect(ContentDate.dayString(n.found, in: F.shanghai) == "2026-11-02")
        #expect(ContentDate.dayString(n.deadline, in: F.shanghai) == "2026-11-09")
        #expect(
            n.photos == [
                ExposurePhoto(
                    file: "before-1.jpg", alt: "人行道上停着一辆轿车", redact: [RedactBox(x: 100, y: 200, width: 80, height: 30)],
                    filePosition: SourceLocation(file: F.file, line: 13, column: 11),
                    altPosition: SourceLocation(file: F.file, line: 14, column: 10))
            ])
        #expect(n.positions.title == SourceLocation(file: F.file, line: 3, column: 8))
        #expect(n.positions.location.line == 8)
        #expect(n.bodyStartLine == 17)
        #expect(n.positions.body == SourceLocation(file: F.file, line: 17, column: 1))
        #expect(n.body == F.body)
        #expect(n.bundle == "bg-2026-0101-xiguan-parking")
        #expect(n.file == F.file)
    }

    @Test func computesTheDeadlineFromLimitDays() throws {
        let yaml = F.base.replacingOccurrences(of: "deadline: 2026-11-09", with: "limit_days: 10")
        let (notice, diagnostics) = try F.parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let n = try #require(notice)
        #expect(ContentDate.dayString(n.deadline, in: F.shanghai) == "2026-11-12")
        #expect(n.limitDays == 10)
    }

    static let closedWorkflow = """
        status: closed
        rectification:
          date: 2026-11-05
          note: 车辆已驶离，路口加装隔离桩
          photos:
            - {file: after-1.jpg, alt: 人行道畅通, caption: 整改后}
        verification: {by: 市文明办 王某, at: 2026-11-06}
        closed: 2026-11-08

        """

    @Test func readsAClosedNoticeWithItsWorkflow() throws {
        let yaml = F.base.replacingOccurrences(of: "status: open\n", with: Self.closedWorkflow)
        let (notice, diagnostics) = try F.parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let n = try #require(notice)
        #expect(n.status == .closed)
        let rect = try #require(n.rectification)
        #expect(rect.note == "车辆已驶离，路口加装隔离桩")
        #expect(rect.photos.map(\.file) == ["after-1.jpg"])
        #expect(rect.photos.first?.caption == "整改后")
        #expect(n.verification?.by == "市文明办 王某")
        #expect(n.closed.map { ContentDate.dayString($0, in: F.shanghai) } == "2026-11-08")
        let texts = n.publishedTexts
        let caption = try #require(texts.first { $0.field == "rectification.photos[1].caption" })
        #expect(caption.text == "整改后")
        #expect(caption.location.line == 16)
        #expect(texts.first { $0.field == "rectification.note" }?.location.line == 14)
        #expect(texts.first { $0.field == "photos[1].alt" }?.location.line == 21)
        #expect(texts.last?.field == "body")
    }

    @Test(arguments: ["待整改", "rectifying", "整改中"])
    func acceptsStatusWordsInEnglishOrChinese(status: String) throws {
        let yaml = F.base.replacingOccurrences(of: "status: open", with: "status: \(status)")
        let (notice, diagnostics) = try F.parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(notice?.status == ExposureStatus(text: status))
        #expect(notice?.status.awaitsRectification == true)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var with: String
        var code: String
        var line: Int
        var message: String
        var files: Set<String> = ["before-1.jpg", "after-1.jpg"]
        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = [
        .init(
            name: "unknown district", replace: "district: 城关区", with: "district: 城官区", code: "exposure.district",
            line: 5, message: "unknown district '城官区' (did you mean '城关区'?)"),
        .init(
            name: "unknown category", replace: "category: 乱停乱放", with: "category: 乱停乱方", code: "exposure.category",
            line: 6, message: "did you mean '乱停乱放'?"),
        .init(
            name: "unknown unit", replace: "unit: 城关区政府", with: "unit: 市城管局", code: "exposure.unit", line: 7,
            message: "unknown unit '市城管局'"),
        .init(
            name: "deadline before found", replace: "deadline: 2026-11-09", with: "deadline: 2026-10-30",
            code: "exposure.deadline", line: 10, message: "deadline 2026-10-30 is before the date found 2026-11-02"),
        .init(
            name: "limit_days zero", replace: "deadline: 2026-11-09", with: "limit_days: 0",
            code: "exposure.limit_days",
            line: 10, message: "between 1 and 3650"),
        .init(
            name: "no deadline", replace: "deadline: 2026-11-09\n", with: "", code: "exposure.deadline", line: 2,
            message: "missing required field 'deadline'"),
        .init(
            name: "closed without verification", replace: "status: open",
            with: "status: closed\nrectification: {date: 2026-11-05, note: 已清理}\nclosed: 2026-11-08",
            code: "exposure.verification", line: 11, message: "status 'closed' (已销号) needs a 'verification'"),
        .init(
            name: "rectified without rectification", replace: "status: open", with: "status: rectified",
            code: "exposure.rectification", line: 11, message: "needs a 'rectification'"),
        .init(
            name: "closed without closed date", replace: "status: open",
            with:
                "status: closed\nrectification: {date: 2026-11-05, note: 已清理}\nverification: {by: 李某, at: 2026-11-06}",
            code: "exposure.closed", line: 11, message: "needs a 'closed' date"),
        .init(
            name: "closed before found", replace: "status: open",
            with: "status: closed\nrectification: {date: 2026-11-05, note: 已清理}\nverification: {by: 李某, at: 2026-11-06}"
                + "\nclosed: 2026-10-01",
            code: "exposure.closed", line: 14, message: "closed date 2026-10-01 is before the date found 2026-11-02"),
        .init(
            name: "missing alt", replace: "    alt: 人行道上停着一辆轿车\n", with: "", code: "exposure.alt", line: 13,
            message: "photo 'before-1.jpg' has no 'alt' text"),
        .init(
            name: "bad id", replace: "id: BG-2026-0101", with: "id: bg-2026-0101", code: "exposure.id", line: 2,
            message: "(did you mean 'BG-2026-0101'?)"),
        .init(
            name: "id with a path", replace: "id: BG-2026-0101", with: "id: ../../etc", code: "exposure.id", line: 2,
            message: "like 'BG-2026-0101'"),
        .init(
            name: "missing title", replace: "title: 西关什字人行道车辆乱停\n", with: "", code: "exposure.title", line: 2,
            message: "missing required field 'title'"),
        .init(
            name: "photo file missing", replace: "file: before-1.jpg", with: "file: before-2.jpg",
            code: "exposure.photo",
            line: 13, message: "photo 'before-2.jpg' is not in the notice's folder (did you mean 'before-1.jpg'?)"),
        .init(
            name: "photo not an image", replace: "file: before-1.jpg", with: "file: before-1.gif",
            code: "exposure.photo",
            line: 13, message: "must be a .jpg, .jpeg, .png or .webp image", files: ["before-1.gif"]),
        .init(
            name: "photo outside the bundle", replace: "file: before-1.jpg", with: "file: ../other/before-1.jpg",
            code: "exposure.photo", line: 13, message: "inside the notice's folder"),
        .init(
            name: "redact box with zero width", replace: "[[100, 200, 80, 30]]", with: "[[100, 200, 0, 30]]",
            code: "exposure.redact", line: 15, message: "found [100, 200, 0, 30]"),
        .init(
            name: "redact box with three numbers", replace: "[[100, 200, 80, 30]]", with: "[[100, 200, 80]]",
            code: "exposure.redact", line: 15, message: "found [100, 200, 80]"),
        .init(
            name: "redact box without the outer brackets", replace: "[[100, 200, 80, 30]]", with: "[100, 200, 80, 30]",
            code: "exposure.redact", line: 15, message: "double brackets: [[100, 200, 80, 30]]"),
        .init(
            name: "status unknown", replace: "status: open", with: "status: closd", code: "exposure.status", line: 11,
            message: "unknown status 'closd' (did you mean 'closed'?)"),
        .init(
            name: "source unknown", replace: "source: 督查", with: "source: 检查", code: "exposure.source", line: 9,
            message: "found '检查'"),
        .init(
            name: "found not a date", replace: "found: 2026-11-02", with: "found: 11月2日", code: "exposure.found",
            line: 4,
            message: "not a valid date"),
    ]

    @Test(arguments: invalidCases)
    func eachMistakeGivesItsOwnError(_ c: InvalidCase) throws {
        let yaml = F.base.replacingOccurrences(of: c.replace, with: c.with)
        #expect(yaml != F.base)
        let (notice, diagnostics) = try F.parse(yaml, files: c.files)
        #expect(notice == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(diagnostics)")
        let error = try #require(errors.first)
        #expect(error.code == c.code)
        #expect(error.file == F.file)
        #expect(error.line == c.line)
        #expect(error.message.contains(c.message), "\(error.message)")
    }

    @Test func reportsSeveralMistakesTogether() throws {
        let yaml = F.base.replacingOccurrences(of: "district: 城关区", with: "district: 城官区")
            .replacingOccurrences(of: "    alt: 人行道上停着一辆轿车\n", with: "")
        let (_, diagnostics) = try F.parse(yaml)
        #expect(diagnostics.map(\.code).sorted() == ["exposure.alt", "exposure.district"])
    }

    @Test func warnsAboutUnknownFieldsAndAnEmptyBody() throws {
        let yaml = F.base + "titel: 多余\nreview: {first: {by: 甲, at: 2026-11-02}}\n"
        let (notice, diagnostics) = try F.parse(yaml, body: "\n")
        #expect(notice != nil)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(diagnostics.map(\.code).sorted() == ["exposure.body", "exposure.unknown-field"])
        #expect(diagnostics.first { $0.code == "exposure.unknown-field" }?.line == 16)
    }
}

@Suite struct ExposureOverdueTests {
    typealias F = ExposureFixture

    static let cases: [(ExposureStatus, String, Bool)] = [
        (.open, "2026-11-20 23:59", false),
        (.open, "2026-11-21 00:00", true),
        (.rectifying, "2026-11-21 00:00", true),
        (.open, "2026-11-20T16:30:00Z", true),  // 00:30 on the 21st in Lanzhou
        (.open, "2026-11-20T15:59:00Z", false),
        (.open, "2026-11-10 12:00", false),
        (.rectified, "2026-11-29 12:00", false),
        (.verified, "2026-11-29 12:00", false),
        (.closed, "2026-11-29 12:00", false),
    ]

    @Test(arguments: cases)
    func overdueFromTheDayAfterTheDeadline(status: ExposureStatus, now: String, expected: Bool) {
        let notice = ExposureLedgerTests.notice(id: "BG-2026-0001", status: status, deadline: "2026-11-20")
        #expect(notice.isOverdue(now: F.date(now)) == expected)
        #expect((notice.daysOverdue(now: F.date(now)) > 0) == expected)
    }

    @Test func countsDaysOverdue() {
        let notice = ExposureLedgerTests.notice(id: "BG-2026-0001", status: .open, deadline: "2026-11-20")
        #expect(notice.daysOverdue(now: F.date("2026-11-29 12:00")) == 9)
    }
}

@Suite struct ExposureValidationTests {
    typealias F = ExposureFixture

    @Test func duplicateIDsAreReportedOnEachNotice() throws {
        let fileA = "Content/exposures/a/index.md"
        let fileB = "Content/exposures/b/index.md"
        let fileC = "Content/exposures/c/index.md"
        let a = try #require(F.parse(F.base, file: fileA).0)
        let b = try #require(F.parse(F.base, file: fileB).0)
        let c = try #require(
            F.parse(F.base.replacingOccurrences(of: "BG-2026-0101", with: "BG-2026-0102"), file: fileC).0)
        let diagnostics = ExposureValidation.duplicateIDs([a, b, c])
        #expect(diagnostics.count == 2)
        let onA = try #require(diagnostics.first { $0.file == fileA })
        let onB = try #require(diagnostics.first { $0.file == fileB })
        #expect(onA.line == 2 && onB.line == 2)
        #expect(onA.code == "exposure.duplicate-id")
        #expect(onA.severity == .error)
        #expect(onA.message.contains(fileB))
        #expect(onB.message.contains(fileA))
        #expect(ExposureValidation.duplicateIDs([a, c]).isEmpty)
    }
}
