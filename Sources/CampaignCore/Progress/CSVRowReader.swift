/// Reads typed values out of the rows of one progress CSV file and reports each bad value at its field.
///
/// One reader checks the header once (`bind`), then each row gets a `Row` that collects the row's
/// problems; a row with any error is left out, the others load.
struct CSVRowReader {
    let table: CSVTable
    let codePrefix: String
    let site: SiteConfig
    private let columns: [String: Int]

    /// Binds the required columns of `table`; nil (with one error per missing column, on the header line)
    /// when any is missing, since a file without a column can not be read row by row.
    static func bind(
        _ table: CSVTable, required: [String], codePrefix: String, site: SiteConfig
    ) -> (CSVRowReader?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var columns: [String: Int] = [:]
        let line = max(table.headerLine, 1)
        let extra = table.header.filter { !required.contains($0) && !$0.isEmpty }
        for name in required {
            if let index = table.index(of: name) {
                columns[name] = index
            } else {
                let close = Suggestion.closest(to: name, in: extra)
                let hint = close.map { " (found '\($0)': is it misspelled?)" } ?? ""
                let found = table.header.isEmpty ? "the file has no header row" : "the header row lacks it"
                diagnostics.append(
                    .error(
                        "missing column '\(name)'\(hint): \(found); the header must be "
                            + "'\(required.joined(separator: ","))' and nothing in this file is loaded",
                        code: "\(codePrefix).column", file: table.file, line: line, column: 1))
            }
        }
        if !diagnostics.isEmpty { return (nil, diagnostics) }
        for name in extra {
            let index = table.index(of: name) ?? 0
            let position = table.headerPositions.indices.contains(index) ? table.headerPositions[index] : nil
            let hint = Suggestion.hint(for: name, in: required)
            diagnostics.append(
                .warning(
                    "unknown column '\(name)'\(hint) is ignored; the columns are "
                        + "'\(required.joined(separator: ","))'",
                    code: "\(codePrefix).column", file: table.file, line: position?.line ?? line,
                    column: position?.column ?? 1))
        }
        let reader = CSVRowReader(table: table, codePrefix: codePrefix, site: site, columns: columns)
        return (reader, diagnostics)
    }

    /// A reader for one record.
    func row(_ record: CSVRecord) -> Row { Row(reader: self, record: record) }

    /// Loads the rows of `table` as values: the table's own findings, the header bound to `columns`, then
    /// every record read by `read`. A row with an error is left out; the others load.
    static func load<Value>(
        _ table: CSVTable, columns: [String], codePrefix: String, site: SiteConfig, read: (inout Row) -> Value?
    ) -> ([Value], [Diagnostic]) {
        var diagnostics = table.diagnostics
        let (bound, headerDiagnostics) = bind(table, required: columns, codePrefix: codePrefix, site: site)
        diagnostics += headerDiagnostics
        guard let reader = bound else { return ([], diagnostics) }
        var values: [Value] = []
        for record in table.records {
            var row = reader.row(record)
            let value = read(&row)
            diagnostics += row.diagnostics
            if !row.hasErrors, let value { values.append(value) }
        }
        return (values, diagnostics)
    }

    /// The typed fields of one row; every problem lands in `diagnostics`.
    struct Row {
        let reader: CSVRowReader
        let record: CSVRecord
        private(set) var diagnostics: [Diagnostic] = []

        init(reader: CSVRowReader, record: CSVRecord) {
            self.reader = reader
            self.record = record
        }

        /// True when any error was found in this row.
        var hasErrors: Bool { diagnostics.hasErrors }

        /// Where the value of `column` starts.
        func location(_ column: String) -> SourceLocation {
            record.location(ofField: reader.columns[column] ?? 0, file: reader.table.file)
        }

        /// Adds an error about `column` with the code `<prefix>.<code>`.
        mutating func error(_ message: String, column: String, code: String) {
            diagnostics.append(.error(message, code: "\(reader.codePrefix).\(code)", at: location(column)))
        }

