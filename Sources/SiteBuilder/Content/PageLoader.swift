import CampaignCore
import Foundation

/// Pages: `Content/pages/*.md` → `/<slug>/` (docs/content.md). Each file is parsed, checked (terms) and
/// masked on its own; a page whose slug an earlier page already has is left out with an error.
struct PageLoader: ContentKind {
    /// One page file as loaded.
    struct Loaded: Sendable {
        /// The page with its texts masked; nil when the file could not be read or parsed.
        var page: PageItem?
        var diagnostics: [Diagnostic]
    }

    /// What was read from each file.
    var files = FolderFiles(folder: "pages", load: PageLoader.load)

    func unit(of path: String) -> String? { files.unit(of: path) }
    mutating func loadAll(_ context: LoadContext) async { await files.loadAll(context) }
    mutating func reload(unit path: String, _ context: LoadContext) async { files.reload(path, context) }

    /// Reads, parses, checks and masks one page file.
    static func load(_ path: String, _ context: LoadContext) -> Loaded {
        let display = context.display(path)
        let (read, readProblem) = context.source.readText(path, display: display, code: "page")
        guard let text = read else { return Loaded(diagnostics: readProblem.map { [$0] } ?? []) }
        let (parsed, found) = PageItem.parse(
            text, file: display, fileName: ContentPath.name(path), site: context.site)
        guard let parsed else { return Loaded(diagnostics: found) }
        let checks = context.editorial.check(page: parsed)
        let (page, privacy) = PrivacyMasking.mask(parsed, production: context.production, allow: context.privacy)
        return Loaded(page: page, diagnostics: found + checks + privacy)
    }

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        var pages: [PageItem] = []
        var slugs = UniqueIDs<String>(noun: "slug", item: "page")
        for loaded in files.inOrder {
            site.diagnostics += loaded.diagnostics
            guard let page = loaded.page else { continue }
            if let first = slugs.claim(page.slug, at: page.file) {
                site.diagnostics.append(
                    .error(
                        slugs.message(page.slug, firstUsed: "in \(first)"), code: "page.slug-duplicate",
                        at: page.titleLocation))
                continue
            }
            pages.append(page)
        }
        site.content.pages = pages
    }
}
