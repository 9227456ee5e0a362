import Foundation
import Testing
import ZIPFoundation

@testable import CampaignCore

#if canImport(Glibc)
    import Glibc
#endif

/// The ledger and indicator tables load with the same figures whether Excel saved them as CSV UTF-8,
/// as GB18030 "CSV" (the default on Chinese Windows) or as an `.xlsx` workbook.
@Suite struct TableFormatTests {
    let site = ProgressFixture.site

    @Test func utf8WithAndWithoutBOMAndGB18030GiveTheSameRows() throws {
        let text = ProgressFixture.ledger
        let plain = TableText.decode(Data(text.utf8), file: "ledger.csv", code: "progress")
        let bom = TableText.decode(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)), file: "ledger.csv", code: "progress")
        let gb = TableText.decode(Data(try Self.gb18030(text)), file: "ledger.csv", code: "progress")
        #expect(plain.0 == text && plain.1.isEmpty)
        #expect(bom.0 == text && bom.1.isEmpty)
        #expect(gb.0 == text)
        let note = try #require(gb.1.first)
        #expect(note.severity == .warning)
        #expect(note.message.contains("GB18030"))
        #expect(note.message.contains("UTF-8"))
    }

    @Test func utf16IsNamedAsUTF16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "id,found\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let (text, diagnostics) = TableText.decode(Data(bytes), file: "ledger.csv", code: "progress")
        #expect(text == nil)
        #expect(diagnostics.first?.message.contains("UTF-16LE") == true)
        #expect(diagnostics.first?.message.contains("GBK?") == false)
        #expect(TableText.utf16Name(Array(bytes.dropFirst(2))) == "UTF-16LE")
    }

    @Test func bytesThatAreNeitherAreAnErrorOnTheirLine() throws {
        let bytes = Array("id,found\nL1,".utf8) + [0xFF, 0xFF, 0xFF]
        let (text, diagnostics) = TableText.decode(Data(bytes), file: "ledger.csv", code: "progress")
        #expect(text == nil)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.line == 2)
    }

    @Test func xlsxGivesTheSameFiguresAsCSV() throws {
        let workbook = try XLSXFixture.workbook(csv: ProgressFixture.ledger, dateColumns: Self.dates("ledger"))
        let table = XLSXTable.parse(
            workbook, file: "ledger.xlsx", code: "progress", dateColumns: Self.dates("ledger"))
        #expect(table.diagnostics.isEmpty, "\(table.diagnostics)")
        let fromXLSX = LedgerProblem.load(table, site: site)
        let fromCSV = LedgerProblem.load(csv: ProgressFixture.ledger, file: "ledger.csv", site: site)
        #expect(fromXLSX.1.isEmpty, "\(fromXLSX.1)")
        #expect(fromXLSX.0.count == fromCSV.0.count)
        for (a, b) in zip(fromXLSX.0, fromCSV.0) {
            #expect(a.id == b.id && a.found == b.found && a.deadline == b.deadline && a.closed == b.closed)
            #expect(a.status == b.status && a.problem == b.problem && a.unit == b.unit)
        }
        let indicatorsBook = try XLSXFixture.workbook(
            csv: ProgressFixture.indicators, dateColumns: Self.dates("indicators"))
        let dailyBook = try XLSXFixture.workbook(csv: ProgressFixture.daily, dateColumns: Self.dates("daily"))
        let (xlsxData, xlsxDiagnostics) = ProgressData.load(
            indicators: XLSXTable.parse(
                indicatorsBook, file: "i.xlsx", code: "progress", dateColumns: Self.dates("indicators")),
            ledger: table,
            daily: XLSXTable.parse(dailyBook, file: "d.xlsx", code: "progress", dateColumns: Self.dates("daily")),
            site: site)
        #expect(xlsxDiagnostics.isEmpty, "\(xlsxDiagnostics)")
        let (csvData, _) = ProgressFixture.data()
        #expect(
            xlsxData.report(site: site, now: ProgressFixture.now)
                == csvData.report(site: site, now: ProgressFixture.now))
    }

    @Test func xlsxErrorsNameTheRowAndColumn() throws {
        let csv =
            "id,found,source,district,unit,problem,deadline,status,closed\nL1,2026-11-20,督查,城关区,市城管委,x,2026-11-25,done,\n"
        let workbook = try XLSXFixture.workbook(csv: csv, dateColumns: Self.dates("ledger"))
        let table = XLSXTable.parse(
            workbook, file: "ledger.xlsx", code: "progress", dateColumns: Self.dates("ledger"))
        let (_, diagnostics) = LedgerProblem.load(table, site: site)
        let error = try #require(diagnostics.first)
        #expect(error.file == "ledger.xlsx")
        #expect(error.line == 2)
        #expect(error.column == 8)  // column H
    }

    @Test(arguments: [Data(), Data("not a zip".utf8), Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])])
    func aDamagedWorkbookIsOneError(data: Data) {
        let table = XLSXTable.parse(data, file: "ledger.xlsx", code: "progress")
        #expect(table.diagnostics.count == 1)
        #expect(table.diagnostics.first?.code == "progress.xlsx")
    }

    @Test func excelSerialsAreDays() {
        #expect(XLSXTable.isoDate(serial: "46346") == "2026-11-20")
        #expect(XLSXTable.isoDate(serial: "46346.75") == "2026-11-20")
        #expect(XLSXTable.isoDate(serial: "1e300") == nil)
        #expect(XLSXTable.isoDate(serial: "abc") == nil)
        #expect(XLSXTable.reference("AB12")! == (28, 12))
        #expect(XLSXTable.reference("12AB") == nil)
    }

    static func dates(_ table: String) -> Set<String> { ProgressData.dateColumns[table] ?? [] }

    /// `text` in GB18030 through iconv.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let descriptor = try #require(iconv_open("GB18030", "UTF-8"))
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let result = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        #expect(result != -1)
        return Array(output.prefix(output.count - outLeft))
    }
}

