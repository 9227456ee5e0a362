import TestSupport
import Testing

@testable import Markdown

@Suite struct SummaryTests {
    let chinese = """
        为深入推进全国文明城市创建工作，市委、市政府于十月十日召开动员大会。会议要求各区各部门提高认识、压实责任，\
        以“绣花功夫”抓好城市精细化管理。全市上下要坚持问题导向，聚焦“七乱”等突出问题，集中开展专项整治行动，\
        确保测评工作取得优异成绩。
        """

    @Test func shortTextIsReturnedWholeWithoutEllipsis() {
        #expect(TextMetrics.summary(of: "市委召开动员大会。", limit: 120) == "市委召开动员大会。")
        #expect(TextMetrics.summary(of: "  第一段\n\n第二段  ") == "第一段 第二段")
    }

    @Test func longChineseIsCutAtSentenceEndWithEllipsis() {
        let summary = TextMetrics.summary(of: chinese, limit: 60)
        #expect(summary == "为深入推进全国文明城市创建工作，市委、市政府于十月十日召开动员大会…")
        #expect(summary.count <= 61)
    }

    @Test func cutsAtClauseWhenNoSentenceEndIsNear() {
        #expect(TextMetrics.summary(of: chinese, limit: 30) == "为深入推进全国文明城市创建工作，市委…")
    }

    @Test func cutsAtLimitInUnbrokenChinese() {
        let text = String(repeating: "文明城市创建", count: 30)
        let summary = TextMetrics.summary(of: text, limit: 50)
        #expect(summary == String(text.prefix(50)) + "…")
    }

    @Test func neverSplitsAGraphemeCluster() {
        let family = "👨‍👩‍👧‍👦"
        let text = String(repeating: "创", count: 9) + family + String(repeating: "城", count: 20)
        let summary = TextMetrics.summary(of: text, limit: 10)
        #expect(summary == String(repeating: "创", count: 9) + family + "…")
        #expect(summary.unicodeScalars.filter { $0 == "\u{200D}" }.count == 3)
    }

    @Test func doesNotSplitALatinWord() {
        let text = "Volunteers cleaned the riverside promenade before the inspection"
        #expect(TextMetrics.summary(of: text, limit: 30) == "Volunteers cleaned the…")
    }

    @Test func zeroLimitGivesEmptySummary() {
        #expect(TextMetrics.summary(of: "文明", limit: 0) == "")
    }
}

@Suite struct ReadingLengthTests {
    @Test func countsChineseByCharacters() {
        let text = String(repeating: "文明城市创建，", count: 100)  // 600 characters, 100 commas
        let length = TextMetrics.readingLength(of: text)
        #expect(length == .init(characters: 600, words: 0, minutes: 2))
    }

    @Test func aRunOfChineseIsNotOneWord() {
        let length = TextMetrics.readingLength(of: "全国文明城市")
        #expect(length.characters == 6)
        #expect(length.words == 0)
        #expect(length.minutes == 1)
    }

    @Test func countsEnglishByWords() {
        let text = Array(repeating: "don't litter on well-kept streets", count: 50).joined(separator: ". ")
        let length = TextMetrics.readingLength(of: text)
        #expect(length == .init(characters: 0, words: 250, minutes: 2))
    }

    @Test func countsMixedText() {
        let length = TextMetrics.readingLength(of: "2026年创建工作 LED 屏幕显示“文明兰州”")
        #expect(length == .init(characters: 13, words: 2, minutes: 1))
    }

    @Test func emptyTextTakesNoTime() {
        #expect(TextMetrics.readingLength(of: " \n，。") == .init(characters: 0, words: 0, minutes: 0))
    }
}

/// The punctuation ranges `isWordCharacter` answers without the property table hold no letter, mark or digit.
@Suite struct UnicodeScalarTests {
    @Test func thePunctuationShortcutAgreesWithTheGeneralCategory() {
        let ranges: [ClosedRange<UInt32>] = [
            0x2000...0x206F, 0x3000...0x3004, 0x3008...0x3020, 0xFF01...0xFF0F, 0xFF1A...0xFF20,
        ]
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isWord: Bool
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                isWord = true
            default:
                isWord = false
            }
            #expect(scalar.isWordCharacter == isWord, "U+\(String(value, radix: 16))")
        }
    }
}

/// The summary's scalar-by-scalar reading gives the same head as reading characters, or stands aside.
@Suite struct SummaryHeadTests {
    @Test func theScalarHeadIsTheCharacterHeadWheneverItIsUsed() {
        let pool: [String] = [
            "文", "明", "城", "市", "，", "。", "“", "”", "、", "：", " ", "  ", "\n", "\t", "a", "Z", "9", "-", ".",
            "é", "e\u{301}", "\u{302A}", "👍", "👍🏽", "🇨🇳", "한", "\u{1100}\u{1161}", "\r\n", "\u{200D}", "\u{3000}",
            "\u{FE0F}", "（", "！", "—", "…", "\u{A0}", "ǅ", "ˇ",
        ]
        var random = SplitMix64(state: 20_261_130)
        var used = 0
        for _ in 0..<3000 {
            let count = Int(random.next() % 200)
            let text = (0..<count).map { _ in pool[Int(random.next() % UInt64(pool.count))] }.joined()
            for limit in [1, 5, 120] {
                let slow = TextMetrics.head(of: text, limit: limit)
                // Every way in gives the summary made from grapheme clusters.
                let expected = TextMetrics.summary(head: slow, limit: limit)
                #expect(TextMetrics.summary(of: text, limit: limit) == expected, "\(text.debugDescription) \(limit)")
                #expect(TextMetrics.summary(ofUTF8: Array(text.utf8), limit: limit) == expected)
                var bytes = text
                guard let fast = bytes.withUTF8({ TextMetrics.simpleHead(ofUTF8: $0, limit: limit) }) else { continue }
                used += 1
                #expect(fast.map(Character.init) == slow, "\(text.debugDescription) \(limit)")
            }
        }
        #expect(used > 100)
    }
}
