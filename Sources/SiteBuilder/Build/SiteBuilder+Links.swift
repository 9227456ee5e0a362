import CampaignCore
import Foundation

/// The link check at the end of a build: every internal link and image of every HTML page written
/// must lead to a written file, and every `#anchor` to an id on its page.
extension SiteBuilder {
    /// Broken links and anchors (errors naming the content or template file and line), and the
    /// external links when `options.listExternalLinks` is set.
    ///
    /// The pages were scanned while they were rendered; this only resolves paths against the set of
    /// written files, so it stays cheap on 10,000 pages. Under `campaign serve` (`memo`), the check of
    /// the previous build is kept and only the pages whose links or targets changed are checked again
    /// (`LinkCheck`).
    static func checkLinks(
        _ pages: [PageLinks], writtenFiles: Set<String>, site: SiteConfig, options: BuildOptions,
        memo: RenderMemo? = nil
    ) -> (diagnostics: [Diagnostic], external: [ExternalLink]) {
        let memoKey = "link-check"
        var check =
            memo?.take(memoKey, as: LinkCheck.self).flatMap { $0.baseURL == site.baseURL ? $0 : nil }
            ?? LinkCheck(baseURL: site.baseURL, remembers: memo != nil)
        // Under serve the same set as the last build's when no file came or went: compared at once.
        let unpublished =
            memo?.derived("unpublished-sections", inputs: writtenFiles) { unpublishedSections(writtenFiles: $0) }
            ?? unpublishedSections(writtenFiles: writtenFiles)
        let result = check.check(
            pages: pages, existingFiles: writtenFiles, setAside: unpublished.map(\.folder), jobs: options.jobs)
        memo?.keep(memoKey, check, whenCommitted: false)
        let external =
            options.listExternalLinks ? LinkChecker.externalLinks(pages: pages, baseURL: site.baseURL) : []
        return (sectionWarnings(result.setAside, sections: unpublished) + result.diagnostics, external)
    }

    /// The sections with their own renderer, by output folder, and their names for messages.
    static let featureSections: [(folder: String, name: String)] = [
        ("exposures", "exposure board (曝光台)"), ("progress", "progress dashboard (创建进度)"),
        ("led", "LED section (LED 播放)"),
    ]

    /// The sections with their own renderer that this build does not publish: nothing is written under
    /// their folder (no progress data, no `led/` folder, or no templates for it in the theme).
    ///
    /// When every section is published (the default theme) this costs one look at the written files.
    static func unpublishedSections(writtenFiles: Set<String>) -> [(folder: String, name: String)] {
        // A section with its `index.html` written is published; only when one is not are the files read.
        featureSections.filter { section in
            guard !writtenFiles.contains(section.folder + "/index.html") else { return false }
            let folder = section.folder + "/"
            return !writtenFiles.contains { $0.hasPrefix(folder) }
        }
    }

    /// Links into a whole section the build does not publish become one warning `link.section` per
    /// link, as a missing section is itself no error; the check sets them aside and checks the rest
    /// as usual.
    static func sectionWarnings(
        _ links: [LinkCheck.SetAsideLink], sections: [(folder: String, name: String)]
    ) -> [Diagnostic] {
        links.map { link in
            let name = sections.first { $0.folder == link.folder }?.name ?? link.folder
            let more = link.count > 1 ? " (on \(link.count) pages)" : ""
            return .warning(
                "link '\(link.url)' leads to the \(name), which this build does not publish (its content or "
                    + "its theme templates are missing); the link is dead until the section is published\(more)",
                code: "link.section", file: link.file, line: link.line)
        }
    }
}
