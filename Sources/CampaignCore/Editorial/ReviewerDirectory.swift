import Foundation

/// `Content/reviewers.yml`: who may sign which 三审 level, with which Ed25519 public keys.
///
/// ```yaml
/// reviewers:
///   - name: 王建国
///     levels: [second]
///     keys: [base64 raw public key, …]
/// ```
///
/// A reviewer may hold several keys (a new key after a reset; old signatures stay valid while the
/// old key is listed). `campaign desk user add` writes this file; private keys never appear here.
public struct ReviewerDirectory: Sendable, Hashable {
    /// The file's place in the content folder.
    public static let file = "reviewers.yml"

    /// One reviewer.
    public struct Reviewer: Sendable, Hashable {
        public var name: String
        public var levels: [ReviewStage]
        /// Base64 raw Ed25519 public keys.
        public var keys: [String]

        public init(name: String, levels: [ReviewStage], keys: [String]) {
            self.name = name
            self.levels = levels
            self.keys = keys
        }
    }

    public var reviewers: [Reviewer]

    public init(reviewers: [Reviewer] = []) {
        self.reviewers = reviewers
    }

    /// The reviewer holding `key`.
    public func reviewer(forKey key: String) -> Reviewer? {
        reviewers.first { $0.keys.contains(key) }
    }

    /// Names of the reviewers who may sign `level`, in file order.
    public func names(for level: ReviewStage) -> [String] {
        reviewers.filter { $0.levels.contains(level) }.map(\.name)
    }

    /// Parses the file; entries with errors are reported and skipped.
    public static func parse(_ text: String, file: String) -> (ReviewerDirectory, [Diagnostic]) {
        let sink = FieldReader.Sink()
        guard let root = FieldReader.parse(text, file: file, codePrefix: "reviewers", sink: sink) else {
            return (ReviewerDirectory(), sink.diagnostics)
        }
        var reviewers: [Reviewer] = []
        var keyOwners: [String: String] = [:]
        for entry in root.maps("reviewers", required: true) ?? [] {
            guard let name = entry.string("name", required: true), !name.isEmpty else { continue }
            var levels: [ReviewStage] = []
            for word in entry.strings("levels") ?? [] {
                guard let level = ReviewStage(rawValue: word) else {
                    entry.error(
                        "unknown review level '\(word)' of '\(name)'; use first (初审), second (复审) or final (终审)",
                        key: "levels")
                    continue
                }
                if !levels.contains(level) { levels.append(level) }
            }
            var keys: [String] = []
            for key in entry.strings("keys") ?? [] {
                guard ReviewSignature.isWellFormedKey(key) else {
                    entry.error(
                        "'\(key.prefix(12))…' of '\(name)' is not an Ed25519 public key (base64 of 32 bytes)",
                        key: "keys")
                    continue
                }
                if let owner = keyOwners[key], owner != name {
                    entry.error(
                        "a key of '\(name)' is also listed for '\(owner)'; each key belongs to one person",
                        key: "keys")
                    continue
                }
                keyOwners[key] = name
                keys.append(key)
            }
            entry.reportUnknownKeys()
            reviewers.append(Reviewer(name: name, levels: levels, keys: keys))
        }
        root.reportUnknownKeys()
        return (ReviewerDirectory(reviewers: reviewers), sink.diagnostics)
    }

    /// The file's text, as `campaign desk` writes it.
    public var yaml: String {
        var lines = [
            "# 三审审核人及其公钥（由 campaign desk 写入；私钥只保存在 desk 的数据目录中）。",
            "# Reviewers and their Ed25519 public keys (written by campaign desk).",
            "reviewers:",
        ]
        if reviewers.isEmpty { lines[2] = "reviewers: []" }
        for reviewer in reviewers {
            lines.append("  - name: \(YAMLText.quoted(reviewer.name))")
            lines.append("    levels: [\(reviewer.levels.map(\.rawValue).joined(separator: ", "))]")
            lines.append("    keys:")
            for key in reviewer.keys { lines.append("      - \"\(key)\"") }
            if reviewer.keys.isEmpty { lines[lines.count - 1] = "    keys: []" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writing YAML scalars that read back as the same text.
public enum YAMLText {
    /// `text` in double quotes with `\`, `"` and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
