import CampaignCore
import Foundation

extension SiteBuilder {
    /// Loads `Content/exposures/<bundle>/index.md` (DESIGN.md §4): parses and checks every notice in
    /// parallel, rejects duplicate ids, masks personal data in every published text, and processes the
    /// photos (through the image cache beside Output/).
    ///
    /// Only direct, visible subfolders are bundles, so a bundle name never reaches outside the folder.
    static func loadExposures(
        _ options: BuildOptions, site: SiteConfig, editorial: EditorialChecks, diagnostics: inout [Diagnostic],
        signedStates: inout [String: [ReviewStage: SignedReviewRules.StepState]]
    ) async -> ExposureContent {
        let folder = options.contentURL.appendingPathComponent("exposures", isDirectory: true)
        let display = "\(options.contentDisplay)/exposures"
        let (bundles, listing) = listBundles(folder, display: display)
        diagnostics += listing
        let production = options.production
        let allow = PrivacyAllowList(site: site)
        let parsed = await concurrentMap(bundles, jobs: options.jobs) {
            bundle -> (ExposureNotice?, [Diagnostic], SignedReviewRules.Result?) in
            readNotice(
                bundle: bundle, folder: folder, display: display, site: site, production: production,
                allow: allow, editorial: editorial)
        }
        var notices: [ExposureNotice] = []
        for (notice, d, signatures) in parsed {
            diagnostics += d
            if let notice { notices.append(notice) }
            if let notice, let signatures { signedStates[notice.file] = signatures.states }
        }
        diagnostics += ExposureValidation.duplicateIDs(notices)
        var content = ExposureContent(notices: ExposureNotice.newestFirst(notices))
        // Photos of a site that can not be built anyway are not worth processing.
        guard !diagnostics.hasErrors, options.processPhotos else { return content }
        var cache = PhotoCache(folder: options.cache.appendingPathComponent("media", isDirectory: true))
        cache.writable = options.writeOutput  // `campaign check` writes nothing, not even the cache
        let listed = photoJobs(content.notices, exposuresFolder: folder)
        options.progress?(BuildProgress(.photos, done: 0, total: listed.count))
        let photos = await processPhotos(listed, cache: cache, jobs: options.jobs)
        content.photos = photos.photos
        content.processedPhotos = photos.processed
        content.cachedPhotos = photos.cached
        diagnostics += photos.diagnostics
        return content
    }

    /// The bundle folder names (sorted), and warnings for anything else found in `exposures/`.
    static func listBundles(_ folder: URL, display: String) -> ([String], [Diagnostic]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return ([], []) }
        var bundles: [String] = []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                diagnostics.append(
                    .warning(
                        "'\(name)' is not a notice: each notice is a folder holding 'index.md' and its photos "
                            + "(run 'campaign new exposure TITLE')", code: "exposure.bundle", file: "\(display)/\(name)"
                    ))
                continue
            }
            guard fm.fileExists(atPath: url.appendingPathComponent("index.md").path) else {
                diagnostics.append(
                    .warning(
                        "folder '\(name)' has no index.md and is skipped; add the notice's index.md or remove the "
                            + "folder", code: "exposure.bundle", file: "\(display)/\(name)"))
                continue
            }
            bundles.append(name)
        }
        return (bundles, diagnostics)
    }

    /// Reads, parses, checks (review and terms, on the text as written) and masks one bundle's notice.
    static func readNotice(
        bundle: String, folder: URL, display: String, site: SiteConfig, production: Bool, allow: PrivacyAllowList,
        editorial: EditorialChecks
    ) -> (ExposureNotice?, [Diagnostic], SignedReviewRules.Result?) {
        let bundleURL = folder.appendingPathComponent(bundle, isDirectory: true)
        let file = "\(display)/\(bundle)/index.md"
        let (text, readProblem) = ContentFiles.readText(
            bundleURL.appendingPathComponent("index.md"), display: file, code: "exposure")
        guard let text else { return (nil, readProblem.map { [$0] } ?? [], nil) }
        let (frontMatter, splitDiagnostics) = FrontMatter.split(text, file: file, code: "exposure")
        guard let frontMatter else { return (nil, splitDiagnostics, nil) }
        let files = filesIn(bundleURL)
        let (notice, diagnostics) = ExposureNotice.parse(
            frontMatter: frontMatter, file: file, bundle: bundle, site: site, filesInBundle: files)
        guard let notice else { return (nil, diagnostics, nil) }
        var checks = editorial.check(notice: notice)
        var signatures: SignedReviewRules.Result?
        if editorial.signed {
            signatures = editorial.signatures(
                notice.review, kind: .exposure, id: notice.id, file: file,
                contentHash: noticeContentHash(text, notice: notice, bundle: bundleURL, files: files))
            checks += signatures?.diagnostics ?? []
        }
        let (masked, privacy) = PrivacyMasking.mask(
            notice, production: production, allow: allow)
        return (masked, diagnostics + checks + privacy, signatures)
    }

    /// Paths of the visible files in a bundle relative to it (`before-1.jpg`, `photos/a.jpg`), except index.md.
    static func filesIn(_ bundle: URL) -> Set<String> {
        var files: Set<String> = []
        guard
            let enumerator = FileManager.default.enumerator(
                at: bundle, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return files }
        let prefix = bundle.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            if relative != "index.md" { files.insert(relative) }
        }
        return files
    }
}