        /// Claims `id` for this row in `ids`: an id an earlier row has is an error at `column` naming that
        /// row's line (`<prefix>.duplicate-id`).
        mutating func claim(_ id: String?, column: String = "id", in ids: inout UniqueIDs<Int>) {
            guard let id, let first = ids.claim(id, at: record.line) else { return }
            error(ids.message(id, firstUsed: "on line \(first)"), column: column, code: "duplicate-id")
        }

        /// Adds a warning about `column` with the code `<prefix>.<code>`.
        mutating func warning(_ message: String, column: String, code: String) {
            diagnostics.append(.warning(message, code: "\(reader.codePrefix).\(code)", at: location(column)))
        }

        /// The trimmed value of `column`; an error when it is empty and `required`.
        mutating func text(_ column: String, required: Bool = true) -> String? {
            let raw = reader.columns[column].map { record.fields[$0] } ?? ""
            let value = CSVTable.trimmed(raw)
            if let finding = ControlCharacters.first(in: value) {
                error(ControlCharacters.message(finding, field: column), column: column, code: "control")
                return nil
            }
            if value.isEmpty {
                if required { error("'\(column)' is empty; every row needs one", column: column, code: "empty") }
                return nil
            }
            return value
        }

        /// The day in `column`, with an error when it is not a date.
        mutating func day(_ column: String, required: Bool = true) -> ProgressDay? {
            guard let value = text(column, required: required) else { return nil }
            var parsed = ProgressDay(value)
            if parsed == nil, let date = ContentDate.parse(value, timeZone: reader.site.timeZone) {
                parsed = ProgressDay(date, in: reader.site.timeZone)
            }
            if let day = parsed {
                guard ContentDate.isWithinBounds(dayNumber: day.dayNumber) else {
                    error(
                        "'\(column)' 的日期 '\(value)' 超出允许范围 \(ContentDate.validRangeText)，请检查年份 "
                            + "(the date is outside \(ContentDate.validYears.lowerBound)–"
                            + "\(ContentDate.validYears.upperBound))",
                        column: column, code: "date")
                    return nil
                }
                return day
            }
            error(
                "'\(column)' is not a date: '\(value)'; write it as YYYY-MM-DD, e.g. 2026-11-05",
                column: column, code: "date")
            return nil
        }

        /// The non-negative whole number in `column`, with an error otherwise.
        mutating func count(_ column: String) -> Int? {
            guard let value = text(column) else { return nil }
            if let number = Int(value), number >= 0 { return number }
            error(
                "'\(column)' must be a whole number of 0 or more, found '\(value)'", column: column, code: "number")
            return nil
        }

        /// The value of `column` when it is one of `allowed`, with an error naming them otherwise.
        mutating func choice(_ column: String, _ allowed: [String]) -> String? {
            guard let value = text(column) else { return nil }
            if allowed.contains(value) { return value }
            let lowered = value.lowercased()
            if allowed.contains(lowered) { return lowered }
            let hint = Suggestion.hint(for: value, in: allowed)
            let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
            error("unknown \(column) '\(value)'\(hint); use one of \(list)", column: column, code: column)
            return nil
        }

        /// The unit named in `column`, which must be one of site.yml's `units`.
        mutating func unit(_ column: String) -> NamedEntry? {
            entry(column, in: reader.site.units, list: "units", code: "unit")
        }

        /// The district named in `column`, which must be one of site.yml's `districts`.
        mutating func district(_ column: String) -> NamedEntry? {
            entry(column, in: reader.site.districts, list: "districts", code: "district")
        }

        private mutating func entry(
            _ column: String, in entries: [NamedEntry], list: String, code: String
        ) -> NamedEntry? {
            guard let value = text(column) else { return nil }
            if let match = entries.first(where: { $0.name == value }) { return match }
            let hint = Suggestion.hint(for: value, in: entries.map(\.name))
            error(
                "unknown \(code) '\(value)'\(hint); use a name listed under '\(list)' in site.yml",
                column: column, code: code)
            return nil
        }
    }
}
