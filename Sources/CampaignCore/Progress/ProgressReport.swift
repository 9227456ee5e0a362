import Foundation

/// The figures of the progress dashboard at one moment, computed from the progress data.
///
/// Pages, charts, `progress/progress.json` and LED templates all read these values, so every number
/// shown anywhere is the same number. Lists come in a fixed order (site.yml order for units and
/// districts, first appearance for level-1 items) so two builds write the same bytes.
public struct ProgressReport: Sendable, Hashable, Codable {
    /// The day of `now` in the site's time zone: the day the figures are for.
    public var asOf: ProgressDay
    /// The campaign name from site.yml.
    public var campaignName: String
    /// `campaign.inspection_date` as a day, if set.
    public var inspectionDate: ProgressDay?
    /// Whole days from today to the inspection day in the site's time zone (0 on the day, negative after).
    public var daysToInspection: Int?
    /// All indicators.
    public var indicators: IndicatorCounts
    /// Per level-1 item (测评项目), in order of first appearance in the file.
    public var level1: [Level1Progress]
    /// Per unit of site.yml, in site.yml order, including units with nothing assigned.
    public var units: [UnitProgress]
    /// Hardware indicators: how many there are and how many are met.
    public var hardware: IndicatorCounts
    /// Hardware indicators not yet met (in progress or unmet), in file order.
    public var hardwareNotMet: [IndicatorEntry]
    /// All ledger problems.
    public var ledger: LedgerCounts
    /// Per district of site.yml, in site.yml order.
    public var districts: [DistrictLedger]
    /// Open problems at the end of each day from the first day a problem was found to today.
    public var burnDown: [BurnDownPoint]
    /// The daily summary of the latest day with rows (not after today), if any.
    public var latestDaily: DailyDay?
    /// Totals of the 7 days ending at the latest daily summary day, oldest first (days without rows count 0).
    public var dailyTrend: [DailyPoint]
    /// Units with indicators, by share met (then number met, then name); rank 1 is best.
    public var ranking: [RankingEntry]

    /// Counts of indicators by status.
    public struct IndicatorCounts: Sendable, Hashable, Codable {
        /// All of them.
        public var total: Int
        /// Status `met` (已达标).
        public var met: Int
        /// Status `in_progress` (推进中).
        public var inProgress: Int
        /// Status `unmet` (未达标).
        public var unmet: Int
        /// `met / total`, 0 when there are none.
        public var share: Double
        /// The share in percent rounded half up to one decimal, e.g. 70.2.
        public var percent: Double
        /// `percent` as shown on pages, e.g. `70.2%`.
        public var percentText: String

        /// Counts of `statuses`.
        public init(_ statuses: [Indicator.Status]) {
            var met = 0
            var inProgress = 0
            var unmet = 0
            for status in statuses {
                switch status {
                case .met: met += 1
                case .inProgress: inProgress += 1
                case .unmet: unmet += 1
                }
            }
            self.init(met: met, inProgress: inProgress, unmet: unmet)
        }

        /// Counts from numbers.
        public init(met: Int, inProgress: Int, unmet: Int) {
            self.met = met
            self.inProgress = inProgress
            self.unmet = unmet
            total = met + inProgress + unmet
            share = total == 0 ? 0 : Double(met) / Double(total)
            let tenths = ProgressReport.tenthsOfPercent(met, of: total)
            percent = Double(tenths) / 10
            percentText = ProgressReport.percentText(tenths: tenths)
        }

        /// The count of `status`.
        public func count(_ status: Indicator.Status) -> Int {
            switch status {
            case .met: return met
            case .inProgress: return inProgress
            case .unmet: return unmet
            }
        }
    }

    /// Counts of ledger problems.
    public struct LedgerCounts: Sendable, Hashable, Codable {
        /// All of them.
        public var total: Int = 0
        /// Still open (not yet 销号).
        public var open: Int = 0
        /// Closed (已销号).
        public var closed: Int = 0
        /// Open problems past their deadline (a subset of `open`).
        public var overdue: Int = 0

        /// Zero counts.
        public init() {}

        /// Counts from numbers.
        public init(open: Int, closed: Int, overdue: Int) {
            self.open = open
            self.closed = closed
            self.overdue = overdue
            total = open + closed
        }

        mutating func add(_ problem: LedgerProblem, today: ProgressDay) {
            total += 1
            switch problem.status {
            case .open: open += 1
            case .closed: closed += 1
            }
            if problem.isOverdue(on: today) { overdue += 1 }
        }
    }

    /// One level-1 item (测评项目) and its indicators' counts.
    public struct Level1Progress: Sendable, Hashable, Codable {
        /// The name, as in the data or site.yml.
        public var name: String
        /// The counts.
        public var counts: IndicatorCounts
    }

    /// One unit: its indicators (its responsibility list, 责任清单), its ledger problems and its figures.
    public struct UnitProgress: Sendable, Hashable, Codable {
        /// The name, as in the data or site.yml.
        public var name: String
        /// The unit's slug; its page is `progress/units/<slug>/`.
        public var slug: String
        /// Counts of the indicators it leads.
        public var indicators: IndicatorCounts
        /// Counts of the ledger problems assigned to it.
        public var ledger: LedgerCounts
        /// The indicators it leads, in file order.
        public var indicatorList: [IndicatorEntry]
        /// Its open problems, by deadline (then id).
        public var openProblems: [ProblemEntry]
        /// Its rank in `ranking`, nil when it leads no indicator.
        public var rank: Int?
    }

