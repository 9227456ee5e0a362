import Testing

@testable import LEDFeed

/// One layout case: text, line width in full-width (16 px) characters, kinsoku level, expected lines, and the rule
/// it checks.
struct LayoutCase: CustomStringConvertible, Sendable {
    var text: String
    var chars: Int
    var level: KinsokuLevel
    var expected: [String]
    var rule: String
    var font = 16

    init(_ text: String, _ chars: Int, _ level: KinsokuLevel, _ expected: [String], _ rule: String, font: Int = 16) {
        self.text = text
        self.chars = chars
        self.level = level
        self.expected = expected
        self.rule = rule
        self.font = font
    }

    var description: String { "\(text) @\(chars) \(level) [\(rule)]" }
}

// Rules cited, as docs/led-guide.md ("How text is laid out") describes them: `fill` greedy filling (§7); `clreq` W3C
// clreq basic rules (§7 basic); `uax14 LBn` the pair rules of UAX #14; `gbt` GB/T 15834-2011 §5.1.n; `§13` the
// later LED additions (brackets, `/`, `～`, URLs, currency and units, full-width runs); `unit` a never-break unit.
@Suite struct LineLayoutTests {
    static let cases: [LayoutCase] = [
        // Plain greedy fill of full-width characters.
        LayoutCase("讲文明树新风", 3, .basic, ["讲文明", "树新风"], "fill"),
        LayoutCase("讲文明树新风", 6, .basic, ["讲文明树新风"], "fill"),
        LayoutCase("讲文明树新风", 4, .basic, ["讲文明树", "新风"], "fill"),
        LayoutCase("文明", 1, .basic, ["文", "明"], "fill"),
        // No-start characters: pushed down with the character before them.
        LayoutCase("创建文明城，人人参与", 5, .basic, ["创建文明", "城，人人参", "与"], "clreq: ， never starts"),
        LayoutCase("创建文明城，人人参与", 5, .none, ["创建文明城", "，人人参与"], "none: pure fill"),
        LayoutCase("创建文明城。人人参与", 5, .basic, ["创建文明", "城。人人参", "与"], "clreq: 。 never starts"),
        LayoutCase("创建文明城、人人参与", 5, .basic, ["创建文明", "城、人人参", "与"], "clreq: 、 never starts"),
        LayoutCase("你我同行？一起来", 4, .basic, ["你我同", "行？一起", "来"], "clreq: ？ never starts (uax14 LB13 EX)"),
        LayoutCase("你我同行！一起来", 4, .basic, ["你我同", "行！一起", "来"], "clreq: ！ never starts (uax14 LB13 EX)"),
        LayoutCase("文明城市创建。」好", 6, .basic, ["文明城市创", "建。」好"], "clreq: 。」 never start"),
        LayoutCase("文明城市创建。」好", 6, .none, ["文明城市创建", "。」好"], "none: pure fill"),
        LayoutCase("爱护环境（人人有责）好", 9, .basic, ["爱护环境（人人有", "责）好"], "clreq: ） never starts"),
        LayoutCase("共同维护“文明”家园", 4, .basic, ["共同维护", "“文明”", "家园"], "clreq: “ never ends"),
        LayoutCase("礼让斑马线·文明出行", 5, .basic, ["礼让斑马", "线·文明出", "行"], "gbt 5.1.6: · never starts"),
        LayoutCase("通知：明天", 2, .basic, ["通", "知：", "明天"], "clreq: ： never starts"),
        LayoutCase("你好吗?", 3, .basic, ["你好", "吗?"], "uax14 LB13: × EX (ASCII ?)"),
        // ASCII no-start characters.
        LayoutCase("文明AB,CD", 3, .basic, ["文明", "AB,CD"], "uax14 LB13: × IS (ASCII ,)"),
        LayoutCase("文明AB,CD", 3, .none, ["文明AB", ",CD"], "none: pure fill"),
        // No-end characters: an opening bracket goes down with what follows.
        LayoutCase("文明「出行」好", 3, .basic, ["文明", "「出", "行」好"], "clreq: 「 never ends"),
        LayoutCase("文明「出行」好", 3, .none, ["文明「", "出行」", "好"], "none: pure fill"),
        LayoutCase("请读《文明公约》", 3, .basic, ["请读", "《文明", "公约》"], "clreq: 《 never ends"),
        LayoutCase("市民须知【重要】", 5, .basic, ["市民须知", "【重要】"], "clreq: 【 never ends"),
        LayoutCase("他说“你好”", 3, .basic, ["他说", "“你", "好”"], "clreq: “ never ends"),
        LayoutCase("他说‘好’", 3, .basic, ["他说", "‘好’"], "clreq: ‘ never ends"),
        LayoutCase("文明城市创(2026)", 6, .basic, ["文明城市创", "(2026)"], "§13: ASCII ( never ends (uax14 LB14)"),
        LayoutCase("文明城市(ABC)", 5, .basic, ["文明城市", "(ABC)"], "§13: ASCII ( never ends (uax14 LB14)"),
        LayoutCase("他说\"你好\"", 3, .basic, ["他说", "\"你好\""], "§13: opening ASCII quote never ends"),
        LayoutCase("A说说说\"文明\"", 6, .basic, ["A说说说\"文", "明\""], "clreq: closing ASCII quote never starts"),
        // '/' never starts a line (§13, uax14 LB13 × SY); at gb it never ends one either (gbt 5.1.8).
        LayoutCase("共建/共享", 3, .basic, ["共建/", "共享"], "§13: break after /"),
        LayoutCase("共建/共享", 2, .basic, ["共", "建/", "共享"], "§13: / never starts"),
        LayoutCase("共建/共享", 2, .none, ["共建", "/共", "享"], "none: pure fill"),
        LayoutCase("共建/共享", 3, .gb, ["共", "建/共", "享"], "gbt 5.1.8: / neither starts nor ends"),
        LayoutCase("共建/共享", 3, .strict, ["共", "建/共", "享"], "gbt 5.1.8: / neither starts nor ends"),
        LayoutCase("共建共享/文明", 4, .basic, ["共建共", "享/文明"], "§13: / never starts"),
        // '～' and other non-starters.
        LayoutCase("时间八点～九点", 4, .basic, ["时间八", "点～九点"], "§13: ～ never starts"),
        LayoutCase("时间八点～九点", 4, .none, ["时间八点", "～九点"], "none: pure fill"),
        LayoutCase("八点〜九点", 2, .basic, ["八", "点〜", "九点"], "uax14 LB21: × NS (〜)"),
        // gb: connecting marks never start a line (gbt 5.1.5).
        LayoutCase("北京-广州", 2, .basic, ["北京", "-广", "州"], "basic: a lone hyphen may start"),
        LayoutCase("北京-广州", 2, .gb, ["北", "京-", "广州"], "gbt 5.1.5: - never starts"),
        LayoutCase("古猿—猿人", 2, .basic, ["古猿", "—猿", "人"], "basic: a lone — may start"),
        LayoutCase("古猿—猿人", 2, .gb, ["古", "猿—", "猿人"], "gbt 5.1.5: — (connecting) never starts"),
        // strict: —— and …… never start a line; they are never split.
        LayoutCase("文明城市——我们的家", 5, .basic, ["文明城市", "——我们的", "家"], "unit: —— never split"),
        LayoutCase("文明城市——我们的家", 5, .strict, ["文明城", "市——我们", "的家"], "gbt 5.1.3: —— never starts (strict)"),
        LayoutCase("文明城市……我们的家", 5, .basic, ["文明城市", "……我们的", "家"], "unit: …… never split"),
        LayoutCase("文明城市……我们的家", 5, .strict, ["文明城", "市……我们", "的家"], "gbt 5.1.4: …… never starts (strict)"),
        LayoutCase("文明城——家", 4, .basic, ["文明城", "——家"], "unit: —— never split"),
        LayoutCase("文明——城市", 4, .gb, ["文明——", "城市"], "unit: —— never split"),
        LayoutCase("好——好", 2, .none, ["好", "——", "好"], "unit: —— never split, even at none"),
        // ASCII words and numbers never break; half width is font/2.
        LayoutCase("欢迎来到Lanzhou", 6, .basic, ["欢迎来到", "Lanzhou"], "unit: ASCII word (uax14 LB28)"),
        LayoutCase("欢迎来到Lanzhou", 8, .basic, ["欢迎来到Lanzhou"], "fill: half width is font/2"),
        LayoutCase("共有12345名志愿者", 5, .basic, ["共有", "12345名志", "愿者"], "§13: break before the number group"),
        LayoutCase("共有12345名志愿者", 4, .basic, ["共有", "12345名", "志愿者"], "unit: number (uax14 LB25)"),
        LayoutCase("达标率98.5%以上", 4, .basic, ["达标率", "98.5%以", "上"], "unit: number with % (uax14 LB25)"),
        LayoutCase("达标率98.5%", 5, .none, ["达标率", "98.5%"], "unit: number with %, even at none"),
        LayoutCase("今日气温25℃请注意", 4, .basic, ["今日气温", "25℃请注", "意"], "unit: number with ℃"),
        LayoutCase("开放时间06:30-22:30", 6, .basic, ["开放时间", "06:30-22:30"], "unit: times with - (uax14 LB25)"),
        LayoutCase("累计1,000人次", 4, .basic, ["累计", "1,000人", "次"], "§13: a group wider than a line may break"),
        LayoutCase("Hello World 你好", 6, .basic, ["Hello World", "你好"], "uax14 LB18: break after spaces"),
        LayoutCase("Hello World 你好", 3, .basic, ["Hello", "World", "你好"], "uax14 LB18: break after spaces"),
        LayoutCase("COVID-19防控", 4, .basic, ["COVID-19", "防控"], "unit: word with hyphen"),
        // §13 units: currency signs, units after numbers, full-width digits and letters.
        LayoutCase("活动门票￥120", 5, .basic, ["活动门票", "￥120"], "§13: currency sign stays with its number"),
        LayoutCase("捐款共计$1,000", 5, .basic, ["捐款共计", "$1,000"], "§13: currency sign stays (uax14 LB25 PR×NU)"),
        LayoutCase("事故率降至3‰以下", 6, .basic, ["事故率降至", "3‰以下"], "§13: ‰ stays with its number"),
        LayoutCase("今日最高气温25°C", 7, .basic, ["今日最高气温", "25°C"], "§13: °C stays with its number"),
        LayoutCase("欢迎ＬＥＤ屏幕", 3, .basic, ["欢迎", "ＬＥＤ", "屏幕"], "§13: full-width letters are a unit"),
        LayoutCase("全市共有２０２６名志愿者", 6, .basic, ["全市共有", "２０２６名志", "愿者"], "§13: full-width digits are a unit"),
        // §13: URLs and addresses are units; wider than a line, they break after '/' (never before).
        LayoutCase(
            "详见https://wm.lz.gov.cn/a", 12, .basic, ["详见", "https://wm.lz.gov.cn/a"], "§13: URL fits the next line"),
        LayoutCase(
            "https://wmcs.lanzhou.gov.cn/news/2026/notice.html", 10, .basic,
            ["https://", "wmcs.lanzhou.gov.cn/", "news/2026/", "notice.html"], "§13: long URL breaks after /"),
        LayoutCase(
            "https://a.cn/search?q=wenming&page=2", 8, .gb, ["https://a.cn/", "search?q=", "wenming&page=2"],
            "§13: then after ? & ="),
        LayoutCase("网址www.lz.gov.cn，欢迎", 8, .basic, ["网址", "www.lz.gov.cn，", "欢迎"], "§13: www. URL is a unit"),
        LayoutCase("来信请寄wmb@lanzhou.gov.cn", 8, .basic, ["来信请寄wmb@", "lanzhou.gov.cn"], "§13: address breaks after @"),
        LayoutCase("Well-being-and-civility", 8, .basic, ["Well-being-and-", "civility"], "uax14 LB21: break after -"),
        // §13: a full-width space at a wrapped line's start is dropped; a written indent stays.
        LayoutCase("文明城市　创建", 4, .basic, ["文明城市", "创建"], "§13: wrapped line drops its 　"),
        LayoutCase("　　文明城市", 6, .basic, ["　　文明城市"], "§13: the text's own indent stays"),
        LayoutCase("Lanzhou\u{200B}City", 4, .basic, ["Lanzhou", "City"], "uax14 LB8: break after ZWSP"),
        // §13 quality: a break inside a date or a number with its counters moves before the whole group.
        LayoutCase(
            "【通知】11月29日至12月1日全市开展", 12, .basic, ["【通知】11月29日至", "12月1日全市开展"],
            "§13: break before the date"),
        LayoutCase("【通知】11月29日至12月1日全市开展", 12, .none, ["【通知】11月29日至12月1", "日全市开展"], "none: pure fill"),
        LayoutCase("今年全市共植树3.5万株", 9, .basic, ["今年全市共植树", "3.5万株"], "§13: number with its counter"),
        LayoutCase("活动于明天上午8时30分开始", 8, .basic, ["活动于明天上午", "8时30分开始"], "§13: break before the time"),
        // A unit wider than a line is split.
        LayoutCase(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4, .basic, ["ABCDEFGH", "IJKLMNOP", "QRSTUVWX", "YZ"],
            "unit wider than a line"),
        LayoutCase("编号1234567890", 3, .basic, ["编号12", "345678", "90"], "unit wider than a line"),
        LayoutCase("——", 1, .strict, ["—", "—"], "unit wider than a line"),
        // Hard line breaks and spaces.
        LayoutCase("第一行\n第二行", 6, .basic, ["第一行", "第二行"], "written line break"),
        LayoutCase("第一行\n\n第二行", 6, .basic, ["第一行", "第二行"], "empty lines dropped"),
        LayoutCase("  你好  ", 6, .basic, ["你好"], "spaces trimmed"),
        // Other font sizes.
        LayoutCase("文明城市ABC", 4, .basic, ["文明城市", "ABC"], "fill at 24 px", font: 24),
        LayoutCase("文明城市AB", 5, .basic, ["文明城市AB"], "fill at 12 px", font: 12),
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
        let words = ["LED", "2026", "98%", "25℃", "A/B", "OK", "￥120", "3‰", "２０２６", "(A)", "～", "www.lz.gov.cn/a/b"]
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
            let units = LayoutUnit.split(text, font: 16)
            let unitLines = LineLayout.unitLines(units: units, width: chars * 16, font: 16, kinsoku: level)
            let lines = unitLines.map { $0.map(\.text).joined() }
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
            // Only the breaks the layout chose count: the text itself may start with '：' or end with '/'. A break
            // inside a unit wider than a line (a URL after its '/') is that unit's own and follows no rule.
            for (index, line) in unitLines.enumerated() {
                let texts = line.filter { $0.kind == .text }
                let next = index + 1 < unitLines.count ? unitLines[index + 1].first { $0.kind == .text } : nil
                if index > 0, let first = texts.first {
                    #expect(!Kinsoku.cannotStart(first, level: level), "'\(lines[index])' in \(lines) at \(chars)")
                }
                if let next, !next.isPiece, let last = texts.last {
                    #expect(!Kinsoku.cannotEnd(last, level: level), "'\(lines[index])' in '\(text)' at \(chars)")
                }
                #expect(LayoutUnit.width(of: lines[index], font: 16) <= chars * 16)
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
