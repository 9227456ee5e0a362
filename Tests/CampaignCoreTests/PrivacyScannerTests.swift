import Testing

@testable import CampaignCore

/// Appends the ISO 7064 MOD 11-2 check character, computed independently of the scanner.
private func withCheckDigit(_ seventeen: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(seventeen, weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 0) * $1.1 }
    return seventeen + String(Array("10X98765432")[sum % 11])
}

/// The same 17 digits with a check character that is certainly wrong.
private func withWrongCheckDigit(_ seventeen: String) -> String {
    let right = withCheckDigit(seventeen).last ?? "0"
    return seventeen + (right == "1" ? "2" : "1")
}

@Suite struct PrivacyScannerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: [(PIIKind, String)]
        var masked: String
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        // ID numbers
        Case(
            text: "身份证号11010519491231002X。", expected: [(.idNumber, "11010519491231002X")],
            masked: "身份证号1***************2X。"),
        Case(
            text: "证件 62010219900307123x 已核实", expected: [(.idNumber, "62010219900307123x")],
            masked: "证件 6***************3x 已核实"),
        Case(
            text: withCheckDigit("44030419851120301"), expected: [(.idNumber, "440304198511203011")],
            masked: "4***************11"),
        Case(
            text: "编号" + withCheckDigit("62010220000229456") + "号", expected: [(.idNumber, "620102200002294568")],
            masked: "编号6***************68号"),
        // A plausible number whose check digit fails is masked too (probably mistyped).
        Case(
            text: "随机" + withWrongCheckDigit("62010219900307123"),
            expected: [(.idNumber, withWrongCheckDigit("62010219900307123"))],
            masked: "随机6***************" + withWrongCheckDigit("62010219900307123").suffix(2)),
        Case(text: "日期无效620102199002301232", expected: [], masked: "日期无效620102199002301232"),
        Case(
            text: "流水号1" + withCheckDigit("44030419851120301"), expected: [],
            masked: "流水号1" + withCheckDigit("44030419851120301")),
        Case(
            text: withCheckDigit("44030419851120301") + "7", expected: [],
            masked: withCheckDigit("44030419851120301") + "7"),
        Case(
            text: "以0开头" + withCheckDigit("04030419851120301"), expected: [],
            masked: "以0开头" + withCheckDigit("04030419851120301")),
        // mobile numbers
        Case(
            text: "联系电话13812341234，请勿外传", expected: [(.mobile, "13812341234")],
            masked: "联系电话138****1234，请勿外传"),
        Case(text: "手机：19931234567", expected: [(.mobile, "19931234567")], masked: "手机：199****4567"),
        Case(text: "Tel +8613912345678.", expected: [(.mobile, "13912345678")], masked: "Tel +86139****5678."),
        Case(text: "拨打138-1234-5678或", expected: [(.mobile, "138-1234-5678")], masked: "拨打138-****-5678或"),
        Case(
            text: "拨打 150 1234 5678 即可", expected: [(.mobile, "150 1234 5678")],
            masked: "拨打 150 **** 5678 即可"),
        Case(text: "座机0931-8888000", expected: [], masked: "座机0931-8888000"),
        Case(text: "订单138123412345", expected: [], masked: "订单138123412345"),
        Case(text: "编号913812341234", expected: [], masked: "编号913812341234"),
        Case(text: "12812341234不是手机号", expected: [], masked: "12812341234不是手机号"),
        Case(text: "138-1234-56789", expected: [], masked: "138-1234-56789"),
        // plates
        Case(text: "车牌甘A12345违停", expected: [(.plate, "甘A12345")], masked: "车牌甘A1***5违停"),
        Case(text: "新能源车甘AD12345", expected: [(.plate, "甘AD12345")], masked: "新能源车甘AD****5"),
        Case(text: "车辆甘A·12345占道", expected: [(.plate, "甘A·12345")], masked: "车辆甘A·1***5占道"),
        Case(text: "车辆京B 6789F。", expected: [(.plate, "京B 6789F")], masked: "车辆京B 6***F。"),
        Case(text: "教练车甘A1234学", expected: [(.plate, "甘A1234学")], masked: "教练车甘A1***学"),
        Case(text: "代码A12345不是车牌", expected: [], masked: "代码A12345不是车牌"),
        Case(text: "型号甘A1234567", expected: [], masked: "型号甘A1234567"),
        Case(text: "东A12345", expected: [], masked: "东A12345"),
        Case(text: "新APPLE发布", expected: [], masked: "新APPLE发布"),
        Case(text: "甘A1234x", expected: [], masked: "甘A1234x"),
        // several at once, in order
        Case(
            text: "车主（身份证11010519491231002X，电话13812341234）驾驶甘A12345",
            expected: [(.idNumber, "11010519491231002X"), (.mobile, "13812341234"), (.plate, "甘A12345")],
            masked: "车主（身份证1***************2X，电话138****1234）驾驶甘A1***5"),
        Case(text: "", expected: [], masked: ""),
    ]

    @Test(arguments: cases)
    func detectsAndMasks(_ testCase: Case) {
        let (masked, matches) = PrivacyScanner.mask(testCase.text)
        #expect(matches.map(\.kind) == testCase.expected.map(\.0))
        #expect(matches.map(\.original) == testCase.expected.map(\.1))
        #expect(masked == testCase.masked)
        for match in matches {
            #expect(String(testCase.text[match.range]) == match.original)
            #expect(!masked.contains(match.original))
        }
    }

    @Test func validIDNumbersAcrossCheckDigitsAreAllFound() {
        // Vary the sequence digits so every check character (including X) occurs at least once.
        var checks: Set<Character> = []
        for sequence in 100..<160 {
            let id = withCheckDigit("620102198807\(15)\(sequence)")
            checks.insert(id.last ?? "?")
            let matches = PrivacyScanner.scan("号码\(id)。")
            #expect(matches.map(\.original) == [id])
            #expect(matches.map(\.checkDigitFails) == [false])
            let mistyped = PrivacyScanner.scan("号码\(withWrongCheckDigit(String(id.dropLast())))。")
            #expect(mistyped.map(\.checkDigitFails) == [true])
        }
        #expect(checks.count == 11)
    }

    @Test func linesAndColumnsInMultiLineText() throws {
        let body = "第一行没有。\n第二行 甘A12345 违停\n\n电话13812341234"
        let matches = PrivacyScanner.scan(body)
        try #require(matches.count == 2)
        #expect(matches[0].lineOffset == 1)
        #expect(matches[0].column == 5)
        #expect(matches[1].lineOffset == 3)
        #expect(matches[1].column == 3)

        let diagnostics = PrivacyScanner.diagnostics(
            for: matches, file: "Content/exposures/a/index.md", line: 20, column: 1, field: "body", production: false)
        #expect(diagnostics.map(\.line) == [21, 23])
        #expect(diagnostics.map(\.column) == [5, 3])
        #expect(diagnostics.map(\.code) == ["privacy.plate", "privacy.mobile"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test(arguments: [false, true])
    func diagnosticsNeverRepeatTheOriginal(production: Bool) throws {
        let text = "车主11010519491231002X，电话13812341234，车牌甘A12345"
        let (_, diagnostics) = PrivacyScanner.maskReporting(
            text, file: "Content/exposures/a/index.md", line: 3, column: 8, field: "title", production: production)
        try #require(diagnostics.count == 3)
        #expect(diagnostics.map(\.code) == ["privacy.id-number", "privacy.mobile", "privacy.plate"])
        #expect(diagnostics.allSatisfy { $0.severity == (production ? .error : .warning) })
        #expect(diagnostics.allSatisfy { $0.line == 3 })
        #expect(diagnostics[0].column == 10)
        for (diagnostic, original) in zip(diagnostics, ["11010519491231002X", "13812341234", "甘A12345"]) {
            #expect(!diagnostic.message.contains(original))
            #expect(diagnostic.message.contains("title"))
        }
        #expect(diagnostics[1].message.contains("'138****1234'"))
    }

    @Test func markdownMasksEscapeTheirStars() {
        let (masked, matches) = PrivacyScanner.mask("电话13812341234，车牌甘A12345", markdown: true)
        #expect(masked == "电话138\\*\\*\\*\\*1234，车牌甘A1\\*\\*\\*5")
        #expect(matches.map(\.masked) == ["138****1234", "甘A1***5"])
    }

    @Test func textWithoutPersonalDataIsReturnedUnchanged() {
        let text = "2026年11月28日，城关区检查了128处点位，整改率100%。"
        let (masked, matches) = PrivacyScanner.mask(text)
        #expect(matches.isEmpty)
        #expect(masked == text)
    }
}
