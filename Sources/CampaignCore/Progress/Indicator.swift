/// One evaluation indicator (测评指标) of `indicators.csv`: a line of the evaluation system, its lead unit
/// and how far it has come.
public struct Indicator: Sendable, Hashable, Codable {
    /// How an indicator is assessed (测评方式).
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case documents = "材料审核"
        case fieldVisit = "实地考察"
        case survey = "问卷调查"
        case online = "网上申报"
    }

    /// Where an indicator stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case met
        case inProgress = "in_progress"
        case unmet

        /// The Chinese word shown on pages and charts.
        public var label: String {
            switch self {
            case .met: return "已达标"
            case .inProgress: return "推进中"
            case .unmet: return "未达标"
            }
        }
    }

    /// Identifier, unique in the file, e.g. `1.2.3`.
    public var id: String
    /// 测评项目, the level-1 item, e.g. 廉洁高效的政务环境.
    public var level1: String
    /// 指标, the level-2 indicator.
    public var level2: String
    /// 测评内容, the level-3 content: what is checked.
    public var content: String
    /// How it is assessed (测评方式), at least one.
    public var methods: [Method]
    /// The lead unit (牵头单位), one of site.yml's units.
    public var leadUnit: NamedEntry
    /// A hardware indicator (硬件指标) needs building work rather than only paperwork or campaigns.
    public var hardware: Bool
    /// Where it stands.
    public var status: Status
    /// When the status was last updated, if given.
    public var updated: ProgressDay?
    /// The line of the row in `indicators.csv`.
    public var line: Int

    /// Creates an indicator.
    public init(
        id: String, level1: String, level2: String, content: String, methods: [Method], leadUnit: NamedEntry,
        hardware: Bool, status: Status, updated: ProgressDay?, line: Int = 0
    ) {
        self.id = id
        self.level1 = level1
        self.level2 = level2
        self.content = content
        self.methods = methods
        self.leadUnit = leadUnit
        self.hardware = hardware
        self.status = status
        self.updated = updated
        self.line = line
    }

    /// The columns `indicators.csv` must have.
    public static let columns = [
        "id", "level1", "level2", "content", "methods", "lead_unit", "hardware", "status",
        "updated",
    ]

    /// Loads the indicators of `indicators.csv`; bad rows are reported and left out, good rows load.
    public static func load(csv text: String, file: String, site: SiteConfig) -> ([Indicator], [Diagnostic]) {
        load(CSVTable.parse(text, file: file), site: site)
    }

    /// Loads the indicators of a parsed `indicators.csv` (its parse diagnostics are included).
    public static func load(_ table: CSVTable, site: SiteConfig) -> ([Indicator], [Diagnostic]) {
        var ids = UniqueIDs<Int>(noun: "id", item: "indicator")
        return CSVRowReader.load(table, columns: columns, codePrefix: "indicators", site: site) { row in
            let id = row.text("id")
            row.claim(id, in: &ids)
            let level1 = row.text("level1")
            let level2 = row.text("level2")
            let content = row.text("content")
            let methods = readMethods(&row)
            let unit = row.unit("lead_unit")
            let hardware = row.choice("hardware", ["yes", "no"]).map { $0 == "yes" }
            let status = row.choice("status", Status.allCases.map(\.rawValue)).flatMap(Status.init(rawValue:))
            let updated = row.day("updated", required: false)
            guard let id, let level1, let level2, let content, let methods, let unit, let hardware, let status
            else { return nil }
            return Indicator(
                id: id, level1: level1, level2: level2, content: content, methods: methods, leadUnit: unit,
                hardware: hardware, status: status, updated: updated, line: row.record.line)
        }
    }

    private static func readMethods(_ row: inout CSVRowReader.Row) -> [Method]? {
        guard let value = row.text("methods") else { return nil }
        var methods: [Method] = []
        let names = Method.allCases.map(\.rawValue)
        for part in value.split(separator: "|") {
            let name = CSVTable.trimmed(String(part))
            guard !name.isEmpty else { continue }
            guard let method = Method(rawValue: name) else {
                let hint = Suggestion.hint(for: name, in: names)
                row.error(
                    "unknown method '\(name)'\(hint); use \(names.joined(separator: ", ")), separated by '|'",
                    column: "methods", code: "methods")
                return nil
            }
            if !methods.contains(method) { methods.append(method) }
        }
        if methods.isEmpty {
            row.error(
                "'methods' names no method; use \(names.joined(separator: "|"))", column: "methods",
                code: "methods")
            return nil
        }
        return methods
    }
}
