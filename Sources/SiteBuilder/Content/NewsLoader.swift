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
        /// The verified review steps, when the site signs reviews and the item is published.
        var signedStates: [ReviewStage: SignedReviewRules.StepState]?
        /// Where the `led` headline is written, when it holds characters outside GB2312.
        var headlineLocation: SourceLocation?
    }

    /// What was read from each file.
    var files = FolderFiles(folder: "news", load: NewsLoader.load)

    func unit(of path: String) -> String? { files.unit(of: path) }
    mutating func loadAll(_ context: LoadContext) async { await files.loadAll(context) }
    mutating func reload(unit path: String, _ context: LoadContext) async { files.reload(path, context) }

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
        var loaded = Loaded(item: masked, diagnostics: found + checks + privacy, signedStates: signatures?.states)
        if let led = masked.led, !LEDEncoder.unencodable(in: led, charset: .gb2312).isEmpty {
            loaded.headlineLocation =
                reader.map { $0.has("led") ? $0.location(of: "led") : masked.titleLocation } ?? masked.titleLocation
        }
        return loaded
    }

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        // Read in place: a loaded file is large to copy, and under `campaign serve` this runs on every edit.
        let loaded = files.inOrder
        let options = context.options
        var published: [Int] = []
        loaded.withUnsafeBufferPointer { files in
            for index in files.indices { site.diagnostics += files[index].diagnostics }
            var slugs = UniqueIDs<String>(noun: "slug", item: "article")
            for index in files.indices {
                guard let slug = files[index].item?.slug, let path = files[index].item?.file else { continue }
                if let first = slugs.claim(slug, at: path), let location = files[index].item?.titleLocation {
                    site.diagnostics.append(
                        .error(
                            slugs.message(slug, firstUsed: "in \(first)", hint: " (set 'slug:')"),
                            code: "news.slug-duplicate", at: location))
                }
                let now = context.now
                if files[index].item?.isPublished(at: now, drafts: options.drafts, future: options.future) == true {
                    published.append(index)
                }
            }
            // By position, not by moving the loaded files.
            let keys = files.map { (date: $0.item?.date ?? .distantPast, slug: $0.item?.slug ?? "") }
            published.sort { a, b in (keys[a].date, keys[b].slug) > (keys[b].date, keys[a].slug) }
        }
        let news = published.compactMap { loaded[$0].item }
        var tagIndex: [String: [Int]] = [:]
        site.reviewItems.reserveCapacity(site.reviewItems.count + news.count)
        // By index: a news item is large to copy.
        news.withUnsafeBufferPointer { news in
            for index in news.indices {
                let tags = news[index].tags
                for (n, tag) in tags.enumerated() where !tags[..<n].contains(tag) {
                    tagIndex[tag, default: []].append(index)
                }
                let file = published[index]
                site.reviewItems.append(
                    context.editorial.reportItem(
                        ReviewReport.Item(news: news[index]), states: loaded[file].signedStates))
                if let location = loaded[file].headlineLocation { site.headlineLocations[news[index].slug] = location }
            }
        }
        site.content.news = news
        site.content.tags = tagIndex.keys.sorted().map { (name: $0, items: tagIndex[$0] ?? []) }
    }
}
