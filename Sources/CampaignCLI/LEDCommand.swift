import ArgumentParser
import CampaignCore
import Foundation
import LEDFeed

/// What a command prints, kept apart from printing so tests can read it.
public struct CommandOutput: Sendable, Equatable {
    /// Lines for standard output.
    public var lines: [String] = []
    /// Diagnostics and notes for standard error.
    public var errors: [String] = []
    /// 0 success, 1 content errors, 2 usage or environment errors.
    public var exitCode: Int32 = 0

    public init(lines: [String] = [], errors: [String] = [], exitCode: Int32 = 0) {
        self.lines = lines
        self.errors = errors
        self.exitCode = exitCode
    }

    /// Prints to stdout/stderr and ends with the exit code when it is not 0.
    func emit() throws {
        for line in lines { print(line) }
        for line in errors { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// `campaign led …`: LED screen tools for editors and operators.
public struct LEDCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "led",
        abstract: "Checks slogans against LED screens and previews screen programs.",
        subcommands: [Fit.self, Preview.self]
    )

    public init() {}
}

extension LEDCommand {
    /// `campaign led fit`: lays out a text for a screen geometry and prints the lines, pages separated by `---`.
    public struct Fit: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "fit",
            abstract: "Lays out TEXT for a screen and prints its lines; pages are separated by '---'.",
            discussion: "Exits with 1 when a character cannot be shown in the charset."
        )

        @Option(help: "Screen width in pixels.") public var width: Int
        @Option(help: "Screen height in pixels.") public var height: Int
        @Option(help: "Font cell size in pixels: 12, 16, 24 or 32.") public var font: Int = 16
        @Option(help: "Line-breaking rules: none, basic, gb, strict.") public var kinsoku: String = "basic"
        @Option(help: "Character set: gb2312, gbk, gb18030, utf-8.") public var charset: String = "gb2312"
        @Option(name: .customLong("line-gap"), help: "Pixels between lines.") public var lineGap: Int = 0
        @Option(help: "paged, scroll-left or scroll-up.") public var mode: String = "paged"
        @Argument(help: "The text to lay out.") public var text: String

        public init() {}

        public func validate() throws {
            guard [12, 16, 24, 32].contains(font) else { throw ValidationError("--font must be 12, 16, 24 or 32") }
            guard width >= font, height >= font else {
                throw ValidationError("--width and --height must be at least one character (\(font) px)")
            }
            guard lineGap >= 0 else { throw ValidationError("--line-gap must not be negative") }
            try Self.check(kinsoku, KinsokuLevel.allCases.map(\.rawValue), "--kinsoku")
            try Self.check(charset, LEDCharset.allCases.map(\.rawValue), "--charset")
            try Self.check(mode, LEDMode.allCases.map(\.rawValue), "--mode")
        }

        static func check(_ value: String, _ allowed: [String], _ option: String) throws {
            guard allowed.contains(value) else {
                let hint = Suggestion.hint(for: value, in: allowed)
                throw ValidationError("\(option) must be one of \(allowed.joined(separator: ", "))\(hint)")
            }
        }

        /// The lines and diagnostics `run()` prints.
        public func render() -> CommandOutput {
            let settings = LayoutSettings(
                width: width, height: height, font: font, lineGap: lineGap,
                kinsoku: KinsokuLevel(rawValue: kinsoku) ?? .basic, mode: LEDMode(rawValue: mode) ?? .paged)
            let (pages, diagnostics) = LEDFeedBuilder.fit(
                text, settings: settings, charset: LEDCharset(rawValue: charset) ?? .gb2312)
            var output = CommandOutput()
            output.lines = pages.map { $0.joined(separator: "\n") }.joined(separator: "\n---\n")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if pages.isEmpty { output.lines = [] }
            output.errors = diagnostics.map(\.description)
            output.exitCode = diagnostics.hasErrors ? 1 : 0
            return output
        }

        public func run() throws { try render().emit() }
    }

    /// `campaign led preview SCREEN_ID`: the screen's programs as they will play.
    public struct Preview: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Shows the pages a screen plays, program by program."
        )

        @Argument(help: "The screen id from Content/led/screens.yml.") public var screenID: String
        @Option(help: "The content folder.") public var content: String = "Content"
        @Option(help: "Fix the clock (ISO 8601), e.g. 2026-11-29T12:00:00+08:00.") public var now: String?

        public init() {}

        /// The lines and diagnostics `run()` prints.
        public func render() -> CommandOutput {
            let root = URL(fileURLWithPath: content)
            func read(_ path: String) -> String? {
                try? String(contentsOf: root.appending(path: path), encoding: .utf8)
            }
            guard let screensText = read("led/screens.yml"), let messagesText = read("led/messages.yml") else {
                return CommandOutput(
                    errors: ["error: cannot read \(content)/led/screens.yml and \(content)/led/messages.yml"],
                    exitCode: 2)
            }
            var timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
            var inspection: Date?
            if let siteText = read("site.yml"), case (let site?, _) = SiteConfig.parse(siteText, file: "site.yml") {
                timeZone = site.timeZone
                inspection = site.campaign.inspectionDate
            }
            let clock: Date
            if let now {
                guard let parsed = ContentDate.parse(now, timeZone: timeZone) else {
                    return CommandOutput(errors: ["error: --now '\(now)' is not a date"], exitCode: 2)
                }
                clock = parsed
            } else {
                clock = Date()
            }
            let (ledContent, parseDiagnostics) = LEDContent.parse(
                screens: screensText, screensFile: "\(content)/led/screens.yml", messages: messagesText,
                messagesFile: "\(content)/led/messages.yml", timeZone: timeZone)
            var output = CommandOutput()
            output.errors = parseDiagnostics.sortedForReport().map(\.description)
            guard let screen = ledContent.screen(id: screenID) else {
                let ids = ledContent.screens.map(\.id)
                output.errors.append(
                    "error: no screen '\(screenID)'\(Suggestion.hint(for: screenID, in: ids)); screens are "
                        + ids.joined(separator: ", "))
                output.exitCode = 1
                return output
            }
            // site figures: the site builder fills all variables and headlines; the preview knows only the
            // countdown until the lead wires in the loaded site.
            var variables = LEDVariables()
            if let inspection { variables.daysToInspection = ContentDate.daysBetween(clock, inspection, in: timeZone) }
            let (feed, diagnostics) = LEDFeedBuilder.feed(
                for: screen, content: ledContent, headlines: [], variables: variables, now: clock)
            output.errors += diagnostics.map(\.description)
            output.lines.append(
                "\(screen.id) \(screen.name) \(screen.width)x\(screen.height) font \(screen.font) "
                    + "\(screen.charset.rawValue) \(screen.color.rawValue) \(screen.mode.rawValue)")
            for item in feed.items {
                let urgent = item.priority == .urgent ? " urgent" : ""
                output.lines.append("")
                output.lines.append("# \(item.group)/\(item.id)\(urgent), \(item.pages.count) page(s)")
                for (index, page) in item.pages.enumerated() {
                    if index > 0 { output.lines.append("---") }
                    // raster preview: draw `page.lines` as a dot matrix here (block characters, the screen's
                    // width × height and colour) once the Unifont rasterizer of Raster/ is merged.
                    output.lines += page.lines
                }
            }
            if (parseDiagnostics + diagnostics).hasErrors { output.exitCode = 1 }
            return output
        }

        public func run() throws { try render().emit() }
    }
}
