import CampaignCore
import Testing

@Suite struct PageSlugTests {
    static let site = SiteConfig(
        title: "站", baseURL: "https://example.gov.cn", campaign: .init(name: "创建", inspectionDate: nil),
        organization: .init(sponsor: "宣传部", organizer: nil, contact: "电话"),
        registration: .init(icp: "陇ICP备17000123号-1", police: "甘公网安备 62010202000123号", siteIDCode: "6201000012"))

    /// The search page and the 网站地图 have their own folders: a page cannot take them.
    @Test(arguments: ["search", "sitemap"])
    func siteSectionsAreReserved(slug: String) {
        let text = "---\ntitle: 页面\nslug: \(slug)\n---\n正文\n"
        let (page, diagnostics) = PageItem.parse(text, file: "Content/pages/x.md", fileName: "x.md", site: Self.site)
        #expect(page == nil)
        #expect(diagnostics.contains { $0.message.contains("taken by a section") })
    }
}
