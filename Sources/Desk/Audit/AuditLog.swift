import CampaignCore
import Crypto
import Foundation
import GRDB
import HTTPTypes

/// One entry of the audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1, 2, 3, … without gaps.
    public var seq: Int
    /// RFC 3339 time of the event.
    public var at: String
    /// The login that acted, or the login tried (failures), or `cli` for commands.
    public var actor: String
    /// `login`, `login.failure`, `login.locked`, `logout`, `item.create`, `item.save`, `review.approve`,
    /// `review.reject`, `photo.upload`, `photo.redact`, `publish`, `account.add`, `account.disable`, …
    public var action: String
    /// What was acted on (an item `news/<id>`, an account login).
    public var target: String
    /// Free text: the note of a 驳回, the content hash signed, the build summary.
    public var detail: String
    /// Where the request came from (IP address), or `cli`.
    public var origin: String
    /// The hash of the entry before (64 zeros for the first).
    public var prev: String
    /// SHA-256 over this entry's fields and `prev`, see `AuditLog.hash`.
    public var hash: String
}

/// The append-only audit log with a hash chain (who, what, when, from where, hash of the previous
/// entry). Entries are never deleted by the desk, so they are kept at least the 180 days 等保 2.0
/// asks for; `verify` finds any entry changed, removed or inserted after the fact.
extension DeskStore {
    /// The `prev` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The entry hash: lowercase hex SHA-256 of the UTF-8 of
    /// `seq \n at \n actor \n action \n target \n detail \n origin \n prev`, each field JSON-quoted so
    /// a newline inside a field can not shift the others.
    public static func auditHash(
        seq: Int, at: String, actor: String, action: String, target: String, detail: String, origin: String,
        prev: String
    ) -> String {
        let fields = [String(seq), at, actor, action, target, detail, origin, prev].map(Self.quoted)
        let digest = SHA256.hash(data: Array(fields.joined(separator: "\n").utf8))
        return Hex.lowercase(digest)
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Appends an entry, chained to the last one, in one transaction.
    @discardableResult
    public func audit(
        actor: String, action: String, target: String = "", detail: String = "", origin: String, at: Date
    ) throws -> AuditEntry {
        try queue.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
            let seq = (last?["seq"] as Int? ?? 0) + 1
            let prev = last?["hash"] as String? ?? Self.genesis
            let time = ContentDate.rfc3339(at, in: SiteConfig.defaultTimeZone)
            let hash = Self.auditHash(
                seq: seq, at: time, actor: actor, action: action, target: target, detail: detail, origin: origin,
                prev: prev)
            try db.execute(
                sql: """
                    INSERT INTO audit (seq, at, actor, action, target, detail, origin, prev, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [seq, time, actor, action, target, detail, origin, prev, hash])
            return AuditEntry(
                seq: seq, at: time, actor: actor, action: action, target: target, detail: detail, origin: origin,
                prev: prev, hash: hash)
        }
    }

    /// Entries in order, optionally only the last `limit`.
    public func auditEntries(limit: Int? = nil) throws -> [AuditEntry] {
        try queue.read { db in
            let rows: [Row]
            if let limit {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM (SELECT * FROM audit ORDER BY seq DESC LIMIT ?) ORDER BY seq",
                    arguments: [limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq")
            }
            return rows.map { row in
                AuditEntry(
                    seq: row["seq"], at: row["at"], actor: row["actor"], action: row["action"],
                    target: row["target"], detail: row["detail"], origin: row["origin"], prev: row["prev"],
                    hash: row["hash"])
            }
        }
    }

    /// Checks the whole chain; the problems found, empty when the log is intact.
    public func verifyAudit() throws -> [String] {
        var problems: [String] = []
        var expectedPrev = Self.genesis
        var expectedSeq = 1
        for entry in try auditEntries() {
            if entry.seq != expectedSeq {
                problems.append("第 \(expectedSeq) 条缺失（entry \(expectedSeq) missing; next is \(entry.seq)）")
            }
            if entry.prev != expectedPrev {
                problems.append("第 \(entry.seq) 条的前序哈希不符（entry \(entry.seq): previous hash does not match）")
            }
            let hash = Self.auditHash(
                seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target,
                detail: entry.detail, origin: entry.origin, prev: entry.prev)
            if hash != entry.hash {
                problems.append("第 \(entry.seq) 条内容被改动（entry \(entry.seq) was altered）")
            }
            expectedPrev = entry.hash
            expectedSeq = entry.seq + 1
        }
        return problems
    }
}
