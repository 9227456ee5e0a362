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
    public var token: String
    public var login: String
    public var csrf: String
    public var lastSeen: Date
}

/// Sessions in memory (a restart logs everybody out; lockouts and the audit log are in the store).
///
/// A session ends after `idleTimeout` without requests.
public final class SessionStore: Sendable {
    /// 30 minutes.
    public static let idleTimeout: TimeInterval = 30 * 60

    let sessions = LockedValue<[String: DeskSession]>([:])
    let clock: any DeskClock

    public init(clock: any DeskClock) { self.clock = clock }

    /// A new session for `login` with fresh random token and CSRF token.
    public func open(login: String) -> DeskSession {
        let session = DeskSession(
            token: Self.randomToken(), login: login, csrf: Self.randomToken(), lastSeen: clock.now())
        sessions.withLock { $0[session.token] = session }
        return session
    }

    /// The live session of `token`, touched; nil when unknown or idle too long (then removed).
    public func session(_ token: String) -> DeskSession? {
        let now = clock.now()
        return sessions.withLock { sessions -> DeskSession? in
            guard var session = sessions[token] else { return nil }
            guard now.timeIntervalSince(session.lastSeen) <= Self.idleTimeout else {
                sessions[token] = nil
                return nil
            }
            session.lastSeen = now
            sessions[token] = session
            return session
        }
    }

    /// Ends a session.
    public func close(_ token: String) {
        sessions.withLock { $0[token] = nil }
    }

    /// Ends every session of `login` (account disabled or password reset).
    public func closeAll(login: String) {
        sessions.withLock { $0 = $0.filter { $0.value.login != login } }
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
