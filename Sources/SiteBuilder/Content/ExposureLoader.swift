import CampaignCore
import Foundation

/// Exposure notices: `Content/exposures/<bundle>/index.md` with the photos beside it (docs/exposure-notices.md).
///
/// Each bundle is parsed, checked and masked on its own; ids are compared across bundles and the photos
/// processed (through the image cache) in `assemble`. Processed photos are kept per bundle, so a reload
/// processes again only the photos of the bundle that changed. Only direct, visible subfolders are bundles,
/// so a bundle name never reaches outside the folder.
struct ExposureLoader: ContentKind {
    static let folder = "exposures"

    /// One bundle as loaded.
    struct Loaded: Sendable {
        /// The notice with every published text masked, and its entry in the review report (with its verified
        /// review steps when the site signs reviews), made here, in parallel, rather than when the notices are put
        /// together on one core; nil when the notice could not be read or parsed.
        var notice: (notice: ExposureNotice, reviewItem: ReviewReport.Item)?
        var diagnostics: [Diagnostic]
    }

    /// The bundle folder names, sorted.
    var bundles: [String] = []
    /// Warnings about what else lies in `exposures/`.
    var listing: [Diagnostic] = []
    /// Bundle → what was loaded from it.
    var loaded: [String: Loaded] = [:]
    /// Bundle → its processed photos, kept until the bundle changes.
    var photos: [String: SiteBuilder.ProcessedPhotos] = [:]
    /// What the last `assemble` added, kept until a bundle is read again: under `campaign serve` an edit
    /// elsewhere (a news item) leaves the notices as they were, in the same storage, so the board and its
    /// lists compare equal at once instead of notice by notice.
    private var last: Assembled?

    struct Assembled: Sendable {
        var content: ExposureContent
        var diagnostics: [Diagnostic]
        var reviewItems: [ReviewReport.Item]
        /// Whether the kinds before had errors: then photos are not processed.
        var errorsBefore: Bool
    }

    /// The bundle of a path in `exposures/`; the empty unit (everything) for the folder itself.
    func unit(of path: String) -> String? {
        if path == Self.folder { return "" }
        guard path.hasPrefix(Self.folder + "/"),
            let bundle = path.dropFirst(Self.folder.count + 1).split(separator: "/").first, !bundle.hasPrefix(".")
        else { return nil }
        return String(bundle)
    }

    mutating func loadAll(_ context: LoadContext) async {
        (bundles, listing) = Self.listBundles(context)
        let results = await concurrentMap(bundles, jobs: context.jobs) { bundle in
            defer { context.loaded() }
            return Self.load(bundle: bundle, context)
        }
        loaded = Dictionary(uniqueKeysWithValues: zip(bundles, results))
        photos = [:]
        last = nil
    }

    mutating func reload(unit bundle: String, _ context: LoadContext) async {
        guard !bundle.isEmpty else { return await loadAll(context) }
        (bundles, listing) = Self.listBundles(context)
        loaded[bundle] = bundles.contains(bundle) ? Self.load(bundle: bundle, context) : nil
        photos[bundle] = nil
        last = nil
    }

    /// The bundle folder names (sorted), and warnings for anything else found in `exposures/`.
    static func listBundles(_ context: LoadContext) -> ([String], [Diagnostic]) {
        let source = context.source
        var bundles: [String] = []
        var diagnostics: [Diagnostic] = []
        for name in source.names(in: folder) ?? [] where !name.hasPrefix(".") {
            let path = "\(folder)/\(name)"
            guard let info = source.info(path) else { continue }
            if !info.isFolder {
                diagnostics.append(
                    .warning(
                        "'\(name)' is not a notice: each notice is a folder holding 'index.md' and its photos "
                            + "(run 'campaign new exposure TITLE')", code: "exposure.bundle",
                        file: context.display(path)
                    ))
                continue
            }
            guard source.info("\(path)/index.md") != nil else {
                diagnostics.append(
                    .warning(
                        "folder '\(name)' has no index.md and is skipped; add the notice's index.md or remove the "
                            + "folder", code: "exposure.bundle", file: context.display(path)))
                continue
            }
            bundles.append(name)
        }
        return (bundles, diagnostics)
    }

