/// The bounds of one render (`Template.Renderer`): past one the rest of the page is left out, so that no
/// theme, however its templates include and nest each other, renders for ever or fills the memory.
///
/// The defaults are far above what any page needs: the sample's largest page, the progress dashboard, runs
/// about 8,500 steps, and the largest page of the 10,000-page benchmark is 20 KB. A library can be given
/// lower ones (the template fuzz harness does, to keep each input under its time limit).
public struct TemplateRenderLimits: Sendable, Equatable {
    /// Sections, partials, parents and blocks nested inside each other.
    public var depth = 200
    /// Partials, parents and blocks expanded.
    public var expansions = 100_000
    /// Operations run.
    public var steps = 10_000_000
    /// Bytes written. Sections nested over a list multiply their content (twenty levels over two items: a
    /// million copies), so without this bound a template of a few lines could fill the memory within the
    /// step limit.
    public var outputBytes = 64 << 20

    public init() {}

    /// What was reached, for a diagnostic.
    public func description(of limit: TemplateLimit) -> String {
        switch limit {
        case .depth: "区块、局部模板嵌套超过 \(depth) 层 (sections and partials nested more than \(depth) deep)"
        case .expansions: "展开局部模板超过 \(expansions) 次 (more than \(expansions) partials expanded)"
        case .steps: "渲染步骤超过 \(steps) 步 (more than \(steps) steps)"
        case .output: "输出超过 \(outputBytes >> 20) MB (more than \(outputBytes >> 20) MB of output)"
        }
    }
}

/// The bound (`TemplateRenderLimits`) that cut a render short.
public enum TemplateLimit: Sendable, Equatable {
    case depth
    case expansions
    case steps
    case output
}

/// How a render ended.
public enum TemplateRenderEnd: Sendable, Equatable {
    case complete
    /// Part of the output was left out at this limit.
    case cut(TemplateLimit)

    /// The limit that cut the render short, if one did.
    public var limit: TemplateLimit? {
        if case .cut(let limit) = self { limit } else { nil }
    }
}
