import Foundation
import Yams

/// The term rules of the editorial lint: corrections (`wrong → right`) and forbidden terms.
///
/// Rules come from `Content/lint/terms.yml` and from `TermRules.builtIn`, a short list of serious
/// errors in official names that no campaign text may contain. The core-values rule is not a table
/// entry; `TermLinter` applies it to every text.
///
/// `terms.yml`:
/// ```yaml
/// corrections:
///   - {wrong: 文明城事, right: 文明城市, note: 创建名称}
/// forbidden:
///   - {term: 最高级, note: 广告法禁用语}
///   - 某个词          # a plain text is a forbidden term without a note
/// ```
public struct TermRules: Sendable, Hashable {
    /// A wrong spelling and its fix.
    public struct Correction: Sendable, Hashable {
        public var wrong: String
        public var right: String
        /// Why, shown with each hit (e.g. 国名不得有误).
        public var note: String?

        public init(wrong: String, right: String, note: String? = nil) {
            self.wrong = wrong
            self.right = right
            self.note = note
        }
    }

    /// A term that must not appear at all.
    public struct Forbidden: Sendable, Hashable {
        public var term: String
        public var note: String?

        public init(term: String, note: String? = nil) {
            self.term = term
            self.note = note
        }
    }

    public var corrections: [Correction]
    public var forbidden: [Forbidden]

    public init(corrections: [Correction] = [], forbidden: [Forbidden] = []) {
        self.corrections = corrections
        self.forbidden = forbidden
    }

    /// These rules followed by `other`; an entry of `other` with the same `wrong` or `term` replaces
    /// the entry of `self` (a site can reword a built-in note).
    public func merging(_ other: TermRules) -> TermRules {
        let overridden = Set(other.corrections.map(\.wrong))
        let overriddenForbidden = Set(other.forbidden.map(\.term))
        return TermRules(
            corrections: corrections.filter { !overridden.contains($0.wrong) } + other.corrections,
            forbidden: forbidden.filter { !overriddenForbidden.contains($0.term) } + other.forbidden)
    }

    /// Serious errors in official names, checked in every text whether or not terms.yml exists.
    ///
    /// Only misspellings that are never a correct word in any context belong here: a false alarm on
    /// every build teaches editors to ignore the lint.
    public static let builtIn = TermRules(corrections: [
        Correction(wrong: "中华人民共合国", right: "中华人民共和国", note: "国名不得有误"),
        Correction(wrong: "中华人名共和国", right: "中华人民共和国", note: "国名不得有误"),
        Correction(wrong: "共合国", right: "共和国", note: "国名不得有误"),
        Correction(wrong: "攻府", right: "政府", note: "机关名称不得有误"),
        Correction(wrong: "政付", right: "政府", note: "机关名称不得有误"),
        Correction(wrong: "共残党", right: "共产党", note: "党名不得有误"),
        Correction(wrong: "共惨党", right: "共产党", note: "党名不得有误"),
        Correction(wrong: "习近乎", right: "习近平", note: "领导人姓名不得有误"),
        Correction(wrong: "习进平", right: "习近平", note: "领导人姓名不得有误"),
        Correction(wrong: "社会主义核心价值规", right: "社会主义核心价值观", note: "规范表述"),
        Correction(wrong: "社会主义核心价值关", right: "社会主义核心价值观", note: "规范表述"),
        Correction(wrong: "社会主意核心价值观", right: "社会主义核心价值观", note: "规范表述"),
        Correction(wrong: "中国特色社会主意", right: "中国特色社会主义", note: "规范表述"),
        Correction(wrong: "全国文名城市", right: "全国文明城市", note: "创建名称不得有误"),
        Correction(wrong: "全国闻明城市", right: "全国文明城市", note: "创建名称不得有误"),
        Correction(wrong: "全国文明成市", right: "全国文明城市", note: "创建名称不得有误"),
        Correction(wrong: "全国文明城事", right: "全国文明城市", note: "创建名称不得有误"),
        Correction(wrong: "全国文明程市", right: "全国文明城市", note: "创建名称不得有误"),
        Correction(wrong: "文名城市", right: "文明城市", note: "创建名称不得有误"),
        Correction(wrong: "文明成市", right: "文明城市", note: "创建名称不得有误"),
        Correction(wrong: "文明城事", right: "文明城市", note: "创建名称不得有误"),
        Correction(wrong: "精神文名", right: "精神文明", note: "规范表述"),
        Correction(wrong: "文名办", right: "文明办", note: "机构名称不得有误"),
        Correction(wrong: "不忘出心", right: "不忘初心", note: "规范表述"),
        Correction(wrong: "牢记史命", right: "牢记使命", note: "规范表述"),
        Correction(wrong: "志原服务", right: "志愿服务", note: "规范表述"),
        Correction(wrong: "志愿者服物", right: "志愿者服务", note: "规范表述"),
    ])

