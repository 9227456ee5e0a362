/// Splits a Markdown content file into its YAML front matter and its body.
///
/// Front matter sits between a first line `---` and the next line holding only `---` (or `...`).
public struct FrontMatter: Sendable {
    /// The YAML text, without the fences.
    public var yaml: String
    /// The Markdown after the closing fence.
    public var body: String
    /// File line of the first YAML line (2 when the file starts with the fence): add
    /// `yamlLineOffset` to a YAML line number to get the file line.
    public var yamlLineOffset: Int { 1 }
    /// File line on which the body starts.
    public var bodyStartLine: Int

    /// Splits `text`; reports a missing or unclosed fence as an error for `file`.
    public static func split(_ text: String, file: String, code: String) -> (FrontMatter?, [Diagnostic]) {
        // Work on UTF-8 bytes: "\r\n" is one Character in Swift, which makes line scanning error-prone.
        // The offsets found are line starts, so character boundaries of `text`: the two parts are copied
        // out of it as they are, without decoding them again.
        var text = text
        let fences = text.withUTF8 { fenceOffsets($0) }
        switch fences {
        case .missing:
            return (
                nil,
                [
                    .error(
                        "the file must start with front matter: a line '---', fields such as 'title: …', and another '---'",
                        code: "\(code).front-matter", file: file, line: 1, column: 1)
                ]
            )
        case .unclosed:
            return (
                nil,
                [
                    .error(
                        "front matter is not closed: add a line '---' after the last field",
                        code: "\(code).front-matter",
                        file: file, line: 1, column: 1)
                ]
            )
        case .found(let yamlRange, let bodyStart, let closingLine):
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            let yaml = String(text[index(yamlRange.lowerBound)..<index(yamlRange.upperBound)])
            let body = String(text[index(bodyStart)...])
            // The body goes through cmark-gfm into HTML and feeds, which keep such bytes as they are.
            if let finding = ControlCharacters.first(in: body) {
                return (
                    nil,
                    [
                        .error(
                            ControlCharacters.message(finding, field: "正文 (body)"), code: "\(code).control",
                            file: file, line: closingLine + finding.line, column: finding.column)
                    ]
                )
            }
            return (FrontMatter(yaml: yaml, body: body, bodyStartLine: closingLine + 1), [])
        }
    }

    private enum Fences {
        case missing, unclosed
        /// Byte offsets of the YAML and of the body's start, and the file line of the closing fence.
        case found(yaml: Range<Int>, bodyStart: Int, closingLine: Int)
    }

    private static func fenceOffsets(_ buffer: UnsafeBufferPointer<UInt8>) -> Fences {
        var bytes = buffer[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var cursor = bytes.startIndex
        func nextLine() -> (start: Int, end: Int, next: Int)? {
            guard cursor < bytes.endIndex else { return nil }
            let start = cursor
            var end = bytes[cursor...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let next = end < bytes.endIndex ? end + 1 : end
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            cursor = next
            return (start, end, next)
        }
        func isFence(_ l: (start: Int, end: Int, next: Int), allowDots: Bool) -> Bool {
            let s = bytes[l.start..<l.end]
            return s.elementsEqual("---".utf8) || (allowDots && s.elementsEqual("...".utf8))
        }
        guard let first = nextLine(), isFence(first, allowDots: false) else { return .missing }
        let yamlStart = first.next
        var lineNumber = 1
        while let l = nextLine() {
            lineNumber += 1
            if isFence(l, allowDots: true) {
                return .found(yaml: yamlStart..<l.start, bodyStart: l.next, closingLine: lineNumber)
            }
        }
        return .unclosed
    }
}
