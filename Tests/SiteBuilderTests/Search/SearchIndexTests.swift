import Foundation
import TestSupport
import Testing

@testable import SiteBuilder

@Suite struct SearchIndexTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let districts = ["城关区", "七里河区"]
    static let statuses = ["待整改", "已销号"]

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
            docs, districts: districts, statuses: statuses, timeZone: zone, jobs: jobs
        ) { path, bytes, _ in (path, bytes) }
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
        ) { path, _, _ in path }
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

    /// The index `campaign serve` makes from the last one is the index a full build makes, file for file,
    /// after any change of the documents; and an edit of a few keys rewrites few shards.
    @Test func anUpdatedIndexIsTheFullIndex() async {
        let seed = UInt64(ProcessInfo.processInfo.environment["CAMPAIGN_EDIT_SEED"] ?? "") ?? 20_261_201
        var rng = SplitMix64(state: seed)
        let words = ["文明", "城市", "创建", "垃圾分类", "背街小巷", "志愿服务", "乱停乱放", "LED", "wifi", "公益广告", "整改"]
        func text(_ rng: inout SplitMix64) -> String {
            (0..<Int(5 + rng.next() % 40)).map { _ in words.randomElement(using: &rng)! }.joined(separator: "，")
        }
        func day(_ d: UInt64) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + Double(d) * 86400) }
        func document(_ n: Int, _ rng: inout SplitMix64) -> SearchDocument {
            SearchDocument(
                kind: .news, title: words.randomElement(using: &rng)! + "\(n)", path: "/news/n\(n)/",
                date: rng.next() % 10 == 0 ? nil : day(rng.next() % 50), text: text(&rng))
        }
        var next = 0
        var docs: [SearchDocument] = (0..<120).map { _ in
            next += 1
            return document(next, &rng)
        }
        var memory: SearchIndex.Memory?
        var disk: [String: [UInt8]] = [:]
        var history: [String] = []
        var updates = 0
        for step in 0..<80 {
            if step > 0 {
                let at = Int(rng.next() % UInt64(docs.count))
                let old = docs[at]
                switch rng.next() % 8 {
                case 0:
                    next += 1
                    docs.append(document(next, &rng))
                    history.append("added")
                case 1:
                    docs.remove(at: at)
                    history.append("removed")
                case 2:
                    docs[at] = SearchDocument(
                        kind: old.kind, title: old.title, path: old.path, date: day(rng.next() % 50),
                        text: old.plainText)
                    history.append("redated \(at)")
                case 3:
                    docs[at] = SearchDocument(
                        kind: old.kind, title: words.randomElement(using: &rng)!, path: old.path, date: old.date,
                        text: old.plainText)
                    history.append("retitled \(at)")
                default:
                    docs[at] = SearchDocument(
                        kind: old.kind, title: old.title, path: old.path, date: old.date, text: text(&rng))
                    history.append("new text \(at)")
                }
            }
            let kept = Locked<Set<String>>([])
            let (index, written) = await SearchIndex.build(
                docs.shuffled(using: &rng), districts: Self.districts, statuses: Self.statuses, timeZone: Self.zone,
                jobs: 2, memory: &memory,
                write: { path, bytes, _ in (path, Optional(bytes)) },
                keep: { path in
                    kept.update { $0.insert(path) }
                    return (path, nil)
                })
            var served: [String: [UInt8]] = [:]
            for (path, bytes) in written { served[path] = bytes ?? disk[path] }
            disk = served
            let (fullIndex, full) = await Self.files(docs)
            #expect(index.version == fullIndex.version, "seed \(seed), after \(history)")
            let differing = Set(disk.keys).union(full.keys).filter { disk[$0] != full[$0] }
            #expect(differing.isEmpty, "seed \(seed), after \(history): \(differing.sorted())")
            if !kept.value.isEmpty { updates += 1 }
        }
        #expect(updates > 30)
    }
}

/// A value shared by the tasks of a test.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}

/// A cold build keeps the search texts in a nameless file of its cache folder, not in memory.
@Suite struct SearchTextSpillTests {
    @Test func spilledTextsReadBackAsWrittenAndLeaveNoFile() throws {
        let folder = try TemporaryFolder(prefix: "search-spill")
        let spill = try #require(SearchTextSpill(in: folder.url))
        let texts: [[UInt8]] = [Array("创建全国文明城市".utf8), [], Array(repeating: 0x41, count: 100_000), Array("乱停乱放".utf8)]
        let stored = texts.map { SearchDocument.Text($0, spill: spill) }
        for (text, bytes) in zip(stored, texts) {
            #expect(text.count == bytes.count)
            #expect(text.bytes == bytes)
            #expect(text == SearchDocument.Text(bytes))
        }
        var out: [UInt8] = Array("[".utf8)
        stored[3].append(to: &out)
        #expect(out == Array("[乱停乱放".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func textsAppendedFromManyThreadsAtOnceReadBackAsWritten() throws {
        let folder = try TemporaryFolder(prefix: "search-spill")
        let spill = try #require(SearchTextSpill(in: folder.url))
        let texts: [[UInt8]] = (0..<400).map { n in
            Array("第\(n)页：".utf8) + Array(repeating: UInt8(0x41 + n % 26), count: n * 37)
        }
        let offsets = Locked([Int: Int]())
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for n in stride(from: worker, to: texts.count, by: 8) {
                let offset = spill.append(texts[n])
                offsets.update { $0[n] = offset }
            }
        }
        let placed = offsets.value
        #expect(Set(placed.values).count == texts.count)
        for (n, text) in texts.enumerated() {
            var out: [UInt8] = []
            let offset = try #require(placed[n])
            #expect(spill.read(offset: offset, count: text.count, into: &out))
            #expect(out == text)
        }
    }

    @Test func textsTheFileWillNotTakeStayInMemory() throws {
        // A descriptor open for reading only: every batch's write fails, as on a full disk.
        let spill = SearchTextSpill(descriptor: open("/dev/null", O_RDONLY | O_CLOEXEC))
        let texts: [[UInt8]] = (0..<60).map { n in
            Array("第\(n)页：".utf8) + Array(repeating: UInt8(0x61 + n % 26), count: 40_000)
        }
        let offsets = texts.map { spill.append($0) }
        #expect(texts.reduce(0) { $0 + $1.count } > 2 * SearchTextSpill.batchBytes)
        for (text, offset) in zip(texts, offsets).reversed() {
            var out = Array("[".utf8)
            #expect(spill.read(offset: offset, count: text.count, into: &out))
            #expect(out == Array("[".utf8) + text)
        }
    }

    @Test func theIndexFilesAreTheSameWithTheTextsSpilled() async throws {
        let folder = try TemporaryFolder(prefix: "search-spill")
        let spill = try #require(SearchTextSpill(in: folder.url))
        let inMemory = SearchIndexTests.documents()
        let spilled = inMemory.map { doc in
            SearchDocument(
                kind: doc.kind, title: doc.title, path: doc.path, date: doc.date, district: doc.district,
                status: doc.status, indexedText: doc.text.bytes, spill: spill)
        }
        func files(_ docs: [SearchDocument]) async -> [String: [UInt8]] {
            let written = await SearchIndex.build(
                docs, districts: SearchIndexTests.districts, statuses: SearchIndexTests.statuses,
                timeZone: SearchIndexTests.zone, jobs: 2
            ) { path, bytes, _ in (path, bytes) }.written
            return Dictionary(written, uniquingKeysWith: { a, _ in a })
        }
        let expected = await files(inMemory)
        #expect(!expected.isEmpty)
        #expect(await files(spilled) == expected)
    }
}
