import ArgumentParser
import CampaignCore
import Foundation
import LEDFeed
import SiteBuilder

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
        @Option(help: "Line-breaking rules.") public var kinsoku: KinsokuLevel = .basic
        @Option(help: "Character set.") public var charset: LEDCharset = .gb2312
        @Option(name: .customLong("line-gap"), help: "Pixels between lines.") public var lineGap: Int = 0
        @Option(help: "How the screen shows lines.") public var mode: LEDMode = .paged
        @Argument(help: "The text to lay out.") public var text: String

        public init() {}

        public func validate() throws {
            guard [12, 16, 24, 32].contains(font) else { throw ValidationError("--font must be 12, 16, 24 or 32") }
            guard width >= font, height >= font else {
                throw ValidationError("--width and --height must be at least one character (\(font) px)")
            }
            guard lineGap >= 0 else { throw ValidationError("--line-gap must not be negative") }
        }

        /// The lines and diagnostics `run()` prints.
        public func render() -> CommandOutput {
            let settings = LayoutSettings(
                width: width, height: height, font: font, lineGap: lineGap, kinsoku: kinsoku, mode: mode)
            let (pages, diagnostics) = LEDFeedBuilder.fit(text, settings: settings, charset: charset)
            var output = CommandOutput()
            output.lines = pages.map { $0.joined(separator: "\n") }.joined(separator: "\n---\n")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if pages.isEmpty { output.lines = [] }
            output.errors = diagnostics.map(\.description)
            output.exitCode = BuildReport.exitCode(for: diagnostics)
            return output
        }

        public func run() throws { try render().emit() }
    }

    /// `campaign led preview SCREEN_ID`: the screen's programs as they will play, drawn as a dot matrix.
    ///
    /// The feeds come from `SiteBuilder.ledFeeds`, the same loading, headlines, template figures and clock as
    /// `campaign build`, so the preview shows exactly what the site exports.
    public struct Preview: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Draws the pages a screen plays, program by program, as a dot matrix in the terminal.",
            discussion: """
                Each page is drawn with GNU Unifont (Debian package unifont), two LED rows per text line, \
                followed by its text. A scroll-left line is cut into screen-wide pieces.
                """
        )

        @Argument(help: "The screen id from Content/led/screens.yml.") public var screenID: String
        @Option(help: "The content folder.") public var content: String = "Content"
        @Option(help: ClockArgument.help) var now: ClockArgument?
        @Flag(help: "Only the page texts, no dot matrix.") public var textOnly = false

        public init() {}

        /// The lines and diagnostics `run()` prints; `colored` wraps lit LEDs in the screen's ANSI colour.
        public func render(colored: Bool = false, unifontPath: String = LEDRaster.unifontPath) async -> CommandOutput {
            let root = URL(fileURLWithPath: content)
            let options = BuildOptions(
                contentURL: root, themeURL: root, outputURL: root, contentDisplay: content, now: now?.date,
                writeOutput: false)
            let result = await SiteBuilder.ledFeeds(options)
            var output = CommandOutput()
            // Site-wide warnings (news, pages) belong to `campaign check`; show errors and LED findings.
            let shown = result.diagnostics.filter { $0.severity == .error || $0.code.hasPrefix("led") }
            output.errors = shown.map(\.description)
            if BuildReport.exitCode(for: shown) == 2 {
                output.exitCode = 2
                return output
            }
            guard let feed = result.feed(screen: screenID) else {
                let ids = result.feeds.map(\.screen.id)
                if !ids.isEmpty || !result.diagnostics.hasErrors {
                    let list = ids.isEmpty ? "no screens are configured" : "screens are " + ids.joined(separator: ", ")
                    output.errors.append(
                        "error: no screen '\(screenID)'\(Suggestion.hint(for: screenID, in: ids)); \(list)")
                }
                output.exitCode = 1
                return output
            }
            var glyphs = UnifontGlyphs()
            var fonts: [Int: CellFont] = [:]
            if !textOnly {
                let (loaded, problem) = LEDRaster.loadGlyphs(for: LEDRaster.scalars(of: [feed]), path: unifontPath)
                guard let loaded else {
                    output.errors += problem.map { [$0.description] } ?? []
                    output.exitCode = 2
                    return output
                }
                glyphs = loaded
                let (loadedFonts, problems) = LEDRaster.loadCellFonts(for: [feed])
                guard problems.isEmpty else {
                    output.errors += problems.map(\.description)
                    output.exitCode = 2
                    return output
                }
                fonts = loadedFonts
            }
            output.lines = Self.lines(of: feed, glyphs: textOnly ? nil : glyphs, fonts: fonts, colored: colored)
            output.exitCode = BuildReport.exitCode(for: result.diagnostics)
            return output
        }

        /// The preview text of one feed: a header, then per item its pages (dot matrix and text).
        static func lines(
            of feed: ScreenFeed, glyphs: UnifontGlyphs?, fonts: [Int: CellFont] = [:], colored: Bool
        ) -> [String] {
            let screen = feed.screen
            var lines = [
                "\(screen.id) \(screen.name) \(screen.width)x\(screen.height) font \(screen.font) "
                    + "\(screen.charset.rawValue) \(screen.color.rawValue) \(screen.mode.rawValue)"
            ]
            let color = colored ? RGBColor.screen(screen.color.rawValue) : nil
            let terminal = TerminalPreview(style: .halfBlocks, ansiColor: color)
            let pages = glyphs.map { LEDRaster.pages(of: feed, glyphs: $0, fonts: fonts) } ?? []
            for (index, item) in feed.items.enumerated() {
                let urgent = item.priority == .urgent ? " urgent" : ""
                lines.append("")
                lines.append("# \(item.group)/\(item.id)\(urgent), \(item.pages.count) page(s)")
                let drawn = pages.filter { $0.itemIndex == index }
                for (pageIndex, page) in item.pages.enumerated() {
                    if pageIndex > 0 { lines.append("---") }
                    if pageIndex < drawn.count {
                        for piece in Self.windows(of: drawn[pageIndex].bitmap, width: screen.width) {
                            lines += terminal.render(piece).split(separator: "\n").map(String.init)
                        }
                    }
                    lines += page.lines
                }
            }
            return lines
        }

        /// A bitmap wider than the screen (a scroll-left strip) cut into screen-wide pieces, left to right.
        static func windows(of bitmap: Bitmap, width: Int) -> [Bitmap] {
            guard bitmap.width > width, width > 0 else { return [bitmap] }
            return stride(from: 0, to: bitmap.width, by: width).map { start in
                var piece = Bitmap(width: width, height: bitmap.height)
                for y in 0..<bitmap.height {
                    for x in 0..<min(width, bitmap.width - start) where bitmap[start + x, y] { piece[x, y] = true }
                }
                return piece
            }
        }

        public func run() async throws {
            try await render(colored: isatty(STDOUT_FILENO) != 0).emit()
        }
    }
}
