import Yams

/// A reader for the YAML that nearly all front matter is written in, straight into Yams' `Node`s.
///
/// It accepts `key: value` lines, nested mappings by indentation, one-line lists `[a, b]` and one-line
/// mappings `{by: 张敏, at: 2026-10-08 16:40}`, with plain, `'single'` and `"double"` quoted scalars.
/// Anything else returns nil and Yams reads the text: block lists, scalars over several lines, escapes,
/// anchors, tags, comments after a value, tabs, carriage returns, repeated keys, characters YAML refuses.
/// For what it accepts it makes the nodes Yams makes: the same strings, styles, tags and marks (a test
/// compares the two on generated documents). Yams spends most of its time turning libyaml's events
/// into Swift values, which this reader skips (docs/performance.md, "Fourth engine session").
enum PlainFrontMatter {
    /// What a document holds when it is read here.
    enum Document {
        /// Only blank lines and comments: Yams gives no node.
        case empty
        case node(Node)
    }

    /// The document of `text`, or nil when it is not in the subset read here.
    static func compose(_ text: String, resolver: Resolver, constructor: Constructor) -> Document? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, resolver: resolver, constructor: constructor)
            return reader.document()
        }
    }

    /// A line that is not blank or a comment.
    private struct Line {
        var start: Int
        var end: Int
        /// Spaces before its first character.
        var indent: Int
        /// 1-based.
        var number: Int
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let resolver: Resolver
        let constructor: Constructor
        var lines: [Line] = []

        init(bytes: UnsafeBufferPointer<UInt8>, resolver: Resolver, constructor: Constructor) {
            self.bytes = bytes
            self.resolver = resolver
            self.constructor = constructor
        }

        mutating func document() -> Document? {
            guard splitLines() else { return nil }
            guard let first = lines.first else { return .empty }
            guard first.indent == 0, let (node, next) = mapping(from: 0, indent: 0), next == lines.count else {
                return nil
            }
            return .node(node)
        }

        // MARK: Lines

        /// Splits the text into lines, leaving out blank lines and comments; false for a byte or a line
        /// this reader leaves to Yams.
        mutating func splitLines() -> Bool {
            var start = 0
            var number = 1
            let count = bytes.count
            while start <= count {
                var end = start
                while end < count && bytes[end] != 0x0A { end += 1 }
                guard checkBytes(start, end) else { return false }
                var indent = 0
                while start + indent < end && bytes[start + indent] == 0x20 { indent += 1 }
                let content = start + indent
                if content < end && bytes[content] != UInt8(ascii: "#") {
                    // Document markers and directives.
                    if indent == 0 && (startsWith3(start, end, "-") || startsWith3(start, end, ".")) { return false }
                    if indent == 0 && bytes[start] == UInt8(ascii: "%") { return false }
                    lines.append(Line(start: start, end: end, indent: indent, number: number))
                }
                if end == count { break }
                start = end + 1
                number += 1
            }
            return true
        }

        private func startsWith3(_ start: Int, _ end: Int, _ character: Unicode.Scalar) -> Bool {
            let byte = UInt8(ascii: character)
            return end - start >= 3 && bytes[start] == byte && bytes[start + 1] == byte && bytes[start + 2] == byte
        }

        /// False for a tab, a carriage return, another control character, a byte-order mark, a C1
        /// control or a non-character: Yams decides what those mean.
        private func checkBytes(_ start: Int, _ end: Int) -> Bool {
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { return false }
                if byte == 0xC2, index + 1 < end, bytes[index + 1] < 0xA0 { return false }
                if byte == 0xEF, index + 2 < end {
                    let (second, third) = (bytes[index + 1], bytes[index + 2])
                    if second == 0xBB && third == 0xBF { return false }
                    if second == 0xBF && (third == 0xBE || third == 0xBF) { return false }
                }
                index += 1
            }
            return true
        }

        // MARK: Block mappings

        /// The mapping whose keys are the lines from `first` indented by `indent`, and the line after it.
        func mapping(from first: Int, indent: Int) -> (Node, Int)? {
            var pairs: [(Node, Node)] = []
            var keys: [String] = []
            var index = first
            while index < lines.count {
                let line = lines[index]
                if line.indent < indent { break }
                guard line.indent == indent else { return nil }
                var at = line.start + indent
                guard let key = key(at: &at, end: line.end) else { return nil }
                guard !keys.contains(key) else { return nil }
                keys.append(key)
                let keyNode = keyScalar(key, line: line.number, column: indent + 1)
                // `key:` and nothing else: a nested mapping on the lines below, indented further.
                if at == line.end || isBlank(at, line.end) {
                    guard index + 1 < lines.count, lines[index + 1].indent > indent,
                        let (nested, next) = mapping(from: index + 1, indent: lines[index + 1].indent)
                    else { return nil }
                    pairs.append((keyNode, nested))
                    index = next
                    continue
                }
                guard bytes[at] == 0x20 else { return nil }
                while bytes[at] == 0x20 { at += 1 }
                guard let value = blockValue(at: at, line: line) else { return nil }
                pairs.append((keyNode, value))
                index += 1
            }
            guard let firstLine = lines[first...].first else { return nil }
            let mapping = Node.Mapping(
                pairs, tag(), .any, mark(line: firstLine.number, column: indent + 1))
            return (.mapping(mapping), index)
        }

        /// A key of ASCII letters, digits, `_` and `-` (starting with a letter or `_`) and its `:`; `at`
        /// is then after the colon.
        private func key(at: inout Int, end: Int) -> String? {
            let start = at
            guard at < end, isKeyStart(bytes[at]) else { return nil }
            while at < end && isKeyByte(bytes[at]) { at += 1 }
            guard at < end, bytes[at] == UInt8(ascii: ":") else { return nil }
            let key = string(start, at)
            at += 1
            return key
        }

        /// The value after `key: `, which must take the rest of the line.
        private func blockValue(at start: Int, line: Line) -> Node? {
            let end = line.end
            let column = start - line.start + 1  // all ASCII before it
            switch bytes[start] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let (value, after) = quoted(at: start, end: end), isBlank(after, end) else { return nil }
                return scalar(
                    value, bytes[start] == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted, line: line.number,
                    column: column, quoted: true)
            case UInt8(ascii: "["):
                var at = start + 1
                guard let node = sequence(at: &at, line: line, column: column), isBlank(at, end) else { return nil }
                return node
            case UInt8(ascii: "{"):
                var at = start + 1
                guard let node = flowMapping(at: &at, line: line, column: column), isBlank(at, end) else {
                    return nil
                }
                return node
            default:
                guard !isIndicator(bytes[start]) else { return nil }
                var last = start
                var index = start
                while index < end {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ":") && (index + 1 == end || bytes[index + 1] == 0x20) { return nil }
                    if byte == UInt8(ascii: "#") && bytes[index - 1] == 0x20 { return nil }
                    if byte != 0x20 { last = index }
                    index += 1
                }
                return scalar(string(start, last + 1), .plain, line: line.number, column: column)
            }
        }

        // MARK: Flow collections

        /// `[a, "b", 'c']` after its `[`; `at` is then after the `]`.
        private func sequence(at: inout Int, line: Line, column: Int) -> Node? {
            var items: [Node] = []
            let closed = flowItems(at: &at, line: line, closing: UInt8(ascii: "]")) { at in
                guard let item = flowNode(at: &at, line: line) else { return false }
                items.append(item)
                return true
            }
            guard closed else { return nil }
            return .sequence(Node.Sequence(items, tag(), .any, mark(line: line.number, column: column)))
        }

        /// `{key: value, …}` after its `{`; `at` is then after the `}`.
        private func flowMapping(at: inout Int, line: Line, column: Int) -> Node? {
            var pairs: [(Node, Node)] = []
            var keys: [String] = []
            let closed = flowItems(at: &at, line: line, closing: UInt8(ascii: "}")) { at in
                let keyColumn = self.column(of: at, in: line)
                guard let key = key(at: &at, end: line.end), at < line.end, bytes[at] == 0x20, !keys.contains(key)
                else { return false }
                keys.append(key)
                skipSpaces(&at, line.end)
                guard let value = flowNode(at: &at, line: line) else { return false }
                pairs.append((keyScalar(key, line: line.number, column: keyColumn), value))
                return true
            }
            guard closed else { return nil }
            return .mapping(Node.Mapping(pairs, tag(), .any, mark(line: line.number, column: column)))
        }

        /// The items of a one-line `[…]` or `{…}` after its opening bracket, each read by `item`, separated
        /// by commas, up to `closing`; `at` is then after it. False when an item fails or the line ends first.
        private func flowItems(
            at: inout Int, line: Line, closing: UInt8, item: (inout Int) -> Bool
        ) -> Bool {
            skipSpaces(&at, line.end)
            if at < line.end && bytes[at] == closing {
                at += 1
                return true
            }
            while true {
                guard item(&at) else { return false }
                skipSpaces(&at, line.end)
                guard at < line.end else { return false }
                if bytes[at] == closing {
                    at += 1
                    return true
                }
                guard bytes[at] == UInt8(ascii: ",") else { return false }
                at += 1
                skipSpaces(&at, line.end)
            }
        }

        /// An item of a list or a value of a mapping inside `[…]` or `{…}`; `at` is then after it.
        private func flowNode(at: inout Int, line: Line) -> Node? {
            guard at < line.end else { return nil }
            switch bytes[at] {
            case UInt8(ascii: "["):
                let column = self.column(of: at, in: line)
                at += 1
                return sequence(at: &at, line: line, column: column)
            case UInt8(ascii: "{"):
                let column = self.column(of: at, in: line)
                at += 1
                return flowMapping(at: &at, line: line, column: column)
            default:
                return flowScalar(at: &at, line: line)
            }
        }

        /// A quoted scalar, or a plain one without `#[{"'` or a `:` that ends a word; `at` is then after it.
        private func flowScalar(at: inout Int, line: Line) -> Node? {
            guard at < line.end else { return nil }
            let start = at
            let column = self.column(of: start, in: line)
            let first = bytes[start]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let (value, after) = quoted(at: start, end: line.end) else { return nil }
                at = after
                return scalar(
                    value, first == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted, line: line.number,
                    column: column, quoted: true)
            }
            guard !isIndicator(first) else { return nil }
            var last = start
            while at < line.end {
                let byte = bytes[at]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { break }
                switch byte {
                case UInt8(ascii: ":"):
                    // Inside a word (`16:40`) it is text; before a space or the end of the item, a key.
                    guard at + 1 < line.end else { return nil }
                    switch bytes[at + 1] {
                    case 0x20, UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                        UInt8(ascii: "}"):
                        return nil
                    default:
                        break
                    }
                case UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                    return nil
                default:
                    break
                }
                if byte != 0x20 { last = at }
                at += 1
            }
            return scalar(string(start, last + 1), .plain, line: line.number, column: column)
        }

        /// The text between quotes starting at `start`, and the index after the closing quote. Nil for an
        /// escape (`\` in double quotes, `''` in single ones) or a quote not closed on the line.
        private func quoted(at start: Int, end: Int) -> (String, Int)? {
            let quote = bytes[start]
            var index = start + 1
            while index < end {
                let byte = bytes[index]
                if byte == quote {
                    if quote == UInt8(ascii: "'") && index + 1 < end && bytes[index + 1] == quote { return nil }
                    return (string(start + 1, index), index + 1)
                }
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { return nil }
                index += 1
            }
            return nil
        }

        // MARK: Pieces

        private func isBlank(_ start: Int, _ end: Int) -> Bool {
            var index = start
            while index < end {
                guard bytes[index] == 0x20 else { return false }
                index += 1
            }
            return true
        }

        private func skipSpaces(_ at: inout Int, _ end: Int) {
            while at < end && bytes[at] == 0x20 { at += 1 }
        }

        /// libyaml counts columns in Unicode scalars: the bytes that do not continue one.
        private func column(of index: Int, in line: Line) -> Int {
            var column = 1
            var at = line.start
            while at < index {
                if bytes[at] & 0xC0 != 0x80 { column += 1 }
                at += 1
            }
            return column
        }

        private func isKeyStart(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
        }

        private func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        }

        /// Characters that give a plain scalar's first character another meaning.
        private func isIndicator(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), 0x20:
                return true
            default:
                return false
            }
        }

        private func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// A scalar as Yams composes it: quoted ones carry the `str` tag libyaml gives them.
        private func scalar(
            _ value: String, _ style: Node.Scalar.Style, line: Int, column: Int, quoted: Bool = false
        ) -> Node {
            .scalar(Node.Scalar(value, tag(quoted ? .str : .implicit), style, mark(line: line, column: column)))
        }

        /// A key: Yams resolves the tag of every key (to `str`) when it looks for repeated ones.
        private func keyScalar(_ key: String, line: Int, column: Int) -> Node {
            .scalar(Node.Scalar(key, tag(.str), .plain, mark(line: line, column: column)))
        }

        private func tag(_ name: Tag.Name = .implicit) -> Tag { Tag(name, resolver, constructor) }

        private func mark(line: Int, column: Int) -> Mark { PlainFrontMatter.mark(line: line, column: column) }
    }

    /// A `Mark`, whose initializer Yams keeps internal: the struct is its two `Int`s, line then column
    /// (a test checks every mark made here against the fields read back).
    static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast(MarkFields(line: line, column: column), to: Mark.self)
    }

    private struct MarkFields {
        var line: Int
        var column: Int
    }
}
