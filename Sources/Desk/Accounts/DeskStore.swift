import CampaignCore
import Crypto
import Foundation
import GRDB
import HTTPTypes
import HummingbirdBcrypt

/// The desk's own data under `--data` (default `.campaign-desk/`): accounts with bcrypt password
/// hashes and reviewers' private keys, lockouts, sessions (by the hash of their token), the audit
/// log, sent-back items and the texts of versions editors started from. SQLite through GRDB; never
/// inside Content/ or Output/.
public final class DeskStore: Sendable {
    /// The database file inside the data folder.
    public static let fileName = "desk.sqlite"
    /// Failed logins in a row that lock an account.
    public static let lockoutFailures = 5
    /// How long a lockout lasts.
    public static let lockoutDuration: TimeInterval = 15 * 60

    let queue: DatabaseQueue
    /// bcrypt cost; lower only in tests.
    let bcryptCost: UInt8

    /// Opens (creating when needed) the store in `folder`, readable by its owner only.
    public init(folder: URL, bcryptCost: UInt8 = 12) throws {
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = folder.appendingPathComponent(Self.fileName).path
        queue = try DatabaseQueue(path: path)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        self.bcryptCost = bcryptCost
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                      login TEXT PRIMARY KEY NOT NULL,
                      name TEXT NOT NULL,
                      role TEXT NOT NULL,
                      levels TEXT NOT NULL DEFAULT '',
                      password_hash TEXT NOT NULL,
                      disabled INTEGER NOT NULL DEFAULT 0,
                      failures INTEGER NOT NULL DEFAULT 0,
                      locked_until REAL,
                      public_key TEXT,
                      private_key TEXT,
                      created REAL NOT NULL);
                    CREATE TABLE audit (
                      seq INTEGER PRIMARY KEY NOT NULL,
                      at TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      target TEXT NOT NULL,
                      detail TEXT NOT NULL,
                      origin TEXT NOT NULL,
                      prev TEXT NOT NULL,
                      hash TEXT NOT NULL);
                    CREATE TABLE sent_back (
                      item TEXT PRIMARY KEY NOT NULL,
                      level TEXT NOT NULL,
                      by TEXT NOT NULL,
                      note TEXT NOT NULL,
                      at REAL NOT NULL);
                    CREATE TABLE item_editor (
                      item TEXT PRIMARY KEY NOT NULL,
                      login TEXT NOT NULL);
                    CREATE TABLE version (
                      hash TEXT PRIMARY KEY NOT NULL,
                      text TEXT NOT NULL);
                    """)
        }
        // Sessions survive a restart of the desk; only the SHA-256 of a session's token is kept.
        migrator.registerMigration("v2-sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE session (
                      token_hash TEXT PRIMARY KEY NOT NULL,
                      login TEXT NOT NULL,
                      csrf TEXT NOT NULL,
                      created REAL NOT NULL,
                      last_seen REAL NOT NULL);
                    CREATE INDEX session_last_seen ON session (last_seen);
                    CREATE INDEX session_login ON session (login);
                    """)
        }
        return migrator
    }

    // MARK: - Accounts

    /// Adds an account; a reviewer gets a new Ed25519 key pair (the private key stays here).
    public func addAccount(_ account: Account, password: String, now: Date) throws -> Account {
        guard LoginName.isValid(account.login) else {
            throw DeskError(.badRequest, "登录名只能用小写字母开头的 a-z、0-9、._-，2–32 个字符（invalid login name）")
        }
        if let problem = PasswordPolicy.problem(with: password) { throw DeskError(.badRequest, problem) }
        var account = account
        var privateKey: String?
        if account.role == .reviewer {
            guard !account.levels.isEmpty else {
                throw DeskError(.badRequest, "审核人须指定可签的审级 --levels first,second,final（a reviewer needs levels）")
            }
            let key = Curve25519.Signing.PrivateKey()
            privateKey = key.rawRepresentation.base64EncodedString()
            account.publicKey = key.publicKey.rawRepresentation.base64EncodedString()
        } else {
            account.levels = []
        }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        let stored = account
        try queue.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ?", arguments: [stored.login]) != nil {
                throw DeskError(.conflict, "账号 \(stored.login) 已存在（account exists）")
            }
            try db.execute(
                sql: """
                    INSERT INTO account (login, name, role, levels, password_hash, public_key, private_key, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.login, stored.name, stored.role.rawValue,
                    stored.levels.map(\.rawValue).joined(separator: ","), hash, stored.publicKey, privateKey,
                    now.timeIntervalSince1970,
                ])
        }
        return stored
    }

    /// The account `login`, nil when there is none.
    public func account(_ login: String) throws -> Account? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE login = ?", arguments: [login]).map(Self.account)
        }
    }

    /// Every account, by login.
    public func accounts() throws -> [Account] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY login").map(Self.account)
        }
    }

    static func account(_ row: Row) -> Account {
        let levels = (row["levels"] as String? ?? "").split(separator: ",").compactMap {
            ReviewStage(rawValue: String($0))
        }
        return Account(
            login: row["login"], name: row["name"], role: Role(rawValue: row["role"]) ?? .editor, levels: levels,
            disabled: row["disabled"], publicKey: row["public_key"])
    }

    /// Disables or enables `login`; a disabled account can not log in, its signatures stay valid.
    public func setDisabled(_ login: String, _ disabled: Bool) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE account SET disabled = ? WHERE login = ?", arguments: [disabled, login])
            guard db.changesCount == 1 else { throw DeskError(.notFound, "没有账号 \(login)（no such account）") }
        }
    }

    /// Sets a new password (policy checked) and lifts a lockout.
    public func resetPassword(_ login: String, password: String) throws {
        if let problem = PasswordPolicy.problem(with: password) { throw DeskError(.badRequest, problem) }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE account SET password_hash = ?, failures = 0, locked_until = NULL WHERE login = ?",
                arguments: [hash, login])
            guard db.changesCount == 1 else { throw DeskError(.notFound, "没有账号 \(login)（no such account）") }
        }
    }

    /// The reviewer's private signing key.
    func privateKey(_ login: String) throws -> Curve25519.Signing.PrivateKey? {
        let encoded = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT private_key FROM account WHERE login = ?", arguments: [login])
        }
        guard let encoded, let data = Data(base64Encoded: encoded) else { return nil }
        return try? Curve25519.Signing.PrivateKey(rawRepresentation: data)
    }

    /// The outcome of a login attempt.
    public enum Authentication: Sendable, Hashable {
        case success(Account)
        /// Wrong login or password; `locked` when this failure locked the account.
        case failure(locked: Bool)
        /// Locked until the date (also for the right password).
        case locked(until: Date)
        case disabled
    }

    /// Checks a password, counting failures: the `lockoutFailures`th failure in a row locks the
    /// account for `lockoutDuration`, kept in the database across restarts.
    public func authenticate(login: String, password: String, now: Date) throws -> Authentication {
        guard
            let row = try queue.read({ db in
                try Row.fetchOne(
                    db, sql: "SELECT password_hash, failures, locked_until, disabled FROM account WHERE login = ?",
                    arguments: [login])
            })
        else {
            // Unknown logins cost a bcrypt round too, so timing does not tell which logins exist.
            _ = Bcrypt.verify(password, hash: Self.dummyHash)
            return .failure(locked: false)
        }
        if let until = row["locked_until"] as Double?, until > now.timeIntervalSince1970 {
            return .locked(until: Date(timeIntervalSince1970: until))
        }
        let hash: String = row["password_hash"]
        guard Bcrypt.verify(password, hash: hash) else {
            let failures = (row["failures"] as Int? ?? 0) + 1
            let locks = failures >= Self.lockoutFailures
            try queue.write { db in
                try db.execute(
                    sql: "UPDATE account SET failures = ?, locked_until = ? WHERE login = ?",
                    arguments: [
                        locks ? 0 : failures, locks ? now.timeIntervalSince1970 + Self.lockoutDuration : nil, login,
                    ])
            }
            return .failure(locked: locks)
        }
        if row["disabled"] as Bool? == true { return .disabled }
        try queue.write { db in
            try db.execute(
                sql: "UPDATE account SET failures = 0, locked_until = NULL WHERE login = ?", arguments: [login])
        }
        guard let account = try account(login) else { return .failure(locked: false) }
        return .success(account)
    }

    static let dummyHash = Bcrypt.hash("campaignpress-no-such-account", cost: 4)

    // MARK: - Sent-back items and versions

    /// A 驳回: the item goes back to its editor with the reviewer's reason.
    public struct SentBack: Sendable, Hashable, Codable {
        public var level: ReviewStage
        public var by: String
        public var note: String
        public var at: Date
    }

    func sendBack(item: String, _ sentBack: SentBack) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO sent_back (item, level, by, note, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    item, sentBack.level.rawValue, sentBack.by, sentBack.note, sentBack.at.timeIntervalSince1970,
                ])
        }
    }

    func sentBack(item: String) throws -> SentBack? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sent_back WHERE item = ?", arguments: [item]).map { row in
                SentBack(
                    level: ReviewStage(rawValue: row["level"]) ?? .first, by: row["by"], note: row["note"],
                    at: Date(timeIntervalSince1970: row["at"]))
            }
        }
    }

    func clearSentBack(item: String) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM sent_back WHERE item = ?", arguments: [item]) }
    }

    func setEditor(item: String, login: String) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO item_editor (item, login) VALUES (?, ?)", arguments: [item, login])
        }
    }

    func editor(item: String) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT login FROM item_editor WHERE item = ?", arguments: [item])
        }
    }

    /// Keeps the text of a version an editor opened, so a conflicting save can say what changed.
    func remember(version text: String, hash: String) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO version (hash, text) VALUES (?, ?)", arguments: [hash, text])
        }
    }

    func version(hash: String) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT text FROM version WHERE hash = ?", arguments: [hash])
        }
    }
}
