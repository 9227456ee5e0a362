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
        var all: [Loaded] = []
        for loaded in files.inOrder {
            site.diagnostics += loaded.diagnostics
            if loaded.item != nil { all.append(loaded) }
        }
        var slugs = UniqueIDs<String>(noun: "slug", item: "article")
        for item in all.compactMap(\.item) {
            if let first = slugs.claim(item.slug, at: item.file) {
                site.diagnostics.append(
                    .error(
                        slugs.message(item.slug, firstUsed: "in \(first)", hint: " (set 'slug:')"),
                        code: "news.slug-duplicate", at: item.titleLocation))
            }
        }
        let options = context.options
        // Sorted by position, not by moving the loaded files: 10,000 of them are large to move.
        let keys = all.map { (date: $0.item?.date ?? .distantPast, slug: $0.item?.slug ?? "") }
        let published = all.indices.filter {
            all[$0].item?.isPublished(at: context.now, drafts: options.drafts, future: options.future) == true
        }
        .sorted { a, b in (keys[a].date, keys[b].slug) > (keys[b].date, keys[a].slug) }
        .map { all[$0] }
        let news = published.compactMap(\.item)
        var tagIndex: [String: [Int]] = [:]
        for (index, item) in news.enumerated() {
            for tag in Set(item.tags) { tagIndex[tag, default: []].append(index) }
        }
        site.content.news = news
        site.content.tags = tagIndex.keys.sorted().map { (name: $0, items: tagIndex[$0] ?? []) }
        for loaded in published {
            guard let item = loaded.item else { continue }
            site.reviewItems.append(
                context.editorial.reportItem(ReviewReport.Item(news: item), states: loaded.signedStates))
            if let location = loaded.headlineLocation { site.headlineLocations[item.slug] = location }
        }
    }
}
