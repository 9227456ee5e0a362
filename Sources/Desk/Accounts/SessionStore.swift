import CampaignCore
import Crypto
import Foundation
import HTTPTypes

/// The desk's clock, injectable so tests can pass idle timeouts and lockouts without waiting.
public protocol DeskClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemClock: DeskClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told (tests).
public final class ManualClock: DeskClock {
    let current: LockedValue<Date>

    public init(_ start: Date) { current = LockedValue(start) }
    public func now() -> Date { current.withLock { $0 } }
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A logged-in browser: who, its CSRF token, and when it was last used.
public struct DeskSession: Sendable, Hashable {
    /// The token of the cookie (never stored: the database keeps its SHA-256).
    public var token: String
    public var login: String
    public var csrf: String
    public var lastSeen: Date
}

/// Sessions in the desk's database (`DeskStore`), so a restart of the desk logs nobody out.
///
/// The cookie carries a random 256-bit token; the database holds only its SHA-256 (`tokenHash`),
/// the login, the CSRF token and the times. A session ends after `idleTimeout` without requests
/// (by the injected clock), on logout, or when its account is disabled or its password reset;
/// rows of ended sessions are deleted, those left idle are pruned at the next login or start.
public final class SessionStore: Sendable {
    /// 30 minutes.
    public static let idleTimeout: TimeInterval = 30 * 60

    let store: DeskStore
    let clock: any DeskClock

    public init(store: DeskStore, clock: any DeskClock) {
        self.store = store
        self.clock = clock
    }

    /// A new session for `login` with fresh random token and CSRF token; idle rows are pruned.
    public func open(login: String) throws -> DeskSession {
        let now = clock.now()
        try prune()
        let session = DeskSession(token: Self.randomToken(), login: login, csrf: Self.randomToken(), lastSeen: now)
        try store.insertSession(
            tokenHash: Self.tokenHash(session.token),
            DeskStore.SessionRow(login: login, csrf: session.csrf, created: now, lastSeen: now))
        return session
    }

    /// The live session of `token`, touched; nil when unknown or idle too long (then deleted).
    public func session(_ token: String) throws -> DeskSession? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        let now = clock.now()
        guard
            let row = try store.touchSession(
                tokenHash: Self.tokenHash(token), idleSince: now.addingTimeInterval(-Self.idleTimeout), now: now)
        else { return nil }
        return DeskSession(token: token, login: row.login, csrf: row.csrf, lastSeen: row.lastSeen)
    }

    /// Ends a session (logout).
    public func close(_ token: String) throws {
        try store.deleteSession(tokenHash: Self.tokenHash(token))
    }

    /// Ends every session of `login` (account disabled or password reset).
    public func closeAll(login: String) throws {
        try store.deleteSessions(login: login)
    }

    /// Deletes the rows of sessions idle longer than `idleTimeout`.
    public func prune() throws {
        try store.pruneSessions(idleSince: clock.now().addingTimeInterval(-Self.idleTimeout))
    }

    /// The lowercase hex SHA-256 of a token's UTF-8: what the database keeps.
    static func tokenHash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(token.utf8)))
    }

    /// 32 random bytes, base64url without padding.
    static func randomToken() -> String {
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// The system clock moved on by the number of seconds written in a file (read at every call; no
/// file or no number: no offset). Only for end-to-end tests of timeouts against a running desk
/// (`campaign desk --test-clock-offset FILE`, a hidden option).
public struct OffsetFileClock: DeskClock {
    public let file: URL

    public init(file: URL) { self.file = file }

    public func now() -> Date {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let offset = TimeInterval(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return Date().addingTimeInterval(offset)
    }
}

/// A value behind a lock, for the little shared state of the desk.
final class LockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
