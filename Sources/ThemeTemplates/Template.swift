/// One parsed template: a tree of nodes the renderer walks without looking at the source again.
///
/// Text is kept as UTF-8 bytes, names are split at their dots, partials and parents point at the
/// library's templates by index and blocks carry a library-wide number, so rendering does no parsing,
/// hashing or string splitting.
struct Template: Sendable {
    /// The template's name in its library.
    let name: String
    /// The top-level nodes.
    let nodes: [Node]

    /// A piece of a template.
    enum Node: Sendable {
        /// Literal text.
        case text(Text)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (not escaped).
        case value(Name, escaped: Bool)
        /// `{{#name}}…{{/name}}`.
        case section(Name, [Node])
        /// `{{^name}}…{{/name}}`.
        case inverted(Name, [Node])
        /// `{{> name}}`: the library index of the partial (nil when there is none: it renders as
        /// nothing) and, when the tag stands alone on its line, the whitespace before it, which
        /// indents every line of the partial.
        case partial(Int?, indentation: [UInt8]?)
        /// `{{< name}}…{{/name}}`.
        case parent(Parent)
        /// `{{$ name}}…{{/name}}` outside a parent: a place a parent's caller may fill.
        case block(Block)
    }

    /// Literal text and where its lines begin.
    struct Text: Sendable {
        /// The UTF-8 bytes.
        var bytes: [UInt8]
        /// Offsets in `bytes` (up to `bytes.count`) where a line of the template begins: when the
        /// template is rendered as an indented partial, the indentation goes there.
        var lineStarts: [Int]
    }

    /// A name as a tag spells it: `.`, `title`, `site.title` or `.title`.
    struct Name: Sendable {
        /// The name as written, for `unresolved` and messages.
        let text: String
        /// The dot-separated parts; empty for `.`, the current context.
        let keys: [String]
        /// `.title`: looked up in the current context only, not in the enclosing ones.
        let anchored: Bool
    }

    /// `{{< name}}`: another template rendered with some of its blocks replaced.
    struct Parent: Sendable {
        /// The library index of the parent template; nil renders nothing.
        let template: Int?
        /// The whitespace before a standalone tag, which indents every line of the parent.
        let indentation: [UInt8]?
        /// The blocks given inside the tag, in order.
        let overrides: [Override]
    }

    /// A block's content given inside a parent tag.
    struct Override: Sendable {
        /// The block's library-wide number.
        let block: Int
        /// The content, with the indentation of its definition removed.
        let nodes: [Node]
    }

    /// A block a parent's caller may replace.
    struct Block: Sendable {
        /// The block's library-wide number.
        let id: Int
        /// What renders when no caller replaces the block.
        let defaultNodes: [Node]
        /// Added to the indentation of every line of the content (the block's position on its line).
        let indentation: [UInt8]
        /// The opening tag stood alone on its line, so the content starts a line of its own and its first
        /// line is indented too. Otherwise the content goes on the line of the tag, after whatever came
        /// before it there.
        let startsLine: Bool
    }
}
