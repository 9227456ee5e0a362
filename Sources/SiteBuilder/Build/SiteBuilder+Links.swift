import CampaignCore
import Foundation

/// The link check at the end of a build: every internal link and image of every HTML page written
/// must lead to a written file, and every `#anchor` to an id on its page.
extension SiteBuilder {
    /// Broken links and anchors (errors naming the content or template file and line), and the
    /// external links when `options.listExternalLinks` is set.
    ///
    /// The pages were scanned while they were rendered; this only resolves paths against the set of
    /// written files, once, so it stays cheap on 10,000 pages.
    static func checkLinks(
        _ pages: [PageLinks], writtenFiles: Set<String>, site: SiteConfig, options: BuildOptions
    ) -> (diagnostics: [Diagnostic], external: [ExternalLink]) {
        let (checked, sectionWarnings) = setAsideUnpublishedSections(pages, writtenFiles: writtenFiles, site: site)
        let diagnostics = LinkChecker.check(pages: checked, existingFiles: writtenFiles, baseURL: site.baseURL)
        let external =
            options.listExternalLinks ? LinkChecker.externalLinks(pages: pages, baseURL: site.baseURL) : []
        return (sectionWarnings + diagnostics, external)
    }

    /// The sections with their own renderer, by output folder, and their names for messages.
    static let featureSections: [(folder: String, name: String)] = [
        ("exposures", "exposure board (曝光台)"), ("progress", "progress dashboard (创建进度)"),
        ("led", "LED section (LED 播放)"),
    ]

    /// Links into a whole section the build does not publish (nothing written under its folder: no
    /// progress data, no `led/` folder, or no templates for it in the theme) become one warning
    /// `link.section` per link, as a missing section is itself no error; the rest are checked as usual.
    ///
    /// When every section is published (the default theme) this costs one look at the written files.
    static func setAsideUnpublishedSections(
        _ pages: [PageLinks], writtenFiles: Set<String>, site: SiteConfig
    ) -> ([PageLinks], [Diagnostic]) {
        // The sections with an `index.html` written are published; only when one is not are links read.
        let unpublished = featureSections.filter { section in
            guard !writtenFiles.contains(section.folder + "/index.html") else { return false }
            let folder = section.folder + "/"
            return !writtenFiles.contains { $0.hasPrefix(folder) }
        }
        guard !unpublished.isEmpty else { return (pages, []) }
        var base = site.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let basePrefix = base.isEmpty ? nil : base + "/"
        // `/led` as UTF-8 with the section, for a byte comparison per link.
        let roots = unpublished.map { (path: Array("/\($0.folder)".utf8), section: $0) }
        func section(of url: String) -> (folder: String, name: String)? {
            var path = Substring(url)
            if let basePrefix, path.hasPrefix(basePrefix) { path = path.dropFirst(base.count) }
            let bytes = path.utf8
            guard bytes.first == UInt8(ascii: "/") else { return nil }
            for root in roots where bytes.starts(with: root.path) {
                let next = bytes.dropFirst(root.path.count).first
                if next == nil || next == UInt8(ascii: "/") || next == UInt8(ascii: "#") || next == UInt8(ascii: "?") {
                    return root.section
                }
            }
            return nil
        }
        struct Key: Hashable {
            var file: String
            var line: Int
            var url: String
        }
        var found: [Key: (name: String, pages: Int)] = [:]
        var order: [Key] = []
        var kept: [PageLinks] = []
        kept.reserveCapacity(pages.count)
        for page in pages {
            guard page.links.contains(where: { section(of: $0.url) != nil }) else {
                kept.append(page)
                continue
            }
            var page = page
            page.links.removeAll { link in
                guard let section = section(of: link.url) else { return false }
                let key = Key(file: page.sourceFile, line: page.sourceLines[link.url] ?? 0, url: link.url)
                if let existing = found[key] {
                    found[key] = (existing.name, existing.pages + 1)
                } else {
                    found[key] = (section.name, 1)
                    order.append(key)
                }
                return true
            }
            kept.append(page)
        }
        let warnings = order.compactMap { key -> Diagnostic? in
            guard let (name, count) = found[key] else { return nil }
            let more = count > 1 ? " (on \(count) pages)" : ""
            return .warning(
                "link '\(key.url)' leads to the \(name), which this build does not publish (its content or "
                    + "its theme templates are missing); the link is dead until the section is published\(more)",
                code: "link.section", file: key.file, line: key.line)
        }
        return (kept, warnings)
    }
}
