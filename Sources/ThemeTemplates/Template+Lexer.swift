extension Template {
    /// Cuts a template's UTF-8 bytes into lines of text runs and tags, applying set-delimiter tags as it
    /// meets them.
    ///
    /// A line ends at a newline in text (`\n`, with a `\r` before it when there is one); a tag that spans
    /// newlines, like a multi-line comment, stays within one line, as the spec's standalone rules want.
    struct Lexer {
        /// What a tag does, from its sigil: the kinds `TemplateTag` hands to checks outside this module.
        typealias Kind = TemplateTag.Kind

        /// A tag, with its content trimmed and where it starts.
        struct Tag {
            var kind: Kind
            /// The content between sigil and closing delimiter, without surrounding whitespace.
            var content: String
            /// Byte offset of the opening delimiter.
            var offset: Int
            /// Line of the opening delimiter, from 1.
            var line: Int
            /// Byte offset of that line's first byte.
            var lineStart: Int
        }

        /// A run of text within a line (never containing its newline), or a tag.
        enum Item {
            case text(Range<Int>)
            case tag(Tag)
        }

        /// The items of a line and its newline, nil for a last line without one.
        struct Line {
            var items: [Item] = []
            var newline: Range<Int>?
        }

        let template: String
        let bytes: [UInt8]
        private var open: [UInt8] = Array("{{".utf8)
        private var close: [UInt8] = Array("}}".utf8)
        private var position = 0
        private var line = 1
        private var lineStart = 0

        init(template: String, bytes: [UInt8]) {
            self.template = template
            self.bytes = bytes
        }

        /// All lines of the template; `onTag` sees each tag as it is read, so a caller that wants only the
        /// tags has those before a tag the lexer rejects.
        mutating func lines(onTag: (Tag) -> Void = { _ in }) throws(TemplateError) -> [Line] {
            var lines: [Line] = []
            var current = Line()
            var textStart = 0
            let count = bytes.count
            while position < count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") {
                    var end = position
                    if end > textStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    if end > textStart { current.items.append(.text(textStart..<end)) }
                    current.newline = end..<(position + 1)
                    lines.append(current)
                    current = Line()
                    position += 1
                    line += 1
                    lineStart = position
                    textStart = position
                } else if byte == open[0], matches(open, at: position) {
                    if position > textStart { current.items.append(.text(textStart..<position)) }
                    let tag = try tag()
                    onTag(tag)
                    current.items.append(.tag(tag))
                    textStart = position
                } else {
                    position += 1
                }
            }
            if textStart < count { current.items.append(.text(textStart..<count)) }
            if !current.items.isEmpty { lines.append(current) }
            return lines
        }

        /// Reads the tag whose opening delimiter is at `position` and moves past it.
        private mutating func tag() throws(TemplateError) -> Tag {
            let start = position
            var cursor = start + open.count
            var terminator = close
            var kind = Kind.variable
            if cursor < bytes.count {
                switch bytes[cursor] {
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: "="):
                    kind = .delimiters
                    terminator = [UInt8(ascii: "=")] + close
                case UInt8(ascii: "{"):
                    kind = .unescaped
                    terminator = [UInt8(ascii: "}")] + close
                case UInt8(ascii: "&"): kind = .unescaped
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "<"): kind = .parent
                case UInt8(ascii: "$"): kind = .block
                case UInt8(ascii: "%"):
                    throw error(at: start, "pragmas ({{%…}}) are not supported")
                default: break
                }
                if kind != .variable { cursor += 1 }
            }
            guard let end = find(terminator, from: cursor) else {
                let expected = String(decoding: terminator, as: UTF8.self)
                throw error(
                    at: start, "unclosed tag: no '\(expected)' after '\(String(decoding: open, as: UTF8.self))'")
            }
            var tag = Tag(
                kind: kind, content: String(decoding: Self.trimmed(bytes[cursor..<end]), as: UTF8.self),
                offset: start, line: line, lineStart: lineStart)
            for index in start..<end where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            position = end + terminator.count
            if kind == .delimiters {
                try setDelimiters(tag)
                tag.content = ""
            }
            return tag
        }

        /// `{{=<% %>=}}`: two delimiters without whitespace or `=`, separated by whitespace.
        private mutating func setDelimiters(_ tag: Tag) throws(TemplateError) {
            let parts = tag.content.utf8.split(whereSeparator: Self.isSpace)
            guard parts.count == 2, parts.allSatisfy({ !$0.contains(UInt8(ascii: "=")) }) else {
                throw error(
                    at: tag.offset, line: tag.line, lineStart: tag.lineStart,
                    "a set-delimiters tag needs two delimiters without '=' between spaces, like {{=<% %>=}}")
            }
            open = Array(parts[0])
            close = Array(parts[1])
        }

        private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
            guard offset + pattern.count <= bytes.count else { return false }
            for index in pattern.indices where bytes[offset + index] != pattern[index] { return false }
            return true
        }

        private func find(_ pattern: [UInt8], from offset: Int) -> Int? {
            guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
            var index = offset
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first, matches(pattern, at: index) { return index }
                index += 1
            }
            return nil
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }

        private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var slice = bytes
            while let first = slice.first, isSpace(first) { slice.removeFirst() }
            while let last = slice.last, isSpace(last) { slice.removeLast() }
            return slice
        }

        private func error(at offset: Int, _ message: String) -> TemplateError {
            error(at: offset, line: line, lineStart: lineStart, message)
        }

        private func error(at offset: Int, line: Int, lineStart: Int, _ message: String) -> TemplateError {
            Self.error(template: template, bytes: bytes, offset: offset, line: line, lineStart: lineStart, message)
        }

        /// An error at a byte offset; the column counts characters, as an editor shows them.
        static func error(
            template: String, bytes: [UInt8], offset: Int, line: Int, lineStart: Int, _ message: String
        ) -> TemplateError {
            TemplateError(
                template: template, line: line, column: column(bytes: bytes, offset: offset, lineStart: lineStart),
                message: message)
        }

        /// The column of a byte offset, from 1, counting characters as an editor shows them.
        static func column(bytes: [UInt8], offset: Int, lineStart: Int) -> Int {
            String(decoding: bytes[lineStart..<max(lineStart, offset)], as: UTF8.self).count + 1
        }
    }
}
