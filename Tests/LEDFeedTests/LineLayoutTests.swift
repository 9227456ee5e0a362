import Testing

@testable import LEDFeed

/// One layout case: text, line width in full-width (16 px) characters, kinsoku level, expected lines.
struct LayoutCase: CustomStringConvertible, Sendable {
    var text: String
    var chars: Int
    var level: KinsokuLevel
    var expected: [String]
    var font = 16

    init(_ text: String, _ chars: Int, _ level: KinsokuLevel, _ expected: [String], font: Int = 16) {
        self.text = text
        self.chars = chars
        self.level = level
        self.expected = expected
        self.font = font
    }

    var description: String { "\(text) @\(chars) \(level)" }
}

@Suite struct LineLayoutTests {
    static let cases: [LayoutCase] = [
        // Plain greedy fill of full-width characters.
        LayoutCase("讲文明树新风", 3, .basic, ["讲文明", "树新风"]),
        LayoutCase("讲文明树新风", 6, .basic, ["讲文明树新风"]),
        LayoutCase("讲文明树新风", 4, .basic, ["讲文明树", "新风"]),
        LayoutCase("文明", 1, .basic, ["文", "明"]),
        // No-start characters: pushed down with the character before them.
        LayoutCase("创建文明城，人人参与", 5, .basic, ["创建文明", "城，人人参", "与"]),
        LayoutCase("创建文明城，人人参与", 5, .none, ["创建文明城", "，人人参与"]),
        LayoutCase("创建文明城。人人参与", 5, .basic, ["创建文明", "城。人人参", "与"]),
        LayoutCase("创建文明城、人人参与", 5, .basic, ["创建文明", "城、人人参", "与"]),
        LayoutCase("你我同行？一起来", 4, .basic, ["你我同", "行？一起", "来"]),
        LayoutCase("你我同行！一起来", 4, .basic, ["你我同", "行！一起", "来"]),
        LayoutCase("文明城市创建。」好", 6, .basic, ["文明城市创", "建。」好"]),
        LayoutCase("文明城市创建。」好", 6, .none, ["文明城市创建", "。」好"]),
        LayoutCase("爱护环境（人人有责）好", 9, .basic, ["爱护环境（人人有", "责）好"]),
        LayoutCase("共同维护“文明”家园", 4, .basic, ["共同维护", "“文明”", "家园"]),
        LayoutCase("礼让斑马线·文明出行", 5, .basic, ["礼让斑马", "线·文明出", "行"]),
        // ASCII no-start characters.
        LayoutCase("文明AB,CD", 3, .basic, ["文明", "AB,CD"]),
        LayoutCase("文明AB,CD", 3, .none, ["文明AB", ",CD"]),
        // No-end characters: an opening bracket goes down with what follows.
        LayoutCase("文明「出行」好", 3, .basic, ["文明", "「出", "行」好"]),
        LayoutCase("文明「出行」好", 3, .none, ["文明「", "出行」", "好"]),
        LayoutCase("请读《文明公约》", 3, .basic, ["请读", "《文明", "公约》"]),
        LayoutCase("市民须知【重要】", 5, .basic, ["市民须知", "【重要】"]),
        LayoutCase("他说“你好”", 3, .basic, ["他说", "“你", "好”"]),
        // gb: '/' never ends a line.
        LayoutCase("共建/共享", 3, .basic, ["共建/", "共享"]),
        LayoutCase("共建/共享", 3, .gb, ["共建", "/共享"]),
        LayoutCase("共建/共享", 3, .strict, ["共建", "/共享"]),
        // strict: —— and …… never start a line; they are never split.
        LayoutCase("文明城市——我们的家", 5, .basic, ["文明城市", "——我们的", "家"]),
        LayoutCase("文明城市——我们的家", 5, .strict, ["文明城", "市——我们", "的家"]),
        LayoutCase("文明城市……我们的家", 5, .basic, ["文明城市", "……我们的", "家"]),
        LayoutCase("文明城市……我们的家", 5, .strict, ["文明城", "市……我们", "的家"]),
        LayoutCase("文明城——家", 4, .basic, ["文明城", "——家"]),
        LayoutCase("文明——城市", 4, .gb, ["文明——", "城市"]),
        // ASCII words and numbers never break; half width is font/2.
        LayoutCase("欢迎来到Lanzhou", 6, .basic, ["欢迎来到", "Lanzhou"]),
        LayoutCase("欢迎来到Lanzhou", 8, .basic, ["欢迎来到Lanzhou"]),
        LayoutCase("共有12345名志愿者", 5, .basic, ["共有12345", "名志愿者"]),
        LayoutCase("共有12345名志愿者", 4, .basic, ["共有", "12345名", "志愿者"]),
        LayoutCase("达标率98.5%以上", 4, .basic, ["达标率", "98.5%以", "上"]),
        LayoutCase("达标率98.5%", 5, .none, ["达标率", "98.5%"]),
        LayoutCase("今日气温25℃请注意", 4, .basic, ["今日气温", "25℃请注", "意"]),
        LayoutCase("开放时间06:30-22:30", 6, .basic, ["开放时间", "06:30-22:30"]),
        LayoutCase("累计1,000人次", 4, .basic, ["累计", "1,000人", "次"]),
        LayoutCase("Hello World 你好", 6, .basic, ["Hello World", "你好"]),
        LayoutCase("Hello World 你好", 3, .basic, ["Hello", "World", "你好"]),
        LayoutCase("COVID-19防控", 4, .basic, ["COVID-19", "防控"]),
        // A unit wider than a line is split.
        LayoutCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4, .basic, ["ABCDEFGH", "IJKLMNOP", "QRSTUVWX", "YZ"]),
        LayoutCase("编号1234567890", 3, .basic, ["编号12", "345678", "90"]),
        LayoutCase("——", 1, .strict, ["—", "—"]),
        // Hard line breaks and spaces.
        LayoutCase("第一行\n第二行", 6, .basic, ["第一行", "第二行"]),
        LayoutCase("第一行\n\n第二行", 6, .basic, ["第一行", "第二行"]),
        LayoutCase("  你好  ", 6, .basic, ["你好"]),
        // Other font sizes.
        LayoutCase("文明城市ABC", 4, .basic, ["文明城市", "ABC"], font: 24),
        LayoutCase("文明城市AB", 5, .basic, ["文明城市AB"], font: 12),
    ]

    @Test(arguments: cases)
    func layout(_ c: LayoutCase) {
        let lines = LineLayout.lines(c.text, width: c.chars * c.font, font: c.font, kinsoku: c.level)
        #expect(lines == c.expected)
        for line in lines where line.count > 1 {
            #expect(LayoutUnit.width(of: line, font: c.font) <= c.chars * c.font, "\(line) overflows")
        }
    }

    @Test(arguments: [
        (32, 16, 0, 2), (64, 16, 0, 4), (32, 16, 2, 1), (64, 16, 2, 3), (160, 32, 0, 5), (16, 16, 0, 1),
        (48, 16, 0, 3), (34, 16, 2, 2), (24, 12, 0, 2), (8, 16, 0, 1),
    ])
    func linesPerPage(height: Int, font: Int, gap: Int, expected: Int) {
        #expect(LayoutSettings(width: 192, height: height, font: font, lineGap: gap).linesPerPage == expected)
    }

    @Test func pagedCutsLinesIntoScreenfuls() {
        let settings = LayoutSettings(width: 64, height: 32, font: 16)
        let pages = LineLayout.pages("讲文明树新风创建文明城市", settings: settings)
        #expect(pages == [["讲文明树", "新风创建"], ["文明城市"]])
    }

    @Test func scrollLeftIsOneJoinedLine() {
        let settings = LayoutSettings(width: 64, height: 16, font: 16, mode: .scrollLeft)
        #expect(LineLayout.pages("讲文明树新风\n创建文明城市 ", settings: settings) == [["讲文明树新风　创建文明城市"]])
    }

    @Test func scrollUpIsOnePageOfAllLines() {
        let settings = LayoutSettings(width: 64, height: 16, font: 16, mode: .scrollUp)
        #expect(LineLayout.pages("讲文明树新风创建", settings: settings) == [["讲文明树", "新风创建"]])
    }

    @Test func segmentsStayWhole() {
        let settings = LayoutSettings(width: 480, height: 160, font: 32)
        let pages = LineLayout.pages(segments: BuiltinGroup.coreValueTerms, settings: settings)
        // 15 characters fit a line; the eighth term would be split, so it goes down whole.
        #expect(pages == [["富强民主文明和谐自由平等公正", "法治爱国敬业诚信友善"]])
    }

    @Test func unitsKeepNumbersWithPercentAndDashesTogether() {
        let units = LayoutUnit.split("达标98%、——好……", font: 16).map(\.text)
        #expect(units == ["达", "标", "98%", "、", "——", "好", "……"])
    }

    /// Generated realistic texts never start a line with a no-start character nor end one with a no-end
    /// character at basic or stricter, and never overflow.
    @Test(arguments: [KinsokuLevel.basic, .gb, .strict])
    func propertyNoForbiddenLineEdges(level: KinsokuLevel) {
        var random = SplitMix(seed: 20_261_129 + UInt64(level.rank))
        let hanzi = Array("文明城市创建讲树新风礼让斑马线垃圾分类志愿服务兰州黄河市民公约家园环境卫生交通秩序")
        let openers = Array("（《「『【“‘")
        let closers = Array("）》」』】”’")
        let stops = Array("，。、；：？！")
        let words = ["LED", "2026", "98%", "25℃", "A/B", "OK"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<random.next(in: 5...40) {
                switch random.next(in: 0...9) {
                case 0:
                    let k = random.next(in: 0...(openers.count - 1))
                    text.append(openers[k])
                    for _ in 0..<random.next(in: 1...4) { text.append(hanzi[random.next(in: 0...(hanzi.count - 1))]) }
                    text.append(closers[k])
                case 1: text.append(stops[random.next(in: 0...(stops.count - 1))])
                case 2: text += words[random.next(in: 0...(words.count - 1))]
                case 3: text += random.next(in: 0...1) == 0 ? "——" : "……"
                case 4: text += "共建/"
                default: break
                }
                // Real text does not pile up punctuation: a character follows every token.
                text.append(hanzi[random.next(in: 0...(hanzi.count - 1))])
            }
            let chars = random.next(in: 6...14)
            let lines = LineLayout.lines(text, width: chars * 16, font: 16, kinsoku: level)
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
            // Only the breaks the layout chose count: the text itself may start with '：' or end with '/'.
            for (index, line) in lines.enumerated() {
                let units = LayoutUnit.split(line, font: 16).filter { $0.kind == .text }
                if index > 0, let first = units.first {
                    #expect(!Kinsoku.cannotStart(first.text, level: level), "'\(line)' in \(lines) at \(chars)")
                }
                if index < lines.count - 1, let last = units.last {
                    #expect(!Kinsoku.cannotEnd(last.text, level: level), "'\(line)' in '\(text)' at \(chars)")
                }
                #expect(LayoutUnit.width(of: line, font: 16) <= chars * 16)
            }
        }
    }
}

/// A small deterministic random generator, so property tests repeat exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
