import Testing

@testable import CampaignCore

@Suite struct ProgressLoadingTests {
    let site = ProgressFixture.site
    let header = "id,level1,level2,content,methods,lead_unit,hardware,status,updated"

    @Test func fixtureLoadsWithoutDiagnostics() {
        let (data, diagnostics) = ProgressFixture.data()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(data.indicators.count == 13)
        #expect(data.ledger.count == 5)
        #expect(data.daily.count == 6)
        #expect(data.indicators.first?.content == "公开目录完整, 更新及时")
        #expect(data.indicators.first?.methods == [.documents, .online])
        #expect(data.indicators.first?.leadUnit.slug == "civilization-office")
        #expect(data.indicators[2].updated == nil)
    }

    @Test func missingColumnIsOneDiagnosticAndLoadsNothing() throws {
        let text = "id,level1,level2,content,methods,lead_unit,hardware,updated\n1,a,b,c,实地考察,市文明办,no,2026-11-01\n"
        let (rows, diagnostics) = Indicator.load(csv: text, file: "p/indicators.csv", site: site)
        #expect(rows.isEmpty)
        #expect(diagnostics.count == 1)
        let d = try #require(diagnostics.first)
        #expect(d.line == 1 && d.file == "p/indicators.csv" && d.code == "indicators.column")
        #expect(d.message.contains("missing column 'status'"))
    }

    @Test func misspelledColumnGetsASuggestion() throws {
        let text = "date,unit,checked,found,fixd\n2026-11-01,市文明办,1,1,1\n"
        let (rows, diagnostics) = DailySummary.load(csv: text, file: "daily.csv", site: site)
        #expect(rows.isEmpty)
        #expect(diagnostics.first?.message.contains("missing column 'fixed' (found 'fixd': is it misspelled?)") == true)
    }

