/// A tag of a template as the theme's parser reads it, for checks that look at a theme's tags without
/// rendering it: which partials and parents each template includes (`TemplateIncludes` in CampaignCore).
///
/// The tags come from the parser's own lexer, so a check sees the delimiters, names and tag ends the
/// parser sees. A second reader of the same syntax drifted from this one three times, each found by
/// fuzzing (docs/safety.md).
public struct TemplateTag: Sendable, Equatable {
    /// What a tag does, from its sigil.
    public enum Kind: Sendable, Equatable {
        /// `{{name}}`
        case variable
        /// `{{{name}}}` or `{{& name}}`
        case unescaped
        /// `{{#name}}`
        case section
        /// `{{^name}}`
        case inverted
        /// `{{/name}}`
        case close
        /// `{{! … }}`
        case comment
        /// `{{> name}}`
        case partial
        /// `{{< name}}`
        case parent
        /// `{{$ name}}`
        case block
        /// `{{=<% %>=}}`
        case delimiters
    }

    public var kind: Kind
    /// What stands between the sigil and the closing delimiter, without the whitespace around it (empty
    /// for a set-delimiters tag).
    public var name: String
    /// The line of the opening delimiter, from 1.
    public var line: Int
    /// The column of the opening delimiter, in characters, from 1.
    public var column: Int

    /// The tags of `source`, in order, up to the first one the parser rejects (an unclosed tag, a
    /// malformed set-delimiters tag, a pragma): the theme's parse reports that error itself.
    public static func tags(in source: String) -> [TemplateTag] {
        let bytes = Array(source.utf8)
        var lexer = Template.Lexer(template: "", bytes: bytes)
        var tags: [TemplateTag] = []
        _ = try? lexer.lines { tag in
            let column = Template.Lexer.column(bytes: bytes, offset: tag.offset, lineStart: tag.lineStart)
            tags.append(TemplateTag(kind: tag.kind, name: tag.content, line: tag.line, column: column))
        }
        return tags
    }
}

extension TemplateTag.Kind {
    /// Every tag but an interpolation is removed with its line when it stands alone on it.
    var canStandAlone: Bool { self != .variable && self != .unescaped }
}
