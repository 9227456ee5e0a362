extension Template {
    /// The largest template source, in bytes: operations hold 32-bit offsets.
    static let maxSize = 1 << 30

    /// Parses a template's source into operations.
    ///
    /// - Parameters:
    ///   - templates: every template name of the library and its index, to resolve partials and parents.
    ///   - blocks: block names numbered so far in the library; new names are added.
    static func parse(
        _ source: String, named name: String, templates: [String: Int], blocks: inout [String: Int]
    ) throws(TemplateError) -> Template {
        let bytes = Array(source.utf8)
        guard bytes.count <= maxSize else {
            throw TemplateError(
                template: name, line: 1, column: 1, message: "the template is larger than \(maxSize >> 20) MiB")
        }
        var lexer = Lexer(template: name, bytes: bytes)
        let lines = try lexer.lines()
        var parser = Parser(template: name, bytes: bytes, templates: templates, blocks: blocks)
        for line in lines {
            try parser.add(line)
        }
        let template = try parser.finish()
        blocks = parser.blocks
        return template
    }

    /// Compiles the template line by line, applying the spec's standalone rules.
    ///
    /// A line holding only whitespace and one tag other than an interpolation is "standalone": the line
    /// goes, tag aside. Inheritance adds pairs that count as one tag (`{{<p}}{{/p}}`, `{{<p}}{{$b}}`,
    /// `{{/b}}{{/p}}`). A block whose opening tag stands alone has the indentation of its first line
    /// removed from every line ("Block reindentation"); where it is expanded, that indentation (or the
    /// tag's own) is put back in front of every line of what replaces it.
    struct Parser {
        typealias Tag = Lexer.Tag

        /// The deepest nesting of sections, parents and blocks a template may have.
        static let maxNesting = 100

        let template: String
        let bytes: [UInt8]
        let templates: [String: Int]
        private(set) var blocks: [String: Int]
        private var containers: [Container]

        // The template being compiled (see `Template`).
        private var ops: [Op] = []
        private var text: [UInt8] = []
        private var lineStarts: [Int32] = []
        private var indentation: [UInt8] = []
        private var names: [Name] = []
        private var keys: [TemplateKey] = []
        private var nameTexts: [String] = []
        private var nameIndices: [String: Int32] = [:]
        private var parents: [Parent] = []
        private var overrides: [Override] = []
        private var blockSites: [Block] = []
        /// Where the text not yet covered by a text operation begins, in `text` and `lineStarts`: runs of
        /// text between tags become one operation.
        private var pendingText = 0
        private var pendingLineStarts = 0

        init(template: String, bytes: [UInt8], templates: [String: Int], blocks: [String: Int]) {
            self.template = template
            self.bytes = bytes
            self.templates = templates
            self.blocks = blocks
            self.containers = [Container(kind: .root, tag: nil, op: 0, dedent: 0)]
        }

        /// The template, or an open section, parent or block.
        private struct Container {
            enum Kind {
                case root
                case section(name: String, inverted: Bool)
                case parent(name: String, index: Int, overrides: [Override])
                case block(PendingBlock)
            }

            var kind: Kind
            /// The opening tag.
            var tag: Tag?
            /// Its operation, to be completed when it closes (where a block's content begins).
            var op: Int
            /// How much leading whitespace to remove from each line here (blocks' reindentation).
            var dedent: Int

            var isParent: Bool {
                if case .parent = kind { return true }
                return false
            }

            /// The name a closing tag must repeat.
            var name: String {
                switch kind {
                case .root: ""
                case .section(let name, _): name
                case .parent(let name, _, _): name
                case .block(let block): block.name
                }
            }
        }

        private struct PendingBlock {
            var id: Int
            var name: String
            /// Inside a parent tag: an argument, not a place to fill.
            var isOverride: Bool
            /// The opening tag stood alone on its line.
            var standalone: Bool
            /// The whitespace before the tag when only whitespace preceded it on its line.
            var tagIndentation: [UInt8]
            /// The indentation of the first line of content, once seen (standalone blocks only).
            var firstLineIndentation: [UInt8]?
        }

        // MARK: Lines

        mutating func add(_ line: Lexer.Line) throws(TemplateError) {
            let standalone = isStandalone(line)
            settleReindentation(for: line, standalone: standalone)
            let leading = leadingWhitespace(of: line)
            let strip = min(leading.count, top.dedent)
            let whitespace = Array(leading.dropFirst(strip))

            if standalone {
                for case .tag(let tag) in line.items {
                    try handle(tag, standalone: true, whitespace: whitespace)
                }
                return
            }
            markLineStart()
            var onlyWhitespace = true
            for (index, item) in line.items.enumerated() {
                switch item {
                case .text(var range):
                    if index == 0 { range = (range.lowerBound + strip)..<range.upperBound }
                    appendText(range)
                    if !isWhitespace(range) { onlyWhitespace = false }
                case .tag(let tag):
                    try handle(tag, standalone: false, whitespace: onlyWhitespace ? whitespace : [])
                    onlyWhitespace = false
                }
            }
            if let newline = line.newline { appendText(newline) }
        }

        /// Whether the line is removed but for its tags.
        private func isStandalone(_ line: Lexer.Line) -> Bool {
            var tags: [Tag] = []
            var adjacent = true
            for item in line.items {
                switch item {
                case .text(let range):
                    guard isWhitespace(range) else { return false }
                    if tags.count == 1 { adjacent = false }
                case .tag(let tag):
                    tags.append(tag)
                }
            }
            if tags.count == 1 { return tags[0].kind.canStandAlone }
            guard tags.count == 2, adjacent else { return false }
            let (first, second) = (tags[0], tags[1])
            switch (first.kind, second.kind) {
            case (.parent, .close): return first.content == second.content
            case (.parent, .block): return true
            case (.close, .close):
                guard containers.count >= 3, case .block = top.kind, top.name == first.content else { return false }
                let below = containers[containers.count - 2]
                return below.isParent && below.name == second.content
            default: return false
            }
        }

        /// At the first line of a standalone block, fixes how much indentation its lines lose.
        private mutating func settleReindentation(for line: Lexer.Line, standalone: Bool) {
            guard case .block(var block) = top.kind, block.standalone, block.firstLineIndentation == nil else {
                return
            }
            var indentation: [UInt8] = []
            if !(standalone && closesTop(line)) {
                let outer = containers[containers.count - 2].dedent
                indentation = Array(leadingWhitespace(of: line).dropFirst(outer))
            }
            block.firstLineIndentation = indentation
            containers[containers.count - 1].kind = .block(block)
            containers[containers.count - 1].dedent += indentation.count
        }

        private func closesTop(_ line: Lexer.Line) -> Bool {
            for case .tag(let tag) in line.items {
                return tag.kind == .close && tag.content == top.name
            }
            return false
        }

        // MARK: Tags

        private mutating func handle(_ tag: Tag, standalone: Bool, whitespace: [UInt8]) throws(TemplateError) {
            switch tag.kind {
            case .comment, .delimiters:
                return
            case .variable, .unescaped:
                try requireContent(tag)
                let name = try name(of: tag)
                append(.value(name: name, escaped: tag.kind == .variable))
            case .section, .inverted:
                try requireContent(tag)
                let name = try name(of: tag)
                append(tag.kind == .inverted ? .inverted(name: name, end: 0) : .section(name: name, end: 0))
                try push(.section(name: tag.content, inverted: tag.kind == .inverted), tag, op: ops.count - 1)
            case .partial:
                try requireContent(tag)
                let name = try templateName(of: tag)
                let template = templates[name].map { Int32(truncatingIfNeeded: $0) }
                append(.partial(template: template, indentation: standalone ? store(whitespace) : nil))
            case .parent:
                guard !top.isParent else {
                    throw error(
                        at: tag, "{{<\(tag.content)}} inside the parent {{<\(top.name)}} must be inside a block")
                }
                let name = try templateName(of: tag)
                parents.append(
                    Parent(
                        template: templates[name].map { Int32(truncatingIfNeeded: $0) },
                        indentation: standalone ? store(whitespace) : nil, overrides: Span(0, 0)))
                append(.parent(Int32(truncatingIfNeeded: parents.count - 1), end: 0))
                try push(.parent(name: name, index: parents.count - 1, overrides: []), tag, op: ops.count - 1)
            case .block:
                let name = try blockName(of: tag)
                let id: Int
                if let known = blocks[name] {
                    id = known
                } else {
                    id = blocks.count
                    blocks[name] = id
                }
                let isOverride = top.isParent
                if let own = openOverride(named: name) {
                    throw error(
                        at: tag,
                        "{{$\(name)}} inside the override {{$\(name)}} (line \(own.line), column \(column(of: own))) "
                            + "would be filled with that override, itself again, without end: rename one of them")
                }
                let block = PendingBlock(
                    id: id, name: name, isOverride: isOverride, standalone: standalone, tagIndentation: whitespace,
                    firstLineIndentation: nil)
                if isOverride {
                    flushText()
                    try push(.block(block), tag, op: ops.count)
                } else {
                    append(.block(0, end: 0))
                    try push(.block(block), tag, op: ops.count - 1)
                }
            case .close:
                try close(tag)
            }
        }

        /// The opening tag of an override of block `name` around the current position. A block `name` placed
        /// there, even as the override of a parent inside, would be filled with that outer override (the
        /// outermost override wins), which holds it again.
        private func openOverride(named name: String) -> Tag? {
            for container in containers.reversed() {
                if case .block(let block) = container.kind, block.isOverride, block.name == name {
                    return container.tag
                }
            }
            return nil
        }

        /// Inside a parent tag only blocks count; anything else would be silently dropped.
        private func requireContent(_ tag: Tag) throws(TemplateError) {
            guard top.isParent else { return }
            throw error(
                at: tag,
                "only blocks ({{$name}}…{{/name}}) can be inside the parent {{<\(top.name)}}, not this tag")
        }

        private mutating func push(_ kind: Container.Kind, _ tag: Tag, op: Int) throws(TemplateError) {
            guard containers.count <= Self.maxNesting else {
                throw error(at: tag, "sections, parents and blocks nest more than \(Self.maxNesting) deep")
            }
            containers.append(Container(kind: kind, tag: tag, op: op, dedent: top.dedent))
        }

        private mutating func close(_ tag: Tag) throws(TemplateError) {
            guard containers.count > 1, let opening = top.tag else {
                throw error(at: tag, "{{/\(tag.content)}} closes nothing: no section, parent or block is open")
            }
            guard tag.content == top.name else {
                throw error(
                    at: tag,
                    "{{/\(tag.content)}} does not close {{\(sigil(of: opening))\(top.name)}} "
                        + "(line \(opening.line), column \(column(of: opening))): expected {{/\(top.name)}}")
            }
            flushText()
            let closed = containers.removeLast()
            let end = Int32(truncatingIfNeeded: ops.count)
            // An override block has no op of its own: its content starts at `closed.op`, which is past the
            // last op when the block is empty (`{{<base}}{{$main}}{{/main}}{{/base}}`).
            if case .block(let block) = closed.kind, block.isOverride {
                addOverride(Override(block: Int32(block.id), content: Span(closed.op, ops.count)))
                return
            }
            switch (closed.kind, ops[closed.op]) {
            case (.section, .section(let name, _)):
                ops[closed.op] = .section(name: name, end: end)
            case (.section, .inverted(let name, _)):
                ops[closed.op] = .inverted(name: name, end: end)
            case (.parent(_, let index, let given), .parent(let parent, _)):
                parents[index].overrides = Span(overrides.count, overrides.count + given.count)
                overrides += given
                ops[closed.op] = .parent(parent, end: end)
            case (.block(let block), _):
                var whitespace = block.tagIndentation
                if block.standalone, let first = block.firstLineIndentation, !first.isEmpty {
                    whitespace = first
                }
                blockSites.append(
                    Block(
                        id: Int32(truncatingIfNeeded: block.id), indentation: store(whitespace),
                        startsLine: block.standalone))
                ops[closed.op] = .block(Int32(truncatingIfNeeded: blockSites.count - 1), end: end)
            default:
                return
            }
        }

        /// Adds a block's content to the parent tag around it; a second block of the same name wins.
        private mutating func addOverride(_ override: Override) {
            guard case .parent(let name, let index, var given) = top.kind else { return }
            given.removeAll { $0.block == override.block }
            given.append(override)
            containers[containers.count - 1].kind = .parent(name: name, index: index, overrides: given)
        }

        mutating func finish() throws(TemplateError) -> Template {
            if containers.count > 1, let opening = top.tag {
                throw error(
                    at: opening,
                    "{{\(sigil(of: opening))\(top.name)}} is never closed: expected {{/\(top.name)}}")
            }
            flushText()
            return Template(
                name: template, ops: ops, text: text, lineStarts: lineStarts, indentation: indentation, names: names,
                keys: keys, nameTexts: nameTexts, parents: parents, overrides: overrides, blocks: blockSites)
        }

        // MARK: Names

        private static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "?"),
                UInt8(ascii: "."):
                true
            default: false
            }
        }

        /// Checks a tag's content against the name grammar; `extra` allows `/` in template names.
        private func validate(_ tag: Tag, what: String, allowSlash: Bool = false) throws(TemplateError) {
            let content = tag.content
            guard !content.isEmpty else { throw error(at: tag, "\(what) is missing: the tag is empty") }
            if content.utf8.first == UInt8(ascii: "*") {
                throw error(at: tag, "dynamic names ('\(content)') are not supported")
            }
            for character in content {
                let utf8 = character.utf8
                if utf8.count == 1, let byte = utf8.first,
                    Self.isNameByte(byte) || allowSlash && byte == UInt8(ascii: "/")
                {
                    continue
                }
                switch character {
                case "(", ")": throw error(at: tag, "transforms like 'name(value)' are not supported")
                case "*": throw error(at: tag, "dynamic names ('*') are not supported")
                case " ", "\t", "\n", "\r\n", "\r": throw error(at: tag, "\(what) '\(content)' contains whitespace")
                default: throw error(at: tag, "'\(character)' cannot be part of \(what) '\(content)'")
                }
            }
        }

        /// A context name: `.`, or dot-separated keys with an optional leading dot. Returns its index in
        /// `names`; a name used twice is stored once.
        private mutating func name(of tag: Tag) throws(TemplateError) -> Int32 {
            try validate(tag, what: "a name")
            let content = tag.content
            if let known = nameIndices[content] { return known }
            let anchored = content.hasPrefix(".") && content != "."
            var parts: [Substring] = []
            if content != "." {
                parts = content.dropFirst(anchored ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
                guard !parts.contains(where: \.isEmpty) else {
                    throw error(at: tag, "'\(content)' is not a name: a dot must stand between two names")
                }
            }
            names.append(Name(keys: Span(keys.count, keys.count + parts.count), anchored: anchored))
            keys += parts.map { TemplateKey(String($0)) }
            nameTexts.append(content)
            let index = Int32(truncatingIfNeeded: names.count - 1)
            nameIndices[content] = index
            return index
        }

        private func templateName(of tag: Tag) throws(TemplateError) -> String {
            try validate(tag, what: "a template name", allowSlash: true)
            return tag.content
        }

        private func blockName(of tag: Tag) throws(TemplateError) -> String {
            try validate(tag, what: "a block name")
            return tag.content
        }

        // MARK: Building

        private var top: Container { containers[containers.count - 1] }

        private mutating func append(_ op: Op) {
            flushText()
            ops.append(op)
        }

        /// Makes the pending text and line starts an operation.
        private mutating func flushText() {
            guard text.count > pendingText || lineStarts.count > pendingLineStarts else { return }
            ops.append(.text(Span(pendingText, text.count), lineStarts: Span(pendingLineStarts, lineStarts.count)))
            pendingText = text.count
            pendingLineStarts = lineStarts.count
        }

        /// Text inside a parent tag but outside its blocks is ignored, as the spec says.
        private mutating func appendText(_ range: Range<Int>) {
            guard !range.isEmpty, !top.isParent else { return }
            text.append(contentsOf: bytes[range])
        }

        /// Notes where a line begins, for the indentation of partials and blocks.
        private mutating func markLineStart() {
            guard !top.isParent else { return }
            lineStarts.append(Int32(truncatingIfNeeded: text.count))
        }

        private mutating func store(_ whitespace: [UInt8]) -> Span {
            indentation += whitespace
            return Span(indentation.count - whitespace.count, indentation.count)
        }

        // MARK: Bytes

        private func isWhitespace(_ range: Range<Int>) -> Bool {
            bytes[range].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }

        private func leadingWhitespace(of line: Lexer.Line) -> ArraySlice<UInt8> {
            guard case .text(let range) = line.items.first else { return [] }
            let end = bytes[range].firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            return bytes[range.lowerBound..<(end ?? range.upperBound)]
        }

        // MARK: Errors

        private func sigil(of tag: Tag) -> String {
            switch tag.kind {
            case .section: "#"
            case .inverted: "^"
            case .parent: "<"
            case .block: "$"
            default: ""
            }
        }

        private func column(of tag: Tag) -> Int {
            error(at: tag, "").column
        }

        private func error(at tag: Tag, _ message: String) -> TemplateError {
            Lexer.error(
                template: template, bytes: bytes, offset: tag.offset, line: tag.line, lineStart: tag.lineStart,
                message)
        }
    }
}
