import Foundation
import ZIPFoundation

#if canImport(CZlib)
    import CZlib
#elseif canImport(zlib)
    import zlib
#endif

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an Excel `.xlsx` workbook into a `CSVTable`, so indicators and ledgers kept in
/// Excel load with the same columns and rules as their CSV form (docs/safety.md, "Tables from Excel").
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
        if let problem = zipLayoutProblem([UInt8](data)) {
            throw ReadError(description: "不是有效的 ZIP/xlsx 文件 (not a ZIP archive: \(problem))")
        }
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

    /// Why the ZIP structure of `bytes` points outside the bytes, or nil when every record it names lies
    /// inside them.
    ///
    /// ZIPFoundation's in-memory archive traps when it is asked to read past the end of its data (a seek to
    /// an offset taken from a damaged header), so every offset it will follow is checked first: the end of
    /// central directory record (found from the end, as ZIPFoundation finds it), each central directory
    /// entry, each local header, each entry's data and data descriptor. ZIP64 archives are refused (an
    /// `.xlsx` of a progress table is never larger than 4 GB).
    static func zipLayoutProblem(_ bytes: [UInt8]) -> String? {
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(at), let high = u16(at + 2) else { return nil }
            return low | high << 16
        }
        let count = bytes.count
        var eocd = count - 22
        while eocd >= 0, u32(eocd) != 0x0605_4B50 { eocd -= 1 }
        guard eocd >= 0 else { return "no end of central directory" }
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 { return "ZIP64 is not supported" }
        guard let entries = u16(eocd + 10), let directorySize = u32(eocd + 12),
            let directoryOffset = u32(eocd + 16)
        else { return "truncated end record" }
        guard entries != 0xFFFF, directoryOffset != 0xFFFF_FFFF else { return "ZIP64 is not supported" }
        guard directoryOffset + directorySize <= count else { return "central directory outside the file" }
        var position = directoryOffset
        for _ in 0..<entries {
            guard u32(position) == 0x0201_4B50, position + 46 <= count, let flags = u16(position + 8),
                let method = u16(position + 10), let compressed = u32(position + 20),
                let uncompressed = u32(position + 24), let nameLength = u16(position + 28),
                let extraLength = u16(position + 30), let commentLength = u16(position + 32),
                let localOffset = u32(position + 42)
            else { return "damaged central directory entry" }
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, localOffset != 0xFFFF_FFFF else {
                return "ZIP64 is not supported"
            }
            // A ZIP64 extra field would replace the sizes and offset checked here.
            var extra = position + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd, let id = u16(extra), let length = u16(extra + 2) {
                if id == 0x0001 { return "ZIP64 is not supported" }
                extra += 4 + length
            }
            guard let localMethod = u16(localOffset + 8), let localName = u16(localOffset + 26),
                let localExtra = u16(localOffset + 28), localOffset + 30 <= count
            else { return "local header outside the file" }
            // ZIPFoundation locates the data descriptor with the uncompressed size of stored entries.
            let dataStart = localOffset + 30 + localName + localExtra
            let dataEnd = dataStart + (method == 0 ? uncompressed : compressed)
            // A data descriptor follows the data when bit 3 is set: up to 24 bytes (signature, CRC, sizes).
            guard dataEnd + (flags & 0x08 != 0 ? 16 : 0) <= count else { return "entry data outside the file" }
            // ZIPFoundation inflates (by the local header's method) from the data's start until the stream
            // ends, reading on to the end of the file, and loops for ever on a stream that never ends.
            if method == 8 || localMethod == 8, let problem = inflateProblem(bytes[min(dataStart, count)...]) {
                return problem
            }
            position += 46 + nameLength + extraLength + commentLength
            guard position <= count else { return "central directory outside the file" }
        }
        return nil
    }

    /// Why the raw deflate stream `data` is unusable: it does not end within its bytes, is damaged, or
    /// unpacks to more than `maximumPartSize`. The output is counted, not kept.
    static func inflateProblem(_ data: ArraySlice<UInt8>) -> String? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return "zlib could not start"
        }
        defer { inflateEnd(&stream) }
        var input = Array(data)
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        return input.withUnsafeMutableBufferPointer { inBuffer -> String? in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let (result, produced) = output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int) in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    return (result, outBuffer.count - Int(stream.avail_out))
                }
                total += produced
                if total > maximumPartSize {
                    return "an entry unpacks to more than \(maximumPartSize / 1024 / 1024) MB"
                }
                switch result {
                case Z_STREAM_END: return nil
                case Z_OK: if produced == 0 && stream.avail_in == 0 { return "a compressed entry is cut short" }
                case Z_BUF_ERROR: return "a compressed entry is cut short"
                default: return "a compressed entry is damaged"
                }
            }
        }
    }

    /// A parser for one XML part, which must be UTF-8 as Excel writes it: FoundationXML traps on element
    /// names that are not UTF-8 (found by the xlsx fuzz harness), so such bytes never reach it.
    static func xmlParser(_ data: Data, part: String) throws -> XMLParser {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw ReadError(description: "\(part) 不是 UTF-8 编码的 XML (the part is not UTF-8 XML)")
        }
        return XMLParser(data: data)
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
        let parser = try XLSXTable.xmlParser(data, part: "sharedStrings.xml")
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
        let parser = try XLSXTable.xmlParser(data, part: "sheet")
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
        guard let parser = try? XLSXTable.xmlParser(data, part: "workbook") else { return nil }
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