/// Writes small `.xlsx` workbooks as Excel does: texts as shared strings (one as an inline string), whole
/// numbers as numbers, dates in date columns as serial numbers.
enum XLSXFixture {
    static func workbook(csv: String, dateColumns: Set<String>) throws -> Data {
        let rows = csv.split(separator: "\n").map { line -> [String] in Self.fields(String(line)) }
        let header = rows.first ?? []
        var shared: [String] = []
        var sharedIndex: [String: Int] = [:]
        var sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            """
        for (r, row) in rows.enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() where !value.isEmpty {
                let reference = column(c + 1) + "\(r + 1)"
                if r > 0, dateColumns.contains(header[c]), let day = ProgressDay(value) {
                    sheet += "<c r=\"\(reference)\" s=\"1\"><v>\(day.dayNumber + 25_569)</v></c>"
                } else if r > 0, Int(value) != nil {
                    sheet += "<c r=\"\(reference)\"><v>\(value)</v></c>"
                } else if r == 1 && c == 0 {
                    sheet += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escape(value))</t></is></c>"
                } else {
                    let index = sharedIndex[value] ?? shared.count
                    if sharedIndex[value] == nil {
                        sharedIndex[value] = index
                        shared.append(value)
                    }
                    sheet += "<c r=\"\(reference)\" t=\"s\"><v>\(index)</v></c>"
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var strings = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(shared.count)">
            """
        for (index, value) in shared.enumerated() {
            // One rich-text entry split into runs, as Excel writes formatted cells.
            if index == 0 && value.count > 1 {
                let split = value.index(after: value.startIndex)
                strings +=
                    "<si><r><t>\(escape(String(value[..<split])))</t></r><r><t>\(escape(String(value[split...])))</t></r></si>"
            } else {
                strings += "<si><t>\(escape(value))</t></si>"
            }
        }
        strings += "</sst>"
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
            ),
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                    + "<sheet name=\"台账\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId7\" Type=\"worksheet\" Target=\"worksheets/data.xml\"/></Relationships>"
            ),
            ("xl/worksheets/data.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static func column(_ number: Int) -> String {
        var n = number
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The fields of one CSV line, with quoted fields.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
