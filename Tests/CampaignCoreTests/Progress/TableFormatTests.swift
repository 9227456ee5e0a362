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

    /// Found by the xlsx fuzz harness: a central directory entry whose local header offset lies past the
    /// end made ZIPFoundation's in-memory archive trap ("Range requires lowerBound <= upperBound").
    @Test func aWorkbookWhoseOffsetsPointPastItsEndIsAnErrorNotACrash() throws {
        let base64 = [
            "UEsDBBQAAAAIAMg5fl3muHRrXAAAAGIAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbBXMTQqAIBBA4auE+xxr0SJKL9EFRKYfylGc",
            "Ier22fLxwZvcE6/mxsJHoll12ihnp+XNyE0V4lntInkE5gMAABgAAAB4bC93b3Jrc2hlZXRzL3NoZWV0MS54bWx9k8FOwjAYgF9l",
            "6V26rTDRdCXCQDwrD7CMCousI20D3kk8mXgx8WKMvoE3brzNDI9hATPbP8qt7ff/7f9/bWnnvph5Cy5VXooYBQ0feVxk5TgXkxiN",
            "bgYnbdRhdFnKOzXlXHsmXKgYTbWen2OssikvUtUo51wYclvKItVmKidYzSVPx/ukYoZD349wkeYCMbpfS1KdMirLpSfNsWY12w0u",
            "AuTpGCkzXzCf4gWjOPthXZsFLuvZLHRZYjPisr7Nmi4b2KzlskubRS4b2uzUZVc2a9cMGw+1jLCWEVrBZ0CGYeogzhQekSYoomfn",
            "BsBk4kCgsu9A4HJwgLmY5YJfa2mCcsWoZtvV4/bjpfp8qtbr6m1VvW6q94ev5w3F2qTvYn7dgdJboIBh+Kejgz/Y9j8OSe2Q2N2A",
            "2+8SsBu4rZ6TDJ5HQo5JJMckOhC+LFBTCxw7dJIj0D62/hauPy37BlBLAwQUAAAACADIOX5dToJZF/gAAADsAQAAFAAAAHhsL3No",
            "YXJlZFN0cmluZ3MueG1sZdG7SgQxFAbgVxnSu5ndQkQy2c7KUh8gZrI7gVyGnDNiq2DnDRQEQVYRsdvGRrTwaWZnfQuzWAhJeb4/",
            "/Dlw2PTEmuJYBdDeVWQ8KkmhnPS1dvOKHB7sbe2QKWcAWMSHDirSILa7lIJslBUw8q1yMZn5YAXGMcwptEGJGhql0Bo6KcttaoV2",
            "JNZozpDrmlHkjG6mP5n5zmUIvgtSpVprwKAlpt45nVkb/JFRNquI2xntsmpAgR2kKo0HlS23P05leHxZLV5T7RdX/fl7f/GZBR9n",
            "MRuWz/3bXVY+SWX1cL9efmcdl08/p7fD1/X6Jvt4c5d/o/GA/BdQSwECFAMUAAAACADIOX5d5rh0a1wAAABiAAAAEwAAAAAAAAAA",
            "AAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAIAMg5fl0gJ8gvqgAAAPkAAAAPAAAAAAAAAAAAAACAAY0AAAB4",
            "bC93b3JrYm9vay54bWxQSwECFAMUAAAACADIOX5dXSgIQYAAAACxAAAAGgAAAAAAAAAAAAAAgAFkAQAAeGwvX3JlbHMvd29ya2Jv",
            "b2sueG1sLnJlbHNQSwECFAMUAAAACADIOX5dLookEV4BAADmAwAAGAAAAAAAAAAAAAAAgAEcAgAAeGwvd29ya3NoZWV0cy9zaGVl",
            "dDEueG1sUEsBAhQDFAAAAAgAyDl+XU6CWRf4AAAA7AEAABQAAAAAAAAAAAAAAIABsAMAAHhsL3NoYXJlZFN0cmluZ3MueG1sUEsF",
            "BgAAAAAFAAUATgEAANoEAAAAAA==",
        ].joined()
        let crasher = try #require(Data(base64Encoded: base64))
        let table = XLSXTable.parse(crasher, file: "ledger.xlsx", code: "progress")
        #expect(table.diagnostics.first?.code == "progress.xlsx")
        #expect(XLSXTable.zipLayoutProblem([UInt8](crasher)) != nil)
        // A sound workbook passes the layout check.
        let sound = try XLSXFixture.workbook(csv: ProgressFixture.ledger, dateColumns: Self.dates("ledger"))
        #expect(XLSXTable.zipLayoutProblem([UInt8](sound)) == nil)
    }

    /// Found by the xlsx fuzz harness: an element name that is not UTF-8 (`<\xD6worksheet>`) made
    /// FoundationXML's parser trap.
    @Test func aSheetThatIsNotUTF8IsAnErrorNotACrash() throws {
        var sheet = Data("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>id</t></is></c></row></sheetData><".utf8)
        sheet.append(contentsOf: [0xD6] + Array("worksheet>".utf8))
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(sheet.count)) {
            position, size in sheet.subdata(in: Int(position)..<Int(position) + size)
        }
        let table = XLSXTable.parse(try #require(archive.data), file: "ledger.xlsx", code: "progress")
        let error = try #require(table.diagnostics.first)
        #expect(error.code == "progress.xlsx")
        #expect(error.message.contains("UTF-8"))
    }

    /// Found by the xlsx fuzz harness: a deflated part whose stream never ends made ZIPFoundation inflate
    /// for ever (it reads past the entry until the end of the file, then loops on empty input).
    @Test func aDeflateStreamThatNeverEndsIsAnErrorNotAHang() throws {
        let base64 = [
            "UEsDBBQAAAAIAMg5fl3muHRrXAAAAGIAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbBXMTQqAIBBA4auE+xxr0SJKL9EFRKYfylGc",
            "Ier22fLxwZvcE6/mxsJHoll12ihnp+XNyE0V4lntInkE4LBj9KxTRqqyphK91CwbZB9OvyH0xgwQEgmStPI/FNgPUEsDBBQAAAAI",
            "AMg5fl0gJ8gvqgAAAPkAAAAPAAAAeGwvd29ya2Jvb2sueG1sjY85DoMwEEWvYs0BMKRIgcA0aTiGA0OwwItmnOUWuUXqFLlSpBwj",
            "FoQ+1Sxf8/78qrnZWVyQ2HhXQ5Hl0Kjq6mk6ej+JJDquYYwxlFJyN6LVnPmALimDJ6tjGukkORDqnkfEaGe5y/O9tNo4WAkl/cPw",
            "w2A6PPjubNHFFUI465he49EEBlUtDvyrwmmLNbzvz8/rAWLZtX1KAYJKkxpq+wKkquR2Jrdk6gtQSwMEFAAAAAgAyDl+XV0oCEGA",
            "AAAAsQAAABoAAAB4bC9fcmVscy93b3JrYm9vay54bWwucmVsc1WOOw7CMBBEr2LtAbwxBQWKnTot4gJWsthR4o92LeD4WFSkGs1H",
            "TzNOn3SoF7FsJVsweoDJjXc6fOuBxK2K6ossFmJr9YYoS6TkRZdKuTfPwsm3bjlg9cvuA+FlGK7I/ww4M9W8WuB5NaAengM1C+/C",
            "u0SiJvgTozsc0I14OuO+UEsDBBQAAAAIAMg5fl0uiiQRXgEAAOYDAAAYAAAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sfZPBTsIw",
            "GIBfZelduq0w0XQlwkA8Kw+wjAqLrCNtA95JPJl4MfFijL6BN268zQyPYQEz2z/Kre33/+3/f21p576YeQsuVV6KGAUNH3lcZOU4",
            "F5MYjW4GJ23UYXRZyjs15Vx7JlyoGE21np9jrLIpL1LVKOdcGHJbyiLVZionWM0lT8f7pGKGQ9+PcJHmAjG6X0tSnTIqy6UnzbFm",
            "NdsNLgLk6RgpM18wn+IFozj7YV2bBS7r2Sx0WWIz4rK+zZouG9is5bJLm0UuG9rs1GVXNmvXDBsPtYywlhFawWdAhmHqIM4UHpEm",
            "KKJn5wbAZOJAoLLvQOBycIC5mOWCX2tpgnLFqGbb1eP246X6fKrW6+ptVb1uqveHr+cNxdqk72J+3YHSW6CAYfino4M/2PY/Dknt",
            "kNjdgNvvErAbuK2ekwyeR0KOSSTHJDoQvixQUwscO3SSI9A+tv4Wrj8t+wZQSwMEFAAAAAgAyDl+XU6CWRf4AAAA7AEAABQAAAB4",
            "bC9zaGFyZWRTdHJpbmdzLnhtbGXRu0oEMRQG4FcZ0ruZ3UJEMtnOylIfIGayO4FchpwzYqtg5w0UBEFWEbHbxka08GlmZ30Ls1gI",
            "SXm+P/w5cNj0xJriWAXQ3lVkPCpJoZz0tXbzihwe7G3tkClnAFjEhw4q0iC2u5SCbJQVMPKtcjGZ+WAFxjHMKbRBiRoapdAaOinL",
            "bWqFdiTWaM6Q65pR5Ixupj+Z+c5lCL4LUqVaa8CgJabeOZ1ZG/yRUTariNsZ7bJqQIEdpCqNB5Uttz9OZXh8WS1eU+0XV/35e3/x",
            "mQUfZzEbls/9211WPkll9XC/Xn5nHZdPP6e3w9f1+iYDeXOXf6PxgPwXUEsBAhQDFAAAAAgAyDl+Xea4dGtcAAAAYgAAABMAAAAA",
            "AAAAAAAAAIABAAAAAFtDb250ZW50X1R5cGVzXS54bWxQSwECFAMUAAAACADIOX5dICfIL6oAAAD5AAAADwAAAAAAAAAAAAAAgAGN",
            "AAAAeGwvd29ya2Jvb2sueG1sUEsBAhQDFAAAAAgAyDl+XV0oCEGAAAAAsQAAABoAAAAAAAAAKAAAAIABZAEAAHhsL19yZWxzL3dv",
            "cmtib29rLnhtLi5yZWxzUEsBAhQDFAAAAAgAyDl+XS6KJBFeAQAA5gMAABgAAAAAAAAAAAAAAIABHAIAAHhsL3dvcmtzaGVldHMv",
            "c2hlZXQxLnhtbFBLAQIUAxQAAAAIAMg5fl1OglkX+AAAAOwBAAAUAAAAAAAAAAAAAACAAbADAAB4bC9zaGFyZWRTdHJpbmdzLnht",
            "bFBLBQYAAAAABQAFAE4BAADaBAAAAAA=",
        ].joined()
        let hang = try #require(Data(base64Encoded: base64))
        let table = XLSXTable.parse(hang, file: "ledger.xlsx", code: "progress")
        #expect(table.diagnostics.first?.code == "progress.xlsx")
        #expect(XLSXTable.inflateProblem([0x4B, 0x4C][...]) != nil)  // a stream cut short
    }

    /// Found by the xlsx fuzz harness (it hung the smoke run): the local header says deflate while the
    /// central directory says stored, and the data is empty non-final deflate blocks, a stream that never
    /// ends; ZIPFoundation inflates by the local header's method and looped for ever at the end of the file.
    @Test func aLocalHeaderThatSaysDeflateOverAnEndlessStreamIsAnError() throws {
        let endless = Data((0..<20).flatMap { _ in [UInt8]([0x00, 0x00, 0x00, 0xFF, 0xFF]) })
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(endless.count)) {
            position, size in endless.subdata(in: Int(position)..<Int(position) + size)
        }
        var bytes = [UInt8](try #require(archive.data))
        #expect(bytes[8] == 0)  // stored
        bytes[8] = 8  // the local header now says deflate
        #expect(XLSXTable.zipLayoutProblem(bytes) != nil)
        let table = XLSXTable.parse(Data(bytes), file: "ledger.xlsx", code: "progress")
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
