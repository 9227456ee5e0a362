import CampaignCore
import Foundation

/// A site's content as loaded: site.yml, the editorial files, and what every content kind read, per file.
///
/// It can be kept in memory between builds: `reload(_:)` reads again only the files that changed (a whole
/// reload for site.yml and the editorial files, which every item is checked with), and `assemble()` puts the
/// site together again from what is kept. `SiteBuilder.build` loads and assembles once.
struct LoadedSite: Sendable {
    /// The build's options; the content is read from `options.source`.
    private(set) var options: BuildOptions
    /// Everything the loaders need; nil when the site can not be loaded at all (no content folder, no usable
    /// site.yml).
    private(set) var context: LoadContext?
    /// Findings about the content folder, site.yml and the editorial files.
    private(set) var siteDiagnostics: [Diagnostic] = []
    /// The registered content kinds (`SiteContent.kinds`), holding what they read.
    private(set) var kinds: [any ContentKind] = SiteContent.kinds()

    /// Reads the whole site.
    static func load(_ options: BuildOptions) async -> LoadedSite {
        var site = LoadedSite(options: options)
        await site.loadAll()
        return site
    }

    /// Reads the whole site again.
    mutating func loadAll() async {
        kinds = SiteContent.kinds()
        (context, siteDiagnostics) = Self.loadSite(options)
        guard var context else { return }
        let counter = ProgressCounter(.loading, report: options.progress)
        context.loading = counter
        // The kinds read their files at the same time (each in parallel too): the workers go from the
        // news to the notices without waiting for the last news file. Assembly keeps the registered order.
        let loading = context
        kinds = await withTaskGroup(of: (Int, any ContentKind).self) { group in
            for (index, kind) in kinds.enumerated() {
                group.addTask {
                    var kind = kind
                    await kind.loadAll(loading)
                    return (index, kind)
                }
            }
            var loaded = kinds
            for await (index, kind) in group { loaded[index] = kind }
            return loaded
        }
        counter.finish()
        context.loading = nil
        self.context = context
    }

    /// Reads again what the content-relative `paths` (added, changed or deleted files) belong to.
    ///
    /// `source` replaces the content source first, for a source that is a value (`MemoryContentSource`).
    mutating func reload(_ paths: [String], source: (any ContentSource)? = nil) async {
        if let source {
            options.contentSource = source
            context?.source = source
        }
        guard let context, !paths.contains(where: Self.affectsEverything) else { return await loadAll() }
        var done: Set<String> = []
        for path in paths {
            for index in kinds.indices {
                guard let unit = kinds[index].unit(of: path), done.insert("\(index)/\(unit)").inserted else {
                    continue
                }
                await kinds[index].reload(unit: unit, context)
            }
        }
    }

    /// True for the files every item is loaded with: site.yml, the term list, the reviewers.
    static func affectsEverything(_ path: String) -> Bool {
        path.isEmpty || path == "site.yml" || EditorialLoader.files.contains(path)
    }

    /// What `assemble()` returns.
    typealias Assembled = (content: SiteContent?, diagnostics: [Diagnostic], reviewItems: [ReviewReport.Item])

    /// The site put together from what was loaded: the content (nil when there are errors), every finding,
    /// and the texts that need the three reviews (filled even when there are errors, for the review report).
    mutating func assemble() async -> Assembled {
        await assemble(spending: false)
    }

    /// The site put together for one build, as `assemble()` does, with what was loaded moved into it rather
    /// than copied: 8,000 news items and their review items were copied on one core while the other waited.
    /// What is left of the loaded site is freed on another thread.
    consuming func assembleOnce() async -> Assembled {
        let assembled = await assemble(spending: true)
        releaseInBackground(kinds)
        return assembled
    }

    private mutating func assemble(spending: Bool) async -> Assembled {
        guard let context else { return (nil, siteDiagnostics, []) }
        var site = SiteAssembly(
            content: SiteContent(site: context.site, now: context.now, news: [], pages: [], tags: []),
            diagnostics: siteDiagnostics, spendsLoaded: spending)
        for index in kinds.indices { await kinds[index].assemble(into: &site, context) }
        return (site.diagnostics.hasErrors ? nil : site.content, site.diagnostics, site.reviewItems)
    }

    /// Reads site.yml and the editorial files: the context of every loader, or nil with the reason.
    static func loadSite(_ options: BuildOptions) -> (LoadContext?, [Diagnostic]) {
        let source = options.source
        guard source.isFolder("") else {
            let message =
                "content folder '\(options.contentDisplay)' not found (run in the project folder or pass --content)"
            return (nil, [.error(message, code: "content.missing", file: options.contentDisplay)])
        }
        let siteDisplay = ContentPath.join(options.contentDisplay, "site.yml")
        let (siteText, readProblem) = source.readText("site.yml", display: siteDisplay, code: "site")
        if let readProblem { return (nil, [readProblem]) }
        var (parsed, diagnostics) = SiteConfig.parse(siteText ?? "", file: siteDisplay)
        guard let site = parsed else { return (nil, diagnostics) }
        let (editorial, editorialDiagnostics) = EditorialLoader.load(source, options: options, site: site)
        diagnostics += editorialDiagnostics
        let context = LoadContext(
            source: source, options: options, site: site, siteText: siteText ?? "", now: options.now ?? Date(),
            editorial: editorial, privacy: PrivacyAllowList(site: site))
        return (context, diagnostics)
    }
}
