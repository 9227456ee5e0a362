/// One problem of the problem ledger (问题台账) in `ledger.csv`, kept open until it is closed (挂账销号).
public struct LedgerProblem: Sendable, Hashable, Codable {
    /// Whether a problem is still on the books.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case closed

        /// The Chinese word shown on pages.
        public var label: String {
            switch self {
            case .open: return "整改中"
            case .closed: return "已销号"
            }
        }
    }

    /// Identifier, unique in the file.
    public var id: String
    /// The day the problem was found.
    public var found: ProgressDay
    /// How it was found, e.g. 督查, 暗访, 随手拍, 群众举报 (free text).
    public var source: String
    /// The district, one of site.yml's districts.
    public var district: NamedEntry
    /// The unit responsible, one of site.yml's units.
    public var unit: NamedEntry
    /// What is wrong.
    public var problem: String
    /// The last day for fixing it.
    public var deadline: ProgressDay
    /// Where it stands.
    public var status: Status
    /// The day it was closed (销号); set exactly when `status` is `closed`.
    public var closed: ProgressDay?
    /// The line of the row in `ledger.csv`.
    public var line: Int

    /// Creates a ledger problem.
    public init(
        id: String, found: ProgressDay, source: String, district: NamedEntry, unit: NamedEntry, problem: String,
        deadline: ProgressDay, status: Status, closed: ProgressDay?, line: Int = 0
    ) {
        self.id = id
        self.found = found
        self.source = source
        self.district = district
        self.unit = unit
        self.problem = problem
        self.deadline = deadline
        self.status = status
        self.closed = closed
        self.line = line
    }

    /// True when the problem is open and `today` is after its deadline (the deadline day itself is still
    /// in time).
    public func isOverdue(on today: ProgressDay) -> Bool { status == .open && today > deadline }

    /// True when the problem was on the books at the end of `day`: found by then and not closed by then.
    public func isOpen(atEndOf day: ProgressDay) -> Bool {
        guard found <= day else { return false }
        guard status == .closed, let closed else { return true }
        return closed > day
    }

    /// The columns `ledger.csv` must have.
    public static let columns = [
        "id", "found", "source", "district", "unit", "problem", "deadline", "status",
        "closed",
    ]

    /// Loads the problems of `ledger.csv`; bad rows are reported and left out, good rows load.
    public static func load(csv text: String, file: String, site: SiteConfig) -> ([LedgerProblem], [Diagnostic]) {
        load(CSVTable.parse(text, file: file), site: site)
    }

    /// Loads the problems of a parsed `ledger.csv` (its parse diagnostics are included).
    public static func load(_ table: CSVTable, site: SiteConfig) -> ([LedgerProblem], [Diagnostic]) {
        var ids = UniqueIDs<Int>(noun: "id", item: "problem")
        return CSVRowReader.load(table, columns: columns, codePrefix: "ledger", site: site) { row in
            let id = row.text("id")
            row.claim(id, in: &ids)
            let found = row.day("found")
            let source = row.text("source", required: false) ?? ""
            let district = row.district("district")
            let unit = row.unit("unit")
            let problem = row.text("problem")
            let deadline = row.day("deadline")
            let status = row.choice("status", Status.allCases.map(\.rawValue)).flatMap(Status.init(rawValue:))
            var closed = row.day("closed", required: false)
            if let found, let deadline, deadline < found {
                row.error(
                    "deadline \(deadline) is before the day the problem was found (\(found)); "
                        + "the deadline must be on or after 'found'", column: "deadline", code: "deadline")
            }
            switch status {
            case .closed?:
                if closed == nil, row.text("closed", required: false) == nil {
                    row.error(
                        "a closed problem needs the day it was closed in 'closed' (YYYY-MM-DD)",
                        column: "closed", code: "closed")
                } else if let found, let day = closed, day < found {
                    row.error(
                        "closed \(day) is before the day the problem was found (\(found))",
                        column: "closed", code: "closed")
                }
            case .open?:
                if let day = closed {
                    row.warning(
                        "an open problem has a closed date (\(day)); it is ignored — set 'status' to "
                            + "'closed' if the problem is closed", column: "closed", code: "closed")
                    closed = nil
                }
            case nil:
                break
            }
            guard let id, let found, let district, let unit, let problem, let deadline, let status else { return nil }
            return LedgerProblem(
                id: id, found: found, source: source, district: district, unit: unit, problem: problem,
                deadline: deadline, status: status, closed: closed, line: row.record.line)
        }
    }
}
