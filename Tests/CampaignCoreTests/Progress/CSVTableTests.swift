import Testing

@testable import CampaignCore

@Suite struct CSVTableTests {
    @Test func bomAndCRLFAreAccepted() throws {
        let table = CSVTable.parse("\u{FEFF}a,b\r\n1,2\r\n3,4\r\n", file: "x.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.records.map(\.line) == [2, 3])
        #expect(table.diagnostics.isEmpty)
    }

    @Test func quotedCommaDoubledQuotesAndColumns() throws {
        let table = CSVTable.parse("a,b,c\n甲,\"x, y\",\"他说\"\"好\"\"\"\n", file: "x.csv")
        let record = try #require(table.records.first)
        #expect(record.fields == ["甲", "x, y", "他说\"好\""])
        // Columns count Unicode scalars: 甲 is one column wide.
        #expect(record.positions.map(\.column) == [1, 3, 10])
        #expect(table.diagnostics.isEmpty)
    }

    @Test func quotedLineBreaksKeepLineNumbers() throws {
        let text = "a,b\n\"第一行\n第二行\",z\nnext,\"r\r\nr\"\nlast,row"
        let table = CSVTable.parse(text, file: "x.csv")
        #expect(table.records.map(\.fields) == [["第一行\n第二行", "z"], ["next", "r\r\nr"], ["last", "row"]])
        #expect(table.records.map(\.line) == [2, 4, 6])
        #expect(table.records[0].positions[1] == CSVPosition(line: 3, column: 6))
    }

    @Test func emptyFieldsTrailingCommaAndBlankRows() {
        let table = CSVTable.parse("a,b,c\n\n1,,\n,,\n  \n\"\",2,3", file: "x.csv")
        #expect(table.records.map(\.fields) == [["1", "", ""], ["", "2", "3"]])
        #expect(table.records.map(\.line) == [3, 6])
        #expect(table.diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("a,b\n1,2,3\n4,5\n", 2, 5),
        ("a,b\n1\n4,5\n", 2, 1),
    ])
    func raggedRowIsReportedAndSkipped(text: String, line: Int, column: Int) throws {
        let table = CSVTable.parse(text, file: "x.csv")
        #expect(table.records.map(\.fields) == [["4", "5"]])
        let d = try #require(table.diagnostics.first)
        #expect(table.diagnostics.count == 1)
        #expect(d.code == "csv.ragged" && d.severity == .error)
        #expect(d.line == line && d.column == column)
        #expect(d.message.contains("header has 2"))
    }

    @Test func unterminatedQuoteIsAnError() throws {
        let table = CSVTable.parse("a,b\n1,\"open\n2,3\n", file: "x.csv")
        let d = try #require(table.diagnostics.first { $0.code == "csv.quote" })
        #expect(d.severity == .error)
        #expect(d.line == 2 && d.column == 3)
    }

    @Test func textAfterClosingQuoteIsKeptWithAWarning() throws {
        let table = CSVTable.parse("a,b\n\"x\"y,2\n", file: "x.csv")
        #expect(table.records.first?.fields == ["xy", "2"])
        #expect(table.diagnostics.first?.severity == .warning)
    }

    @Test func duplicateHeaderIsAnError() {
        let table = CSVTable.parse("a,b,a\n1,2,3\n", file: "x.csv")
        #expect(table.diagnostics.contains { $0.code == "csv.header" && $0.column == 5 })
    }

    @Test func emptyFileHasNoHeader() {
        let table = CSVTable.parse("", file: "x.csv")
        #expect(table.header.isEmpty && table.headerLine == 0 && table.records.isEmpty)
    }
}
