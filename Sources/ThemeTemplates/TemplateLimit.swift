/// A bound on one render (`Template.Renderer`): past it the rest of the output is left out, so that no theme,
/// however its templates include and nest each other, renders for ever or fills the memory.
///
/// No page of the site comes near any of them: the largest page of the 10,000-page corpus is 20 KB, made
/// of a few thousand operations.
public enum TemplateLimit: String, Sendable, Equatable, CaseIterable {
    /// Sections, partials, parents and blocks nested 200 deep.
    case depth
    /// 100,000 partials, parents and blocks expanded.
    case expansions
    /// A million operations run (the sample's progress dashboard, its largest page, runs about 8,500).
    case work
    /// 32 MB written.
    case output

    /// What was reached, for a diagnostic.
    public var description: String {
        switch self {
        case .depth: "区块、局部模板嵌套超过 200 层 (sections and partials nested more than 200 deep)"
        case .expansions: "展开局部模板超过 10 万次 (more than 100,000 partials expanded)"
        case .work: "渲染步骤超过 100 万步 (more than a million steps)"
        case .output: "输出超过 32 MB (more than 32 MB of output)"
        }
    }
}

/// How a render ended.
public enum TemplateRenderEnd: Sendable, Equatable {
    case complete
    /// Part of the output was left out at this limit.
    case cut(TemplateLimit)
}
