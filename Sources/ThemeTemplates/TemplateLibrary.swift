/// A theme's Mustache templates, parsed once and rendered many times, from any number of tasks.
///
/// Implements the Mustache spec (v1.4): interpolation, sections, inverted sections, comments, partials,
/// set delimiters and the optional inheritance module (`{{<parent}}` with `{{$block}}`). Lambdas are not
/// implemented, as template values are data; dynamic names (`{{>*name}}`), transforms (`{{f(name)}}`)
/// and pragmas (`{{%…}}`) are parse errors rather than text that renders wrongly. Where the spec leaves
/// a choice, the renderer does what swift-mustache 2.1.1 does: an empty text and 0 are truthy, text is
/// escaped by `HTMLEscaping`, decimals are written as Swift's `description`.
public struct TemplateLibrary: Sendable {
    private let templates: [Template]
    private let indices: [String: Int]
    /// The bounds of every render (`TemplateRenderLimits`).
    public var limits = TemplateRenderLimits()

    /// Parses every template (name → source). Throws the first parse error with template name, line,
    /// column; templates are parsed in name order, so the error is the same on every run.
    ///
    /// Partials and parents are looked up in `sources` by name; one that is not there renders as nothing,
    /// as the spec says.
    public init(sources: [String: String]) throws(TemplateError) {
        let names = sources.keys.sorted()
        var indices: [String: Int] = [:]
        for (index, name) in names.enumerated() { indices[name] = index }
        var blocks: [String: Int] = [:]
        var templates: [Template] = []
        templates.reserveCapacity(names.count)
        for name in names {
            templates.append(try Template.parse(sources[name] ?? "", named: name, templates: indices, blocks: &blocks))
        }
        self.templates = templates
        self.indices = indices
    }

    /// The names of the templates.
    public var names: Set<String> { Set(indices.keys) }

    /// Whether there is a template of this name.
    public func contains(_ name: String) -> Bool { indices[name] != nil }

    /// Renders `name` with `context` as the bottom of the context stack; nil when there is no such template.
    ///
    /// - Parameter unresolved: called with the full name of each tag whose first part is found in no
    ///   context on the stack (`{{site.title}}` when no context has `site`), each time it is met.
    public func render(
        _ name: String, _ context: TemplateValue, unresolved: ((String) -> Void)? = nil
    ) -> String? {
        var output: [UInt8] = []
        guard render(name, context, into: &output, unresolved: unresolved) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// Same, appending UTF-8 bytes to `output` (the fast path: pages are written to disk as bytes).
    /// Returns false when there is no such template.
    public func render(
        _ name: String, _ context: TemplateValue, into output: inout [UInt8],
        unresolved: ((String) -> Void)? = nil
    ) -> Bool {
        render(name, context, appending: &output, unresolved: unresolved) != nil
    }

    /// Same, telling how the render ended: nil when there is no such template, `.complete`, or the limit
    /// (`TemplateLimit`) that left part of the output out.
    public func render(
        _ name: String, _ context: TemplateValue, appending output: inout [UInt8],
        unresolved: ((String) -> Void)? = nil
    ) -> TemplateRenderEnd? {
        guard let index = indices[name] else { return nil }
        var renderer = Template.Renderer(
            templates: templates, context: context, limits: limits, outputStart: output.count, unresolved: unresolved)
        renderer.render(template: index, into: &output)
        return renderer.cut.map { .cut($0) } ?? .complete
    }
}
