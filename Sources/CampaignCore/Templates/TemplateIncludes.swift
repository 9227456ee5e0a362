import Foundation
import ThemeTemplates

/// The partials (`{{> name}}`) and parents (`{{< name}}`) each template includes, checked before any page
/// is rendered: Mustache renders a missing partial as nothing (a page silently loses a block), and a
/// template that includes itself, directly or through others, recurses until the renderer's depth limit.
public struct TemplateIncludes: Sendable {
    /// One `{{> name}}` or `{{< name}}` tag.
    public struct Include: Sendable, Hashable {
        public var name: String
        public var line: Int
        public var column: Int
        /// True for a parent `{{< name}}`, false for a partial `{{> name}}`.
        public var isParent = false
        /// The parents whose block overrides are open where the tag stands (`{{<base}}…here…{{/base}}`).
        public var openParents: [String] = []
    }

    /// Template name → its includes, in order.
    public private(set) var includes: [String: [Include]] = [:]

    /// Scans the template texts (name → Mustache source).
    public init(templates: [String: String]) {
        for (name, text) in templates { includes[name] = Self.scan(text) }
    }

    /// The includes of one template's text, read by the theme's parser (`TemplateTag`), so delimiters,
    /// names and the ends of tags are found as the parser finds them. Dynamic names (`{{>*name}}`) are
    /// skipped. A template the parser rejects gives the includes before the rejected tag: the theme's
    /// parse reports that tag.
    public static func scan(_ text: String) -> [Include] {
        var found: [Include] = []
        // Open sections, blocks and parents, innermost last.
        var sections: [(name: String, isParent: Bool)] = []
        for tag in TemplateTag.tags(in: text) {
            switch tag.kind {
            case .partial, .parent:
                guard !tag.name.isEmpty, !tag.name.hasPrefix("*") else { continue }
                let isParent = tag.kind == .parent
                found.append(
                    Include(
                        name: tag.name, line: tag.line, column: tag.column, isParent: isParent,
                        openParents: sections.filter(\.isParent).map(\.name)))
                if isParent { sections.append((tag.name, true)) }
            case .section, .inverted, .block:
                sections.append((tag.name, false))
            case .close:
                if let last = sections.lastIndex(where: { $0.name == tag.name }) { sections.removeSubrange(last...) }
            case .variable, .unescaped, .comment, .delimiters:
                continue
            }
        }
        return found
    }

    /// Errors for every include of a template that does not exist and for every include cycle, each on
    /// the line of the include; `file` gives a template's display path.
    public func problems(file: (String) -> String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in includes.keys.sorted() {
            for include in includes[name] ?? [] where includes[include.name] == nil {
                diagnostics.append(
                    .error(
                        "模板 '\(name)' 第 \(include.line) 行引用的局部模板 '\(include.name)' 不存在 "
                            + "(template '\(name)' includes the partial '\(include.name)', which the theme lacks)",
                        code: "theme.partial-missing", file: file(name), line: include.line, column: include.column))
            }
        }
        // A parent used again inside its own block overrides (directly or through partials) recurses for
        // ever: the outer overrides fill the inner parent's blocks, which hold the parent again.
        for name in includes.keys.sorted() {
            for include in includes[name] ?? [] where !include.openParents.isEmpty {
                let reached = include.isParent ? [include.name] : parentsReached(from: include.name)
                guard let parent = include.openParents.first(where: reached.contains) else { continue }
                diagnostics.append(
                    .error(
                        "模板 '\(name)' 在 {{<\(parent)}} 的区块里再次使用了 {{<\(parent)}}"
                            + (include.isParent ? "" : "（经由局部模板 '\(include.name)'）")
                            + "，渲染会无限递归：\(name) → \(parent) → \(name) "
                            + "(a parent used inside its own block recurses without end)",
                        code: "theme.partial-cycle", file: file(name), line: include.line, column: include.column))
            }
        }
        // Each cycle once, named from its smallest template and reported at that template's include.
        var reported: Set<[String]> = []
        for start in includes.keys.sorted() {
            var path: [(name: String, include: Include?)] = [(start, nil)]
            var onPath: Set<String> = [start]
            var done: Set<String> = []
            findCycles(from: start, path: &path, onPath: &onPath, done: &done) { chain, at, owner in
                let members = Array(chain.dropLast())
                guard let first = members.min(), first == start else { return }
                let key = members
                guard reported.insert(key).inserted else { return }
                diagnostics.append(
                    .error(
                        "模板互相引用，渲染会无限递归：\(chain.joined(separator: " → ")) "
                            + "(templates include each other without end)",
                        code: "theme.partial-cycle", file: file(owner), line: at.line, column: at.column))
            }
        }
        return diagnostics
    }

    /// The parents used by `name` and every template it includes, transitively.
    func parentsReached(from name: String) -> Set<String> {
        var parents: Set<String> = []
        var seen: Set<String> = []
        var stack = [name]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            for include in includes[next] ?? [] {
                if include.isParent { parents.insert(include.name) }
                stack.append(include.name)
            }
        }
        return parents
    }

    private func findCycles(
        from name: String, path: inout [(name: String, include: Include?)], onPath: inout Set<String>,
        done: inout Set<String>, found: ([String], Include, String) -> Void
    ) {
        for include in includes[name] ?? [] where includes[include.name] != nil {
            if onPath.contains(include.name) {
                guard let from = path.firstIndex(where: { $0.name == include.name }) else { continue }
                // Reported at the include that leaves the chain's first template (its own line).
                let first = from + 1 < path.count ? (path[from + 1].include ?? include) : include
                found(path[from...].map(\.name) + [include.name], first, include.name)
                continue
            }
            if done.contains(include.name) { continue }
            path.append((include.name, include))
            onPath.insert(include.name)
            findCycles(from: include.name, path: &path, onPath: &onPath, done: &done, found: found)
            onPath.remove(include.name)
            path.removeLast()
        }
        done.insert(name)
    }
}
