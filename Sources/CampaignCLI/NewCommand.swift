import ArgumentParser
import CampaignCore
import Foundation

/// `campaign new news|exposure|page TITLE`: scaffolds a content file with its front matter.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a news post, exposure notice or page with its front matter.")

    @Argument(help: "What to create: news, exposure or page.")
    var kind: Scaffold.Kind

    @Argument(help: "The title.")
    var title: String

    @Option(help: "The slug for the URL (a-z, 0-9, '-'); derived from the title when it is Latin text.")
    var slug: String?

    @Option(help: "The content folder.")
    var content: String = "Content"

    func run() throws {
        let zone = SiteConfig.defaultTimeZone
        let now = Date()
        var chosen = slug ?? Slug.suggest(from: title)
        if slug == nil && chosen == "post" {
            let c = ContentDate.components(of: now, in: zone)
            chosen =
                "\(kind.rawValue)-\(ContentDate.pad(c.hour))\(ContentDate.pad(c.minute))\(ContentDate.pad(c.second))"
        }
        guard Slug.isValid(chosen) else {
            throw ValidationError("--slug may hold only a-z, 0-9 and '-', got '\(chosen)'")
        }
        let (path, text) = Scaffold.make(kind, title: title, slug: chosen, now: now, timeZone: zone)
        let root = URL(
            fileURLWithPath: content, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        guard FileManager.default.fileExists(atPath: root.path) else {
            Console.current.err("error: content folder '\(content)' not found")
            throw ExitCode(2)
        }
        let target = root.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            Console.current.err("error: \(content)/\(path) already exists; choose another --slug")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: target)
        } catch {
            Console.current.err("error: cannot write \(content)/\(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        Console.current.out("\(content)/\(path)")
    }
}

extension Scaffold.Kind: ExpressibleByArgument {}
