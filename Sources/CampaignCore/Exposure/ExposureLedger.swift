import Foundation

/// The rectification ledger summary (挂账销号台账): how many notices are open (挂账), closed (销号) and
/// overdue, by status, by responsible unit, by district and by category.
///
/// A pure function of the notices and `now`; the ledger page and the LED templates read it.
public struct ExposureLedger: Sendable, Hashable {
    /// All notices.
    public var total: Int
    /// Notices not yet closed (挂账).
    public var open: Int
    /// Closed notices (销号).
    public var closed: Int
    /// Open notices past their deadline day.
    public var overdue: Int
    /// One entry per status in workflow order, zeros included.
    public var statusCounts: [StatusCount]
    /// Per responsible unit; see `Row` for the order.
    public var units: [Row]
    /// Per district.
    public var districts: [Row]
    /// Per category.
    public var categories: [Row]

    /// The number of notices in one status.
    public struct StatusCount: Sendable, Hashable {
        public var status: ExposureStatus
        public var count: Int

        /// Creates a count.
        public init(status: ExposureStatus, count: Int) {
            self.status = status
            self.count = count
        }
    }

    /// Counts for one unit, district or category.
    ///
    /// Rows are ordered by most overdue first, then most open, then most notices, then the order of
    /// site.yml (or the slug when no site is given), so the places that need attention come first.
    public struct Row: Sendable, Hashable {
        public var name: String
        public var slug: String
        /// Not closed (挂账).
        public var open: Int
        /// Closed (销号).
        public var closed: Int
        public var overdue: Int
        public var total: Int

        /// Creates a row.
        public init(name: String, slug: String, open: Int = 0, closed: Int = 0, overdue: Int = 0, total: Int = 0) {
            self.name = name
            self.slug = slug
            self.open = open
            self.closed = closed
            self.overdue = overdue
            self.total = total
        }
    }

    /// Counts `notices` as of `now`.
    ///
    /// With `site`, every district, category and unit of site.yml gets a row, zeros included; without it,
    /// only those that appear in a notice.
    public init(notices: [ExposureNotice], now: Date, site: SiteConfig? = nil) {
        var counts: [ExposureStatus: Int] = [:]
        var overdue = 0
        for notice in notices {
            counts[notice.status, default: 0] += 1
            if notice.isOverdue(now: now) { overdue += 1 }
        }
        total = notices.count
        closed = counts[.closed] ?? 0
        open = total - closed
        self.overdue = overdue
        statusCounts = ExposureStatus.allCases.map { StatusCount(status: $0, count: counts[$0] ?? 0) }
        units = Self.rows(notices, now: now, key: \.unit, listed: site?.units ?? [])
        districts = Self.rows(notices, now: now, key: \.district, listed: site?.districts ?? [])
        categories = Self.rows(notices, now: now, key: \.category, listed: site?.categories ?? [])
    }

    /// The count of one status.
    public func count(_ status: ExposureStatus) -> Int {
        statusCounts.first { $0.status == status }?.count ?? 0
    }

    /// Closed notices as a whole percentage of all (0 when there are none), rounded down.
    public var closedPercent: Int { total == 0 ? 0 : closed * 100 / total }

    static func rows(
        _ notices: [ExposureNotice], now: Date, key: KeyPath<ExposureNotice, NamedEntry>, listed: [NamedEntry]
    ) -> [Row] {
        var rows: [String: Row] = [:]
        var order: [String: Int] = [:]
        for (index, entry) in listed.enumerated() {
            rows[entry.slug] = Row(name: entry.name, slug: entry.slug)
            order[entry.slug] = index
        }
        for notice in notices {
            let entry = notice[keyPath: key]
            var row = rows[entry.slug] ?? Row(name: entry.name, slug: entry.slug)
            row.total += 1
            if notice.status == .closed { row.closed += 1 } else { row.open += 1 }
            if notice.isOverdue(now: now) { row.overdue += 1 }
            rows[entry.slug] = row
        }
        return rows.values.sorted { a, b in
            if a.overdue != b.overdue { return a.overdue > b.overdue }
            if a.open != b.open { return a.open > b.open }
            if a.total != b.total { return a.total > b.total }
            let ia = order[a.slug] ?? Int.max
            let ib = order[b.slug] ?? Int.max
            if ia != ib { return ia < ib }
            return a.slug < b.slug
        }
    }
}
