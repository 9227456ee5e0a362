import CampaignCore
import Foundation
import ThemeTemplates

/// The compiled templates and fingerprinted assets of a theme.
///
/// Templates are parsed once per build and shared by every render task (`TemplateLibrary` is a
/// Sendable value).
public struct Theme: Sendable {
    public let library: TemplateLibrary
    /// Asset file name → fingerprinted site path, e.g. `style.css` → `/assets/style.1a2b3c4d.css`.
    public let assetPaths: [String: String]
    /// Fingerprinted output path (relative to Output/) → source file.
    public let assetFiles: [(output: String, source: URL)]
    /// Names of the loaded templates.
    public let templateNames: Set<String>

    public init(
        library: TemplateLibrary, assetPaths: [String: String], assetFiles: [(output: String, source: URL)],
        templateNames: Set<String>
    ) {
        self.library = library
        self.assetPaths = assetPaths
        self.assetFiles = assetFiles
        self.templateNames = templateNames
    }

    /// Templates every theme must provide.
    public static let requiredTemplates = ["home", "news-list", "news-article", "tag", "page", "404"]

    /// When set, every name a template uses that no model has is recorded here (a test of the theme
    /// against the models, docs/theme.md).
    var unresolvedNames: NameRecorder? = nil

    /// Renders `template` with `data`; nil when the theme lacks the template.
    public func render(_ template: String, _ data: any TemplateObject) -> String? {
        guard let unresolvedNames else { return library.render(template, .object(data)) }
        return library.render(template, .object(data)) { unresolvedNames.insert(template, $0) }
    }

    /// Renders `template` with `data` as UTF-8 bytes, as pages are written; nil when the theme lacks the
    /// template.
    /// `cut` is the limit that left part of the page out (`TemplateLimit`), if one did.
    public func renderBytes(_ template: String, _ data: any TemplateObject) -> (bytes: [UInt8], cut: TemplateLimit?)? {
        var output: [UInt8] = []
        // Room for a typical page (10–20 KB) from the start, instead of a dozen doublings and copies.
        output.reserveCapacity(24 * 1024)
        let end: TemplateRenderEnd?
        if let unresolvedNames {
            end = library.render(template, .object(data), appending: &output) { unresolvedNames.insert(template, $0) }
        } else {
            end = library.render(template, .object(data), appending: &output)
        }
        return end.map { (output, $0.limit) }
    }

    /// The asset paths as a Mustache context: `style.css` is `{{assets.style_css}}`.
    public var assetContext: [String: String] {
        var context: [String: String] = [:]
        for (name, path) in assetPaths {
            context[name.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_")] = path
        }
        return context
    }
}

/// Names templates used that resolved to nothing, by template.
final class NameRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []

    func insert(_ template: String, _ name: String) {
        lock.lock()
        names.insert("\(template): \(name)")
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return names.sorted()
    }
}
