/// The review report of `campaign check`: which items still need which of the three reviews.
///
/// A stage is outstanding when its step is missing, lacks `by` or `at`, or was signed by someone
/// who already signed an earlier stage (that review has to be done again by another person).
public struct ReviewReport: Sendable, Hashable {
    /// What kind of text an item is.
    public enum ItemKind: String, Sendable, Hashable, CaseIterable, Codable {
        case news
        case exposure
        case led

        /// 新闻, 曝光, LED.
        public var chineseName: String {
            switch self {
            case .news: return "新闻"
            case .exposure: return "曝光"
            case .led: return "LED"
            }
        }
    }

    /// One reviewable item as the loader knows it.
    public struct Item: Sendable, Hashable {
        public var kind: ItemKind
        public var file: String
        public var title: String
        public var review: ReviewSignOff?
        /// With signed reviews: the verified state of each step (only `.valid` steps count).
        public var signedStates: [ReviewStage: SignedReviewRules.StepState]?
        /// Who may sign each level (from `Content/reviewers.yml`), for "who is next".
        public var reviewers: [ReviewStage: [String]] = [:]

        public init(kind: ItemKind, file: String, title: String, review: ReviewSignOff?) {
            self.kind = kind
            self.file = file
            self.title = title
            self.review = review
        }
    }

    /// An item that still needs at least one review.
    public struct Row: Sendable, Hashable {
        public var kind: ItemKind
        public var file: String
        public var title: String
        /// Stages still to be signed, in review order.
        public var needs: [ReviewStage]
        /// Valid signatures so far, in review order.
        public var signed: [Signature]
        /// Reviewers who signed more than one stage.
        public var repeatedReviewers: [String]
        /// Signatures made over an earlier version of the item (signed reviews only).
        public var voided: [Signature] = []
        /// Who may sign the first stage still needed, except those who signed another stage.
        public var nextReviewers: [String] = []

        /// A stage signed by a person.
        public struct Signature: Sendable, Hashable {
            public var stage: ReviewStage
            public var by: String
        }

        /// `Content/news/x.md: 新闻 '标题' needs 复审, 终审 (初审 by 张三)`.
        public var text: String {
            var line = "\(file): \(kind.chineseName) '\(title)' needs "
            line += needs.map(\.chineseName).joined(separator: ", ")
            var notes: [String] = []
            if !signed.isEmpty {
                notes.append(signed.map { "\($0.stage.chineseName) by \($0.by)" }.joined(separator: ", "))
            }
            for name in repeatedReviewers {
                notes.append("'\(name)' signed twice; another person must review")
            }
            if !voided.isEmpty {
                notes.append(
                    "void after an edit: "
                        + voided.map { "\($0.stage.chineseName) by \($0.by)" }.joined(separator: ", "))
            }
            if let next = needs.first, !nextReviewers.isEmpty {
                notes.append("next: \(next.chineseName) by " + nextReviewers.joined(separator: " or "))
            }
            if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
            return line
        }
    }

    /// Items needing reviews, in the order the items were given.
    public var rows: [Row]
    /// Number of items looked at.
    public var total: Int
    /// Items with three complete reviews by three different people.
    public var complete: Int { total - rows.count }

    /// Builds the report of `items`.
    public init(items: [Item]) {
        total = items.count
        rows = items.compactMap(Self.row)
    }

    static func row(_ item: Item) -> Row? {
        if let states = item.signedStates { return signedRow(item, states: states) }
        guard let review = item.review else {
            var row = Row(
                kind: item.kind, file: item.file, title: item.title, needs: ReviewStage.allCases, signed: [],
                repeatedReviewers: [])
            row.nextReviewers = item.reviewers[.first] ?? []
            return row
        }
        var needs: [ReviewStage] = []
        var signed: [Row.Signature] = []
        var seen: Set<String> = []
        var repeated: [String] = []
        for stage in ReviewStage.allCases {
            guard let step = review[stage], step.isComplete, let by = step.by else {
                needs.append(stage)
                continue
            }
            if !seen.insert(ReviewRules.normalizedName(by)).inserted {
                needs.append(stage)
                if !repeated.contains(by) { repeated.append(by) }
                continue
            }
            signed.append(Row.Signature(stage: stage, by: by))
        }
        guard !needs.isEmpty else { return nil }
        return Row(
            kind: item.kind, file: item.file, title: item.title, needs: needs, signed: signed,
            repeatedReviewers: repeated)
    }

    /// The row of an item with signed reviews: only valid signatures count.
    static func signedRow(_ item: Item, states: [ReviewStage: SignedReviewRules.StepState]) -> Row? {
        var needs: [ReviewStage] = []
        var signed: [Row.Signature] = []
        var voided: [Row.Signature] = []
        var seen: Set<String> = []
        var repeated: [String] = []
        for stage in ReviewStage.allCases {
            switch states[stage] {
            case .valid(let by):
                if !seen.insert(ReviewRules.normalizedName(by)).inserted {
                    needs.append(stage)
                    if !repeated.contains(by) { repeated.append(by) }
                } else {
                    signed.append(Row.Signature(stage: stage, by: by))
                }
            case .voided(let by):
                voided.append(Row.Signature(stage: stage, by: by))
                needs.append(stage)
            case .invalid, nil:
                needs.append(stage)
            }
        }
        guard let next = needs.first else { return nil }
        var row = Row(
            kind: item.kind, file: item.file, title: item.title, needs: needs, signed: signed,
            repeatedReviewers: repeated)
        row.voided = voided
        row.nextReviewers = (item.reviewers[next] ?? []).filter { !seen.contains(ReviewRules.normalizedName($0)) }
        return row
    }

    /// The report as text lines: a summary line, then one line per row.
    public var lines: [String] {
        var lines = ["review (三审): \(complete) of \(total) items fully reviewed, \(rows.count) need reviews"]
        lines += rows.map { "  " + $0.text }
        return lines
    }
}
