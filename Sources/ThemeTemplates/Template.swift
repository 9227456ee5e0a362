/// One parsed template, compiled to a flat list of operations the renderer runs without looking at the
/// source again.
///
/// Every operation is a few integers: text is a span of one byte buffer, a name is an index into a
/// table of pre-split keys, a section holds the offset where its content ends, partials and parents
/// point at the library's templates by index and blocks carry a library-wide number. Walking the list
/// copies no strings or arrays. A class, so that taking a template out of the library to run it counts one
/// reference, not one per buffer.
final class Template: Sendable {
    /// The template's name in its library.
    let name: String
    /// The operations; the template is all of them, in order.
    let ops: [Op]
    /// The bytes of every text operation.
    let text: [UInt8]
    /// Offsets in `text` where a line of the template begins: when the template is rendered as an
    /// indented partial, the indentation goes there.
    let lineStarts: [Int32]
    /// The whitespace that indents standalone partials, parents and blocks.
    let indentation: [UInt8]
    let names: [Name]
    /// The keys of all names, each name's in a row.
    let keys: [TemplateKey]
    /// Each name as written, for `unresolved`.
    let nameTexts: [String]
    let parents: [Parent]
    /// The blocks given inside parent tags, each parent's in a row.
    let overrides: [Override]
    let blocks: [Block]

    init(
        name: String, ops: [Op], text: [UInt8], lineStarts: [Int32], indentation: [UInt8], names: [Name],
        keys: [TemplateKey], nameTexts: [String], parents: [Parent], overrides: [Override], blocks: [Block]
    ) {
        self.name = name
        self.ops = ops
        self.text = text
        self.lineStarts = lineStarts
        self.indentation = indentation
        self.names = names
        self.keys = keys
        self.nameTexts = nameTexts
        self.parents = parents
        self.overrides = overrides
        self.blocks = blocks
    }

    /// A step of the template.
    enum Op: Sendable {
        /// Literal text, and the line starts within it.
        case text(Span, lineStarts: Span)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (not escaped).
        case value(name: Int32, escaped: Bool)
        /// `{{#name}}`: the content is the operations up to `end`.
        case section(name: Int32, end: Int32)
        /// `{{^name}}`: the content is the operations up to `end`.
        case inverted(name: Int32, end: Int32)
        /// `{{> name}}`: the library index of the partial (nil when there is none: it renders as
        /// nothing) and, when the tag stands alone on its line, the whitespace before it, which indents
        /// every line of the partial.
        case partial(template: Int32?, indentation: Span?)
        /// `{{< name}}…{{/name}}`: an index into `parents`; the blocks given inside run up to `end`.
        case parent(Int32, end: Int32)
        /// `{{$ name}}` outside a parent: an index into `blocks`; the default content runs up to `end`.
        case block(Int32, end: Int32)
    }

    /// A range of offsets into one of the buffers.
    struct Span: Sendable {
        var start: Int32
        var end: Int32

        init(_ start: Int, _ end: Int) {
            self.start = Int32(truncatingIfNeeded: start)
            self.end = Int32(truncatingIfNeeded: end)
        }

        var range: Range<Int> { Int(start)..<Int(end) }
    }

    /// A name as a tag spells it: `.`, `title`, `site.title` or `.title`.
    struct Name: Sendable {
        /// The name's keys in `keys`; none for `.`, the current context.
        var keys: Span
        /// `.title`: looked up in the current context only, not in the enclosing ones.
        var anchored: Bool
    }

    /// `{{< name}}`: another template rendered with some of its blocks replaced.
    struct Parent: Sendable {
        /// The library index of the parent template; nil renders nothing.
        var template: Int32?
        /// The whitespace before a standalone tag, which indents every line of the parent.
        var indentation: Span?
        /// The blocks given inside the tag, in `overrides`.
        var overrides: Span
    }

    /// A block's content given inside a parent tag: operations of the template that holds the tag.
    struct Override: Sendable {
        /// The block's library-wide number.
        var block: Int32
        /// The content, with the indentation of its definition removed.
        var content: Span
    }

    /// A block a parent's caller may replace.
    struct Block: Sendable {
        /// The block's library-wide number.
        var id: Int32
        /// Added to the indentation of every line of the content (the block's position on its line).
        var indentation: Span
        /// The opening tag stood alone on its line, so the content starts a line of its own and its first
        /// line is indented too. Otherwise the content goes on the line of the tag, after whatever came
        /// before it there.
        var startsLine: Bool
    }
}
