import CampaignCore
import Foundation
import Testing

@testable import LEDFeed

@Suite struct LEDContentTests {
    static let tz = TimeZone(identifier: "Asia/Shanghai")!

    static let screen = """
        screens:
          - id: stop
            name: 站台
            width: 192
            height: 32
            programs: [slogans]
        """

    static func parse(screens: String = screen, messages: String) -> (LEDContent, [Diagnostic]) {
        LEDContent.parse(screens: screens, messages: messages, timeZone: tz)
    }

    static func message(_ body: String) -> String {
        "messages:\n  - id: m1\n    group: slogans\n" + body
    }

    @Test func defaultsApply() throws {
        let (content, diagnostics) = Self.parse(messages: Self.message("    text: 讲文明\n"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let screen = try #require(content.screens.first)
        #expect(screen.font == 16 && screen.lineGap == 0 && screen.kinsoku == .basic && screen.mode == .paged)
        #expect(screen.stay == 5 && screen.speed == 5 && screen.charset == .gb2312)
        #expect(screen.exports == [.txt, .json])
        #expect(content.messages.first?.priority == .normal)
    }

    /// Screen fields with a problem, and the code and a piece of the message expected.
    @Test(arguments: [
        ("    width: 200\n", "led.screen.width", "not a multiple of 16", Severity.warning),
        ("    height: 40\n", "led.screen.height", "not a multiple of 16", .warning),
        ("    font: 20\n", "led.screen.font", "12, 16, 24 or 32", .error),
        ("    charset: big5\n", "led.screen.charset", "gb2312, gbk, gb18030, utf-8", .error),
        ("    color: blue\n", "led.screen.color", "must be one of", .error),
        ("    mode: scrol-left\n", "led.screen.mode", "did you mean 'scroll-left'", .error),
        ("    kinsoku: strikt\n", "led.screen.kinsoku", "did you mean 'strict'", .error),
        ("    schedule: {windows: [\"6:30-22:30\"]}\n", "led.screen.windows", "06:30-22:30", .error),
        ("    schedule: {windows: [\"06:30-25:00\"]}\n", "led.screen.windows", "bad time window", .error),
        ("    schedule: {weekdays: [0, 8]}\n", "led.screen.weekdays", "1 (Monday) to 7 (Sunday)", .error),
        ("    exports: [txt, pdf]\n", "led.screen.exports", "unknown export 'pdf'", .error),
        ("    speed: 11\n", "led.screen.speed", "between 1 and 10", .error),
        ("    colour: red\n", "led.screen.unknown-field", "unknown field", .warning),
    ])
    func screenDiagnostics(extra: String, code: String, text: String, severity: Severity) {
        var screens = Self.screen.replacingOccurrences(of: "    width: 192\n", with: "")
        screens = screens.replacingOccurrences(of: "    height: 32\n", with: "")
        if !extra.contains("width") { screens += "\n    width: 192" }
        if !extra.contains("height") { screens += "\n    height: 32" }
        screens += "\n" + extra
        let (_, diagnostics) = Self.parse(screens: screens, messages: Self.message("    text: 讲文明\n"))
        let match = diagnostics.first { $0.code == code }
        #expect(match?.message.contains(text) == true, "\(diagnostics)")
        #expect(match?.severity == severity)
        #expect((match?.line ?? 0) > 0)
    }

    @Test func unknownGroupInProgramsSuggestsTheClosest() throws {
        let screens = Self.screen.replacingOccurrences(of: "[slogans]", with: "[slogans, slogan, core-value]")
        let (content, diagnostics) = Self.parse(screens: screens, messages: Self.message("    text: 讲文明\n"))
        let errors = diagnostics.filter { $0.code == "led.screen.programs" }
        #expect(errors.count == 2)
        #expect(errors.first?.message.contains("'slogan' in 'screens[1].programs' (did you mean 'slogans'?)") == true)
        #expect(errors.last?.message.contains("did you mean 'core-values'") == true)
        #expect(errors.first?.line == 6 && errors.first?.column == 25)
        #expect(content.screens.first?.programs == ["slogans"])
    }

    @Test func duplicateIdsAreErrors() {
        let messages = Self.message("    text: 讲文明\n") + "  - id: m1\n    group: slogans\n    text: 树新风\n"
        let screens = Self.screen + "\n  - id: stop\n    name: 另一块\n    width: 64\n    height: 16\n"
        let (content, diagnostics) = Self.parse(screens: screens, messages: messages)
        #expect(diagnostics.contains { $0.message.contains("duplicate message id 'm1'") && $0.line == 5 })
        #expect(diagnostics.contains { $0.message.contains("duplicate screen id 'stop'") && $0.line == 7 })
        #expect(content.messages.count == 1 && content.screens.count == 1)
    }

    @Test(arguments: [
        ("    text: 讲文明\n    template: 还有{days_to_inspection}天\n", "not both"),
        ("    template: 还有{days_to_inspection天\n", "'{' without a closing '}'"),
        ("    text: \"讲文明\\a\"\n", "控制字符"),
        ("    priority: normal\n", "missing 'text'"),
        (
            "    template: 还有{days_to_inspecton}天\n",
            "unknown template variable '{days_to_inspecton}' (did you mean 'days_to_inspection'?)"
        ),
        ("    text: 讲文明\n    from: 2026-12-01\n    until: 2026-11-01\n", "is after"),
        ("    text: 讲文明\n    priority: high\n", "must be one of normal, urgent"),
        ("    text: 讲文明\n    schedule: {windows: [\"0630-2230\"]}\n", "bad time window '0630-2230'"),
    ])
    func messageDiagnostics(body: String, text: String) {
        let (_, diagnostics) = Self.parse(messages: Self.message(body))
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains(text) }, "\(diagnostics)")
    }

