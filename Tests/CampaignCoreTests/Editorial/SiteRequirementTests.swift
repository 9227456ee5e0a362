import Foundation
import Testing

@testable import CampaignCore

@Suite struct RegistrationRulesTests {
    static let good = SiteConfig.Registration(
        icp: "陇ICP备17000123号-1", police: "甘公网安备 62010202000123号",
        siteIDCode: "6201000012")
    let here = SourceLocation(file: "Content/site.yml", line: 14, column: 1)

    @Test(arguments: ["陇ICP备17000123号-1", "陇ICP备17000123号", "京ICP备123456号", "蜀ICP备1234567890号-12"])
    func acceptsICP(value: String) { #expect(RegistrationRules.icpProblem(value) == nil) }

    @Test(arguments: [
        ("陇ICP备17000123-1", "'号'"), ("陇icp备17000123号-1", "capitals"), ("陇ICP备１７000123号", "half-width"),
        ("ICP备17000123号", "province"), ("陇ICP备12345号", "6 to 10 digits"), ("陇ICP备17000123号-", "陇ICP备12345678号-1"),
        ("", "missing"),
    ])
    func rejectsICP(value: String, words: String) throws {
        let problem = try #require(RegistrationRules.icpProblem(value))
        #expect(problem.contains(words), "\(problem)")
        #expect(problem.contains("陇ICP备12345678号-1"))
    }

    @Test(arguments: ["甘公网安备 62010202000123号", "甘公网安备62010202000123号", "京公网安备 11010802020134号"])
    func acceptsPolice(value: String) { #expect(RegistrationRules.policeProblem(value) == nil) }

    @Test(arguments: ["甘公网安备 6201020200012号", "甘公网安备 62010202000123", "陇ICP备 62010202000123号", "62010202000123"])
    func rejectsPolice(value: String) throws {
        let problem = try #require(RegistrationRules.policeProblem(value))
        #expect(problem.contains("甘公网安备 62010202000123号"))
    }

    @Test(arguments: [
        ("6201000012", true), ("bm62000001", true), ("620100001", false), ("BM62000001", false),
        ("bm6200000", false), ("62010000123", false), ("bm620000012", false),
    ])
    func siteIDCode(value: String, valid: Bool) {
        #expect((RegistrationRules.siteIDCodeProblem(value) == nil) == valid)
    }

    @Test func sampleRegistrationPasses() {
        #expect(RegistrationRules.check(Self.good, location: here).isEmpty)
    }

    @Test func reportsEachFieldAtItsLine() throws {
        let yaml = """
            title: x
            registration:
              icp: 陇ICP备17000123
              police: 甘公网安备 62010202000123号
              site_id_code: "62010"
            """
        let registration = SiteConfig.Registration(
            icp: "陇ICP备17000123", police: "甘公网安备 62010202000123号",
            siteIDCode: "62010")
        let locations = RegistrationRules.fieldLocations(inSiteYAML: yaml, file: "Content/site.yml")
        let diagnostics = RegistrationRules.check(registration, location: here, fieldLocations: locations)
        #expect(
            diagnostics.map { "\($0.code):\($0.line):\($0.severity)" } == [
                "site.icp:3:error", "site.site_id_code:5:error",
            ])
    }

    @Test func policeRegionOfAnotherProvinceIsAWarning() {
        let registration = SiteConfig.Registration(
            icp: "陇ICP备17000123号-1", police: "甘公网安备 11010202000123号",
            siteIDCode: "6201000012")
        let diagnostics = RegistrationRules.check(registration, location: here)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message.contains("62") == true)
    }
}

@Suite struct FreshnessRulesTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let location = SourceLocation(file: "Content/news")

    func date(_ text: String) throws -> Date { try #require(ContentDate.parse(text, timeZone: shanghai)) }

    @Test(arguments: [
        ("2026-11-14 18:00", true), ("2026-11-15", false), ("2026-11-16 09:00", false),
        ("2026-11-28", false),
    ])
    func staleAfterFourteenDays(latest: String, stale: Bool) throws {
        let now = try date("2026-11-29T12:00:00+08:00")
        let diagnostics = FreshnessRules.checkColumn(
            "新闻 (news)", latest: try date(latest), now: now, location: location, timeZone: shanghai)
        #expect(diagnostics.map(\.code) == (stale ? ["freshness.stale"] : []))
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        if stale { #expect(diagnostics.first?.message.contains("15 days") == true) }
    }

    @Test func emptyColumnWarns() throws {
        let diagnostics = FreshnessRules.checkColumn(
            "曝光台 (exposures)", latest: nil, now: try date("2026-11-29 12:00"), location: location, timeZone: shanghai)
        #expect(diagnostics.map(\.code) == ["freshness.empty"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.file == "Content/news")
    }

    @Test func undatedPageWarns() throws {
        let at = SourceLocation(file: "Content/pages/about.md", line: 1, column: 1)
        #expect(FreshnessRules.checkDated(nil, title: "关于我们", location: at).map(\.code) == ["freshness.undated"])
        #expect(FreshnessRules.checkDated(try date("2026-11-01"), title: "关于我们", location: at).isEmpty)
    }
}
