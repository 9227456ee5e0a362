import Foundation

@testable import CampaignCore

/// A small site and progress data whose figures are worked out by hand in the tests.
enum ProgressFixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .gmt

    static let site = SiteConfig(
        title: "测试", baseURL: "https://example.gov.cn", timeZone: shanghai,
        campaign: .init(name: "测评迎检", inspectionDate: ContentDate.parse("2027-01-10", timeZone: shanghai)),
        organization: .init(sponsor: "s", organizer: nil, contact: "c"),
        registration: .init(icp: "i", police: "p", siteIDCode: "6201000012"),
        districts: [.init(name: "城关区", slug: "chengguan"), .init(name: "七里河区", slug: "qilihe")],
        units: [
            .init(name: "市文明办", slug: "civilization-office"), .init(name: "市城管委", slug: "urban-management"),
            .init(name: "市教育局", slug: "education"), .init(name: "市交通委", slug: "transport"),
            .init(name: "市商务局", slug: "commerce"), .init(name: "市民政局", slug: "civil-affairs"),
        ])

    /// 2026-11-29T12:00:00+08:00, the tests' fixed clock.
    static let now = ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: shanghai) ?? Date()

    static let indicators = """
        id,level1,level2,content,methods,lead_unit,hardware,status,updated
        1.1.1,政务环境,政务公开,"公开目录完整, 更新及时",材料审核|网上申报,市文明办,no,met,2026-11-01
        1.1.2,政务环境,政务公开,政务公开栏设置规范,材料审核,市城管委,yes,unmet,2026-11-02
        1.2.1,政务环境,服务窗口,便民服务中心设施齐全,实地考察,市城管委,yes,in_progress,
        2.1.1,生活环境,公共设施,公厕建设达标,实地考察|问卷调查,市城管委,yes,met,2026-10-20
        2.1.2,生活环境,公共设施,校园周边无违规摊点,问卷调查,市教育局,no,met,2026-10-21
        2.2.1,生活环境,社区,社区文化活动经常开展,实地考察,市教育局,no,unmet,2026-10-22
        2.2.2,生活环境,社区,志愿服务站点覆盖,实地考察,市文明办,no,met,2026-10-23
        2.2.3,生活环境,社区,公交站台整洁,实地考察,市交通委,no,met,2026-10-24
        2.2.4,生活环境,社区,出租车文明服务,实地考察,市交通委,no,in_progress,2026-10-25
        3.1.1,创建活动,诚信建设,诚信经营示范街,实地考察,市商务局,no,met,2026-10-26
        3.1.2,创建活动,诚信建设,明码标价,实地考察,市商务局,no,met,2026-10-27
        3.1.3,创建活动,诚信建设,消费投诉处理,材料审核,市商务局,no,unmet,2026-10-28
        3.1.4,创建活动,诚信建设,诚信宣传,网上申报,市商务局,no,unmet,2026-10-29

        """

    static let ledger = """
        id,found,source,district,unit,problem,deadline,status,closed
        L1,2026-11-20,督查,城关区,市城管委,背街小巷垃圾堆放,2026-11-25,closed,2026-11-22
        L2,2026-11-21,暗访,城关区,市城管委,占道经营,2026-11-28,open,
        L3,2026-11-22,随手拍,七里河区,市文明办,公益广告破损,2026-11-29,open,
        L4,2026-11-22,群众举报,七里河区,市城管委,井盖缺失,2026-11-23,closed,2026-11-23
        L5,2026-11-24,督查,城关区,市教育局,校门口交通秩序混乱,2026-11-26,open,

        """

    static let daily = """
        date,unit,checked,found,fixed
        2026-11-20,市文明办,10,2,1
        2026-11-22,市文明办,12,3,2
        2026-11-22,市城管委,20,5,4
        2026-11-28,市城管委,30,6,5
        2026-11-28,市文明办,8,1,1
        2026-11-30,市文明办,99,9,9

        """

    static func data() -> (ProgressData, [Diagnostic]) {
        ProgressData.load(indicators: indicators, ledger: ledger, daily: daily, site: site)
    }

    static func report(now: Date = now) -> ProgressReport {
        data().0.report(site: site, now: now)
    }
}
