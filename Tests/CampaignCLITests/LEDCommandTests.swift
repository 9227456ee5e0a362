import ArgumentParser
import Foundation
import LEDFeed
import Testing

@testable import CampaignCLI

@Suite struct LEDCommandTests {
    static let contentFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Content").path

    func fit(_ arguments: [String]) throws -> CommandOutput {
        let command = try LEDCommand.parseAsRoot(["fit"] + arguments)
        let fit = try #require(command as? LEDCommand.Fit)
        return fit.render()
    }

    @Test func fitPrintsLinesAndPages() throws {
        let output = try fit(["--width", "64", "--height", "32", "讲文明树新风创建文明城市"])
        #expect(output.lines == ["讲文明树", "新风创建", "---", "文明城市"])
        #expect(output.exitCode == 0 && output.errors.isEmpty)
    }

    @Test func fitAppliesKinsokuAndFont() throws {
        let basic = try fit(["--width", "80", "--height", "16", "--kinsoku", "basic", "创建文明城，人人参与"])
        #expect(basic.lines == ["创建文明", "---", "城，人人参", "---", "与"])
        let none = try fit(["--width", "80", "--height", "48", "--kinsoku", "none", "创建文明城，人人参与"])
        #expect(none.lines == ["创建文明城", "，人人参与"])
        let big = try fit(["--width", "96", "--height", "32", "--font", "32", "讲文明树新风"])
        #expect(big.lines == ["讲文明", "---", "树新风"])
    }

    @Test func fitLineGapChangesLinesPerPage() throws {
        let output = try fit(["--width", "32", "--height", "32", "--line-gap", "2", "讲文明树"])
        #expect(output.lines == ["讲文", "---", "明树"])
    }

    @Test func fitFailsOnACharacterOutsideTheCharset() throws {
        let output = try fit(["--width", "192", "--height", "32", "纪念朱镕基"])
        #expect(output.exitCode == 1)
        #expect(output.errors.first?.contains("<text>:1:4: error: character '镕' (U+9555)") == true)
        #expect(output.errors.first?.contains("--charset gbk") == true)
        let wide = try fit(["--width", "192", "--height", "32", "--charset", "gbk", "纪念朱镕基"])
        #expect(wide.exitCode == 0)
    }

