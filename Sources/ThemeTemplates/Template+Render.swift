extension Template {
    /// Walks node trees and appends what they render to a byte buffer.
    ///
    /// One renderer serves one render call: it owns the context stack, the blocks given by the parent
    /// tags being expanded and the current indentation, all in arrays that grow once and are reused.
    struct Renderer {
        /// How deep sections, partials, parents and blocks may nest while rendering; deeper content is
        /// left out, so a partial that includes itself ends instead of exhausting the stack.
        static let maxDepth = 200
        /// How many partials, parents and blocks one render may expand; the rest are left out, so that
        /// templates including each other several times cannot run for ever.
        static let maxExpansions = 1_000_000

        let templates: [Template]
        let unresolved: ((String) -> Void)?
        /// The context stack, innermost last.
        private var stack: [TemplateValue]
        /// The blocks of each parent tag being expanded, outermost first: the outermost wins.
        private var frames: [[Override]] = []
        /// Holds the indentation of every partial being expanded; `indentation` is the current one.
        private var indentationBuffer: [UInt8] = []
        private var indentation: Range<Int> = 0..<0
        /// Set where the content of a block goes on a line already begun: its first line start then
        /// adds no indentation. Cleared by the first thing written.
        private var skipLineStart = false
        private var depth = 0
        private var expansions = 0

        init(templates: [Template], context: TemplateValue, unresolved: ((String) -> Void)?) {
            self.templates = templates
            self.unresolved = unresolved
            self.stack = [context]
            stack.reserveCapacity(16)
        }

        mutating func render(_ nodes: [Node], into output: inout [UInt8]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    write(text, into: &output)
                case .value(let name, let escaped):
                    if let value = resolve(name) { write(value, escaped: escaped, into: &output) }
                case .section(let name, let children):
                    guard let value = resolve(name), depth < Self.maxDepth else { continue }
                    depth += 1
                    switch value {
                    case .list(let items):
                        for item in items {
                            stack.append(item)
                            render(children, into: &output)
                            stack.removeLast()
                        }
                    case .bool(let flag):
                        if flag { render(children, into: &output) }
                    case .null:
                        break
                    case .text, .number, .decimal, .object:
                        stack.append(value)
                        render(children, into: &output)
                        stack.removeLast()
                    }
                    depth -= 1
                case .inverted(let name, let children):
                    guard isFalsey(resolve(name)), depth < Self.maxDepth else { continue }
                    depth += 1
                    render(children, into: &output)
                    depth -= 1
                case .partial(let index, let extra):
                    guard let index else { continue }
                    expand(templates[index].nodes, indentedBy: extra, into: &output)
                case .parent(let parent):
                    guard let index = parent.template else { continue }
                    frames.append(parent.overrides)
                    expand(templates[index].nodes, indentedBy: parent.indentation, into: &output)
                    frames.removeLast()
                case .block(let block):
                    renderBlock(block, into: &output)
                }
            }
        }

        /// Renders a partial or parent: a standalone one indents its lines by the current indentation
        /// plus `extra`; one within a line indents nothing, as its text is not the caller's lines.
        private mutating func expand(_ nodes: [Node], indentedBy extra: [UInt8]?, into output: inout [UInt8]) {
            guard depth < Self.maxDepth, expansions < Self.maxExpansions else { return }
            depth += 1
            expansions += 1
            let saved = (indentation, indentationBuffer.count)
            if let extra {
                pushIndentation(extra)
            } else {
                indentation = indentationBuffer.count..<indentationBuffer.count
            }
            render(nodes, into: &output)
            indentation = saved.0
            indentationBuffer.removeSubrange(saved.1...)
            depth -= 1
        }

        private mutating func renderBlock(_ block: Block, into output: inout [UInt8]) {
            let nodes = override(of: block.id) ?? block.defaultNodes
            guard !nodes.isEmpty, depth < Self.maxDepth, expansions < Self.maxExpansions else { return }
            depth += 1
            expansions += 1
            let saved = (indentation, indentationBuffer.count, skipLineStart)
            let start = output.count
            pushIndentation(block.indentation)
            if block.startsLine { output.append(contentsOf: indentationBuffer[indentation]) }
            skipLineStart = true
            render(nodes, into: &output)
            indentation = saved.0
            indentationBuffer.removeSubrange(saved.1...)
            skipLineStart = output.count == start ? saved.2 : false
            depth -= 1
        }

        private func override(of block: Int) -> [Node]? {
            for frame in frames {
                for override in frame where override.block == block { return override.nodes }
            }
            return nil
        }

        /// Makes the current indentation followed by `extra` the current indentation.
        private mutating func pushIndentation(_ extra: [UInt8]) {
            guard !extra.isEmpty else { return }
            let start = indentationBuffer.count
            for index in indentation { indentationBuffer.append(indentationBuffer[index]) }
            indentationBuffer.append(contentsOf: extra)
            indentation = start..<indentationBuffer.count
        }

        // MARK: Writing

        @inline(__always)
        private mutating func write(_ text: Text, into output: inout [UInt8]) {
            if text.lineStarts.isEmpty {
                output.append(contentsOf: text.bytes)
                skipLineStart = skipLineStart && text.bytes.isEmpty
                return
            }
            var from = 0
            for lineStart in text.lineStarts {
                if from < lineStart {
                    output.append(contentsOf: text.bytes[from..<lineStart])
                    skipLineStart = false
                }
                if skipLineStart {
                    skipLineStart = false
                } else if !indentation.isEmpty {
                    output.append(contentsOf: indentationBuffer[indentation])
                }
                from = lineStart
            }
            if from < text.bytes.count {
                output.append(contentsOf: text.bytes[from...])
                skipLineStart = false
            }
        }

        private mutating func write(_ value: TemplateValue, escaped: Bool, into output: inout [UInt8]) {
            let start = output.count
            switch value {
            case .text(let string):
                if escaped {
                    HTMLEscaping.append(string, to: &output)
                } else {
                    output.append(contentsOf: string.utf8)
                }
            case .number(let number):
                Self.appendDecimal(number, to: &output)
            case .decimal(let number):
                output.append(contentsOf: number.description.utf8)
            case .bool(let flag):
                let text: StaticString = flag ? "true" : "false"
                text.withUTF8Buffer { output.append(contentsOf: $0) }
            case .list, .object, .null:
                break
            }
            if output.count != start { skipLineStart = false }
        }

        /// Writes an integer in decimal without making a `String`.
        static func appendDecimal(_ number: Int, to output: inout [UInt8]) {
            if number < 0 { output.append(UInt8(ascii: "-")) }
            var magnitude = number.magnitude
            let start = output.count
            repeat {
                output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            output[start...].reverse()
        }

        // MARK: Names

        /// The value a name refers to: the first key is looked up from the innermost context outwards,
        /// the others in the value found. Nil when it is not there.
        private func resolve(_ name: Name) -> TemplateValue? {
            guard let first = name.keys.first else { return stack.last }
            var value: TemplateValue
            if name.anchored {
                guard let top = stack.last, let found = Self.field(first, of: top) else {
                    unresolved?(name.text)
                    return nil
                }
                value = found
            } else {
                var index = stack.count - 1
                while true {
                    guard index >= 0 else {
                        unresolved?(name.text)
                        return nil
                    }
                    if let found = Self.field(first, of: stack[index]) {
                        value = found
                        break
                    }
                    index -= 1
                }
            }
            for key in name.keys.dropFirst() {
                guard let found = Self.field(key, of: value) else { return nil }
                value = found
            }
            return value
        }

        @inline(__always)
        private static func field(_ key: String, of value: TemplateValue) -> TemplateValue? {
            guard case .object(let object) = value else { return nil }
            return object.value(forKey: key)
        }

        /// What an inverted section shows for: nothing there, null, false or an empty list.
        private func isFalsey(_ value: TemplateValue?) -> Bool {
            switch value {
            case nil, .null?: true
            case .bool(let flag)?: !flag
            case .list(let items)?: items.isEmpty
            case .text?, .number?, .decimal?, .object?: false
            }
        }
    }
}
