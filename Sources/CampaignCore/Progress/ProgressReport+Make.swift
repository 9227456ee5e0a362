import Foundation

extension ProgressReport {
    /// Computes the dashboard figures of the loaded progress data at `now`.
    ///
    /// `now` fixes "today" (its day in `site.timeZone`): problems are overdue when today is after their
    /// deadline, the burn-down runs to today, daily rows after today are ignored, and the countdown counts
    /// whole days from today to the inspection day.
    public static func make(
        indicators: [Indicator], ledger: [LedgerProblem], daily: [DailySummary], site: SiteConfig, now: Date
    ) -> ProgressReport {
        let timeZone = site.timeZone
        let today = ProgressDay(now, in: timeZone)
        let inspection = site.campaign.inspectionDate.map { ProgressDay($0, in: timeZone) }

        // Level-1 items in order of first appearance.
        var level1Order: [String] = []
        var level1Statuses: [String: [Indicator.Status]] = [:]
        for indicator in indicators {
            if level1Statuses[indicator.level1] == nil { level1Order.append(indicator.level1) }
            level1Statuses[indicator.level1, default: []].append(indicator.status)
        }
        let level1 = level1Order.map {
            Level1Progress(name: $0, counts: IndicatorCounts(level1Statuses[$0] ?? []))
        }

        let hardwareIndicators = indicators.filter(\.hardware)
        let ranking = rank(units: site.units, indicators: indicators)
        let rankBySlug = Dictionary(ranking.map { ($0.unitSlug, $0.rank) }, uniquingKeysWith: { a, _ in a })

        let units = site.units.map { unit -> UnitProgress in
            let own = indicators.filter { $0.leadUnit.name == unit.name }
            let problems = ledger.filter { $0.unit.name == unit.name }
            var counts = LedgerCounts()
            for problem in problems { counts.add(problem, today: today) }
            let open =
                problems
                .filter { $0.status == .open }
                .sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
                .map { ProblemEntry($0, today: today) }
            return UnitProgress(
                name: unit.name, slug: unit.slug, indicators: IndicatorCounts(own.map(\.status)), ledger: counts,
                indicatorList: own.map(IndicatorEntry.init), openProblems: open, rank: rankBySlug[unit.slug])
        }

        var ledgerCounts = LedgerCounts()
        for problem in ledger { ledgerCounts.add(problem, today: today) }
        let districts = site.districts.map { district -> DistrictLedger in
            var counts = LedgerCounts()
            for problem in ledger where problem.district.name == district.name { counts.add(problem, today: today) }
            return DistrictLedger(name: district.name, slug: district.slug, counts: counts)
        }

        let (latestDaily, trend) = dailyFigures(daily, units: site.units, today: today)

        return ProgressReport(
            asOf: today,
            campaignName: site.campaign.name,
            inspectionDate: inspection,
            daysToInspection: inspection.map { $0.dayNumber - today.dayNumber },
            indicators: IndicatorCounts(indicators.map(\.status)),
            level1: level1,
            units: units,
            hardware: IndicatorCounts(hardwareIndicators.map(\.status)),
            hardwareNotMet: hardwareIndicators.filter { $0.status != .met }.map(IndicatorEntry.init),
            ledger: ledgerCounts,
            districts: districts,
            burnDown: burnDown(ledger, today: today),
            latestDaily: latestDaily,
            dailyTrend: trend,
            ranking: ranking)
    }

    /// Units that lead indicators, best share first; ties go to more indicators met, then to the name.
    static func rank(units: [NamedEntry], indicators: [Indicator]) -> [RankingEntry] {
        var statuses: [String: [Indicator.Status]] = [:]
        for indicator in indicators { statuses[indicator.leadUnit.name, default: []].append(indicator.status) }
        let scored = units.compactMap { unit -> (NamedEntry, IndicatorCounts)? in
            guard let own = statuses[unit.name], !own.isEmpty else { return nil }
            return (unit, IndicatorCounts(own))
        }
        let sorted = scored.sorted { a, b in
            // Compare met/total exactly by cross-multiplying instead of comparing rounded doubles.
            let left = a.1.met * b.1.total
            let right = b.1.met * a.1.total
            if left != right { return left > right }
            if a.1.met != b.1.met { return a.1.met > b.1.met }
            return a.0.name < b.0.name
        }
        return sorted.enumerated().map { index, item in
            RankingEntry(rank: index + 1, unit: item.0.name, unitSlug: item.0.slug, counts: item.1)
        }
    }

    /// The longest burn-down: a campaign runs three years, so the chart covers at most the three years
    /// ending today; problems found earlier count in its first day's open figure.
    public static let maximumBurnDownDays = 3 * 366

    /// Open problems at the end of each day from the first found day (or `maximumBurnDownDays` before
    /// today, whichever is later) to `today`; empty when nothing was found by today.
    static func burnDown(_ ledger: [LedgerProblem], today: ProgressDay) -> [BurnDownPoint] {
        guard let earliest = ledger.map(\.found).min(), earliest <= today else { return [] }
        let first = ProgressDay(dayNumber: max(earliest.dayNumber, today.dayNumber - maximumBurnDownDays + 1))
        let length = today.dayNumber - first.dayNumber + 1
        var found = [Int](repeating: 0, count: length)
        var closed = [Int](repeating: 0, count: length)
        // Found and closed before the chart starts: only the balance shows, as the opening figure.
        var openBefore = 0
        for problem in ledger {
            let f = problem.found.dayNumber - first.dayNumber
            if f < 0 {
                openBefore += 1
            } else if f < length {
                found[f] += 1
            }
            if problem.status == .closed, let day = problem.closed {
                let c = day.dayNumber - first.dayNumber
                if c < 0 {
                    openBefore -= 1
                } else if c < length {
                    closed[c] += 1
                }
            }
        }
        var points: [BurnDownPoint] = []
        var open = openBefore
        for offset in 0..<length {
            open += found[offset] - closed[offset]
            points.append(
                BurnDownPoint(
                    date: first.adding(days: offset), open: open, found: found[offset], closed: closed[offset]))
        }
        return points
    }

    /// The latest day's summary (rows after `today` ignored) and the totals of the 7 days ending there.
    static func dailyFigures(
        _ daily: [DailySummary], units: [NamedEntry], today: ProgressDay
    ) -> (DailyDay?, [DailyPoint]) {
        let rows = daily.filter { $0.date <= today }
        guard let latest = rows.map(\.date).max() else { return (nil, []) }
        func totals(_ day: ProgressDay) -> DailyPoint {
            var point = DailyPoint(date: day, checked: 0, found: 0, fixed: 0, units: 0)
            for row in rows where row.date == day {
                point.checked += row.checked
                point.found += row.found
                point.fixed += row.fixed
                point.units += 1
            }
            return point
        }
        let order = Dictionary(units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let unitRows =
            rows
            .filter { $0.date == latest }
            .sorted { (order[$0.unit.name] ?? Int.max, $0.line) < (order[$1.unit.name] ?? Int.max, $1.line) }
            .map {
                UnitDaily(
                    unit: $0.unit.name, unitSlug: $0.unit.slug, checked: $0.checked, found: $0.found,
                    fixed: $0.fixed)
            }
        let trend = (0..<7).reversed().map { totals(latest.adding(days: -$0)) }
        return (DailyDay(totals: totals(latest), units: unitRows), trend)
    }
}
