import Foundation
import Testing

@testable import CampaignCore

@Suite struct ExposureLedgerTests {
    typealias F = ExposureFixture

    static let chengguan = NamedEntry(name: "城关区", slug: "chengguan")
    static let qilihe = NamedEntry(name: "七里河区", slug: "qilihe")
    static let xigu = NamedEntry(name: "西固区", slug: "xigu")
    static let gov = NamedEntry(name: "城关区政府", slug: "chengguan-gov")
    static let urban = NamedEntry(name: "市城管委", slug: "urban-management")
    static let parking = NamedEntry(name: "乱停乱放", slug: "parking")

    static func notice(
        id: String, status: ExposureStatus, deadline: String, district: NamedEntry = chengguan,
        unit: NamedEntry = gov
    ) -> ExposureNotice {
        let at = SourceLocation(file: "x/index.md", line: 2, column: 5)
        return ExposureNotice(
            id: id, title: "标题", found: F.date("2026-11-01"), district: district, category: parking, unit: unit,
            location: "某路口", deadline: F.date(deadline), status: status, bundle: id.lowercased(),
            file: "Content/exposures/\(id.lowercased())/index.md", timeZone: F.shanghai,
            positions: .init(id: at, title: at, location: at, body: at))
    }

    /// Hand-counted at 2026-11-29 12:00:
    /// 城关区: 0001 open overdue, 0002 rectifying overdue, 0003 closed, 0004 open on time → 3 open, 1 closed, 2 overdue
    /// 七里河区: 0005 rectified (past deadline but not overdue), 0006 verified → 2 open, 0 closed, 0 overdue
    /// 西固区: 0007 open overdue, 0008 closed → 1 open, 1 closed, 1 overdue
    static let notices: [ExposureNotice] = [
        notice(id: "BG-2026-0001", status: .open, deadline: "2026-11-20"),
        notice(id: "BG-2026-0002", status: .rectifying, deadline: "2026-11-28", unit: urban),
        notice(id: "BG-2026-0003", status: .closed, deadline: "2026-11-10"),
        notice(id: "BG-2026-0004", status: .open, deadline: "2026-11-29", unit: urban),
        notice(id: "BG-2026-0005", status: .rectified, deadline: "2026-11-10", district: qilihe, unit: urban),
        notice(id: "BG-2026-0006", status: .verified, deadline: "2026-12-10", district: qilihe, unit: urban),
        notice(id: "BG-2026-0007", status: .open, deadline: "2026-11-15", district: xigu, unit: urban),
        notice(id: "BG-2026-0008", status: .closed, deadline: "2026-11-15", district: xigu),
    ]

    let now = F.date("2026-11-29 12:00")

    @Test func countsTotals() {
        let ledger = ExposureLedger(notices: Self.notices, now: now)
        #expect(ledger.total == 8)
        #expect(ledger.open == 6)
        #expect(ledger.closed == 2)
        #expect(ledger.overdue == 3)
        #expect(ledger.closedPercent == 25)
        #expect(ledger.statusCounts.map(\.status) == ExposureStatus.allCases)
        #expect(ledger.statusCounts.map(\.count) == [3, 1, 1, 1, 2])
        #expect(ledger.count(.closed) == 2)
    }

    @Test func countsPerDistrictMostOverdueFirst() {
        let ledger = ExposureLedger(notices: Self.notices, now: now)
        #expect(
            ledger.districts == [
                .init(name: "城关区", slug: "chengguan", open: 3, closed: 1, overdue: 2, total: 4),
                .init(name: "西固区", slug: "xigu", open: 1, closed: 1, overdue: 1, total: 2),
                .init(name: "七里河区", slug: "qilihe", open: 2, closed: 0, overdue: 0, total: 2),
            ])
    }

    @Test func countsPerUnit() {
        let ledger = ExposureLedger(notices: Self.notices, now: now)
        // 城关区政府: 0001 (open, overdue), 0003 (closed), 0008 (closed)
        // 市城管委: 0002 (overdue), 0004, 0005, 0006, 0007 (overdue)
        #expect(
            ledger.units == [
                .init(name: "市城管委", slug: "urban-management", open: 5, closed: 0, overdue: 2, total: 5),
                .init(name: "城关区政府", slug: "chengguan-gov", open: 1, closed: 2, overdue: 1, total: 3),
            ])
        #expect(ledger.categories == [.init(name: "乱停乱放", slug: "parking", open: 6, closed: 2, overdue: 3, total: 8)])
    }

    @Test func listsEveryEntryOfTheSiteWhenGiven() {
        let ledger = ExposureLedger(notices: Array(Self.notices.prefix(1)), now: now, site: F.site)
        #expect(ledger.districts.map(\.slug) == ["chengguan", "qilihe", "xigu"])
        #expect(ledger.districts.map(\.total) == [1, 0, 0])
        #expect(ledger.categories.map(\.slug) == ["parking", "stalls"])
    }

    @Test func emptyLedger() {
        let ledger = ExposureLedger(notices: [], now: now)
        #expect(ledger.total == 0 && ledger.open == 0 && ledger.overdue == 0 && ledger.closedPercent == 0)
        #expect(ledger.districts.isEmpty)
    }

    @Test func sortsNewestFirst() {
        var older = Self.notice(id: "BG-2026-0009", status: .open, deadline: "2026-11-20")
        older.found = F.date("2026-10-01")
        let notices = [older] + Self.notices.prefix(2)
        let sorted = ExposureNotice.newestFirstOrder(notices).map { notices[$0] }
        #expect(sorted.map(\.id) == ["BG-2026-0002", "BG-2026-0001", "BG-2026-0009"])
    }
}
