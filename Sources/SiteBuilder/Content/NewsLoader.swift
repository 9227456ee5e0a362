import CampaignCore
import Foundation
import LEDFeed

/// News: `Content/news/*.md` (docs/content.md). Each file is parsed, checked (review, terms, signatures) and
/// masked on its own; slugs are compared and the published list, tags and review items made in `assemble`.
struct NewsLoader: ContentKind {
    /// One news file as loaded.
    struct Loaded: Sendable {
        /// The item with its texts masked; nil when the file could not be read or parsed.
        var item: NewsItem?
        var diagnostics: [Diagnostic]
        /// Where the item goes; nil without an item.
        var key: Assembled.Key?
        /// The item's entry in the review report, when it is published (with its verified review steps when
        /// the site signs reviews). Made here, in parallel, rather than by `assemble` on one core.
        var reviewItem: ReviewReport.Item?
        /// Where the `led` headline is written, when it holds characters outside GB2312.
        var headlineLocation: SourceLocation?
    }

    /// What was read from each file.
    var files = FolderFiles(folder: "news", load: NewsLoader.load)
    /// What the last `assemble` made, kept so that under `campaign serve` an edit that leaves every item
    /// where it was changes only its own entries instead of putting 8,000 items together again.
    private var last: Assembled?
    /// The positions in `files` read again since the last `assemble`; nil when files came or went.
    private var reloaded: Set<Int>? = []

    func unit(of path: String) -> String? { files.unit(of: path) }

    mutating func loadAll(_ context: LoadContext) async {
        await files.loadAll(context)
        last = nil
    }

    mutating func reload(unit path: String, _ context: LoadContext) async {
        let count = files.paths.count
        files.reload(path, context)
        if files.paths.count == count, let position = files.position(of: path) {
            reloaded?.insert(position)
        } else {
            reloaded = nil
        }
    }

