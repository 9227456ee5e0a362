import CampaignCore
import Foundation
import TestSupport
import Testing

@testable import SiteBuilder

/// `campaign serve` rebuilds only what an edit touches, and its output is never stale: after every
/// edit of a random sequence, the served folder equals a full build of the same files, byte for byte.
@Suite(.serialized) struct IncrementalServeTests {
    /// One edit of the project: what it did (for the failure message) and the files it touched.
    typealias Edit = @Sendable (TestSite, inout SplitMix64, Int) throws -> (String, [URL])

    static func files(_ site: TestSite, _ folder: String, suffix: String) -> [URL] {
        let url = site.root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { url.appendingPathComponent($0) }
    }

    static func append(_ text: String, to url: URL) throws {
        let old = try String(contentsOf: url, encoding: .utf8)
        try (old + text).write(to: url, atomically: true, encoding: .utf8)
    }

    static func replace(_ old: String, _ new: String, in url: URL) throws -> Bool {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let range = text.range(of: old) else { return false }
        try text.replacingCharacters(in: range, with: new).write(to: url, atomically: true, encoding: .utf8)
        return true
    }

    static let edits: [Edit] = [
        { site, rng, step in  // edit a news body
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            try append("\n第\(step)次修改：补充一段关于志愿服务的说明。\n", to: file)
            return ("edit news body \(file.lastPathComponent)", [file])
        },
        { site, rng, step in  // rewrite a news body: search terms lost and gained, a different length
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            let text = try String(contentsOf: file, encoding: .utf8)
            guard let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex)
            else { return ("no front matter in \(file.lastPathComponent)", []) }
            let body = ["垃圾分类", "背街小巷", "公益广告", "志愿者"].shuffled(using: &rng).prefix(2).joined(separator: "和")
            try (text[..<end.upperBound] + "\n第\(step)版正文：\(body)Zeta\(step)整治。\n").write(
                to: file, atomically: true, encoding: .utf8)
            return ("rewrite news body \(file.lastPathComponent)", [file])
        },
        { site, rng, step in  // retitle a news item (not the newest or oldest: both neighbours show its title)
            let news = files(site, "Content/news", suffix: ".md")
            let file = news[news.count / 2 + Int(rng.next() % 3)]
            let text = try String(contentsOf: file, encoding: .utf8)
            let retitled = text.replacingOccurrences(
                of: #"(?m)^title: (.*)$"#, with: "title: $1（更新\(step)）", options: .regularExpression)
            try retitled.write(to: file, atomically: true, encoding: .utf8)
            return ("retitle news \(file.lastPathComponent)", [file])
        },
        { site, rng, step in  // a news body that gains a warning: the item's findings change, not its place
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            try append("\n第\(step)次补充：报名请联系志愿者，电话1391234\(String(format: "%04d", step))。\n", to: file)
            return ("phone number warning in news \(file.lastPathComponent)", [file])
        },
        { site, rng, step in  // retag a news item: its place in the tag lists changes
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            let text = try String(contentsOf: file, encoding: .utf8)
            let retagged = text.replacingOccurrences(
                of: #"(?m)^tags: \[(.*)\]$"#, with: "tags: [$1, 编辑标签\(step % 2)]", options: .regularExpression)
            try retagged.write(to: file, atomically: true, encoding: .utf8)
            return ("retag news \(file.lastPathComponent)", [file])
        },
        { site, rng, _ in  // a news item becomes a draft: it leaves the lists
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(
                of: "---\n", with: "---\ndraft: true\n",
                range: text.startIndex..<text.index(text.startIndex, offsetBy: 4)
            )
            .write(to: file, atomically: true, encoding: .utf8)
            return ("draft news \(file.lastPathComponent)", [file])
        },
        { site, _, step in  // add a news item
            let file = site.content.appendingPathComponent("news/2026-11-2\(step % 8)-added-\(step).md")
            try """
            ---
            title: 新增测试新闻第\(step)篇
            date: 2026-11-2\(step % 8) 09:00
            tags: [志愿服务, 新标签\(step % 3)]
            ---

            这是第\(step)次编辑新增的新闻正文，介绍社区志愿服务活动。
            """.write(to: file, atomically: true, encoding: .utf8)
            return ("add news \(file.lastPathComponent)", [file])
        },
        { site, rng, _ in  // delete a news item
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            try FileManager.default.removeItem(at: file)
            return ("delete news \(file.lastPathComponent)", [file])
        },
        { site, rng, step in  // rename a news item (its slug follows the file name)
            let file = files(site, "Content/news", suffix: ".md").randomElement(using: &rng)!
            let target = file.deletingLastPathComponent().appendingPathComponent(
                file.deletingPathExtension().lastPathComponent + "-r\(step).md")
            try FileManager.default.moveItem(at: file, to: target)
            return ("rename news \(file.lastPathComponent)", [file, target])
        },
        { site, rng, step in  // edit a page
            let file = files(site, "Content/pages", suffix: ".md").randomElement(using: &rng)!
            try append("\n补充说明（第\(step)次）。\n", to: file)
            return ("edit page \(file.lastPathComponent)", [file])
        },
        { site, _, step in  // add or remove a page
            let file = site.content.appendingPathComponent("pages/added-page.md")
            if FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.removeItem(at: file)
                return ("delete page added-page.md", [file])
            }
            try "---\ntitle: 新增页面\(step)\n---\n\n新增页面的正文。\n".write(to: file, atomically: true, encoding: .utf8)
            return ("add page added-page.md", [file])
        },
        { site, rng, step in  // edit a notice's text
            let folder = site.content.appendingPathComponent("exposures")
            let bundles = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let file = folder.appendingPathComponent(bundles.randomElement(using: &rng)!).appendingPathComponent(
                "index.md")
            try append("\n督查组第\(step)次回访，现场情况稳定。\n", to: file)
            return ("edit notice \(file.deletingLastPathComponent().lastPathComponent)", [file])
        },
        { site, rng, step in  // add a notice: a copy of another bundle under a new number
            let folder = site.content.appendingPathComponent("exposures")
            let bundles = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let from = folder.appendingPathComponent(bundles.randomElement(using: &rng)!)
            let number = String(format: "%04d", 9000 + step)
            let target = folder.appendingPathComponent("bg-2026-\(number)-copy")
            try FileManager.default.copyItem(at: from, to: target)
            let index = target.appendingPathComponent("index.md")
            let text = try String(contentsOf: index, encoding: .utf8)
            try text.replacingOccurrences(
                of: #"(?m)^id: BG-2026-\d+$"#, with: "id: BG-2026-\(number)", options: .regularExpression
            ).write(to: index, atomically: true, encoding: .utf8)
            return ("add notice \(target.lastPathComponent)", [index])
        },
        { site, rng, _ in  // delete a notice
            let folder = site.content.appendingPathComponent("exposures")
            let bundles = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let bundle = folder.appendingPathComponent(bundles.randomElement(using: &rng)!)
            let files = try FileManager.default.contentsOfDirectory(atPath: bundle.path).map {
                bundle.appendingPathComponent($0)
            }
            try FileManager.default.removeItem(at: bundle)
            return ("delete notice \(bundle.lastPathComponent)", files)
        },
        { site, rng, step in  // rename a page (its path follows the file name)
            let file = files(site, "Content/pages", suffix: ".md").filter {
                !["about.md", "contact.md", "accessibility.md"].contains($0.lastPathComponent)
            }.randomElement(using: &rng)
            guard let file else { return ("no page to rename", []) }
            // Other pages link to it: its address stays, through a `slug` taken from the old name.
            let text = try String(contentsOf: file, encoding: .utf8)
            let slug = file.deletingPathExtension().lastPathComponent
            let kept =
                text.contains("\nslug:")
                ? text
                : text.replacingOccurrences(
                    of: "---\n", with: "---\nslug: \(slug)\n",
                    range: text.startIndex..<text.index(text.startIndex, offsetBy: 4))
            let target = file.deletingLastPathComponent().appendingPathComponent("renamed-\(step).md")
            try FileManager.default.removeItem(at: file)
            try kept.write(to: target, atomically: true, encoding: .utf8)
            return ("rename page \(file.lastPathComponent)", [file, target])
        },
        { site, rng, step in  // new figures in a row of the daily summary
            let file = site.content.appendingPathComponent("progress/daily.csv")
            var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            let row = 1 + Int(rng.next() % UInt64(lines.count - 1))
            var cells = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[2] = "\(30 + step)"
            lines[row] = cells.joined(separator: ",")
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            return ("daily.csv row \(row)", [file])
        },
        { site, _, step in  // site.yml
            let file = site.content.appendingPathComponent("site.yml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let changed = text.replacingOccurrences(
                of: #"(?m)^description: (.*)$"#, with: "description: $1 第\(step)版", options: .regularExpression)
            try changed.write(to: file, atomically: true, encoding: .utf8)
            return ("site.yml description", [file])
        },
        { site, _, step in  // a shared template
            let file = site.root.appendingPathComponent("Theme/templates/footer.mustache")
            try append("<!-- \(step) -->\n", to: file)
            return ("footer template", [file])
        },
        { site, rng, _ in  // replace a notice photo with another one
            let folder = site.content.appendingPathComponent("exposures")
            let bundles = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let photos = bundles.map { folder.appendingPathComponent($0).appendingPathComponent("before-1.jpg") }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            let from = photos.randomElement(using: &rng)!
            let to = photos.randomElement(using: &rng)!
            guard from != to else { return ("photo unchanged", []) }
            try FileManager.default.removeItem(at: to)
            try FileManager.default.copyItem(at: from, to: to)
            return ("photo \(to.deletingLastPathComponent().lastPathComponent)/before-1.jpg", [to])
        },
    ]

    /// Every folder under `base`, relative, so an emptied folder left behind is a difference too.
    static func folders(_ base: URL) -> Set<String> {
        var folders: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        for case let rel as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base.appendingPathComponent(rel).path, isDirectory: &isDir),
                isDir.boolValue
            {
                folders.insert(rel)
            }
        }
        return folders
    }

    @Test func randomEditsLeaveTheSameOutputAsAFullBuild() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["CAMPAIGN_EDIT_SEED"] ?? "") ?? 20_261_130
        var rng = SplitMix64(state: seed)
        let site = try TestSite.sample()
        defer { site.remove() }
        let session = SiteSession(options: site.options())
        let first = await session.build()
        #expect(first.errorCount == 0, "\(first.diagnostics.filter { $0.severity == .error })")
        var history: [String] = []
        // Every kind of edit once, in a random order, then random ones.
        let sequence = Self.edits.shuffled(using: &rng) + (0..<4).map { _ in Self.edits.randomElement(using: &rng)! }
        for (offset, edit) in sequence.enumerated() {
            let step = offset + 1
            let (what, changed) = try edit(site, &rng, step)
            history.append(what)
            let served = await session.build(changed: changed)
            let cold = site.root.appendingPathComponent("cold-\(step)")
            let full = await SiteBuilder.build(site.options(output: cold))
            #expect(served.errorCount == full.errorCount, "seed \(seed), after \(history)")
            #expect(served.diagnostics == full.diagnostics, "seed \(seed), after \(history)")
            // Every edit keeps the site valid, so each step compares two real builds.
            #expect(
                full.errorCount == 0,
                "seed \(seed), after \(history): \(full.diagnostics.filter { $0.severity == .error }.prefix(3))")
            guard full.errorCount == 0 else { break }
            let servedTree = site.tree(site.output)
            let coldTree = site.tree(cold)
            let differing = Set(servedTree.keys).union(coldTree.keys).filter { servedTree[$0] != coldTree[$0] }
            #expect(differing.isEmpty, "seed \(seed), after \(history): \(differing.sorted().prefix(10))")
            #expect(Self.folders(site.output) == Self.folders(cold), "seed \(seed), after \(history): folders differ")
            // The record is written entry by entry under serve; it reads as BuildRecord writes it.
            let record = try Data(contentsOf: site.output.appendingPathComponent(BuildRecord.fileName))
            #expect(try BuildRecord.decode(record).encoded() == record, "seed \(seed), after \(history)")
            try? FileManager.default.removeItem(at: cold)
        }
    }

    @Test func newsEditsThatChangeTheirFindingsKeepEachFileItsOwn() async throws {
        // An edit that keeps an item in its place patches the news put together last time: each file's
        // findings are replaced where they stand, and those after it move.
        let site = try TestSite.sample()
        defer { site.remove() }
        let session = SiteSession(options: site.options())
        _ = await session.build()
        let news = Self.files(site, "Content/news", suffix: ".md")
        let (early, late) = (news[1], news[news.count - 2])
        let original = try String(contentsOf: early, encoding: .utf8)
        let steps: [(String, URL, () throws -> Void)] = [
            ("a warning gained early", early, { try Self.append("\n报名电话13912340001。\n", to: early) }),
            ("two gained late", late, { try Self.append("\n电话13912340002，或13912340003。\n", to: late) }),
            ("the early one lost", early, { try original.write(to: early, atomically: true, encoding: .utf8) }),
            ("one more late", late, { try Self.append("\n热线13912340004。\n", to: late) }),
        ]
        for (step, (what, file, edit)) in steps.enumerated() {
            try edit()
            let report = await Self.expectSame(session, site, changed: [file], what, step: step + 1)
            #expect(report.errorCount == 0, "\(what)")
        }
        #expect(await session.lastRendered < 10, "an edit in place renders the item, not the site")
    }

    @Test func anEditRendersOnlyWhatDependsOnIt() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let session = SiteSession(options: site.options())
        _ = await session.build()
        let page = site.content.appendingPathComponent("pages/guide.md")
        try Self.append("\n新增一条指南。\n", to: page)
        let report = await session.build(changed: [page])
        #expect(report.errorCount == 0)
        #expect(try site.read("guide/index.html").contains("新增一条指南。"))
        // The page itself is rendered again; every article, notice, screen and the dashboard is reused.
        let rendered = await session.lastRendered
        let reused = await session.lastReused
        #expect(rendered == 1, "rendered \(rendered) units")
        #expect(reused > 50, "reused \(reused) units")
    }

    /// A served build and a full build of the same files: the same diagnostics and, when the build
    /// succeeds, the same output.
    static func expectSame(
        _ session: SiteSession, _ site: TestSite, changed: [URL], _ what: String, step: Int
    ) async -> BuildReport {
        let served = await session.build(changed: changed)
        let cold = site.root.appendingPathComponent("cold-\(step)")
        defer { try? FileManager.default.removeItem(at: cold) }
        let full = await SiteBuilder.build(site.options(output: cold))
        #expect(served.diagnostics == full.diagnostics, "\(what)")
        if full.errorCount == 0 {
            let servedTree = site.tree(site.output)
            let coldTree = site.tree(cold)
            let differing = Set(servedTree.keys).union(coldTree.keys).filter { servedTree[$0] != coldTree[$0] }
            #expect(differing.isEmpty, "\(what): \(differing.sorted().prefix(10))")
        }
        return served
    }

    @Test func linksBrokenAndRepairedAreReportedAsAFullBuildReportsThem() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let session = SiteSession(options: site.options())
        _ = await session.build()
        let news = Self.files(site, "Content/news", suffix: ".md")
        let linking = news[news.count / 2]
        let guide = site.content.appendingPathComponent("pages/guide.md")
        try Self.append("\n见[新栏目](/news/extra-coverage/)和[出行](/guide/#文明出行)。\n", to: linking)
        var report = await Self.expectSame(session, site, changed: [linking], "links added", step: 1)
        #expect(report.diagnostics.filter { $0.code == "link.broken" }.count == 1)
        // The target appears: nothing else changed, yet the link is no longer broken.
        let added = site.content.appendingPathComponent("news/2026-11-20-extra.md")
        try "---\ntitle: 新栏目上线\ndate: 2026-11-20 09:00\nslug: extra-coverage\n---\n\n新栏目。\n".write(
            to: added, atomically: true, encoding: .utf8)
        report = await Self.expectSame(session, site, changed: [added], "target added", step: 2)
        #expect(report.errorCount == 0)
        // The anchor's heading is renamed on the page linked to.
        #expect(try Self.replace("## 文明出行", "## 绿色出行", in: guide))
        report = await Self.expectSame(session, site, changed: [guide], "heading renamed", step: 3)
        #expect(report.diagnostics.filter { $0.code == "link.anchor" }.count == 1)
        #expect(try Self.replace("## 绿色出行", "## 文明出行", in: guide))
        report = await Self.expectSame(session, site, changed: [guide], "heading back", step: 4)
        #expect(report.errorCount == 0)
        // The target goes again.
        try FileManager.default.removeItem(at: added)
        report = await Self.expectSame(session, site, changed: [added], "target deleted", step: 5)
        #expect(report.diagnostics.filter { $0.code == "link.broken" }.count == 1)
    }

    /// `RecordEntries.precedes` (memcmp over UTF-8) orders paths as comparing their `utf8` views does.
    @Test func recordPathsAreOrderedByTheirUTF8Bytes() {
        // Pieces that share prefixes, differ past them, end early, or hold multi-byte characters (whose lead
        // bytes sort after every ASCII byte), in short strings kept inline and long ones kept in storage.
        let pieces = ["", "a", "b", "/", "-", "index.html", "文", "明", "é", "e\u{301}", "Z", "~", "news/post-1", "💡"]
        var generator = SystemRandomNumberGenerator()
        var paths: [String] = ["", "a", "ab", "a/b", "a b", String(repeating: "x", count: 40)]
        for _ in 0..<400 {
            let count = Int.random(in: 0...6, using: &generator)
            paths.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for a in paths {
            for b in paths.prefix(60) {
                #expect(RecordEntries.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
                #expect(RecordEntries.precedes(b, a) == b.utf8.lexicographicallyPrecedes(a.utf8), "\(b) < \(a)")
            }
        }
    }

    /// The build record's files are written entry by entry; the record reads byte for byte as `BuildRecord`
    /// writes it (whose keys are sorted by their UTF-8 bytes on Linux).
    @Test func theRecordIsWrittenAsBuildRecordWritesIt() throws {
        var files = [
            "index.html": "aa", "tags/文明/index.html": "bb", "a b/\"q\"\\.txt": "cc", "A.html": "dd", "a-b/x": "ee",
            "a/b": "ff", "é.html": "gg", "tab\t.html": "hh", "Z/index.html": "jj",
        ]
        var entries = RecordEntries(files)
        let record = BuildRecord(
            builtAt: "2026-11-29T04:00:00Z", now: "2026-11-29T12:00:00+08:00", production: false, errors: 0,
            reviewRequired: false, pendingReviews: 0, files: [:])
        func expected() throws -> Data {
            var whole = record
            whole.files = files
            return try whole.encoded()
        }
        #if os(Linux)
            #expect(try entries.record(record) == expected())
        #endif
        files["a/b"] = "f2"
        files["new/文件.html"] = "ii"
        files["A.html"] = nil
        entries.update(changed: [("a/b", "f2"), ("new/文件.html", "ii")], removed: ["A.html"])
        #expect(try BuildRecord.decode(entries.record(record)).files == files)
        #if os(Linux)
            #expect(try entries.record(record) == expected())
        #endif
    }
}
