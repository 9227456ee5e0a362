import Foundation
import TestSupport
import Testing
import Yams

@testable import CampaignCore

/// `PlainFrontMatter` must give exactly Yams' nodes for every document it accepts, and leave every other
/// document to Yams.
@Suite struct PlainFrontMatterTests {
    nonisolated(unsafe) static let constructor = Constructor.default

    /// The node as a text listing everything a reader can see of it: kind, strings, styles, tags, marks.
    static func describe(_ node: Node?) -> String {
        guard let node else { return "nil" }
        func mark(_ mark: Mark?) -> String { mark.map { "@\($0.line):\($0.column)" } ?? "@-" }
        switch node {
        case .scalar(let scalar):
            return "s(\(scalar.string.debugDescription) \(scalar.style) \(scalar.tag.description)\(mark(scalar.mark)))"
        case .sequence(let sequence):
            return "q(\(sequence.tag.description) \(sequence.style)\(mark(sequence.mark)) ["
                + sequence.map(describe).joined(separator: ", ") + "])"
        case .mapping(let mapping):
            return "m(\(mapping.tag.description) \(mapping.style)\(mark(mapping.mark)) {"
                + mapping.map { "\(describe($0.key)): \(describe($0.value))" }.joined(separator: ", ") + "})"
        case .alias:
            return "alias"
        }
    }

    /// What Yams makes of `text`, as `describe` shows it, or the error.
    static func yams(_ text: String) -> String {
        do {
            return describe(try Yams.compose(yaml: text, .basic, constructor, .utf8))
        } catch {
            return "error"
        }
    }

    /// What the fast reader makes of `text`, or nil when it leaves the text to Yams.
    static func plain(_ text: String) -> String? {
        switch PlainFrontMatter.compose(text, resolver: .basic, constructor: constructor) {
        case nil: return nil
        case .empty?: return "nil"
        case .node(let node)?: return describe(node)
        }
    }

    @Test func readsTheFrontMatterOfContentAsYamsDoes() {
        let documents = [
            "title: 全市创建全国文明城市测评迎检工作动员大会召开\ndate: 2026-10-08 18:30\n",
            "title: \"引号里的: 标题 # 不是注释\"\ntags: [测评迎检, 宣传动员, 责任落实]\nsource: 兰州文明城市创建网\n",
            "id: BG-2026-00000\nphotos: []\nlimit_days: 7\nstatus: open\n",
            "review:\n  first:  {by: 张敏, at: 2026-10-08 16:40}\n  second: {by: 李卫东, at: 2026-10-08 17:20}\n",
            "a: 1\n\n# 注释\nb: 'single'\nc: \"\"\nd: ''\n",
            "url: https://example.gov.cn/a?b=c#d\nx: a[b]{c},d\n",
            "nested:\n  deeper:\n    key: value\n  back: 2\ntop: 3\n",
            "list: [\"a b\", 'c', d e ,f]\nmap: { a: 1 , b: \"2\" }\nempty: {}\n",
            "   \n# only a comment\n",
            "",
            "key: 名字·中点 and more   \n",
            "k: [a, 16:40, b]\n",
            "rectification: {date: 2026-11-10, note: 已整改到位, photos: []}\nv: [[a, b], {c: d}]\n",
        ]
        for text in documents {
            let plain = Self.plain(text)
            #expect(plain != nil, "left to Yams: \(text.debugDescription)")
            #expect(plain == Self.yams(text), "\(text.debugDescription)")
        }
    }

    @Test func leavesEverythingElseToYams() {
        let documents = [
            "tags:\n  - a\n  - b\n",  // block list
            "a: |\n  literal\n",
            "a: >\n  folded\n",
            "a: \"escaped \\\" quote\"\n",
            "a: 'it''s'\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1 # comment\n",
            "a: 1\na: 2\n",  // repeated key: Yams reports it
            "a:\tb\n",
            "a: b\r\n",
            "---\na: 1\n",
            "a: b\n  continued\n",
            "a: [1,\n  2]\n",
            "- a\n- b\n",
            "plain text\n",
            "a: b: c\n",
            "\u{FEFF}a: 1\n",
            "a: \u{85}\n",
            "a: -1\n",
            "a:\n",
            "a: [b, ]\n",
            "a: {b: 1, b: 2}\n",
            "名字: 值\n",
        ]
        for text in documents {
            #expect(Self.plain(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func marksAreTheFieldsTheyAreMadeOf() {
        for (line, column) in [(1, 1), (7, 42), (Int.max, 0), (123_456, 789)] {
            let mark = PlainFrontMatter.mark(line: line, column: column)
            #expect(mark.line == line && mark.column == column)
        }
    }

    /// Generated documents from pieces that are and are not in the subset: whenever the fast reader
    /// accepts one, Yams must give the same nodes (and not an error).
    @Test func agreesWithYamsOnGeneratedDocuments() {
        var random = SplitMix64(state: 0x5EED_F00D)
        let keys = ["title", "date", "tags", "a", "b_c", "d-e", "k9", "review", "first", "by", "at"]
        let words = [
            "文明城市", "测评", "A1", "16:40", "2026-10-08 18:30", "http://x.cn/a", "a b", "a:b", "a: b", "#x", "a #x",
            "x#y", "[x]", "{y}", "·", "’", "~", "null", "true", "-1", "?q", "a,b", " lead", "trail ", "é", "😀", "\\",
            "'",
            "\"", "''", "\u{85}", "a\tb", "%", "@", "`", "!t", "&a", "*a", "|", ">",
        ]
        func word() -> String { words[Int(random.next() % UInt64(words.count))] }
        func scalar() -> String {
            switch random.next() % 4 {
            case 0: return "\"\(word())\""
            case 1: return "'\(word())'"
            default: return word()
            }
        }
        func flow(_ open: String, _ close: String, mapping: Bool, depth: Int) -> String {
            let count = Int(random.next() % 4)
            let items = (0..<count).map { _ in
                let item = random.next() % 3 == 0 ? value(depth: depth + 1) : scalar()
                return mapping ? "\(keys[Int(random.next() % UInt64(keys.count))]): \(item)" : item
            }
            let spaces = random.next() % 2 == 0 ? " " : ""
            return open + spaces + items.joined(separator: random.next() % 3 == 0 ? " , " : ", ") + spaces + close
        }
        func value(depth: Int = 0) -> String {
            switch random.next() % 6 {
            case 0 where depth < 3: return flow("[", "]", mapping: false, depth: depth)
            case 1 where depth < 3: return flow("{", "}", mapping: true, depth: depth)
            default: return scalar()
            }
        }
        func block(indent: Int, depth: Int) -> String {
            var text = ""
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let key = keys[Int(random.next() % UInt64(keys.count))]
                switch random.next() % 10 {
                case 0 where depth < 2:
                    text += "\(pad)\(key):\n" + block(indent: indent + 2 + Int(random.next() % 2), depth: depth + 1)
                case 1:
                    text += "\(pad)# \(word())\n"
                case 2:
                    text += "\n"
                default:
                    text += "\(pad)\(key):" + String(repeating: " ", count: 1 + Int(random.next() % 2)) + value() + "\n"
                }
            }
            return text
        }
        var accepted = 0
        for _ in 0..<3000 {
            let text = block(indent: 0, depth: 0)
            guard let plain = Self.plain(text) else { continue }
            accepted += 1
            #expect(plain == Self.yams(text), "\(text.debugDescription)")
        }
        // The generator must reach the subset often enough to mean something.
        #expect(accepted > 300, "only \(accepted) documents accepted")
    }
}
