import CampaignCore
import Foundation
import HTTPTypes

/// Account changes made from the command line (`campaign desk user …`), audited as actor `cli`.
public struct DeskAdmin: Sendable {
    public let store: DeskStore
    public let folder: ContentFolder
    public let clock: any DeskClock

    public init(store: DeskStore, folder: ContentFolder, clock: any DeskClock = SystemClock()) {
        self.store = store
        self.folder = folder
        self.clock = clock
    }

    /// Adds an account; a reviewer's public key is added to `Content/reviewers.yml` under its name.
    @discardableResult
    public func addUser(_ account: Account, password: String) throws -> Account {
        let added = try store.addAccount(account, password: password, now: clock.now())
        if let key = added.publicKey {
            var directory = folder.reviewers()
            if let index = directory.reviewers.firstIndex(where: { $0.name == added.name }) {
                directory.reviewers[index].keys.append(key)
                for level in added.levels where !directory.reviewers[index].levels.contains(level) {
                    directory.reviewers[index].levels.append(level)
                }
            } else {
                directory.reviewers.append(.init(name: added.name, levels: added.levels, keys: [key]))
            }
            try folder.writeReviewers(directory)
        }
        try store.audit(
            actor: "cli", action: "account.add", target: added.login,
            detail: "\(added.role.rawValue) \(added.levels.map(\.rawValue).joined(separator: ","))", origin: "cli",
            at: clock.now())
        return added
    }

    /// Disables an account (its signatures and public key stay) and ends its sessions.
    public func disable(_ login: String) throws {
        try store.setDisabled(login, true)
        try store.deleteSessions(login: login)
        try store.audit(actor: "cli", action: "account.disable", target: login, origin: "cli", at: clock.now())
    }

    /// Sets a new password, lifts a lockout and ends the account's sessions.
    public func resetPassword(_ login: String, password: String) throws {
        try store.resetPassword(login, password: password)
        try store.deleteSessions(login: login)
        try store.audit(actor: "cli", action: "account.reset-password", target: login, origin: "cli", at: clock.now())
    }
}
