import Foundation
import Testing

@testable import SiteBuilder

@Suite struct SearchIndexTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func documents() -> [SearchDocument] {
        func day(_ d: Int) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + Double(d) * 86400) }
        return [
            SearchDocument(kind: .news, title: "旧闻", path: "/news/old/", date: day(1), text: "小区门口乱停乱放"),
            SearchDocument(kind: .news, title: "乱停乱放整治", path: "/news/new/", date: day(3), text: "开展整治"),
            SearchDocument(
                kind: .exposure, title: "曝光一则", path: "/exposures/bg-1/", date: day(2), district: "城关区",
                status: "待整改", text: "车辆乱停，LED 屏提示"),
            SearchDocument(kind: .page, title: "关于", path: "/about/", date: nil, text: "关于创建"),
        ]
    }

    /// The files of an index of `docs`, as written.
    static func files(_ docs: [SearchDocument], jobs: Int = 2) async -> (SearchIndex, [String: [UInt8]]) {
        let (index, written) = await SearchIndex.build(
            docs, districts: ["城关区", "七里河区"], statuses: ["待整改", "已销号"], timeZone: zone, jobs: jobs
        ) { path, bytes in (path, bytes) }
        return (index, Dictionary(written, uniquingKeysWith: { a, _ in a }))
    }

    /// The files of an index of `docs`, parsed.
    static func build(_ docs: [SearchDocument] = documents()) async -> [String: Any] {
        await files(docs).1.compactMapValues { try? JSONSerialization.jsonObject(with: Data($0)) }
    }

    /// The ids holding `key` (all, title), decoded from its shard.
    static func postings(_ files: [String: Any], _ key: String) -> (all: [Int], title: [Int])? {
        guard let table = files["search/docs.json"] as? [String: Any], let shards = table["shards"] as? Int,
            let shard = files["search/k/\(SearchShards.shard(of: key, count: shards)).json"] as? [String: [[Int]]],
            let lists = shard[key]
        else { return nil }
        func decode(_ deltas: [Int]) -> [Int] {
            var id = 0
            return deltas.map {
                id += $0
                return id
            }
        }
        return (decode(lists[0]), decode(lists[1]))
    }

    @Test func documentsAreNumberedNewestFirstWithTheirRecords() async throws {
        let files = await Self.build()
        let table = try #require(files["search/docs.json"] as? [String: Any])
        #expect(table["count"] as? Int == 4)
        #expect(table["kinds"] as? [String] == ["新闻", "曝光", "页面", "栏目"])
        // kind, district (0 none, 1 城关区), status (0 none, 1 待整改), newest first, undated last.
        #expect(table["docs"] as? String == "000" + "111" + "000" + "200")
        let chunks = try #require(table["chunks"] as? String)
        #expect(chunks == "4")
        let texts = try #require(files["search/t/0.json"] as? [[String]])
        #expect(texts.map { $0[1] } == ["/news/new/", "/exposures/bg-1/", "/news/old/", "/about/"])
        #expect(texts[0][2].hasPrefix("2026-"))
        #expect(texts[3][2] == "")
        #expect(texts[2][3] == "小区门口乱停乱放")
    }

    @Test func keysListEveryDocumentAndTheTitleHits() async throws {
        let files = await Self.build()
        let hits = try #require(Self.postings(files, "乱停"))
        #expect(hits.all == [0, 1, 2])
        #expect(hits.title == [0])
        #expect(try #require(Self.postings(files, "led")).all == [1])
        #expect(Self.postings(files, "停放") == nil)
    }

    @Test func chunksStayNearTheirByteBudget() async throws {
        let long = String(repeating: "文明城市创建", count: 600)
        let docs = (0..<10).map {
            SearchDocument(kind: .news, title: "第\($0)篇", path: "/news/n\($0)/", date: nil, text: long)
        }
        let files = await Self.build(docs)
        let table = try #require(files["search/docs.json"] as? [String: Any])
        let chunks = try #require(table["chunks"] as? String)
        // Each text is about 10.8 KB, more than one chunk's budget: one document per chunk.
        #expect(chunks == String(repeating: "1", count: 10))
    }

    @Test func twoBuildsAreIdentical() async {
        let (a, aFiles) = await Self.files(Self.documents(), jobs: 2)
        let (b, bFiles) = await Self.files(Self.documents().reversed(), jobs: 1)
        #expect(a.version == b.version)
        #expect(aFiles == bFiles)
    }

    @Test func everyFileIsWrittenOnce() async {
        let docs = (0..<300).map {
            SearchDocument(
                kind: .news, title: "第\($0)篇", path: "/news/n\($0)/", date: nil,
                text: String(repeating: "文明城市创建\($0 % 7)", count: 40))
        }
        let (_, written) = await SearchIndex.build(
            docs, districts: [], statuses: [], timeZone: Self.zone, jobs: 3
        ) { path, _ in path }
        #expect(Set(written).count == written.count)
        #expect(written.last == "search/docs.json")
    }

    @Test func versionChangesWithAnyText() async {
        var docs = Self.documents()
        let (a, _) = await Self.files(docs)
        docs[3] = SearchDocument(kind: .page, title: "关于", path: "/about/", date: nil, text: "关于创建！")
        let (b, _) = await Self.files(docs)
        #expect(a.version != b.version)
    }

    @Test func textIsStoredAsAJSONString() async throws {
        let text = "引号\"反斜杠\\ 行\n分隔\u{2028}结束\t  空白"
        let doc = SearchDocument(kind: .page, title: "标题", path: "/a/", date: nil, text: text)
        #expect(doc.plainText == "引号\"反斜杠\\ 行 分隔 结束 空白")
        let files = await Self.build([doc])
        let texts = try #require(files["search/t/0.json"] as? [[String]])
        #expect(texts[0][3] == doc.plainText)
    }
}