    @Test func fitRejectsBadOptions() {
        #expect(throws: (any Error).self) {
            try LEDCommand.parseAsRoot([
                "fit", "--width", "64", "--height", "32",
                "--kinsoku", "strikt", "x",
            ])
        }
        #expect(throws: (any Error).self) {
            try LEDCommand.parseAsRoot([
                "fit", "--width", "64", "--height", "32",
                "--font", "20", "x",
            ])
        }
        #expect(throws: (any Error).self) { try LEDCommand.parseAsRoot(["fit", "--height", "32", "x"]) }
    }

    static let clock = "2026-11-29T12:00:00+08:00"

    func preview(_ arguments: [String], unifontPath: String? = nil) async throws -> CommandOutput {
        let command = try CampaignCommand.parseAsRoot(["led", "preview"] + arguments)
        let preview = try #require(command as? LEDCommand.Preview)
        if let unifontPath { return await preview.render(unifontPath: unifontPath) }
        return await preview.render()
    }

    @Test func previewShowsTheScreenPrograms() async throws {
        let output = try await preview(["bus-stop", "--content", Self.contentFolder, "--now", Self.clock])
        #expect(output.exitCode == 0, "\(output.errors)")
        #expect(output.lines.first?.hasPrefix("bus-stop ") == true)
        #expect(output.lines.contains("# urgent/urgent-cleanup urgent, 2 page(s)"))
        #expect(output.lines.contains("富强民主文明和谐自由平等"))
        #expect(output.lines.joined().contains("还有42天"))
        #expect(!output.lines.contains { $0.contains("urgent-snow") })
    }

    @Test func previewDrawsEveryPageAsADotMatrixOfTheScreenSize() async throws {
        let output = try await preview(["bus-stop", "--content", Self.contentFolder, "--now", Self.clock])
        let pageCount = output.lines.filter { $0.hasPrefix("# ") }.compactMap { line -> Int? in
            guard let comma = line.lastIndex(of: ",") else { return nil }
            return Int(line[line.index(after: comma)...].filter(\.isNumber))
        }.reduce(0, +)
        let tops = output.lines.filter { $0.hasPrefix("┌") }
        #expect(pageCount > 5)
        #expect(tops.count == pageCount, "one frame per page")
        // 192 LEDs wide plus the frame; 32 LED rows drawn two per text line.
        #expect(tops.allSatisfy { $0.count == 194 })
        let frame = try #require(output.lines.firstIndex { $0.hasPrefix("┌") })
        #expect(output.lines[frame + 17].hasPrefix("└"))
        #expect(output.lines[frame + 1..<frame + 17].allSatisfy { $0.hasPrefix("│") && $0.count == 194 })
        #expect(output.lines[frame + 1..<frame + 17].contains { $0.contains("█") || $0.contains("▀") })
        #expect(!output.lines.joined().contains("\u{1B}["), "no colour escapes unless asked")
    }

    @Test func previewCutsAScrollingLineIntoScreenWidePieces() async throws {
        let output = try await preview(["bus-strip", "--content", Self.contentFolder, "--now", Self.clock])
        #expect(output.exitCode == 0, "\(output.errors)")
        let tops = output.lines.filter { $0.hasPrefix("┌") }
        let items = output.lines.filter { $0.hasPrefix("# ") }
        #expect(tops.count > items.count, "a long line takes several 128-LED pieces")
        #expect(tops.allSatisfy { $0.count == 130 })
    }

    @Test func previewUsesTheSiteHeadlines() async throws {
        let output = try await preview(["building-board", "--content", Self.contentFolder, "--now", Self.clock])
        #expect(output.exitCode == 0, "\(output.errors)")
        #expect(output.lines.contains { $0.hasPrefix("# headlines/") })
    }

    @Test func previewTextOnlyDrawsNothing() async throws {
        let output = try await preview(
            ["bus-stop", "--text-only", "--content", Self.contentFolder, "--now", Self.clock])
        #expect(output.exitCode == 0)
        #expect(!output.lines.contains { $0.hasPrefix("┌") })
        #expect(output.lines.contains("富强民主文明和谐自由平等"))
    }

    @Test func previewWithoutUnifontIsAnEnvironmentError() async throws {
        let output = try await preview(
            ["bus-stop", "--content", Self.contentFolder, "--now", Self.clock], unifontPath: "/nonexistent/unifont.hex")
        #expect(output.exitCode == 2)
        #expect(output.errors.last?.contains("install the Debian package unifont") == true)
    }

    @Test func previewOfAnUnknownScreenSuggests() async throws {
        let output = try await preview(["bus-stp", "--content", Self.contentFolder])
        #expect(output.exitCode == 1)
        #expect(output.errors.last?.contains("did you mean 'bus-stop'") == true)
    }

    @Test func previewOfAMissingContentFolderIsAnEnvironmentError() async throws {
        let output = try await preview(["bus-stop", "--content", "/nonexistent/Content"])
        #expect(output.exitCode == 2)
    }

    @Test func windowsCutAWideBitmap() {
        var strip = Bitmap(width: 10, height: 2)
        strip[9, 1] = true
        strip[0, 0] = true
        let pieces = LEDCommand.Preview.windows(of: strip, width: 4)
        #expect(pieces.map(\.width) == [4, 4, 4])
        #expect(pieces[0][0, 0] && pieces[2][1, 1])
        #expect(pieces.map(\.litCount) == [1, 0, 1])
        #expect(LEDCommand.Preview.windows(of: strip, width: 10).count == 1)
    }
}