    /// Reads, parses, checks and masks one news file.
    static func load(_ path: String, _ context: LoadContext) -> Loaded {
        let display = context.display(path)
        let (read, readProblem) = context.source.readText(path, display: display, code: "news")
        guard let text = read else { return Loaded(diagnostics: readProblem.map { [$0] } ?? []) }
        let name = ContentPath.name(path)
        let (item, reader, found) = NewsItem.parse(text, file: display, fileName: name, site: context.site)
        guard let item else { return Loaded(diagnostics: found) }
        var checks: [Diagnostic] = []
        var signatures: SignedReviewRules.Result?
        let options = context.options
        if item.isPublished(at: context.now, drafts: options.drafts, future: options.future) {
            checks = context.editorial.check(news: item, reader: reader)
            signatures = context.editorial.signatures(
                item.review, kind: .news, id: SiteBuilder.newsID(fileName: name), file: item.file,
                contentHash: ReviewContent.markdownHash(text))
            checks += signatures?.diagnostics ?? []
        }
        let (masked, privacy) = PrivacyMasking.mask(
            item, reader: reader, production: context.production, allow: context.privacy)
        let key = Assembled.Key(masked, context)
        var loaded = Loaded(item: masked, diagnostics: found + checks + privacy, key: key)
        if key.published {
            loaded.reviewItem = context.editorial.reportItem(
                ReviewReport.Item(news: masked), states: signatures?.states)
        }
        if let led = masked.led, !LEDEncoder.unencodable(in: led, charset: .gb2312).isEmpty {
            loaded.headlineLocation =
                reader.map { $0.has("led") ? $0.location(of: "led") : masked.titleLocation } ?? masked.titleLocation
        }
        return loaded
    }

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        if site.spendsLoaded {
            // A one-off build: the items are moved out of what was loaded, and nothing is kept.
            var (loaded, readings) = files.takeAll()
            var assembled = Assembled(&loaded, readings: readings, moving: true, context)
            Self.add(assembled.takeSiteParts(), to: &site)
            // What is left (the files' keys and findings, the positions) is freed on another core.
            releaseInBackground((loaded, assembled))
            return
        }
        // Taken out, so that patching it changes it in place (the last build's content has let go of it).
        if let changed = reloaded, var assembled = last.take(), assembled.patch(changed, files, context) {
            last = assembled
        } else {
            var loaded = files.inOrder
            last = Assembled(&loaded, readings: files.readings, moving: false, context)
        }
        reloaded = []
        guard let last else { return }
        Self.add(last, to: &site)
    }

    private static func add(_ assembled: consuming Assembled, to site: inout SiteAssembly) {
        site.diagnostics.absorb(assembled.diagnostics)
        site.reviewItems.absorb(assembled.reviewItems)
        site.headlineLocations.merge(assembled.headlineLocations) { first, _ in first }
        site.content.news = assembled.news
        site.content.newsReadings = assembled.readings
        site.content.tags = assembled.tags
    }

    /// The news put together: the published items newest first, their tags and review items, and every
    /// file's findings with the slugs' clashes.
    struct Assembled: Sendable {
        /// What decides where a file's item goes: an edit that keeps it changes nothing else.
        struct Key: Equatable, Sendable {
            var slug: String
            var date: Date
            var tags: [String]
            var published: Bool

            init(_ item: NewsItem, _ context: LoadContext) {
                slug = item.slug
                date = item.date
                tags = item.tags
                published = item.isPublished(
                    at: context.now, drafts: context.options.drafts, future: context.options.future)
            }
        }

        /// Per file, in the order of `FolderFiles.inOrder`.
        var keys: [Key?]
        /// Where each file's findings end in `diagnostics`.
        var diagnosticEnds: [Int]
        /// Where each file's item is in `news`, when it is published.
        var positions: [Int?]
        /// Every file's findings in file order, then the slugs' clashes.
        var diagnostics: [Diagnostic]
        var hasSlugClashes: Bool
        var news: [NewsItem]
        /// The reading of each item of `news` (`FolderFiles.readings`).
        var readings: [Int]
        var tags: [(name: String, items: [Int])]
        var reviewItems: [ReviewReport.Item]
        var headlineLocations: [String: SourceLocation]

        /// Puts the files together. With `moving`, each published item and review item is moved out of `loaded`;
        /// without, they are copied and `loaded` is left as it was (it is kept for the next edit).
        init(_ loaded: inout [Loaded], readings fileReadings: [Int], moving: Bool, _ context: LoadContext) {
            var published: [Int] = []
            var keys: [Key?] = []
            var diagnostics: [Diagnostic] = []
            var diagnosticEnds: [Int] = []
            var hasSlugClashes = false
            keys.reserveCapacity(loaded.count)
            diagnosticEnds.reserveCapacity(loaded.count)
            // Read in place: a loaded file is large to copy.
            loaded.withUnsafeBufferPointer { files in
                for index in files.indices {
                    diagnostics += files[index].diagnostics
                    diagnosticEnds.append(diagnostics.count)
                }
                var slugs = UniqueIDs<String>(noun: "slug", item: "article")
                for index in files.indices {
                    let key = files[index].key
                    keys.append(key)
                    // Only the item's file is read here: binding the whole item copied it, a reference count for
                    // each of its strings.
                    guard let key, let file = files[index].item?.file else { continue }
                    if let first = slugs.claim(key.slug, at: file) {
                        hasSlugClashes = true
                        diagnostics.append(
                            .error(
                                slugs.message(key.slug, firstUsed: "in \(first)", hint: " (set 'slug:')"),
                                code: "news.slug-duplicate", at: files[index].item!.titleLocation))
                    }
                    if key.published { published.append(index) }
                }
                // By position, not by moving the loaded files; newest first, then by slug. The dates are read
                // into an array of their own and the keys in place: comparing copies of the keys cost a
                // reference count for each of their strings, on every comparison.
                var dates = [Date](repeating: .distantPast, count: files.count)
                for index in published { dates[index] = keys[index]?.date ?? .distantPast }
                keys.withUnsafeBufferPointer { keys in
                    published.sort { a, b in
                        if dates[a] != dates[b] { return dates[a] > dates[b] }
                        return (keys[a]?.slug ?? "") < (keys[b]?.slug ?? "")  // published: never nil
                    }
                }
            }
            var positions = [Int?](repeating: nil, count: loaded.count)
            for (position, file) in published.enumerated() { positions[file] = position }
            // A published file has its item (the loop above reads it) and its review item (`load` makes it).
            // Moved out of the loaded files when they are spent; else read in place, each field on its own:
            // `loaded[file].item` copied the whole loaded file first (item, key, review item, findings).
            var news: [NewsItem] = []
            var reviewItems: [ReviewReport.Item] = []
            news.reserveCapacity(published.count)
            reviewItems.reserveCapacity(published.count)
            func reviewItem(_ found: ReviewReport.Item?, _ item: NewsItem) -> ReviewReport.Item {
                found ?? context.editorial.reportItem(ReviewReport.Item(news: item), states: nil)
            }
            if moving {
                loaded.withUnsafeMutableBufferPointer { files in
                    for file in published {
                        let item = files[file].item.take()!
                        reviewItems.append(reviewItem(files[file].reviewItem.take(), item))
                        news.append(item)
                    }
                }
            } else {
                loaded.withUnsafeBufferPointer { files in
                    for file in published {
                        let item = files[file].item!
                        reviewItems.append(reviewItem(files[file].reviewItem, item))
                        news.append(item)
                    }
                }
            }
            var tagIndex: [String: [Int]] = [:]
            var headlineLocations: [String: SourceLocation] = [:]
            loaded.withUnsafeBufferPointer { files in
                news.withUnsafeBufferPointer { news in
                    for index in news.indices {
                        let tags = news[index].tags
                        for (n, tag) in tags.enumerated() where !tags[..<n].contains(tag) {
                            tagIndex[tag, default: []].append(index)
                        }
                        if let location = files[published[index]].headlineLocation {
                            headlineLocations[news[index].slug] = location
                        }
                    }
                }
            }
            self.keys = keys
            self.diagnosticEnds = diagnosticEnds
            self.positions = positions
            self.diagnostics = diagnostics
            self.hasSlugClashes = hasSlugClashes
            self.news = news
            self.readings = published.map { fileReadings[$0] }
            self.tags = tagIndex.keys.sorted().map { (name: $0, items: tagIndex[$0] ?? []) }
            self.reviewItems = reviewItems
            self.headlineLocations = headlineLocations
        }

        /// A copy holding only what `add` puts into the site; this one keeps the rest. Each part is held by one
        /// of the two only, so neither is copied when the site or this one is changed.
        mutating func takeSiteParts() -> Assembled {
            var parts = self
            (parts.keys, parts.diagnosticEnds, parts.positions) = ([], [], [])
            (diagnostics, news, readings, tags, reviewItems, headlineLocations) = ([], [], [], [], [], [:])
            return parts
        }

        /// Takes in the files at `changed` (positions in `files`) read again, when each keeps its key: its
        /// item, review item and findings are replaced where they are. False, with nothing changed, when
        /// one does not (an item that moves, comes, goes or changes its tags), or slugs clash (the clash's
        /// place would have to be found again): then everything is put together again.
        mutating func patch(_ changed: Set<Int>, _ files: FolderFiles<Loaded>, _ context: LoadContext) -> Bool {
            let loaded = files.inOrder
            guard !hasSlugClashes, loaded.count == keys.count,
                changed.allSatisfy({ loaded[$0].key == keys[$0] })
            else { return false }
            for file in changed.sorted() {
                let start = file == 0 ? 0 : diagnosticEnds[file - 1]
                let found = loaded[file].diagnostics
                diagnostics.replaceSubrange(start..<diagnosticEnds[file], with: found)
                let shift = start + found.count - diagnosticEnds[file]
                if shift != 0 { for later in file..<diagnosticEnds.count { diagnosticEnds[later] += shift } }
                guard let position = positions[file], let item = loaded[file].item else { continue }
                news[position] = item
                readings[position] = files.readings[file]
                reviewItems[position] =
                    loaded[file].reviewItem ?? context.editorial.reportItem(ReviewReport.Item(news: item), states: nil)
                headlineLocations[item.slug] = loaded[file].headlineLocation
            }
            return true
        }
    }
}