    /// Parses `terms.yml`; malformed entries are reported and skipped, the rest is kept.
    ///
    /// Diagnostic codes start with `terms.` (`terms.wrong`, `terms.right`, `terms.term`,
    /// `terms.duplicate`, `terms.yaml`, `terms.unknown-field`).
    public static func parse(_ text: String, file: String) -> (TermRules, [Diagnostic]) {
        let sink = FieldReader.Sink()
        guard let reader = FieldReader.parse(text, file: file, codePrefix: "terms", sink: sink) else {
            return (TermRules(), sink.diagnostics)
        }
        var rules = TermRules()
        var seenWrong: Set<String> = []
        for entry in reader.maps("corrections") ?? [] {
            let wrong = entry.string("wrong", required: true)
            let right = entry.string("right", required: true)
            let note = entry.string("note").flatMap { $0.isEmpty ? nil : $0 }
            entry.reportUnknownKeys()
            guard let wrong, let right, validTerm(wrong, key: "wrong", in: entry),
                validTerm(right, key: "right", in: entry)
            else { continue }
            if wrong == right {
                entry.error("'\(entry.name("right"))' is the same as 'wrong' ('\(wrong)'); give the fix", key: "right")
                continue
            }
            if !seenWrong.insert(wrong).inserted {
                entry.sink.diagnostics.append(
                    .warning(
                        "'\(wrong)' is listed twice in 'corrections'; only the first entry is used",
                        code: "terms.duplicate", at: entry.location(of: "wrong")))
                continue
            }
            rules.corrections.append(Correction(wrong: wrong, right: right, note: note))
        }
        var seenForbidden: Set<String> = []
        for item in reader.sequence("forbidden") ?? [] {
            let term: String?
            let note: String?
            let location = reader.location(of: item)
            switch item {
            case .scalar(let scalar):
                term = scalar.string.trimmingWhitespace(newlines: false)
                note = nil
                if term?.isEmpty != false {
                    reader.error("an item of 'forbidden' is empty; give the term", code: "terms.term", at: location)
                    continue
                }
            case .mapping(let mapping):
                let entry = FieldReader(
                    mapping: mapping, mark: item.mark, file: file, codePrefix: "terms", path: "forbidden",
                    sink: sink)
                term = entry.string("term", required: true)
                note = entry.string("note").flatMap { $0.isEmpty ? nil : $0 }
                entry.reportUnknownKeys()
                if let term, !validTerm(term, key: "term", in: entry) { continue }
            default:
                reader.error(
                    "an item of 'forbidden' must be a term or '{term: …, note: …}', found \(FieldReader.describe(item))",
                    code: "terms.term", at: location)
                continue
            }
            guard let term else { continue }
            if !seenForbidden.insert(term).inserted {
                sink.diagnostics.append(
                    .warning(
                        "'\(term)' is listed twice in 'forbidden'; only the first entry is used",
                        code: "terms.duplicate", at: location))
                continue
            }
            rules.forbidden.append(Forbidden(term: term, note: note))
        }
        reader.reportUnknownKeys()
        return (rules, sink.diagnostics)
    }

    /// A term must be one line of text; a line break could never match.
    private static func validTerm(_ value: String, key: String, in entry: FieldReader) -> Bool {
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            entry.error("'\(entry.name(key))' must be on one line, found a line break in '\(value)'", key: key)
            return false
        }
        return true
    }
}
