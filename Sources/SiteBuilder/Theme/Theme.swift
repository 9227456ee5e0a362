import CampaignCore
import Foundation
import Mustache
import ThemeTemplates

/// The compiled templates and fingerprinted assets of a theme.
///
/// Templates are parsed once per build and shared by every render task (`MustacheLibrary` is a
/// Sendable value).
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Asset file name → fingerprinted site path, e.g. `style.css` → `/assets/style.1a2b3c4d.css`.
    public let assetPaths: [String: String]
    /// Fingerprinted output path (relative to Output/) → source file.
    public let assetFiles: [(output: String, source: URL)]
    /// Names of the loaded templates.
    public let templateNames: Set<String>

    public init(
        library: MustacheLibrary, assetPaths: [String: String], assetFiles: [(output: String, source: URL)],
        templateNames: Set<String>
    ) {
        self.library = library
        self.assetPaths = assetPaths
        self.assetFiles = assetFiles
        self.templateNames = templateNames
    }

    /// Templates every theme must provide.
    public static let requiredTemplates = ["home", "news-list", "news-article", "tag", "page", "404"]

    /// Renders `template` with `data`; nil when the theme lacks the template.
    public func render(_ template: String, _ data: any TemplateObject) -> String? {
        library.render(TemplateValue.dictionary(data), withTemplate: template)
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

extension TemplateValue {
    /// The value as swift-mustache sees it.
    var mustacheValue: Any? {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .decimal(let number): number
        case .bool(let flag): flag
        case .list(let values): values.compactMap(\.mustacheValue)
        case .object(let object): Self.dictionary(object)
        case .null: nil
        }
    }

    static func dictionary(_ object: any TemplateObject) -> [String: Any] {
        if let dictionary = object as? [String: TemplateValue] { return dictionary.compactMapValues(\.mustacheValue) }
        if let model = object as? any TemplateModel { return model.mustacheDictionary }
        return [:]
    }
}

extension TemplateModel {
    var mustacheDictionary: [String: Any] {
        var dictionary = inherited.map { TemplateValue.dictionary($0) } ?? [:]
        for field in Self.fields.fields {
            if let value = field.read(self)?.mustacheValue { dictionary[field.name] = value }
        }
        return dictionary
    }
}