    @Test func variableInPlainTextIsAWarning() {
        let (_, diagnostics) = Self.parse(messages: Self.message("    text: 还有{days_to_inspection}天\n"))
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("use 'template:'") })
    }

    @Test func unknownVariableIsLocatedAtItsBrace() throws {
        let (_, diagnostics) = Self.parse(messages: Self.message("    template: 还有{foo}天\n"))
        let error = try #require(diagnostics.first { $0.code == "led.message.template" })
        #expect(error.line == 4 && error.column == 17)
    }

    @Test func reviewIsAllowedAndBuiltinGroupsAreReserved() {
        let body = "    text: 讲文明\n    review:\n      first: {by: 李敏, at: 2026-11-02}\n"
        let (_, ok) = Self.parse(messages: Self.message(body))
        #expect(ok.isEmpty, "\(ok)")
        let reserved = "messages:\n  - id: m1\n    group: core-values\n    text: 讲文明\n"
        let (_, diagnostics) = Self.parse(messages: reserved)
        #expect(diagnostics.contains { $0.message.contains("built in") })
    }

    @Test func idsMustBeSlugs() {
        let (_, diagnostics) = Self.parse(messages: "messages:\n  - id: 标语1\n    group: Slogans\n    text: 讲文明\n")
        #expect(diagnostics.contains { $0.code == "led.message.id" })
        #expect(diagnostics.contains { $0.code == "led.message.group" && $0.message.contains("'slogans'") })
    }

    @Test func characterLocationsFollowTheSource() throws {
        let (content, _) = Self.parse(messages: Self.message("    text: \"讲文明，镕\"\n"))
        let message = try #require(content.messages.first)
        #expect(message.location(ofCharacter: 4) == SourceLocation(file: LEDContent.messagesFile, line: 4, column: 16))
    }

    @Test func sampleContentIsClean() throws {
        let (content, diagnostics) = try SampleContent.load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(content.screens.count >= 4)
        #expect(content.messages.count >= 10)
        let sizes = content.screens.map { "\($0.width)x\($0.height)" }
        #expect(Set(sizes).isSuperset(of: ["192x32", "256x64", "128x16", "480x160"]))
    }
}

/// The sample `Content/led/` files of the repository.
enum SampleContent {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func load() throws -> (LEDContent, [Diagnostic]) {
        let screens = try String(contentsOf: root.appending(path: "Content/led/screens.yml"), encoding: .utf8)
        let messages = try String(contentsOf: root.appending(path: "Content/led/messages.yml"), encoding: .utf8)
        return LEDContent.parse(
            screens: screens, messages: messages, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    }
}
