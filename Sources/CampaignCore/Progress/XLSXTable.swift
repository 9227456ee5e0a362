import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an Excel `.xlsx` workbook into a `CSVTable`, so indicators and ledgers kept in
/// Excel load with the same columns and rules as their CSV form (DESIGN §9).
///
/// A workbook is a ZIP archive of XML parts (ECMA-376): `xl/workbook.xml` lists the sheets, its relations
/// name each sheet's part, `xl/sharedStrings.xml` holds the texts that cells refer to by index. Cells may
/// also hold inline strings, numbers, booleans and formula results. Excel stores a date as a serial number
/// of days since 1899-12-30; in the columns named in `dateColumns` such a number becomes `YYYY-MM-DD`.
///
/// Diagnostics name the cell's row as the line and its column (A = 1) as the column. Untrusted input: parts
/// larger than `maximumPartSize` once unpacked are refused (a ZIP bomb never fills memory).
public enum XLSXTable {
    /// The largest unpacked size of one part of the workbook.
    public static let maximumPartSize = 64 * 1024 * 1024
    /// The largest row or column number read (Excel's own limits are 1,048,576 rows and 16,384 columns).
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    /// The first sheet as a table, or a table with only an error when the workbook cannot be read.
    public static func parse(_ data: Data, file: String, code: String, dateColumns: Set<String> = []) -> CSVTable {
        do {
            let rows = try firstSheetRows(data)
            return table(rows, file: file, dateColumns: dateColumns)
        } catch {
            return CSVTable(
                file: file, header: [], headerLine: 0, records: [],
                diagnostics: [
                    .error(
                        "无法读取这个 Excel 工作簿：\(error)；请用 Excel 重新保存为 .xlsx，或另存为 CSV UTF-8 "
                            + "(cannot read the workbook)",
                        code: "\(code).xlsx", file: file, line: 1)
                ])
        }
    }

    /// A workbook that cannot be read, with the reason.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// One cell's value as text and how it was stored.
    struct Cell: Equatable {
        var text: String
        /// True for a number (`t="n"` or none), which may be a date serial.
        var isNumber: Bool
    }

    /// The cells of the first sheet: row number → column number → cell.
    static func firstSheetRows(_ data: Data) throws -> [Int: [Int: Cell]] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ReadError(description: "不是有效的 ZIP/xlsx 文件 (not a ZIP archive)")
        }
        let sharedStrings = try part(archive, "xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        let sheetPath = try firstSheetPath(archive)
        guard let sheet = try part(archive, sheetPath) else {
            throw ReadError(description: "工作簿中没有工作表 \(sheetPath) (the first sheet is missing)")
        }
        return try SheetParser.parse(sheet, sharedStrings: sharedStrings)
    }

    /// The bytes of the part at `path`, or nil when the archive has no such entry.
    static func part(_ archive: Archive, _ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.type == .file else { return nil }
        if entry.uncompressedSize > UInt64(maximumPartSize) {
            throw ReadError(description: "\(path) 太大 (the part is larger than \(maximumPartSize / 1024 / 1024) MB)")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > maximumPartSize { throw ReadError(description: "\(path) 太大 (the part is too large)") }
            }
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(description: "\(path) 已损坏 (the part is damaged: \(error))")
        }
        return data
    }

    /// The path of the first sheet's part: through `xl/workbook.xml` and its relations, else `sheet1.xml`.
    static func firstSheetPath(_ archive: Archive) throws -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try part(archive, "xl/workbook.xml"),
            let relationID = AttributeFinder.first(in: workbook, element: "sheet", attribute: "r:id"),
            let relations = try part(archive, "xl/_rels/workbook.xml.rels"),
            let target = AttributeFinder.target(in: relations, id: relationID)
        else { return fallback }
        var path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        // Resolve `..` so a relation cannot name something odd; the archive is only read, never written.
        var parts: [Substring] = []
        for segment in path.split(separator: "/") {
            if segment == ".." { _ = parts.popLast() } else if segment != "." { parts.append(segment) }
        }
        path = parts.joined(separator: "/")
        return path.isEmpty ? fallback : path
    }

    /// The rows as a table: the first non-empty row is the header; each later non-empty row a record.
    static func table(_ rows: [Int: [Int: Cell]], file: String, dateColumns: Set<String>) -> CSVTable {
        let rowNumbers = rows.keys.sorted().filter { row in
            rows[row]?.values.contains { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty } ?? false
        }
        guard let headerRow = rowNumbers.first, let headerCells = rows[headerRow] else {
            return CSVTable(file: file, header: [], headerLine: 0, records: [], diagnostics: [])
        }
        let width = headerCells.filter { !$0.value.text.trimmingCharacters(in: .whitespaces).isEmpty }.keys.max() ?? 0
        let header = (1...max(1, width)).map { CSVTable.trimmed(headerCells[$0]?.text ?? "") }
        let dateIndexes = Set(header.indices.filter { dateColumns.contains(header[$0]) })
        var records: [CSVRecord] = []
        for row in rowNumbers.dropFirst() {
            let cells = rows[row] ?? [:]
            let fields = (1...max(1, width)).map { column -> String in
                guard let cell = cells[column] else { return "" }
                if cell.isNumber, dateIndexes.contains(column - 1), let day = isoDate(serial: cell.text) {
                    return day
                }
                return cell.text
            }
            records.append(
                CSVRecord(
                    fields: fields, line: row,
                    positions: (1...max(1, width)).map { CSVPosition(line: row, column: $0) }))
        }
        return CSVTable(
            file: file, header: header, headerLine: headerRow,
            headerPositions: (1...max(1, width)).map { CSVPosition(line: headerRow, column: $0) }, records: records,
            diagnostics: [])
    }

    /// `YYYY-MM-DD` of an Excel date serial (days since 1899-12-30, the 1900 date system), or nil when
    /// the text is not a number of a plausible day.
    public static func isoDate(serial text: String) -> String? {
        guard let value = Double(text), value.isFinite, value >= 1, value < 2_958_466 else { return nil }
        let days = Int(value.rounded(.down))
        // 1899-12-30 is 25,569 days before 1970-01-01.
        let dayNumber = days - 25_569
        return ProgressDay(dayNumber: dayNumber).description
    }

    /// A number as Excel wrote it, shown as a person would type it: `12` rather than `12.0`.
    static func numberText(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return raw
    }

    /// The 1-based column and row of a cell reference such as `B12`, or nil.
    static func reference(_ text: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                guard !sawDigit else { return nil }
                column = column * 26 + Int(byte - UInt8(ascii: "A") + 1)
                guard column <= maximumColumn else { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                guard row <= maximumRow else { return nil }
            case UInt8(ascii: "$"):
                continue
            default:
                return nil
            }
        }
        guard column > 0, row > 0 else { return nil }
        return (column, row)
    }
}

