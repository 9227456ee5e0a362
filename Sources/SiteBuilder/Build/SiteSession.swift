import CampaignCore
import Foundation

/// The builder behind `campaign serve`: keeps the theme and the results of every render unit between
/// builds, and updates the output folder in place, so an edit re-renders only what depends on it
/// (docs/performance.md, "Incremental serve"). The output is the same, byte for byte, as a full
/// build of the same content (the build record's `built_at` aside).
///
/// Without `--now` the session reads the clock at its first build and again at the first build of
/// each new day (in the site's time zone), reloading everything then: content kept between builds was
/// checked against that clock (what is published, what is overdue).
public actor SiteSession {
    public let options: BuildOptions
    /// The options of the current builds: `now` fixed as described above.
    private var clocked: BuildOptions
    let memo = RenderMemo()
    private var theme: (Theme?, [Diagnostic])?
    private var loaded: LoadedSite?
    private var writer: IncrementalWriter?

    /// How the last build went: units rendered and units reused.
    public private(set) var lastRendered = 0
    public private(set) var lastReused = 0

    public init(options: BuildOptions) {
        self.options = options
        self.clocked = options
    }

    /// Builds the site after the files `changed` changed (absolute paths; empty: anything may have).
    public func build(changed: [URL] = []) async -> BuildReport {
        let themeFolder = options.themeURL.standardizedFileURL.path + "/"
        let contentFolder = options.contentURL.standardizedFileURL.path + "/"
        var paths = changed.map(\.standardizedFileURL.path)
        if options.now == nil {
            let now = Date()
            if let previous = clocked.now, let site = loaded?.context?.site,
                ContentDate.dayString(previous, in: site.timeZone) == ContentDate.dayString(now, in: site.timeZone)
            {
                // Same day: keep the clock, so what was loaded stays valid.
            } else {
                clocked.now = now
                loaded = nil
                paths = []
            }
        }
        if theme == nil || paths.isEmpty || paths.contains(where: { $0.hasPrefix(themeFolder) }) {
            theme = Theme.load(from: options.themeURL, displayPath: options.themeDisplay)
            memo.clear()
        }
        // Settings read by every page: start over. (Pages, news, notices, tables and messages are
        // covered by each unit's fingerprint.)
        let global = ["site.yml", "reviewers.yml"].map { contentFolder + $0 }
        if paths.contains(where: global.contains) { memo.clear() }
        if writer != nil, !FileManager.default.fileExists(atPath: options.outputURL.path) {
            writer = nil
        }
        if writer == nil { memo.clear() }
        // Content: read again only the files that changed (every file for site.yml and the editorial
        // files, or when the changes are not known).
        let contentChanges = paths.filter { $0.hasPrefix(contentFolder) }.map {
            String($0.dropFirst(contentFolder.count))
        }
        // Taken out, so that reading a file again and putting the site together change what was loaded in
        // place (a copy would copy the table of every news file), and the kinds keep what they put together
        // for the next edit.
        var site: LoadedSite
        if !paths.isEmpty, var kept = loaded.take() {
            if !contentChanges.isEmpty { await kept.reload(contentChanges) }
            site = kept
        } else {
            site = await LoadedSite.load(clocked)
        }
        let assembled = await site.assemble()
        loaded = site
        memo.begin()
        let report = await SiteBuilder.build(
            clocked, theme: theme, memo: memo, incremental: writer, assembled: assembled)
        lastRendered = memo.misses
        lastReused = memo.hits
        if report.published, writer == nil, let record = Self.record(of: options.outputURL) {
            writer = IncrementalWriter(output: options.outputURL, files: record.files)
        }
        return report
    }

    static func record(of output: URL) -> BuildRecord? {
        guard let data = try? Data(contentsOf: output.appendingPathComponent(BuildRecord.fileName)) else { return nil }
        return try? BuildRecord.decode(data)
    }
}
