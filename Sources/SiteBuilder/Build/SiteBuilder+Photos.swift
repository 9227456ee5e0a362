import CampaignCore
import Foundation
import Imaging

extension SiteBuilder {
    /// Largest photo file read; bigger uploads are almost certainly a mistake (or a video).
    static let maximumPhotoSize = 50 * 1024 * 1024

    /// One photo to publish.
    struct PhotoJob: Sendable {
        var key: String
        var photo: ExposurePhoto
        /// The photo's content-relative path, `exposures/<bundle>/<file>`.
        var source: String
        /// `media/exposures/<id lowercased>/<base>`; the width and extension are appended.
        var outputBase: String
    }

    /// The photos of a notice (before and after), one job per distinct file.
    static func photoJobs(for notice: ExposureNotice, exposuresFolder: String) -> [PhotoJob] {
        if notice.photos.isEmpty && notice.rectification?.photos.isEmpty ?? true { return [] }
        var jobs: [PhotoJob] = []
        var seen: Set<String> = []
        var bases: Set<String> = []
        let all = notice.photos + (notice.rectification?.photos ?? [])
        for (index, photo) in all.enumerated() where seen.insert(photo.file).inserted {
            var base = outputBaseName(photo.file, index: index + 1)
            if bases.contains(base) {
                var n = 2
                while bases.contains("\(base)-\(n)") { n += 1 }
                base = "\(base)-\(n)"
            }
            bases.insert(base)
            jobs.append(
                PhotoJob(
                    key: PublishedPhoto.key(notice, photo.file), photo: photo,
                    source: "\(exposuresFolder)/\(notice.bundle)/\(photo.file)",
                    outputBase: "media/exposures/\(notice.slug)/\(base)"))
        }
        return jobs
    }

    /// The published file name of a photo without extension: its own base name when that is a slug free of
    /// personal data (`before-1`), else `photo-<n>` (a file name never publishes a phone number, card or
    /// passport number). The name is scanned as written and in capitals, because passport numbers are only
    /// recognised in capitals and the published name is lower case.
    static func outputBaseName(_ file: String, index: Int) -> String {
        var base = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        let written = base
        base = base.lowercased()
        guard Slug.isValid(base), base.utf8.count <= 80, PrivacyScanner.scan(written).isEmpty,
            PrivacyScanner.scan(written.uppercased()).isEmpty
        else {
            return "photo-\(index)"
        }
        return base
    }

    /// Processes every photo in parallel, reusing cached variants; the results are in the order of `jobs`.
    static func processPhotos(
        _ jobs: [PhotoJob], cache: PhotoCache, source: any ContentSource, jobs parallel: Int,
        counter: ProgressCounter? = nil
    ) async -> [PhotoResult] {
        await concurrentMap(jobs, jobs: parallel) { job in
            defer { counter?.advance() }
            return processPhoto(job, cache: cache, source: source)
        }
    }

    /// The processed photos of some notices: the published variants by key, the counts, and the
    /// `exposure.photo` errors (at the photo's `file:` line) and cache warnings.
    struct ProcessedPhotos: Sendable {
        var photos: [String: PublishedPhoto] = [:]
        var processed = 0
        var cached = 0
        var diagnostics: [Diagnostic] = []

        /// Collects the results of `jobs` (in the same order).
        init(jobs: [PhotoJob], results: [PhotoResult]) {
            for (job, result) in zip(jobs, results) {
                switch result {
                case .success(let outcome):
                    photos[job.key] = outcome.photo
                    if outcome.fromCache { cached += 1 } else { processed += 1 }
                    for warning in outcome.warnings { add(warning) }
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                }
            }
        }

        init() {}

        /// All of `parts` together.
        static func merged(_ parts: [ProcessedPhotos]) -> ProcessedPhotos {
            var all = ProcessedPhotos()
            for part in parts {
                all.photos.merge(part.photos) { first, _ in first }
                all.processed += part.processed
                all.cached += part.cached
                for diagnostic in part.diagnostics {
                    if diagnostic.severity == .error { all.diagnostics.append(diagnostic) } else { all.add(diagnostic) }
                }
            }
            return all
        }

        /// Adds a cache warning unless one with its code is there: one is enough, not one per photo.
        mutating func add(_ warning: Diagnostic) {
            if !diagnostics.contains(where: { $0.code == warning.code }) { diagnostics.append(warning) }
        }
    }

    struct PhotoOutcome: Sendable {
        var photo: PublishedPhoto
        var fromCache: Bool
        var warnings: [Diagnostic] = []
    }

    enum PhotoResult: Sendable {
        case success(PhotoOutcome)
        case failure(Diagnostic)
    }

    static func processPhoto(_ job: PhotoJob, cache: PhotoCache, source: any ContentSource) -> PhotoResult {
        let at = job.photo.filePosition
        let name = job.photo.file
        let original: Data
        do {
            if let size = source.info(job.source)?.size, size > maximumPhotoSize {
                return .failure(
                    .error(
                        "photo '\(name)' is too large (\(size / 1024 / 1024) MB; the limit is "
                            + "\(maximumPhotoSize / 1024 / 1024) MB): export it smaller", code: "exposure.photo",
                        at: at))
            }
            original = try source.read(job.source)
        } catch {
            return .failure(
                .error(
                    "cannot read photo '\(name)': \(error.localizedDescription)", code: "exposure.photo", at: at))
        }
        let redact = job.photo.redact.map { [$0.x, $0.y, $0.width, $0.height] }
        let widths = ImageProcessor.standardWidths
        let key = ImageProcessor.cacheKey(original: original, redact: redact, widths: widths)
        if let entries = cache.load(key) {
            return .success(PhotoOutcome(photo: published(entries, job: job), fromCache: true))
        }
        let variants: [ProcessedVariant]
        do {
            variants = try ImageProcessor.process(original: original, redact: redact, widths: widths)
        } catch {
            return .failure(
                .error("photo '\(name)' can not be published: \(error.message)", code: "exposure.photo", at: at))
        }
        // Without a cache the build still works; it only repeats the work next time.
        let inMemory = PublishedPhoto(
            variants: variants.map {
                .init(
                    width: $0.width, height: $0.height, format: $0.format,
                    outputPath: "\(job.outputBase)-\($0.width).\($0.format.fileExtension)", cacheFile: nil,
                    data: $0.data)
            })
        guard cache.writable else { return .success(PhotoOutcome(photo: inMemory, fromCache: false)) }
        do {
            let entries = try cache.store(key, variants)
            return .success(PhotoOutcome(photo: published(entries, job: job), fromCache: false))
        } catch {
            let photo = inMemory
            let warning = Diagnostic.warning(
                "cannot write the image cache in \(cache.folder.path): \(error.localizedDescription); photos are "
                    + "processed again on every build", code: "exposure.photo-cache", file: at.file)
            return .success(PhotoOutcome(photo: photo, fromCache: false, warnings: [warning]))
        }
    }

    static func published(_ entries: [PhotoCache.Entry], job: PhotoJob) -> PublishedPhoto {
        PublishedPhoto(
            variants: entries.sorted { ($0.width, $0.format.rawValue) < ($1.width, $1.format.rawValue) }.map {
                .init(
                    width: $0.width, height: $0.height, format: $0.format,
                    outputPath: "\(job.outputBase)-\($0.width).\($0.format.fileExtension)", cacheFile: $0.file,
                    data: nil)
            })
    }
}