    /// An indicator as listed on pages.
    public struct IndicatorEntry: Sendable, Hashable, Codable {
        /// The id from the CSV file.
        public var id: String
        /// 测评项目.
        public var level1: String
        /// 指标.
        public var level2: String
        /// 测评内容.
        public var content: String
        /// Method names, e.g. `["材料审核", "实地考察"]`.
        public var methods: [String]
        /// The unit name, as in site.yml.
        public var unit: String
        /// The unit slug; its page is `progress/units/<slug>/`.
        public var unitSlug: String
        /// True for a hardware indicator (硬件指标).
        public var hardware: Bool
        /// Where it stands.
        public var status: Indicator.Status
        /// The Chinese status word, e.g. 推进中.
        public var statusLabel: String
        /// When its status was last updated.
        public var updated: ProgressDay?

        /// The entry of `indicator`.
        public init(_ indicator: Indicator) {
            id = indicator.id
            level1 = indicator.level1
            level2 = indicator.level2
            content = indicator.content
            methods = indicator.methods.map(\.rawValue)
            unit = indicator.leadUnit.name
            unitSlug = indicator.leadUnit.slug
            hardware = indicator.hardware
            status = indicator.status
            statusLabel = indicator.status.label
            updated = indicator.updated
        }
    }

    /// An open ledger problem as listed on pages.
    public struct ProblemEntry: Sendable, Hashable, Codable {
        /// The id from the CSV file.
        public var id: String
        /// The day it was found.
        public var found: ProgressDay
        /// How it was found (督查, 暗访, …).
        public var source: String
        /// The district name, as in site.yml.
        public var district: String
        /// The district slug.
        public var districtSlug: String
        /// The unit name, as in site.yml.
        public var unit: String
        /// The unit slug; its page is `progress/units/<slug>/`.
        public var unitSlug: String
        /// What is wrong.
        public var problem: String
        /// The last day for fixing it.
        public var deadline: ProgressDay
        /// Open and past its deadline.
        public var overdue: Bool
        /// Days past the deadline (0 when not overdue).
        public var daysOverdue: Int

        /// The entry of `problem` seen on `today`.
        public init(_ problem: LedgerProblem, today: ProgressDay) {
            id = problem.id
            found = problem.found
            source = problem.source
            district = problem.district.name
            districtSlug = problem.district.slug
            unit = problem.unit.name
            unitSlug = problem.unit.slug
            self.problem = problem.problem
            deadline = problem.deadline
            overdue = problem.isOverdue(on: today)
            daysOverdue = overdue ? today.dayNumber - problem.deadline.dayNumber : 0
        }
    }

    /// One district's ledger counts.
    public struct DistrictLedger: Sendable, Hashable, Codable {
        /// The name, as in the data or site.yml.
        public var name: String
        /// The slug from site.yml.
        public var slug: String
        /// The counts.
        public var counts: LedgerCounts
    }

    /// Ledger movement of one day.
    public struct BurnDownPoint: Sendable, Hashable, Codable {
        /// The day.
        public var date: ProgressDay
        /// Problems open at the end of the day.
        public var open: Int
        /// Problems found that day.
        public var found: Int
        /// Problems closed that day.
        public var closed: Int
    }

    /// Daily summary totals of one day.
    public struct DailyPoint: Sendable, Hashable, Codable {
        /// The day.
        public var date: ProgressDay
        /// Places or items checked.
        public var checked: Int
        /// Problems found that day.
        public var found: Int
        /// Problems fixed.
        public var fixed: Int
        /// Units that reported that day.
        public var units: Int
    }

    /// One unit's daily summary row.
    public struct UnitDaily: Sendable, Hashable, Codable {
        /// The unit name, as in site.yml.
        public var unit: String
        /// The unit slug; its page is `progress/units/<slug>/`.
        public var unitSlug: String
        /// Places or items checked.
        public var checked: Int
        /// Problems found that day.
        public var found: Int
        /// Problems fixed.
        public var fixed: Int
    }

    /// The daily summary of one day: totals and each reporting unit's row (site.yml order).
    public struct DailyDay: Sendable, Hashable, Codable {
        /// The sums over all units.
        public var totals: DailyPoint
        /// Each reporting unit's row, in site.yml order.
        public var units: [UnitDaily]
    }

    /// A place in the unit ranking.
    public struct RankingEntry: Sendable, Hashable, Codable {
        /// 1 for the best; every unit has its own rank, since ties are broken.
        public var rank: Int
        /// The unit name, as in site.yml.
        public var unit: String
        /// The unit slug; its page is `progress/units/<slug>/`.
        public var unitSlug: String
        /// The counts.
        public var counts: IndicatorCounts
    }

    /// `met / total` in tenths of a percent, rounded half up; 0 when `total` is 0.
    public static func tenthsOfPercent(_ part: Int, of total: Int) -> Int {
        guard total > 0 else { return 0 }
        return (part * 2000 + total) / (2 * total)
    }

    /// Tenths of a percent as text, e.g. 702 → `70.2%`.
    public static func percentText(tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)%" }
}
