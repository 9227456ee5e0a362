import Foundation
import Yams

/// Reads typed fields out of a YAML mapping and reports every problem as a `Diagnostic` with the
/// file, line and column of the offending node.
///
/// One reader wraps one mapping; nested mappings get child readers that report into the same sink,
/// so a whole document is read in one pass and all problems come out together. Keys that no rule
/// asked for are reported by `reportUnknownKeys()` as warnings (a typo like `titel` must not pass
/// silently).
public final class FieldReader {
    /// Where diagnostics of a reader and its children go.
    public final class Sink {
        public var diagnostics: [Diagnostic] = []
        public init() {}
    }

    public let file: String
    /// Added to YAML line numbers: front matter starts on line 2 of a Markdown file.
    public let lineOffset: Int
    /// Prefix of diagnostic codes, e.g. `news` gives `news.title`.
    public let codePrefix: String
    /// Dotted path of this mapping inside the document, for messages (`review.first`).
    public let path: String
    public let sink: Sink
    let mapping: Node.Mapping
    let mark: Mark?
    /// Every key an accessor asked for, repeats included: a front matter has a dozen fields, which a
    /// list finds as fast as a set would, without hashing each name.
    private var askedKeys: [String] = []
    /// The keys as text and their values, in the mapping's order; made on the first lookup (`Node.Mapping`'s
    /// subscript compares whole nodes, key by key, for every field read). A lookup reads them from the
    /// end, so the last of equal keys wins, as in that subscript.
    private lazy var entries: (keys: [String], values: [Node]) = {
        var keys: [String] = []
        var values: [Node] = []
        keys.reserveCapacity(mapping.count)
        values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            keys.append(name)
            values.append(value)
        }
        return (keys, values)
    }()

    /// The value of the last `key` in the mapping.
    private func value(of key: String) -> Node? {
        let keys = entries.keys
        var index = keys.count - 1
        while index >= 0 {
            if keys[index] == key { return entries.values[index] }
            index -= 1
        }
        return nil
    }

    public init(
        mapping: Node.Mapping, mark: Mark?, file: String, lineOffset: Int = 0, codePrefix: String,
        path: String = "", sink: Sink = Sink()
    ) {
        self.mapping = mapping
        self.mark = mark
        self.file = file
        self.lineOffset = lineOffset
        self.codePrefix = codePrefix
        self.path = path
        self.sink = sink
    }

    /// Yams' default constructor, made once: `Constructor.default` builds its tables on every use.
    /// Never changed after it is made, so reading it from several threads is safe.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Parses `text` as YAML and returns a reader over its top-level mapping.
    ///
    /// Returns nil (with a diagnostic in `sink`) when the YAML is broken or not a mapping. An empty
    /// document gives a reader over an empty mapping.
    public static func parse(
        _ text: String, file: String, lineOffset: Int = 0, codePrefix: String, sink: Sink = Sink()
    ) -> FieldReader? {
        let node: Node?
        // Most front matter is read without libyaml's events (`PlainFrontMatter`), into the same nodes.
        // The basic resolver keeps every scalar a string (no regular expressions per scalar: the readers
        // convert types themselves), and a fixed encoding avoids an environment lookup per parse.
        switch PlainFrontMatter.compose(text, resolver: .basic, constructor: constructor) {
        case .empty?:
            node = nil
        case .node(let plain)?:
            node = plain
        case nil:
            do {
                node = try Yams.compose(yaml: text, .basic, constructor, .utf8)
            } catch let error as YamlError {
                sink.diagnostics.append(yamlDiagnostic(error, file: file, lineOffset: lineOffset, code: codePrefix))
                return nil
            } catch {
                sink.diagnostics.append(
                    .error("cannot read YAML: \(error)", code: "\(codePrefix).yaml", file: file, line: lineOffset + 1))
                return nil
            }
        }
        guard let node else {
            return FieldReader(
                mapping: Node.Mapping([]), mark: nil, file: file, lineOffset: lineOffset, codePrefix: codePrefix,
                sink: sink)
        }
        guard case .mapping(let mapping) = node else {
            let loc = location(node.mark, file: file, lineOffset: lineOffset)
            sink.diagnostics.append(
                .error(
                    "expected a list of 'key: value' fields, found \(describe(node))", code: "\(codePrefix).yaml",
                    at: loc))
            return nil
        }
        return FieldReader(
            mapping: mapping, mark: node.mark, file: file, lineOffset: lineOffset, codePrefix: codePrefix, sink: sink)
    }

    static func yamlDiagnostic(_ error: YamlError, file: String, lineOffset: Int, code: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .error(
                "broken YAML: \(problem) (check indentation, a missing ':' or an unclosed quote)",
                code: "\(code).yaml", file: file, line: mark.line + lineOffset, column: mark.column)
        case .reader(let problem, _, _, _):
            return .error(
                "cannot read YAML: \(problem) (save the file as UTF-8)", code: "\(code).yaml", file: file,
                line: lineOffset + 1)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "the field '\(duplicates.joined(separator: "', '"))' appears twice; keep one",
                code: "\(code).yaml", file: file, line: context.mark.line + lineOffset, column: context.mark.column)
        default:
            return .error("broken YAML: \(error)", code: "\(code).yaml", file: file, line: lineOffset + 1)
        }
    }

    static func location(_ mark: Mark?, file: String, lineOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: - Locations

    /// Location of this mapping.
    public var location: SourceLocation { Self.location(mark, file: file, lineOffset: lineOffset) }

    /// Location of the value of `key`, or of the mapping when the key is absent.
    public func location(of key: String) -> SourceLocation {
        if let node = value(of: key) { return location(of: node) }
        return location
    }

    public func location(of node: Node) -> SourceLocation {
        Self.location(node.mark, file: file, lineOffset: lineOffset)
    }

    /// The dotted name of `key` for messages.
    public func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The diagnostic code for `key`.
    public func code(_ key: String) -> String { "\(codePrefix).\(key)" }

    // MARK: - Reporting

    public func error(_ message: String, key: String) {
        sink.diagnostics.append(.error(message, code: code(key), at: location(of: key)))
    }

    public func error(_ message: String, code: String, at location: SourceLocation) {
        sink.diagnostics.append(.error(message, code: code, at: location))
    }

    public func warning(_ message: String, key: String) {
        sink.diagnostics.append(.warning(message, code: code(key), at: location(of: key)))
    }

    /// Reports every key no accessor asked for as a warning.
    public func reportUnknownKeys() {
        // Over the key texts: iterating the mapping copies every key and value node.
        let names = entries.keys
        guard names.contains(where: { !askedKeys.contains($0) }) else { return }
        for (key, _) in mapping {
            guard let name = key.string, !askedKeys.contains(name) else { continue }
            let hint = Suggestion.hint(for: name, in: Set(askedKeys).sorted())
            sink.diagnostics.append(
                .warning(
                    "unknown field '\(self.name(name))' is ignored\(hint)", code: "\(codePrefix).unknown-field",
                    at: location(of: key)))
        }
    }

    /// Marks keys as known without reading them.
    public func allow(_ keys: String...) { askedKeys += keys }

    // MARK: - Accessors

    /// The raw node of `key`, marking the key as known.
    public func node(_ key: String) -> Node? {
        askedKeys.append(key)
        guard let node = value(of: key) else { return nil }
        if case .scalar(let s) = node, s.tag.description == Tag.Name.null.rawValue || isNullScalar(s) {
            return nil
        }
        return node
    }

    private func isNullScalar(_ s: Node.Scalar) -> Bool {
        s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null")
    }

    public func has(_ key: String) -> Bool { node(key) != nil }

    /// A text field. A number or date written without quotes is accepted as its text.
    public func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            error("'\(name(key))' must be text, found \(Self.describe(node))", key: key)
            return nil
        }
        let value = scalar.string.trimmingWhitespace()
        if value.isEmpty && required {
            missing(key)
            return nil
        }
        if let finding = ControlCharacters.first(in: value) {
            error(ControlCharacters.message(finding, field: name(key)), code: code(key), at: location(of: node))
            return nil
        }
        return value
    }

    func missing(_ key: String) {
        error("missing required field '\(name(key))'", key: key)
    }

    public func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            error("'\(name(key))' must be true or false, found \(Self.describe(node))", key: key)
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("'\(name(key))' must be true or false, found '\(scalar.string)'", key: key)
            return nil
        }
    }

    public func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingWhitespace(newlines: false))
        else {
            error("'\(name(key))' must be a whole number, found \(Self.describe(node))", key: key)
            return nil
        }
        if let range, !range.contains(value) {
            error(
                "'\(name(key))' must be between \(range.lowerBound) and \(range.upperBound), found \(value)", key: key)
            return nil
        }
        return value
    }

    /// A date or date-time; see `ContentDate` for the accepted forms.
    public func date(_ key: String, required: Bool = false, timeZone: TimeZone) -> Date? {
        guard let text = string(key, required: required) else { return nil }
        guard let date = ContentDate.parse(text, timeZone: timeZone) else {
            error(
                "'\(name(key))' is not a valid date: '\(text)' (write it as 2016-12-05 or 2016-12-05 09:30)", key: key)
            return nil
        }
        guard ContentDate.isWithinBounds(date, in: timeZone) else {
            error(
                "'\(name(key))' 的日期 '\(text)' 超出允许范围 \(ContentDate.validRangeText)，请检查年份 "
                    + "(the date is outside \(ContentDate.validYears.lowerBound)–\(ContentDate.validYears.upperBound))",
                key: key)
            return nil
        }
        return date
    }

    /// One of a fixed set of words.
    public func choice(_ key: String, in allowed: [String], required: Bool = false) -> String? {
        guard let value = string(key, required: required) else { return nil }
        guard allowed.contains(value) else {
            let hint = Suggestion.hint(for: value, in: allowed)
            error(
                "'\(name(key))' must be one of \(allowed.joined(separator: ", ")), found '\(value)'\(hint)", key: key)
            return nil
        }
        return value
    }

    /// A list of texts; a single text is taken as a list of one.
    public func strings(_ key: String) -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            let value = scalar.string.trimmingWhitespace(newlines: false)
            if let finding = ControlCharacters.first(in: value) {
                error(ControlCharacters.message(finding, field: name(key)), code: code(key), at: location(of: node))
                return nil
            }
            return value.isEmpty ? [] : [value]
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    error(
                        "'\(name(key))' must be a list of texts, found \(Self.describe(item))", code: code(key),
                        at: location(of: item))
                    continue
                }
                let value = scalar.string.trimmingWhitespace(newlines: false)
                if let finding = ControlCharacters.first(in: value) {
                    error(ControlCharacters.message(finding, field: name(key)), code: code(key), at: location(of: item))
                    continue
                }
                values.append(value)
            }
            return values
        default:
            error("'\(name(key))' must be a list, found \(Self.describe(node))", key: key)
            return nil
        }
    }

    /// A nested mapping as a child reader reporting into the same sink.
    public func map(_ key: String, required: Bool = false) -> FieldReader? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .mapping(let mapping) = node else {
            error("'\(name(key))' must be a mapping of 'key: value' fields, found \(Self.describe(node))", key: key)
            return nil
        }
        return FieldReader(
            mapping: mapping, mark: node.mark, file: file, lineOffset: lineOffset, codePrefix: codePrefix,
            path: name(key), sink: sink)
    }

    /// A list of mappings as child readers.
    public func maps(_ key: String, required: Bool = false) -> [FieldReader]? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .sequence(let sequence) = node else {
            error("'\(name(key))' must be a list, found \(Self.describe(node))", key: key)
            return nil
        }
        var readers: [FieldReader] = []
        for (index, item) in sequence.enumerated() {
            guard case .mapping(let mapping) = item else {
                error(
                    "item \(index + 1) of '\(name(key))' must be a mapping, found \(Self.describe(item))",
                    code: code(key), at: location(of: item))
                continue
            }
            readers.append(
                FieldReader(
                    mapping: mapping, mark: item.mark, file: file, lineOffset: lineOffset, codePrefix: codePrefix,
                    path: "\(name(key))[\(index + 1)]", sink: sink))
        }
        return readers
    }

    /// The items of a list node, for lists of lists (e.g. redact boxes).
    public func sequence(_ key: String) -> [Node]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let sequence) = node else {
            error("'\(name(key))' must be a list, found \(Self.describe(node))", key: key)
            return nil
        }
        return Array(sequence)
    }

    /// All keys of this mapping in document order.
    public var keys: [String] { mapping.compactMap { $0.key.string } }
}
