/// A CSV file parsed per RFC 4180: a header row and the records under it, each field with its position.
///
/// Spreadsheets write CSV in many small variants, so the parser accepts CRLF and LF line ends (and a lone
/// CR), a UTF-8 byte order mark (Excel writes one), quoted fields holding commas, doubled quotes and line
/// breaks, and skips blank rows (including rows of empty cells, which Excel leaves after deleting rows).
/// Rows whose field count differs from the header's are reported and left out of `records`, since their
/// values can not be matched to columns.
public struct CSVTable: Sendable, Hashable {
    /// Path of the file, for diagnostics.
    public var file: String
    /// Column names of the header row, trimmed of surrounding white space.
    public var header: [String]
    /// Line of the header row; 0 when the file holds no rows at all.
    public var headerLine: Int
    /// Where each header name starts.
    public var headerPositions: [CSVPosition]
    /// Data rows with as many fields as the header.
    public var records: [CSVRecord]
    /// Problems found while parsing: unterminated quotes, text after a closing quote, ragged rows,
    /// duplicate column names.
    public var diagnostics: [Diagnostic]

    /// Creates a table from parts (tests, or tables built in code).
    public init(
        file: String, header: [String], headerLine: Int, headerPositions: [CSVPosition] = [],
        records: [CSVRecord], diagnostics: [Diagnostic]
    ) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.headerPositions = headerPositions
        self.records = records
        self.diagnostics = diagnostics
    }

    /// The index of the first column named `name`, or nil when the header lacks it.
    public func index(of name: String) -> Int? { header.firstIndex(of: name) }

    /// Parses `text` (the whole file) as CSV with a header row. `file` names it in diagnostics.
    public static func parse(_ text: String, file: String) -> CSVTable {
        var copy = text
        return copy.withUTF8 { bytes in
            var parser = CSVParser(bytes: bytes, file: file)
            return parser.table()
        }
    }
}

/// One data row of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The field values, quotes removed and doubled quotes undone.
    public var fields: [String]
    /// The line the row starts on (a quoted line break makes a row span several lines).
    public var line: Int
    /// Where each field starts: line and 1-based column in Unicode scalars.
    public var positions: [CSVPosition]

    /// Creates a record from parts.
    public init(fields: [String], line: Int, positions: [CSVPosition]) {
        self.fields = fields
        self.line = line
        self.positions = positions
    }

    /// The start of field `index` in `file`, or the start of the row when there is no such field.
    public func location(ofField index: Int, file: String) -> SourceLocation {
        guard positions.indices.contains(index) else { return SourceLocation(file: file, line: line, column: 1) }
        return SourceLocation(file: file, line: positions[index].line, column: positions[index].column)
    }
}

/// A position in a text file: 1-based line and 1-based column in Unicode scalars.
public struct CSVPosition: Sendable, Hashable {
    /// 1-based line.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The byte-level scanner behind `CSVTable.parse`.
///
/// Works on the UTF-8 bytes directly: the structural characters (`,` `"` CR LF) are ASCII, so they never
/// occur inside a multi-byte sequence, and a field is decoded into a `String` once, from one byte slice.
private struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var i = 0
    var line = 1
    var column = 1
    var diagnostics: [Diagnostic] = []
    var scratch: [UInt8] = []
    /// Set when the current record holds a quoted field that never closes; such a record is dropped.
    var recordBroken = false

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    mutating func table() -> CSVTable {
        var header: [String] = []
        var headerLine = 0
        var headerPositions: [CSVPosition] = []
        var records: [CSVRecord] = []
        while i < bytes.count {
            recordBroken = false
            let record = nextRecord()
            if recordBroken || isBlank(record) { continue }
            if headerLine == 0 {
                headerLine = record.line
                headerPositions = record.positions
                header = record.fields.map { CSVTable.trimmed($0) }
                checkHeader(header, record: record)
                continue
            }
            if record.fields.count != header.count {
                reportRagged(record, expected: header.count)
                continue
            }
            records.append(record)
        }
        return CSVTable(
            file: file, header: header, headerLine: headerLine, headerPositions: headerPositions,
            records: records, diagnostics: diagnostics)
    }

