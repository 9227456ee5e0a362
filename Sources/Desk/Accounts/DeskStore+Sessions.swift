import Foundation
import GRDB

/// The table of logged-in browsers. A row is keyed by the SHA-256 of the session token, so the
/// database never holds a token someone could put in a cookie; the CSRF token is kept as it is (the
/// pages show it), and is of no use without the cookie.
extension DeskStore {
    /// A session row: everything but the token itself.
    struct SessionRow: Sendable, Hashable {
        var login: String
        var csrf: String
        var created: Date
        var lastSeen: Date
    }

    func insertSession(tokenHash: String, _ row: SessionRow) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO session (token_hash, login, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    tokenHash, row.login, row.csrf, row.created.timeIntervalSince1970,
                    row.lastSeen.timeIntervalSince1970,
                ])
        }
    }

    /// The session of `tokenHash` if it was used at or after `idleSince`, its `last_seen` moved on to
    /// `now`; an idle session is deleted and nil comes back. One transaction, so two requests never
    /// both revive an expired session.
    func touchSession(tokenHash: String, idleSince: Date, now: Date) throws -> SessionRow? {
        try queue.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT login, csrf, created, last_seen FROM session WHERE token_hash = ?",
                    arguments: [tokenHash])
            else { return nil }
            let lastSeen: Double = row["last_seen"]
            guard lastSeen >= idleSince.timeIntervalSince1970 else {
                try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
                return nil
            }
            let seen = max(lastSeen, now.timeIntervalSince1970)
            try db.execute(
                sql: "UPDATE session SET last_seen = ? WHERE token_hash = ?", arguments: [seen, tokenHash])
            return SessionRow(
                login: row["login"], csrf: row["csrf"], created: Date(timeIntervalSince1970: row["created"]),
                lastSeen: Date(timeIntervalSince1970: seen))
        }
    }

    func deleteSession(tokenHash: String) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    /// Ends every session of `login`.
    func deleteSessions(login: String) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM session WHERE login = ?", arguments: [login]) }
    }

    /// Deletes the sessions not used since `idleSince`; returns how many.
    @discardableResult
    func pruneSessions(idleSince: Date) throws -> Int {
        try queue.write { db in
            try db.execute(
                sql: "DELETE FROM session WHERE last_seen < ?", arguments: [idleSince.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// The stored token hashes (tests).
    func sessionTokenHashes() throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM session ORDER BY created") }
    }
}
