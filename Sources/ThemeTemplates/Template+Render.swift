extension Template {
    /// Runs templates' operations and appends what they render to a byte buffer.
    ///
    /// One renderer serves one render call: it owns the context stack, the parent tags being expanded
    /// and the current indentation, all in arrays that grow once and are reused.
    struct Renderer {
        /// The bounds of this render; deeper, longer or larger content is left out (and `cut` says which), so
        /// that a partial that includes itself ends instead of exhausting the stack.
        let limits: TemplateRenderLimits

        /// A template's buffers, valid while the renderer runs its operations.
        private struct Code {
            let template: Int
            let ops: UnsafeBufferPointer<Op>
            let text: UnsafeBufferPointer<UInt8>
            let lineStarts: UnsafeBufferPointer<Int32>
            let indentation: UnsafeBufferPointer<UInt8>
            let names: UnsafeBufferPointer<Name>
            let keys: UnsafeBufferPointer<TemplateKey>
            let parents: UnsafeBufferPointer<Parent>
            let overrides: UnsafeBufferPointer<Override>
            let blocks: UnsafeBufferPointer<Block>
        }

        /// A parent tag being expanded: its blocks replace the parent's.
        private struct Frame {
            let template: Int
            let overrides: Range<Int>
        }

        let templates: [Template]
        let unresolved: ((String) -> Void)?
        /// The context stack, innermost last.
        private var stack: [TemplateValue]
        /// The parent tags being expanded, outermost first: the outermost block of a name wins.
        private var frames: [Frame] = []
        /// Holds the indentation of every partial being expanded; `indentation` is the current one.
        private var indentationBuffer: [UInt8] = []
        private var indentation: Range<Int> = 0..<0
        /// Set where the content of a block goes on a line already begun: its first line start then
        /// adds no indentation. Cleared by the first thing written.
        private var skipLineStart = false
        private var depth = 0
        private var expansions = 0
        /// Operations run so far.
        private var work = 0
        /// The output's size at which the render stops (`limits.outputBytes` past where it began).
        private let outputLimit: Int
        /// The first limit that left something out, if any.
        private(set) var cut: TemplateLimit?

        init(
            templates: [Template], context: TemplateValue, limits: TemplateRenderLimits, outputStart: Int,
            unresolved: ((String) -> Void)?
        ) {
            self.limits = limits
            self.outputLimit = outputStart + limits.outputBytes
            self.templates = templates
            self.unresolved = unresolved
            self.stack = [context]
            stack.reserveCapacity(16)
        }

        /// Renders all of template `index`.
        mutating func render(template index: Int, into output: inout [UInt8]) {
            run(template: index, 0..<templates[index].ops.count, into: &output)
        }

        /// Runs operations `range` of template `index`.
        private mutating func run(template index: Int, _ range: Range<Int>, into output: inout [UInt8]) {
            let template = templates[index]
            template.ops.withUnsafeBufferPointer { ops in
                template.text.withUnsafeBufferPointer { text in
                    template.lineStarts.withUnsafeBufferPointer { lineStarts in
                        template.indentation.withUnsafeBufferPointer { indentation in
                            template.names.withUnsafeBufferPointer { names in
                                template.keys.withUnsafeBufferPointer { keys in
                                    template.parents.withUnsafeBufferPointer { parents in
                                        template.overrides.withUnsafeBufferPointer { overrides in
                                            template.blocks.withUnsafeBufferPointer { blocks in
                                                let code = Code(
                                                    template: index, ops: ops, text: text, lineStarts: lineStarts,
                                                    indentation: indentation, names: names, keys: keys,
                                                    parents: parents, overrides: overrides, blocks: blocks)
                                                run(code, range, into: &output)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        private mutating func run(_ code: Code, _ range: Range<Int>, into output: inout [UInt8]) {
            work += range.count
            guard work <= limits.steps else { return stop(.steps) }
            guard output.count <= outputLimit else { return stop(.output) }
            var index = range.lowerBound
            while index < range.upperBound {
                switch code.ops[index] {
                case .text(let text, let lineStarts):
                    write(text, lineStarts: lineStarts, of: code, into: &output)
                    index += 1
                case .value(let name, let escaped):
                    if let value = resolve(name, in: code) { write(value, escaped: escaped, into: &output) }
                    index += 1
                case .section(let name, let end):
                    let content = (index + 1)..<Int(end)
                    if let value = resolve(name, in: code) {
                        if depth < limits.depth {
                            depth += 1
                            renderSection(value, content, of: code, into: &output)
                            depth -= 1
                        } else {
                            stop(.depth)
                        }
                    }
                    index = Int(end)
                case .inverted(let name, let end):
                    if isFalsey(resolve(name, in: code)) {
                        if depth < limits.depth {
                            depth += 1
                            run(code, (index + 1)..<Int(end), into: &output)
                            depth -= 1
                        } else {
                            stop(.depth)
                        }
                    }
                    index = Int(end)
                case .partial(let template, let extra):
                    if let template {
                        expand(
                            template: Int(template), indentedBy: extra.map { code.indentation[$0.range] }, into: &output
                        )
                    }
                    index += 1
                case .parent(let parent, let end):
                    let parent = code.parents[Int(parent)]
                    if let template = parent.template {
                        frames.append(Frame(template: code.template, overrides: parent.overrides.range))
                        expand(
                            template: Int(template), indentedBy: parent.indentation.map { code.indentation[$0.range] },
                            into: &output)
                        frames.removeLast()
                    }
                    index = Int(end)
                case .block(let block, let end):
                    renderBlock(code.blocks[Int(block)], default: (index + 1)..<Int(end), of: code, into: &output)
                    index = Int(end)
                }
            }
        }

        /// Notes the first limit that leaves something out.
        private mutating func stop(_ limit: TemplateLimit) {
            if cut == nil { cut = limit }
        }

        private mutating func renderSection(
            _ value: TemplateValue, _ content: Range<Int>, of code: Code, into output: inout [UInt8]
        ) {
            switch value {
            case .list(let items):
                for item in items {
                    stack.append(item)
                    run(code, content, into: &output)
                    stack.removeLast()
                }
            case .bool(let flag):
                if flag { run(code, content, into: &output) }
            case .null:
                break
            case .text, .utf8, .number, .decimal, .objectReference:
                stack.append(value)
                run(code, content, into: &output)
                stack.removeLast()
            }
        }

        /// Renders a partial or parent: a standalone one indents its lines by the current indentation
        /// plus `extra`; one within a line indents nothing, as its text is not the caller's lines.
        private mutating func expand(
            template: Int, indentedBy extra: Slice<UnsafeBufferPointer<UInt8>>?, into output: inout [UInt8]
        ) {
            guard depth < limits.depth else { return stop(.depth) }
            guard expansions < limits.expansions else { return stop(.expansions) }
            depth += 1
            expansions += 1
            let saved = (indentation, indentationBuffer.count)
            if let extra {
                pushIndentation(extra)
            } else {
                indentation = indentationBuffer.count..<indentationBuffer.count
            }
            render(template: template, into: &output)
            indentation = saved.0
            indentationBuffer.removeSubrange(saved.1...)
            depth -= 1
        }

        private mutating func renderBlock(
            _ block: Block, default content: Range<Int>, of code: Code, into output: inout [UInt8]
        ) {
            guard depth < limits.depth else { return stop(.depth) }
            guard expansions < limits.expansions else { return stop(.expansions) }
            let override = self.override(of: block.id)
            guard !(override?.content.isEmpty ?? content.isEmpty) else { return }
            depth += 1
            expansions += 1
            let saved = (indentation, indentationBuffer.count, skipLineStart)
            let start = output.count
            pushIndentation(code.indentation[block.indentation.range])
            if block.startsLine { output.append(contentsOf: indentationBuffer[indentation]) }
            skipLineStart = true
            if let override {
                run(template: override.template, override.content, into: &output)
            } else {
                run(code, content, into: &output)
            }
            indentation = saved.0
            indentationBuffer.removeSubrange(saved.1...)
            skipLineStart = output.count == start ? saved.2 : false
            depth -= 1
        }

        /// The content the outermost parent tag being expanded gives for block `id`.
        private func override(of id: Int32) -> (template: Int, content: Range<Int>)? {
            for frame in frames {
                for index in frame.overrides {
                    let override = templates[frame.template].overrides[index]
                    if override.block == id { return (frame.template, override.content.range) }
                }
            }
            return nil
        }

        /// Makes the current indentation followed by `extra` the current indentation.
        private mutating func pushIndentation(_ extra: Slice<UnsafeBufferPointer<UInt8>>) {
            guard !extra.isEmpty else { return }
            let start = indentationBuffer.count
            for index in indentation { indentationBuffer.append(indentationBuffer[index]) }
            indentationBuffer.append(contentsOf: extra)
            indentation = start..<indentationBuffer.count
        }

        // MARK: Writing

        @inline(__always)
        private mutating func write(_ span: Span, lineStarts: Span, of code: Code, into output: inout [UInt8]) {
            let bytes = code.text[span.range]
            if lineStarts.start == lineStarts.end {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes))
                skipLineStart = skipLineStart && bytes.isEmpty
                return
            }
            var from = bytes.startIndex
            for lineStart in code.lineStarts[lineStarts.range] {
                let offset = Int(lineStart)
                if from < offset {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: code.text[from..<offset]))
                    skipLineStart = false
                }
                if skipLineStart {
                    skipLineStart = false
                } else if !indentation.isEmpty {
                    output.append(contentsOf: indentationBuffer[indentation])
                }
                from = offset
            }
            if from < bytes.endIndex {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: code.text[from..<bytes.endIndex]))
                skipLineStart = false
            }
        }

        private mutating func write(_ value: TemplateValue, escaped: Bool, into output: inout [UInt8]) {
            let start = output.count
            switch value {
            case .text(var string):
                if escaped {
                    HTMLEscaping.append(string, to: &output)
                } else {
                    string.withUTF8 { output.append(contentsOf: $0) }
                }
            case .utf8(let bytes):
                if escaped {
                    HTMLEscaping.append(bytes, to: &output)
                } else {
                    output.append(contentsOf: bytes)
                }
            case .number(let number):
                Self.appendDecimal(number, to: &output)
            case .decimal(let number):
                output.append(contentsOf: number.description.utf8)
            case .bool(let flag):
                let text: StaticString = flag ? "true" : "false"
                text.withUTF8Buffer { output.append(contentsOf: $0) }
            case .list, .objectReference, .null:
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
        private func resolve(_ index: Int32, in code: Code) -> TemplateValue? {
            let name = code.names[Int(index)]
            let keys = name.keys.range
            guard let first = keys.first else { return stack.last }
            var value: TemplateValue
            if name.anchored {
                guard let top = stack.last, let found = Self.field(code.keys[first], of: top) else {
                    unresolved?(templates[code.template].nameTexts[Int(index)])
                    return nil
                }
                value = found
            } else {
                let key = code.keys[first]
                var level = stack.count - 1
                while true {
                    guard level >= 0 else {
                        unresolved?(templates[code.template].nameTexts[Int(index)])
                        return nil
                    }
                    if let found = Self.field(key, of: stack[level]) {
                        value = found
                        break
                    }
                    level -= 1
                }
            }
            for key in keys.dropFirst() {
                guard let found = Self.field(code.keys[key], of: value) else { return nil }
                value = found
            }
            return value
        }

        @inline(__always)
        private static func field(_ key: TemplateKey, of value: TemplateValue) -> TemplateValue? {
            guard case .objectReference(let reference) = value else { return nil }
            return reference.object.value(for: key)
        }

        /// What an inverted section shows for: nothing there, null, false or an empty list.
        private func isFalsey(_ value: TemplateValue?) -> Bool {
            switch value {
            case nil, .null?: true
            case .bool(let flag)?: !flag
            case .list(let items)?: items.isEmpty
            case .text?, .utf8?, .number?, .decimal?, .objectReference?: false
            }
        }
    }
}
