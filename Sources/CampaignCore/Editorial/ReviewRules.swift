import Foundation

/// Validates the three-review sign-off (三审) of one item.
///
/// Two kinds of findings, with different severities:
/// - **gaps** — no `review`, a missing step, a step without `by` or `at` (codes `review.missing`,
///   `review.incomplete`): warnings, and errors only when `production && required` (`--production`
///   with `review.required: true` in site.yml);
/// - **contradictions** — the same person signing twice (`review.same-person`), dates out of order
///   (`review.order`), a review dated after the publish time (`review.after-publication`): always
///   errors, because a sign-off that contradicts itself is wrong in every build, not merely unfinished.
///
/// Dates compare at minute precision, except that a date written without a time (midnight) stands
/// for its whole day: `final: {at: 2026-11-20}` is not after a publish time of `2026-11-20 09:00`, and
/// a review at `2026-11-20 16:00` is not after a publish date of `2026-11-20`.
public enum ReviewRules {
    /// All findings about `review` of the item at `itemLocation` published at `publishedAt`.
    ///
    /// - Parameters:
    ///   - review: the parsed sign-off, nil when the item has none.
    ///   - publishedAt: the item's publish time (news `date`, exposure `found`, LED `from`); nil skips
    ///     the after-publication check.
    ///   - file: the item's file, for findings about a missing review.
    ///   - itemLocation: where a missing review is reported (usually the front matter's first line).
    ///   - required: `review.required` of site.yml.
    ///   - production: the `--production` flag.
    ///   - timeZone: the site's time zone, for dates in messages and whole-day comparisons.
    public static func check(
        _ review: ReviewSignOff?, publishedAt: Date?, file: String, itemLocation: SourceLocation, required: Bool,
        production: Bool, timeZone: TimeZone = SiteConfig.defaultTimeZone
    ) -> [Diagnostic] {
        let gapSeverity: Severity = production && required ? .error : .warning
        var diagnostics: [Diagnostic] = []
        func gap(_ message: String, code: String, at location: SourceLocation) {
            diagnostics.append(
                Diagnostic(
                    file: location.file, line: location.line, column: location.column, severity: gapSeverity,
                    code: code, message: message))
        }
        guard let review else {
            let location = SourceLocation(file: file, line: itemLocation.line, column: itemLocation.column)
            gap(
                "missing review sign-off (三审): add 'review: {first: {by, at}, second: {by, at}, final: {by, at}}' "
                    + "signed by three different people",
                code: "review.missing", at: location)
            return diagnostics
        }

        for stage in ReviewStage.allCases {
            guard let step = review[stage] else {
                gap(
                    "review has no \(stage.label) sign-off: add '\(stage.rawValue): {by: <name>, at: <date>}'",
                    code: "review.incomplete", at: review.location)
                continue
            }
            if step.by == nil {
                gap(
                    "review.\(stage.rawValue) (\(stage.chineseName)) does not say who reviewed: add 'by: <name>'",
                    code: "review.incomplete", at: step.location)
            }
            if step.at == nil {
                gap(
                    "review.\(stage.rawValue) (\(stage.chineseName)) has no date: add 'at: <date>' "
                        + "such as 2026-11-20 10:00",
                    code: "review.incomplete", at: step.location)
            }
        }

        diagnostics += samePerson(review)
        diagnostics += order(review, timeZone: timeZone)
        if let publishedAt {
            diagnostics += afterPublication(review, publishedAt: publishedAt, timeZone: timeZone)
        }
        return diagnostics
    }

    /// The default site time zone, `SiteConfig.defaultTimeZone`.
    public static var defaultTimeZone: TimeZone { SiteConfig.defaultTimeZone }

    /// Names compare without whitespace: editors align two-character names as `张  三`.
    public static func normalizedName(_ name: String) -> String {
        String(name.unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    static func samePerson(_ review: ReviewSignOff) -> [Diagnostic] {
        var stagesByName: [String: [ReviewStage]] = [:]
        var displayName: [String: String] = [:]
        for stage in ReviewStage.allCases {
            guard let by = review[stage]?.by else { continue }
            let key = normalizedName(by)
            guard !key.isEmpty else { continue }
            stagesByName[key, default: []].append(stage)
            if displayName[key] == nil { displayName[key] = by }
        }
        var diagnostics: [Diagnostic] = []
        for stage in ReviewStage.allCases {
            // Report each person once, at the last step they signed.
            guard let by = review[stage]?.by, let location = review[stage]?.location else { continue }
            let key = normalizedName(by)
            guard let stages = stagesByName[key], stages.count > 1, stages.last == stage else { continue }
            let labels = stages.map(\.label)
            let list =
                labels.count == 2
                ? "\(labels[0]) and \(labels[1])"
                : labels.dropLast().joined(separator: ", ") + " and " + (labels.last ?? "")
            diagnostics.append(
                .error(
                    "'\(displayName[key] ?? by)' signed both \(list); the three reviews need three different people",
                    code: "review.same-person", at: location))
        }
        return diagnostics
    }

    static func order(_ review: ReviewSignOff, timeZone: TimeZone) -> [Diagnostic] {
        let dated = ReviewStage.allCases.compactMap { stage -> (ReviewStage, Date, SourceLocation)? in
            guard let step = review[stage], let at = step.at else { return nil }
            return (stage, at, step.location)
        }
        var diagnostics: [Diagnostic] = []
        for (earlier, later) in zip(dated, dated.dropFirst()) where isBefore(later.1, earlier.1, in: timeZone) {
            diagnostics.append(
                .error(
                    "\(later.0.label) on \(format(later.1, timeZone)) is before \(earlier.0.label) on "
                        + "\(format(earlier.1, timeZone)); reviews go in order 初审 → 复审 → 终审",
                    code: "review.order", at: later.2))
        }
        return diagnostics
    }

    static func afterPublication(_ review: ReviewSignOff, publishedAt: Date, timeZone: TimeZone) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for stage in ReviewStage.allCases {
            guard let step = review[stage], let at = step.at, isBefore(publishedAt, at, in: timeZone) else {
                continue
            }
            diagnostics.append(
                .error(
                    "\(stage.label) on \(format(at, timeZone)) is after the publish time "
                        + "\(format(publishedAt, timeZone)); an item must be reviewed before it is published",
                    code: "review.after-publication", at: step.location))
        }
        return diagnostics
    }

    /// `a` strictly before `b`; a date at midnight stands for its whole day.
    static func isBefore(_ a: Date, _ b: Date, in timeZone: TimeZone) -> Bool {
        if isMidnight(a, timeZone) || isMidnight(b, timeZone) {
            return ContentDate.dayNumber(a, in: timeZone) < ContentDate.dayNumber(b, in: timeZone)
        }
        return floor(a.timeIntervalSince1970 / 60) < floor(b.timeIntervalSince1970 / 60)
    }

    static func isMidnight(_ date: Date, _ timeZone: TimeZone) -> Bool {
        let c = ContentDate.components(of: date, in: timeZone)
        return c.hour == 0 && c.minute == 0 && c.second == 0
    }

    static func format(_ date: Date, _ timeZone: TimeZone) -> String {
        isMidnight(date, timeZone)
            ? ContentDate.dayString(date, in: timeZone) : ContentDate.minuteString(date, in: timeZone)
    }
}
