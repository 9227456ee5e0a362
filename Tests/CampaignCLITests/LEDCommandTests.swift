import ArgumentParser
import Foundation
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

    @Test func previewShowsTheScreenPrograms() throws {
        let command = try LEDCommand.parseAsRoot(
            ["preview", "bus-stop", "--content", Self.contentFolder, "--now", "2026-11-29T12:00:00+08:00"])
        let preview = try #require(command as? LEDCommand.Preview)
        let output = preview.render()
        #expect(output.exitCode == 0, "\(output.errors)")
        #expect(output.lines.first?.hasPrefix("bus-stop ") == true)
        #expect(output.lines.contains("# urgent/urgent-cleanup urgent, 2 page(s)"))
        #expect(output.lines.contains("富强民主文明和谐自由平等"))
        #expect(output.lines.joined().contains("还有42天"))
        #expect(!output.lines.contains { $0.contains("urgent-snow") })
    }

    @Test func previewOfAnUnknownScreenSuggests() throws {
        let command = try LEDCommand.parseAsRoot(["preview", "bus-stp", "--content", Self.contentFolder])
        let output = try #require(command as? LEDCommand.Preview).render()
        #expect(output.exitCode == 1)
        #expect(output.errors.last?.contains("did you mean 'bus-stop'") == true)
    }
}