/// Reads `xl/sharedStrings.xml`: one text per `<si>`, the concatenation of its `<t>` elements (rich text
/// runs included, phonetic guides `<rPh>` left out).
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            throw XLSXTable.ReadError(description: "sharedStrings.xml 不是有效的 XML (the shared strings are damaged)")
        }
        return delegate.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch localName(elementName) {
        case "si":
            inItem = true
            current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = inItem && phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(elementName) {
        case "si":
            strings.append(current)
            inItem = false
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Reads a worksheet part: every `<c r="B3" t="…">` with its `<v>` or inline `<is><t>`.
final class SheetParser: NSObject, XMLParserDelegate {
    private let sharedStrings: [String]
    private var rows: [Int: [Int: XLSXTable.Cell]] = [:]
    private var currentRow = 0
    private var nextColumn = 1
    private var cellReference: (column: Int, row: Int)?
    private var cellType = "n"
    private var value = ""
    private var inValue = false
    private var inInlineText = false
    private var cellCount = 0
    private var failure: String?

    /// Rows × columns read at most, so a sheet of millions of empty styled cells stays cheap.
    static let maximumCells = 2_000_000

    init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

    static func parse(_ data: Data, sharedStrings: [String]) throws -> [Int: [Int: XLSXTable.Cell]] {
        let delegate = SheetParser(sharedStrings: sharedStrings)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let failure = delegate.failure { throw XLSXTable.ReadError(description: failure) }
        guard ok else { throw XLSXTable.ReadError(description: "工作表不是有效的 XML (the sheet is damaged)") }
        return delegate.rows
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch localName(elementName) {
        case "row":
            if let r = attributes["r"].flatMap({ Int($0) }), r > 0, r <= XLSXTable.maximumRow {
                currentRow = r
            } else {
                currentRow += 1
            }
            nextColumn = 1
        case "c":
            cellCount += 1
            if cellCount > Self.maximumCells {
                failure = "工作表的单元格太多 (more than \(Self.maximumCells) cells)"
                parser.abortParsing()
                return
            }
            cellReference =
                attributes["r"].flatMap(XLSXTable.reference)
                ?? (currentRow > 0 ? (nextColumn, currentRow) : nil)
            cellType = attributes["t"] ?? "n"
            value = ""
        case "v": inValue = true
        case "t": inInlineText = cellType == "inlineStr"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(elementName) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "c":
            guard let reference = cellReference else { return }
            nextColumn = reference.column + 1
            let cell: XLSXTable.Cell
            switch cellType {
            case "s":
                guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index)
                else {
                    failure = "单元格 \(reference.row) 行 \(reference.column) 列引用了不存在的共享字符串 (bad shared string)"
                    parser.abortParsing()
                    return
                }
                cell = .init(text: sharedStrings[index], isNumber: false)
            case "b": cell = .init(text: value == "1" ? "TRUE" : "FALSE", isNumber: false)
            case "n": cell = .init(text: XLSXTable.numberText(value), isNumber: !value.isEmpty)
            default: cell = .init(text: value, isNumber: false)  // inlineStr, str (formula text), e (error)
            }
            rows[reference.row, default: [:]][reference.column] = cell
            cellReference = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue || inInlineText { value += string }
    }
}

/// Finds attributes in the small parts `workbook.xml` and `workbook.xml.rels`.
final class AttributeFinder: NSObject, XMLParserDelegate {
    private let element: String
    private let match: ([String: String]) -> String?
    private var found: String?

    private init(element: String, match: @escaping ([String: String]) -> String?) {
        self.element = element
        self.match = match
    }

    /// `attribute` of the first `element` (prefixes ignored for the element name).
    static func first(in data: Data, element: String, attribute: String) -> String? {
        run(data, element: element) { attributes in
            attributes[attribute] ?? attributes.first { $0.key.hasSuffix(":id") && attribute.hasSuffix(":id") }?.value
        }
    }

    /// The `Target` of the relationship whose `Id` is `id`.
    static func target(in data: Data, id: String) -> String? {
        run(data, element: "Relationship") { attributes in attributes["Id"] == id ? attributes["Target"] : nil }
    }

    private static func run(_ data: Data, element: String, match: @escaping ([String: String]) -> String?) -> String? {
        let delegate = AttributeFinder(element: element, match: match)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        return delegate.found
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard found == nil, localName(elementName) == element, let value = match(attributes) else { return }
        found = value
        parser.abortParsing()
    }
}

/// `sheet` of `x:sheet`.
private func localName(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return Substring(name)
}