    /// Reads, parses, checks (review and terms, on the text as written) and masks one bundle's notice.
    static func load(bundle: String, _ context: LoadContext) -> Loaded {
        let bundlePath = "\(folder)/\(bundle)"
        let path = "\(bundlePath)/index.md"
        let file = context.display(path)
        let source = context.source
        let (read, readProblem) = source.readText(path, display: file, code: "exposure")
        guard let text = read else { return Loaded(diagnostics: readProblem.map { [$0] } ?? []) }
        let (frontMatter, splitDiagnostics) = FrontMatter.split(text, file: file, code: "exposure")
        guard let frontMatter else { return Loaded(diagnostics: splitDiagnostics) }
        var files = source.files(under: bundlePath)
        files.remove("index.md")
        let (notice, diagnostics) = ExposureNotice.parse(
            frontMatter: frontMatter, file: file, bundle: bundle, site: context.site, filesInBundle: files)
        guard let notice else { return Loaded(diagnostics: diagnostics) }
        let editorial = context.editorial
        var checks = editorial.check(notice: notice)
        var signatures: SignedReviewRules.Result?
        if editorial.signed {
            let hash = SiteBuilder.noticeContentHash(text, notice: notice, files: files) {
                try? source.read("\(bundlePath)/\($0)")
            }
            signatures = editorial.signatures(
                notice.review, kind: .exposure, id: notice.id, file: file, contentHash: hash)
            checks += signatures?.diagnostics ?? []
        }
        let (masked, privacy) = PrivacyMasking.mask(notice, production: context.production, allow: context.privacy)
        let reviewItem = editorial.reportItem(ReviewReport.Item(notice: masked), states: signatures?.states)
        return Loaded(notice: (masked, reviewItem), diagnostics: diagnostics + checks + privacy)
    }

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        let errorsBefore = site.diagnostics.hasErrors
        if let last, last.errorsBefore == errorsBefore {
            site.diagnostics += last.diagnostics
            site.reviewItems += last.reviewItems
            site.content.exposures = last.content
            return
        }
        let (diagnosticsBefore, reviewItemsBefore) = (site.diagnostics.count, site.reviewItems.count)
        await assembleAll(into: &site, context)
        // A one-off build keeps nothing: the notices were moved out of what was loaded.
        guard !site.spendsLoaded else { return }
        last = Assembled(
            content: site.content.exposures, diagnostics: Array(site.diagnostics[diagnosticsBefore...]),
            reviewItems: Array(site.reviewItems[reviewItemsBefore...]), errorsBefore: errorsBefore)
    }

    private mutating func assembleAll(into site: inout SiteAssembly, _ context: LoadContext) async {
        site.diagnostics += listing
        var notices: [ExposureNotice] = []
        var reviewItems: [ReviewReport.Item] = []
        notices.reserveCapacity(bundles.count)
        reviewItems.reserveCapacity(bundles.count)
        for bundle in bundles {
            // Moved out of what was loaded when a one-off build spends it; copied when it is kept.
            guard var entry = site.spendsLoaded ? loaded.removeValue(forKey: bundle) : loaded[bundle] else {
                continue
            }
            site.diagnostics += entry.diagnostics
            if let (notice, reviewItem) = entry.notice.take() {
                notices.append(notice)
                reviewItems.append(reviewItem)
            }
        }
        site.diagnostics += ExposureValidation.duplicateIDs(notices)
        // Put in order in place: `order.map { notices[$0] }` copied every notice.
        let order = ExposureNotice.newestFirstOrder(notices)
        notices.permute(by: order)
        reviewItems.permute(by: order)
        var content = ExposureContent(notices: notices)
        defer {
            site.content.exposures = content
            site.reviewItems += reviewItems
        }
        // Photos of a site that can not be built anyway are not worth processing.
        guard !site.diagnostics.hasErrors, context.options.processPhotos else { return }
        await processMissingPhotos(content.notices, context)
        let all = SiteBuilder.ProcessedPhotos.merged(
            photos.isEmpty ? [] : content.notices.compactMap { photos[$0.bundle] })
        content.photos = all.photos
        content.processedPhotos = all.processed
        content.cachedPhotos = all.cached
        site.diagnostics += all.diagnostics
    }

    /// Processes the photos of the notices whose bundles have none kept, all of them in one parallel run.
    mutating func processMissingPhotos(_ notices: [ExposureNotice], _ context: LoadContext) async {
        let options = context.options
        var cache = PhotoCache(folder: options.cache.appendingPathComponent("media", isDirectory: true))
        cache.writable = options.writeOutput  // `campaign check` writes nothing, not even the cache
        let missing = photos.isEmpty ? notices : notices.filter { photos[$0.bundle] == nil }
        let jobs = missing.map { SiteBuilder.photoJobs(for: $0, exposuresFolder: Self.folder) }
        let all = jobs.flatMap { $0 }
        let counter = ProgressCounter(.photos, total: all.count, report: options.progress)
        let results = await SiteBuilder.processPhotos(
            all, cache: cache, source: context.source, jobs: context.jobs, counter: counter)
        if !all.isEmpty { counter.finish() }
        var offset = 0
        for (notice, noticeJobs) in zip(missing, jobs) {
            // A notice without photos has nothing to keep: it costs nothing to look at again.
            if noticeJobs.isEmpty { continue }
            let range = offset..<(offset + noticeJobs.count)
            photos[notice.bundle] = SiteBuilder.ProcessedPhotos(jobs: noticeJobs, results: Array(results[range]))
            offset = range.upperBound
        }
    }
}