    @Test func badRowIsReportedAtItsFieldAndOthersLoad() throws {
        let text = """
            \(header)
            1,政务环境,政务公开,内容,实地考察,市文明办,no,met,2026-11-01
            2,政务环境,政务公开,内容,实地考察,市文明办,no,done,2026-11-01
            3,政务环境,政务公开,内容,实地考察,市文明办,no,unmet,2026-11-01
            """
        let (rows, diagnostics) = Indicator.load(csv: text, file: "indicators.csv", site: site)
        #expect(rows.map(\.id) == ["1", "3"])
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.code == "indicators.status" && d.line == 3)
        // "2,政务环境,政务公开,内容,实地考察,市文明办,no," is 28 scalars long.
        #expect(d.column == 29)
        #expect(d.description.hasPrefix("indicators.csv:3:29: error: unknown status 'done'"))
    }

    @Test(arguments: [
        ("1,a,b,c,实地考察,市文名办,no,met,2026-11-01", "indicators.unit", "did you mean '市文明办'?"),
        ("1,a,b,c,实地考查,市文明办,no,met,2026-11-01", "indicators.methods", "did you mean '实地考察'?"),
        ("1,a,b,c,实地考察,市文明办,maybe,met,2026-11-01", "indicators.hardware", "'yes', 'no'"),
        ("1,a,b,c,实地考察,市文明办,no,in-progress,2026-11-01", "indicators.status", "did you mean 'in_progress'?"),
        ("1,a,b,c,实地考察,市文明办,no,met,2026-11-31", "indicators.date", "YYYY-MM-DD"),
        ("1,a,,c,实地考察,市文明办,no,met,2026-11-01", "indicators.empty", "'level2' is empty"),
    ])
    func indicatorRowErrors(row: String, code: String, message: String) throws {
        let (rows, diagnostics) = Indicator.load(csv: "\(header)\n\(row)\n", file: "i.csv", site: site)
        #expect(rows.isEmpty)
        let d = try #require(diagnostics.first)
        #expect(d.code == code && d.line == 2 && d.severity == .error)
        #expect(d.message.contains(message), "\(d.message)")
    }

    @Test func duplicateIndicatorIDNamesTheFirstLine() throws {
        let text = "\(header)\n1,a,b,c,实地考察,市文明办,no,met,\n1,a,b,c,实地考察,市文明办,no,met,\n"
        let (rows, diagnostics) = Indicator.load(csv: text, file: "i.csv", site: site)
        #expect(rows.count == 1)
        #expect(diagnostics.first?.code == "indicators.duplicate-id")
        #expect(diagnostics.first?.line == 3)
        #expect(diagnostics.first?.message.contains("line 2") == true)
    }

    @Test(arguments: [
        ("L,2026-11-20,督查,城官区,市城管委,p,2026-11-25,open,", "ledger.district", "did you mean '城关区'?"),
        ("L,2026-11-20,督查,城关区,市城管委,p,2026-11-19,open,", "ledger.deadline", "before"),
        ("L,2026-11-20,督查,城关区,市城管委,p,2026-11-25,closed,", "ledger.closed", "needs the day it was closed"),
        ("L,2026-11-20,督查,城关区,市城管委,p,2026-11-25,closed,2026-11-19", "ledger.closed", "before"),
        ("L,2026-11-20,督查,城关区,市城管委,p,2026-11-25,fixed,", "ledger.status", "'open', 'closed'"),
        ("L,20261120,督查,城关区,市城管委,p,2026-11-25,open,", "ledger.date", "not a date"),
    ])
    func ledgerRowErrors(row: String, code: String, message: String) throws {
        let text = "id,found,source,district,unit,problem,deadline,status,closed\n\(row)\n"
        let (rows, diagnostics) = LedgerProblem.load(csv: text, file: "l.csv", site: site)
        #expect(rows.isEmpty)
        let d = try #require(diagnostics.first)
        #expect(d.code == code && d.line == 2, "\(diagnostics)")
        #expect(d.message.contains(message), "\(d.message)")
    }

    @Test func spreadsheetDateFormsAreAccepted() throws {
        let text =
            "id,found,source,district,unit,problem,deadline,status,closed\n"
            + "L,2026/11/5,督查,城关区,市城管委,p,2026-11-25,closed,2026-11-06 18:30\n"
        let (rows, diagnostics) = LedgerProblem.load(csv: text, file: "l.csv", site: site)
        #expect(diagnostics.isEmpty)
        let row = try #require(rows.first)
        #expect(row.found.description == "2026-11-05")
        #expect(row.closed?.description == "2026-11-06")
    }

    @Test(arguments: [
        ("2026-11-01,市文明办,-3,1,1", "daily.number"),
        ("2026-11-01,市文明办,3,x,1", "daily.number"),
        ("2026-11-01,市文明局,3,1,1", "daily.unit"),
    ])
    func dailyRowErrors(row: String, code: String) throws {
        let text = "date,unit,checked,found,fixed\n2026-10-01,市文明办,1,1,1\n\(row)\n"
        let (rows, diagnostics) = DailySummary.load(csv: text, file: "d.csv", site: site)
        #expect(rows.count == 1)
        #expect(diagnostics.map(\.code) == [code])
        #expect(diagnostics.first?.line == 3)
    }

    @Test func duplicateDailyRowIsAnError() {
        let text = "date,unit,checked,found,fixed\n2026-10-01,市文明办,1,1,1\n2026-10-01,市文明办,2,2,2\n"
        let (rows, diagnostics) = DailySummary.load(csv: text, file: "d.csv", site: site)
        #expect(rows.count == 1)
        #expect(diagnostics.first?.code == "daily.duplicate" && diagnostics.first?.line == 3)
    }

    @Test func raggedRowInALoaderFileIsReportedAndTheRestLoads() {
        let text = "date,unit,checked,found,fixed\n2026-10-01,市文明办,1,1,1,9\n2026-10-02,市文明办,2,2,2\n"
        let (rows, diagnostics) = DailySummary.load(csv: text, file: "d.csv", site: site)
        #expect(rows.map(\.checked) == [2])
        #expect(diagnostics.map(\.code) == ["csv.ragged"])
    }

    @Test func unknownColumnIsAWarning() {
        let text = "date,unit,checked,found,fixed,note\n2026-10-01,市文明办,1,1,1,x\n"
        let (rows, diagnostics) = DailySummary.load(csv: text, file: "d.csv", site: site)
        #expect(rows.count == 1)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.column == 31)
    }
}
