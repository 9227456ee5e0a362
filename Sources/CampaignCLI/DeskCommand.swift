import ArgumentParser
import CampaignCore
import Desk
import Foundation

/// `campaign desk`: the editorial desk (docs/desk.md), its accounts and its audit log.
struct DeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "The editorial desk: a Chinese web workspace for editors, reviewers (signed 三审) and publishers.",
        subcommands: [DeskServeCommand.self, DeskUserCommand.self, DeskAuditCommand.self],
        defaultSubcommand: DeskServeCommand.self)
}

/// `--data`, shared by every desk command.
struct DeskDataOptions: ParsableArguments {
    @Option(help: "The desk's own data (accounts, keys, audit log); keep it out of git and out of Output/.")
    var data: String = ".campaign-desk"

    @Option(help: "The content folder (Content/reviewers.yml is written here).")
    var content: String = "Content"

    func url(_ path: String) -> URL {
        path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
    }

    func store() throws -> DeskStore {
        do {
            return try DeskStore(folder: url(data))
        } catch {
            throw ValidationError("can not open the desk data in '\(data)': \(error)")
        }
    }

    func admin() throws -> DeskAdmin {
        DeskAdmin(store: try store(), folder: ContentFolder(url: url(content)))
    }
}

/// `campaign desk [serve]`.
struct DeskServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the desk (default 127.0.0.1:8080).")

    @OptionGroup var data: DeskDataOptions

    @Option(help: "The theme folder.")
    var theme: String = "Theme"

    @Option(help: "The output folder of the production build.")
    var output: String = "Output"

    @Option(help: "The TCP port.")
    var port: Int = 8080

    @Option(help: "The address to listen on; 127.0.0.1 keeps the desk on this computer (use a TLS proxy for more).")
    var host: String = "127.0.0.1"

    @Flag(help: "Mark cookies Secure (behind a TLS-terminating proxy that does not send X-Forwarded-Proto).")
    var secureCookies = false

    @Option(help: .hidden)
    var testClockOffset: String?

    func run() async throws {
        let store = try data.store()
        if try store.accounts().isEmpty {
            Console.current.err(
                "note: no accounts yet; add the first with 'campaign desk user add LOGIN --name 姓名 --role admin'")
        }
        let server = DeskServer(
            configuration: .init(
                host: host, port: port, contentURL: data.url(data.content), themeURL: data.url(theme),
                outputURL: data.url(output), secureCookies: secureCookies),
            store: store, clock: testClockOffset.map { OffsetFileClock(file: data.url($0)) } ?? SystemClock())
        let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        do {
            try await server.run { Console.current.out("Desk at \(address) (Ctrl-C to stop)") }
        } catch {
            Console.current.err("error: can not serve the desk on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }
}

/// `campaign desk user add|list|disable|reset-password`.
struct DeskUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage desk accounts.",
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self])

    /// Reads the password twice from standard input (a prompt on a terminal).
    static func readPassword() throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        if terminal { FileHandle.standardError.write(Data("密码 (password): ".utf8)) }
        let first = readSecret(terminal: terminal)
        if terminal { FileHandle.standardError.write(Data("再次输入 (again): ".utf8)) }
        let second = readSecret(terminal: terminal)
        guard let first, let second else { throw ValidationError("give the password twice on standard input") }
        guard first == second else { throw ValidationError("the two passwords differ") }
        return first
    }

    static func readSecret(terminal: Bool) -> String? {
        if terminal, let pointer = getpass("") { return String(cString: pointer) }
        return readLine(strippingNewline: true)
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read twice from standard input.")
        @OptionGroup var data: DeskDataOptions
        @Argument(help: "The login name (a-z, 0-9, . _ -).") var login: String
        @Option(help: "The person's name as it appears in sign-offs.") var name: String
        @Option(help: "editor, reviewer, publisher or admin.") var role: String
        @Option(help: "For reviewers: the levels, e.g. first or second,final.") var levels: String?

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be editor, reviewer, publisher or admin")
            }
            var stages: [ReviewStage] = []
            for word in (levels ?? "").split(separator: ",") {
                guard let stage = ReviewStage(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--levels takes first, second and final")
                }
                stages.append(stage)
            }
            if role != .reviewer && !stages.isEmpty { throw ValidationError("--levels is for reviewers only") }
            let password = try DeskUserCommand.readPassword()
            do {
                let added = try data.admin().addUser(
                    Account(login: login, name: name, role: role, levels: stages), password: password)
                Console.current.out("added \(added.login) (\(added.name), \(added.role.chineseName))")
                if added.publicKey != nil {
                    Console.current.out("public key written to \(data.content)/reviewers.yml; commit it")
                }
            } catch let error as DeskError {
                throw ValidationError(error.message)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var data: DeskDataOptions

        func run() throws {
            for account in try data.store().accounts() {
                var line = "\(account.login)\t\(account.name)\t\(account.role.rawValue)"
                if !account.levels.isEmpty { line += "\t" + account.levels.map(\.rawValue).joined(separator: ",") }
                if account.disabled { line += "\tdisabled" }
                Console.current.out(line)
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (its signatures stay valid).")
        @OptionGroup var data: DeskDataOptions
        @Argument var login: String

        func run() throws {
            do {
                try data.admin().disable(login)
                Console.current.out("disabled \(login)")
            } catch let error as DeskError {
                throw ValidationError(error.message)
            }
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password (read twice from standard input).")
        @OptionGroup var data: DeskDataOptions
        @Argument var login: String

        func run() throws {
            let password = try DeskUserCommand.readPassword()
            do {
                try data.admin().resetPassword(login, password: password)
                Console.current.out("password of \(login) reset")
            } catch let error as DeskError {
                throw ValidationError(error.message)
            }
        }
    }
}

/// `campaign desk audit verify|export`.
struct DeskAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check or export the audit log.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain; exit 1 when an entry was changed, removed or inserted.")
        @OptionGroup var data: DeskDataOptions

        func run() throws {
            let store = try data.store()
            let problems = try store.verifyAudit()
            let count = try store.auditEntries().count
            guard problems.isEmpty else {
                for problem in problems { Console.current.err("error: \(problem)") }
                throw ExitCode(1)
            }
            Console.current.out("audit log intact: \(count) entries (审计日志完整)")
        }
    }
}