    private func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy { $0.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    private mutating func checkHeader(_ header: [String], record: CSVRecord) {
        var seen: Set<String> = []
        for (index, name) in header.enumerated() where !seen.insert(name).inserted {
            let at = record.location(ofField: index, file: file)
            diagnostics.append(
                .error(
                    "column '\(name)' appears twice in the header row; rename or delete one of them",
                    code: "csv.header", at: at))
        }
    }

    private mutating func reportRagged(_ record: CSVRecord, expected: Int) {
        let count = record.fields.count
        let at = record.location(ofField: min(count, expected), file: file)
        let hint =
            count > expected
            ? "; a value holding a comma must be wrapped in double quotes, e.g. \"a,b\""
            : "; add the missing values (an empty value still needs its comma)"
        diagnostics.append(
            .error(
                "row has \(count) fields but the header has \(expected)\(hint); the row is skipped",
                code: "csv.ragged", at: SourceLocation(file: file, line: record.line, column: at.column)))
    }

    /// Reads one record, consuming its line end.
    private mutating func nextRecord() -> CSVRecord {
        let recordLine = line
        var fields: [String] = []
        var positions: [CSVPosition] = []
        while true {
            positions.append(CSVPosition(line: line, column: column))
            fields.append(nextField())
            if i < bytes.count, bytes[i] == Self.comma {
                i += 1
                column += 1
                continue
            }
            if i < bytes.count {
                if bytes[i] == Self.cr {
                    i += 1
                    if i < bytes.count, bytes[i] == Self.lf { i += 1 }
                } else {
                    i += 1
                }
                line += 1
                column = 1
            }
            return CSVRecord(fields: fields, line: recordLine, positions: positions)
        }
    }

    /// Reads one field, stopping before the comma or line end that follows it.
    private mutating func nextField() -> String {
        guard i < bytes.count, bytes[i] == Self.quote else { return unquotedRun() }
        let startLine = line
        let startColumn = column
        i += 1
        column += 1
        scratch.removeAll(keepingCapacity: true)
        var segmentStart = i
        while true {
            guard i < bytes.count else {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<i]))
                recordBroken = true
                diagnostics.append(
                    .error(
                        "quoted field is never closed, so the rest of the file is skipped; add the closing '\"' "
                            + "(a '\"' inside a quoted value is written twice: \"\")",
                        code: "csv.quote", file: file, line: startLine, column: startColumn))
                return String(decoding: scratch, as: UTF8.self)
            }
            let c = bytes[i]
            if c == Self.quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<i]))
                if i + 1 < bytes.count, bytes[i + 1] == Self.quote {
                    scratch.append(Self.quote)
                    i += 2
                    column += 2
                    segmentStart = i
                    continue
                }
                i += 1
                column += 1
                break
            }
            if c == Self.lf || (c == Self.cr && !(i + 1 < bytes.count && bytes[i + 1] == Self.lf)) {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 && c != Self.cr {
                column += 1
            }
            i += 1
        }
        if i < bytes.count, bytes[i] != Self.comma, bytes[i] != Self.cr, bytes[i] != Self.lf {
            let at = SourceLocation(file: file, line: line, column: column)
            let rest = unquotedRun()
            diagnostics.append(
                .warning(
                    "text '\(rest)' follows the closing quote of a field; it is kept, but put the whole value "
                        + "inside the quotes",
                    code: "csv.quote", at: at))
            return String(decoding: scratch, as: UTF8.self) + rest
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Reads bytes up to the next comma or line end.
    private mutating func unquotedRun() -> String {
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if c == Self.comma || c == Self.cr || c == Self.lf { break }
            if c & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
}

extension CSVTable {
    /// `text` without leading and trailing spaces, tabs and full-width spaces (U+3000).
    static func trimmed(_ text: String) -> String {
        // Fast path: most values have nothing to trim, which the first and last bytes tell.
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        let edgeBytes: Set<UInt8> = [0x20, 0x09, 0xE3, 0x80]
        if !edgeBytes.contains(first) && !edgeBytes.contains(last) { return text }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let first = text.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}
