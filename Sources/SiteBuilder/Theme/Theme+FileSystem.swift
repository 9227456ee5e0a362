import CampaignCore
import Foundation
import ThemeTemplates

extension Theme {
    /// Loads `templates/*.mustache` and `assets/` from a theme folder.
    ///
    /// Template syntax errors become diagnostics with the template's line and column.
    public static func load(from themeURL: URL, displayPath: String) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fm = FileManager.default
        let templatesURL = themeURL.appendingPathComponent("templates")
        var texts: [String: String] = [:]
        guard let names = try? fm.contentsOfDirectory(atPath: templatesURL.path) else {
            return (
                nil,
                [
                    .error(
                        "theme has no templates folder: expected \(displayPath)/templates/*.mustache",
                        code: "theme.missing", file: displayPath)
                ]
            )
        }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let file = "\(displayPath)/templates/\(name)"
            let url = templatesURL.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("cannot read template as UTF-8", code: "theme.read", file: file))
                continue
            }
            let templateName = String(name.dropLast(".mustache".count))
            // Each template alone first, so every one with an error is named, not only the first.
            do {
                _ = try TemplateLibrary(sources: [templateName: text])
                texts[templateName] = text
            } catch {
                diagnostics.append(
                    .error(
                        "template syntax error: \(error.message)", code: "theme.template", file: file,
                        line: error.line, column: error.column))
            }
        }
        // A missing partial would render as nothing and a cycle would recurse until the stack overflows.
        diagnostics += TemplateIncludes(templates: texts).problems { "\(displayPath)/templates/\($0).mustache" }
        for required in requiredTemplates where texts[required] == nil {
            diagnostics.append(
                .error(
                    "theme lacks the template '\(required).mustache'", code: "theme.missing",
                    file: "\(displayPath)/templates"))
        }
        var assetPaths: [String: String] = [:]
        var assetFiles: [(output: String, source: URL)] = []
        let assetsURL = themeURL.appendingPathComponent("assets")
        if let enumerator = fm.enumerator(atPath: assetsURL.path) {
            var relPaths: [String] = []
            for case let rel as String in enumerator {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: assetsURL.appendingPathComponent(rel).path, isDirectory: &isDir),
                    !isDir.boolValue, !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                {
                    relPaths.append(rel)
                }
            }
            for rel in relPaths.sorted() {
                let url = assetsURL.appendingPathComponent(rel)
                guard let data = try? Data(contentsOf: url) else {
                    diagnostics.append(
                        .error("cannot read asset", code: "theme.read", file: "\(displayPath)/assets/\(rel)"))
                    continue
                }
                var hash = FNV1a()
                hash.combine(data)
                let ext = (rel as NSString).pathExtension
                let base = ext.isEmpty ? rel : String(rel.dropLast(ext.count + 1))
                let output = "assets/\(base).\(hash.hex(8))" + (ext.isEmpty ? "" : ".\(ext)")
                assetPaths[rel] = "/" + output
                assetFiles.append((output, url))
            }
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        do {
            let library = try TemplateLibrary(sources: texts)
            let theme = Theme(
                library: library, assetPaths: assetPaths, assetFiles: assetFiles, templateNames: Set(texts.keys))
            return (theme, diagnostics)
        } catch {
            diagnostics.append(
                .error(
                    "template syntax error: \(error.message)", code: "theme.template",
                    file: "\(displayPath)/templates/\(error.template).mustache", line: error.line, column: error.column)
            )
            return (nil, diagnostics)
        }
    }
}
